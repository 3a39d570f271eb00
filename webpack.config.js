// One page (taskpane.html) serves both the task pane and the custom functions: the shared
// runtime. dist/functions.js must also load on its own as a classic script in a bare JS
// context (Excel's runtime, and test/bundle), so it is one self-contained chunk.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { URL } = require("node:url");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { LocalizedMetadataPlugin } = require("./scripts/build/localized-metadata-plugin");
const { DEV_ORIGIN, parseAddinOrigin, withOrigin } = require("./scripts/build/origin");

const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const OFFICE_CDN = "https://appsforoffice.microsoft.com";
const OFFICE_JS = `${OFFICE_CDN}/lib/1/hosted/office.js`;
const DEV_PORT = Number(new URL(DEV_ORIGIN).port);

/**
 * One policy for both pages. Fluent UI (griffel) injects <style> elements, hence
 * 'unsafe-inline' for styles only. No 'unsafe-eval': the production bundles contain no eval
 * (test/bundle checks). `scripts`: origins besides our own for scripts and requests.
 */
function contentSecurityPolicy({ scripts = [], images = [] }) {
  const own = (extra) => ["'self'", ...extra].join(" ");
  return [
    "default-src 'self'",
    `script-src ${own(scripts)}`,
    "style-src 'self' 'unsafe-inline'",
    `connect-src ${own(scripts)}`,
    `img-src ${own(["data:", ...images])}`,
    "object-src 'none'",
    "base-uri 'self'",
  ].join("; ");
}

// Office.js comes from Microsoft's CDN and loads its host scripts from there.
const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ scripts: [OFFICE_CDN] });
// The preview page (preview.html) runs without Office: nothing from Microsoft's CDN.
// blob: for the "Download workbook" link.
const PREVIEW_CONTENT_SECURITY_POLICY = contentSecurityPolicy({ images: ["blob:"] });

/** office-addin-dev-certs' certificate when installed (trusted by Office on Windows/Mac); else a self-signed one. */
function devServerHttps() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((file) => fs.existsSync(path.join(dir, file)))) return "https";
  const options = Object.fromEntries(Object.entries(files).map(([k, file]) => [k, fs.readFileSync(path.join(dir, file))]));
  return { type: "https", options };
}

/** The dev server's root opens the preview: there is nothing else to show at "/". */
const previewAtRoot = {
  name: "preview-at-root",
  middleware: (request, response, next) => {
    if (request.method !== "GET" || new URL(request.url, "http://x").pathname !== "/") return next();
    response.writeHead(302, { Location: "/preview.html" });
    response.end();
  },
};

module.exports = (_env, argv) => {
  const production = argv.mode !== "development";
  const origin = process.env.ADDIN_ORIGIN ? parseAddinOrigin(process.env.ADDIN_ORIGIN) : DEV_ORIGIN;

  return {
    mode: production ? "production" : "development",
    // The default development devtool wraps modules in eval(), which the CSP forbids.
    devtool: "source-map",
    target: ["web", "es2020"],
    entry: {
      functions: FUNCTIONS_SOURCE,
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/taskpane/preview.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Excel's functions runtime has no window/self; globalThis exists everywhere.
      globalObject: "globalThis",
      publicPath: "/",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    // Without this, a library's mention of `global` pulls in a shim that calls new Function().
    node: { global: false },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          // ExcelJS's browser build, used by the preview page only.
          test: /[\\/]exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
          use: { loader: path.resolve(__dirname, "scripts/build/no-eval-loader.js") },
        },
      ],
    },
    optimization: { runtimeChunk: false, splitChunks: false },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_SOURCE }),
      new LocalizedMetadataPlugin({
        metadata: "functions.json",
        translations: { "zh-CN": "./src/functions/translations.zh-CN.json" },
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        templateParameters: { officeJs: OFFICE_JS, contentSecurityPolicy: CONTENT_SECURITY_POLICY },
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/taskpane/preview.html",
        chunks: ["preview"],
        scriptLoading: "defer",
        templateParameters: { contentSecurityPolicy: PREVIEW_CONTENT_SECURITY_POLICY },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/sample-workbook.xlsx", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => withOrigin(content.toString(), origin) },
        ],
      }),
    ],
    devServer: {
      port: DEV_PORT,
      server: devServerHttps(),
      // Several entries share one page: hot module replacement would need a shared runtime chunk.
      hot: false,
      liveReload: true,
      static: false,
      headers: {
        // Excel fetches functions.json/functions.js from its own origin.
        "Access-Control-Allow-Origin": "*",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      },
      client: { overlay: { warnings: false, errors: true } },
      setupMiddlewares: (middlewares) => [previewAtRoot, ...middlewares],
    },
  };
};

module.exports.CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;
module.exports.previewAtRoot = previewAtRoot;
module.exports.PREVIEW_CONTENT_SECURITY_POLICY = PREVIEW_CONTENT_SECURITY_POLICY;
