// npm start: a development build served on https://localhost:3000, sideloaded into desktop
// Excel where there is one (Windows, macOS), and instructions for loading it anywhere else.
// Runs until Ctrl-C. office-addin-debugging and office-addin-dev-certs are fetched by npx on
// demand, not dependencies: their native modules do not build on Linux.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, URL } from "node:url";
import webpack from "webpack";
import WebpackDevServer from "webpack-dev-server";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { DEV_ORIGIN } = require("./build/origin.js");
const makeConfig = require("../webpack.config.js");

const DESKTOP_EXCEL = process.platform === "win32" || process.platform === "darwin";
const TRUSTED_CERT = join(homedir(), ".office-addin-dev-certs", "localhost.crt");
const shell = process.platform === "win32"; // npx is npx.cmd there

function npx(args) {
  return new Promise((resolve) => {
    const child = spawn("npx", ["--yes", ...args], { cwd: ROOT, stdio: "inherit", shell });
    child.on("error", () => resolve(false));
    child.on("exit", (code) => resolve(code === 0));
  });
}

/** Desktop Excel refuses a self-signed certificate; office-addin-dev-certs installs a trusted one. */
async function ensureTrustedCertificate() {
  if (!DESKTOP_EXCEL || existsSync(TRUSTED_CERT)) return;
  console.log("Installing a trusted development certificate for https://localhost (you may be asked to confirm)…");
  if (!(await npx(["office-addin-dev-certs", "install"]))) {
    console.warn("Could not install the development certificate; the dev server will use a self-signed one.");
  }
}

async function startServer() {
  const config = makeConfig({}, { mode: "development" });
  // Only errors and warnings: the URL to open is printed last, not pushed off the screen.
  config.stats = "errors-warnings";
  config.infrastructureLogging = { level: "warn" };
  const compiler = webpack(config);
  const firstBuild = new Promise((resolve) => compiler.hooks.done.tap("start", resolve));
  const server = new WebpackDevServer(config.devServer, compiler);
  await server.start();
  const stats = await firstBuild;
  if (stats.hasErrors()) {
    console.error("\nThe development build has errors (above). The server keeps running and rebuilds when you save.");
  }
  return server;
}

function printHowToLoad(sideloaded) {
  const certificate = existsSync(TRUSTED_CERT)
    ? "The server uses the trusted certificate from office-addin-dev-certs."
    : `The server's certificate is self-signed: open ${DEV_ORIGIN}/taskpane.html once in your browser and accept it
  (or trust it), or Excel cannot load the add-in.`;
  console.log(`
────────────────────────────────────────────────────────────────────────────
Marketing Rulebook is served at ${DEV_ORIGIN}/taskpane.html
Preview without Excel, on the sample workbook: ${DEV_ORIGIN}/preview.html
${sideloaded ? "It has been sideloaded into desktop Excel: look for Home > Rulebook.\n" : ""}
To load it in Excel on the web: open a workbook, then Insert > Add-ins (Office Add-ins)
  > Upload My Add-in, and choose ${join(ROOT, "manifest.xml")}.
${certificate}

Press Ctrl-C to stop.
────────────────────────────────────────────────────────────────────────────`);
}

await ensureTrustedCertificate();
const server = await startServer();

let sideloaded = false;
if (DESKTOP_EXCEL) {
  console.log("Sideloading into desktop Excel…");
  sideloaded = await npx(["office-addin-debugging", "start", "manifest.xml", "desktop", "--dev-server-port", new URL(DEV_ORIGIN).port]);
  if (!sideloaded) console.warn("Sideloading did not succeed; load the add-in by hand as described below.");
}
printHowToLoad(sideloaded);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  if (sideloaded) spawnSync("npx", ["--yes", "office-addin-debugging", "stop", "manifest.xml"], { cwd: ROOT, stdio: "inherit", shell });
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
