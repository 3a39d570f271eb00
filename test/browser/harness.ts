/**
 * Browser tests of the built preview page (dist/preview.html, from `npm run build`): a tiny
 * static server on 127.0.0.1 sending the page's own CSP as a header, and Debian's Chromium
 * driven by playwright-core (no browser is ever downloaded).
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const DIST = join(__dirname, "..", "..", "dist");
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

export async function serveDist(): Promise<{ origin: string; close: () => Promise<void> }> {
  if (!existsSync(join(DIST, "preview.html"))) throw new Error("dist/preview.html is missing: run `npm run build` first (npm test does).");
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
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
  /** A fresh context (empty storage) at 320 px; in UTC unless a time zone is given. */
  newContext(options?: { colorScheme?: "light" | "dark"; timezoneId?: string }): Promise<BrowserContext>;
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
    newContext: async ({ colorScheme = "light", timezoneId = "UTC" } = {}) => {
      const context = await browser.newContext({ viewport: { width: 320, height: 720 }, locale: "en-US", timezoneId, colorScheme, reducedMotion: "reduce", acceptDownloads: true });
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
