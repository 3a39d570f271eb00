/**
 * The real task pane page (dist/taskpane.html) in Chromium outside Excel: Office.js is
 * replaced by a stub served in place of Microsoft's CDN (nothing leaves the machine), so the
 * shipped bundles load under the page's CSP and the pane follows Office's language and theme.
 */
import type { BrowserContext } from "playwright-core";
import { launch, serveDist, watchPage, type BrowserSession } from "./harness";

jest.setTimeout(60_000);

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Office in a browser tab that is not inside Excel: ready, Chinese, dark, but no host. */
const OFFICE_STUB = `
window.Office = {
  HostType: { Excel: "Excel" },
  context: { host: null, displayLanguage: "zh-CN", officeTheme: { bodyBackgroundColor: "#1f1f1f" } },
  onReady: function () { return Promise.resolve({ host: null, platform: null }); },
};
window.CustomFunctions = { associate: function () {} };
`;

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: BrowserSession;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([serveDist(), launch()]);
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

test("outside Excel the pane loads under its CSP, in Office's language and theme, and says where to open it", async () => {
  const page = await context.newPage();
  const watch = await watchPage(page, server.origin);
  await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: "text/javascript", body: OFFICE_STUB }));
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByText("请在 Excel 中打开此窗格（开始 › 营销制度）以处理工作簿。").waitFor();
  await page.getByRole("tab", { name: "设置" }).waitFor();
  const background = await page.locator("main").evaluate((el) => getComputedStyle(el.closest(".fui-FluentProvider") as Element).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeLessThan(3 * 80);
  expect(watch).toEqual({ errors: [], outside: [] });
});
