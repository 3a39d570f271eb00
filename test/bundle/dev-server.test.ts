/**
 * What `npm start` serves besides the bundles: "/" opens the preview, and both pages name
 * an icon that the build ships (no favicon 404).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// webpack.config.js is CommonJS, loaded as the dev server loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { previewAtRoot } = require("../../webpack.config.js") as {
  previewAtRoot: { middleware: (request: { method: string; url: string }, response: FakeResponse, next: () => void) => void };
};

interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  ended: boolean;
  writeHead(status: number, headers: Record<string, string>): FakeResponse;
  end(): void;
}

function serve(method: string, url: string): { redirected?: string; passedOn: boolean } {
  const response: FakeResponse = {
    ended: false,
    writeHead(status, headers) {
      this.status = status;
      this.headers = headers;
      return this;
    },
    end() {
      this.ended = true;
    },
  };
  let passedOn = false;
  previewAtRoot.middleware({ method, url }, response, () => (passedOn = true));
  return { redirected: response.status === 302 && response.ended ? response.headers?.Location : undefined, passedOn };
}

test("the dev server's root redirects to the preview; every other path goes on to the bundles", () => {
  expect(serve("GET", "/")).toEqual({ redirected: "/preview.html", passedOn: false });
  expect(serve("GET", "/?lang=zh")).toEqual({ redirected: "/preview.html", passedOn: false });
  for (const url of ["/preview.html", "/taskpane.html", "/assets/icon-32.png", "/x/"]) expect(serve("GET", url)).toEqual({ redirected: undefined, passedOn: true });
  expect(serve("POST", "/")).toEqual({ redirected: undefined, passedOn: true });
});

test.each(["preview.html", "taskpane.html"])("dist/%s names an icon the build ships", (page) => {
  const html = readFileSync(join(__dirname, "..", "..", "dist", page), "utf8");
  // The build minifies the page: attribute quotes may go.
  const href = /<link rel="?icon"? type="?image\/png"? href="?([^"\s>]+)/.exec(html)?.[1];
  expect(href).toBe("assets/icon-32.png");
  expect(existsSync(join(__dirname, "..", "..", "dist", href as string))).toBe(true);
});
