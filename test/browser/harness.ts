/**
 * Browser tests of the built preview page (dist/preview.html, from `npm run build`): a tiny
 * static server on 127.0.0.1 sending the page's own CSP as a header, and Debian's Chromium
 * driven by playwright-core (no browser is ever downloaded). The server also sends axe-core's
 * axe.min.js from the page's own origin (AXE_PATH), so that checkAccessibility can add it as a
 * same-origin script that the page's CSP (`script-src 'self'`) allows: the CSP stays in force.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { AxeResults, ImpactValue, Result, RunOptions } from "axe-core";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** MKT_DIST: a build made elsewhere (`npx webpack --mode production --output-path DIR`), so that two builds do not overwrite each other. */
export const DIST = process.env.MKT_DIST ?? join(__dirname, "..", "..", "dist");
export const ARTIFACTS = join(__dirname, "..", "..", "test-artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
};

/** The CSP a built page declares in its meta tag; the test server sends it as a header too. */
export function pageCsp(file: string): string {
  const html = readFileSync(file, "utf8");
  const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1];
  if (!csp) throw new Error(`${file} has no Content-Security-Policy meta tag`);
  return csp.replace(/&#39;/g, "'");
}

/** Where the test server sends axe-core's axe.min.js (a test file, never part of dist). */
export const AXE_PATH = "/__test__/axe.min.js";
const AXE_FILE = require.resolve("axe-core/axe.min.js");

export async function serveDist(): Promise<{ origin: string; close: () => Promise<void> }> {
  if (!existsSync(join(DIST, "preview.html"))) throw new Error("dist/preview.html is missing: run `npm run build` first (npm test does).");
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (path === AXE_PATH) {
      response.writeHead(200, { "Content-Type": TYPES[".js"] });
      response.end(readFileSync(AXE_FILE));
      return;
    }
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" };
    if (extname(file) === ".html") headers["Content-Security-Policy"] = pageCsp(file);
    response.writeHead(200, headers);
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface BrowserSession {
  readonly browser: Browser;
  /** A fresh context (empty storage) at 320 px; in UTC and en-US unless a time zone or a locale (navigator.language) is given. */
  newContext(options?: { colorScheme?: "light" | "dark"; timezoneId?: string; locale?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launch(): Promise<BrowserSession> {
  // Playwright gives every launch a fresh temporary profile (user-data-dir) and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    newContext: async ({ colorScheme = "light", timezoneId = "UTC", locale = "en-US" } = {}) => {
      const context = await browser.newContext({ viewport: { width: 320, height: 720 }, locale, timezoneId, colorScheme, reducedMotion: "reduce", acceptDownloads: true });
      context.setDefaultTimeout(10_000);
      return context;
    },
    close: async () => {
      await browser.close();
    },
  };
}

/**
 * Console errors (CSP violations are logged there), page errors, web workers started (the
 * .xlsx layer runs zip.js without workers: a worker would need a script URL the CSP refuses)
 * and requests that leave the test server, collected per page.
 */
export interface Watch {
  readonly errors: string[];
  readonly outside: string[];
}

export async function watchPage(page: Page, origin: string): Promise<Watch> {
  const watch: Watch = { errors: [], outside: [] };
  page.on("console", (message) => {
    if (message.type() === "error") watch.errors.push(message.text());
  });
  page.on("pageerror", (error) => watch.errors.push(error.message));
  page.on("worker", (worker) => watch.errors.push(`web worker started: ${worker.url()}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    watch.outside.push(url);
    return route.abort();
  });
  return watch;
}

/** One axe finding: the rule, how bad, and the elements (CSS selectors) it was found on. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: ImpactValue | null | undefined;
  readonly help: string;
  readonly helpUrl: string;
  readonly targets: readonly string[];
  /** Each node's opening markup, in the order of targets. */
  readonly html: readonly string[];
  /** axe's summary of what to fix on each node, in the order of targets. */
  readonly failures: readonly string[];
}

export interface AccessibilityOptions {
  /** What to check: a CSS selector; the whole document by default. */
  readonly include?: string;
  /** axe's run options (runOnly, rules, …); every rule axe runs by default, details for violations only. */
  readonly run?: RunOptions;
}

/**
 * Runs axe-core on the page as it is and returns its violations (every impact). axe.min.js is
 * added once per document as a script from the page's own origin (AXE_PATH on the test
 * server), which `script-src 'self'` allows: no bypassCSP, the page's CSP stays in force.
 */
export async function checkAccessibility(page: Page, options: AccessibilityOptions = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ url: new URL(AXE_PATH, page.url()).href });
  }
  const results = await page.evaluate(
    ({ include, run }) => (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe.run(include ?? document, run),
    // Only violations are returned: axe details no other results (a third of the time).
    { include: options.include, run: { resultTypes: ["violations"], ...options.run } satisfies RunOptions },
  );
  return results.violations.map((violation: Result) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    targets: violation.nodes.map((node) => node.target.map((part) => (Array.isArray(part) ? part.join(" >>> ") : String(part))).join(" → ")),
    html: violation.nodes.map((node) => node.html),
    failures: violation.nodes.map((node) => node.failureSummary ?? ""),
  }));
}
