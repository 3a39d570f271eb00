/**
 * What the browser tests do on the preview page as a user would: open a tab, say who they
 * are, read the notice, verify the log, and edit a cell of the in-memory workbook the way
 * Excel would (not through the add-in's tables).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { uiText, type Language } from "../../src/i18n";
import type { CellValue, TableData, TableRef } from "../../src/workbook/types";
import { ARTIFACTS, launch, serveDist, watchPage, type BrowserSession, type Watch } from "./harness";

export const notice = (page: Page) => page.getByTestId("notice");

export async function openTab(page: Page, name: string) {
  await page.getByRole("tab", { name }).click();
}

/** Says who the user is in Settings (an English pane) and waits for the save to be confirmed before going on to Approvals. */
export async function identify(page: Page, name: string, role: string) {
  await openTab(page, "Settings");
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("combobox", { name: "Your role" }).click();
  await page.getByRole("option", { name: role, exact: true }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await notice(page).getByText(`Settings saved. You act as ${name} (${role}).`, { exact: true }).waitFor();
  await openTab(page, "Approvals");
}

/** Settings' language switched to 中文 and saved: the pane speaks Chinese from then on. */
export async function useChinese(page: Page) {
  await openTab(page, "Settings");
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("tab", { name: "设置" }).waitFor();
}

/** The pane's texts in one language. */
export type PaneText = (key: string, params?: Record<string, unknown>) => string;

/** The marketing director on the page of `tab` (its key, "bonuses"), the pane in `lang`; the pane's texts in that language. */
export async function openAsDirector(page: Page, lang: Language, tab: string): Promise<PaneText> {
  await identify(page, "王建华", "Marketing director");
  if (lang === "zh") await useChinese(page);
  const t: PaneText = (key, params = {}) => uiText(lang, key, params);
  await openTab(page, t(`tab.${tab}`));
  return t;
}

export async function verifyLog(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Verify log" }).click();
  return (await notice(page).filter({ hasText: "audit log" }).textContent()) ?? "";
}

/** The workbook's bytes as the user downloads them (the Download button, named in the pane's language). */
export async function downloadWorkbook(page: Page, button = "Download workbook"): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return readFileSync(await download.path());
}

/**
 * The pane opened afresh on `bytes` (the preview's test hook, window.__mktTest.open), as a user
 * opens a file someone else saved: the workbook moves from one browser context (one user) to
 * another. The pane keeps its settings and what it trusts (IndexedDB).
 */
export async function openWorkbook(page: Page, bytes: Uint8Array): Promise<void> {
  const base64 = Buffer.from(bytes).toString("base64");
  await page.evaluate((b64) => (window as unknown as { __mktTest: { open(base64: string): Promise<void> } }).__mktTest.open(b64), base64);
  await page.locator("#root[data-ready=true]").waitFor();
}

export async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** One condition on a row's value in a logical column (src/workbook/schema.ts ids). */
export type Condition = { column: string; equals: string | number } | { column: string; year: number } | { column: string; oneOf: string[] };

export interface UserEdit {
  /** The table kind, found as the pane finds it. */
  readonly table: string;
  /** The first body row meeting every condition is edited. */
  readonly where: readonly Condition[];
  readonly column: string;
  /** The cell's new value; `add` adds to the number it holds. */
  readonly value: string | number | { add: number };
}

/**
 * What the preview page's test hook (window.__mktTest.workbook, an XlsxWorkbook) is used for
 * here: its tables to find a row, and its package (private to the layer, reached only by this
 * test) to change one cell of the worksheet part.
 */
export interface PreviewHook {
  readonly tables: {
    findTable(kind: string): Promise<TableRef | undefined>;
    readTable(ref: TableRef): Promise<TableData>;
  };
  readonly book: {
    readonly sheets: readonly { readonly name: string }[];
    readonly tables: readonly { readonly name: string; readonly ref: string }[];
    sheetDoc(sheet: { readonly name: string }): Promise<{
      stylesAt(row: number, columns: { left: number; right: number }): Map<number, number>;
      replaceCells(area: { top: number; left: number; bottom: number; right: number }, cellsOf: (row: number) => string): void;
    }>;
  };
}

/**
 * Someone edits one cell of the in-memory workbook, as they would in Excel: the cell's XML in
 * the worksheet part is replaced (a number, or an inline string), not written through the
 * add-in's tables, which refuse columns the add-in does not own. Returns the worksheet row.
 */
export async function editCell(page: Page, edit: UserEdit): Promise<number> {
  return page.evaluate(async ({ table, where, column, value }) => {
    const workbook = (window as unknown as { __mktTest: { workbook: PreviewHook } }).__mktTest.workbook;
    const ref = await workbook.tables.findTable(table);
    if (!ref) throw new Error(`no ${table} table`);
    const data = await workbook.tables.readTable(ref);
    const meets = (value: CellValue | undefined, condition: Condition) =>
      "equals" in condition
        ? value === condition.equals
        : "year" in condition
          ? value instanceof Date && value.getUTCFullYear() === condition.year
          : typeof value === "string" && condition.oneOf.includes(value);
    const row = data.rows.find((r) => where.every((condition) => meets(r.values[condition.column], condition)));
    if (!row) throw new Error(`no ${table} row where ${JSON.stringify(where)}`);
    const letters = (n: number): string => (n > 26 ? letters(Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
    const number = (name: string) => [...name.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    const tableRef = workbook.book.tables.find((t) => t.name === ref.name)?.ref ?? "A1";
    const left = number(/^\$?([A-Za-z]+)/.exec(tableRef)?.[1] ?? "A");
    const at = left + data.columnMap[column];
    const old = row.values[column];
    const next = typeof value === "object" ? Number(old) + value.add : value;
    const sheet = workbook.book.sheets.find((s) => s.name === row.sheet);
    if (!sheet) throw new Error(`no sheet ${row.sheet}`);
    const doc = await workbook.book.sheetDoc(sheet);
    const style = doc.stylesAt(row.row, { left: at, right: at }).get(at);
    const attributes = `r="${letters(at)}${row.row}"${style === undefined ? "" : ` s="${style}"`}`;
    const escaped = String(next).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const xml = typeof next === "number" ? `<c ${attributes}><v>${next}</v></c>` : `<c ${attributes} t="inlineStr"><is><t>${escaped}</t></is></c>`;
    doc.replaceCells({ top: row.row, bottom: row.row, left: at, right: at }, () => xml);
    return row.row;
  }, edit);
}


export interface PreviewTest {
  readonly page: Page;
  readonly browser: BrowserSession;
  readonly origin: string;
}

/**
 * Registers the hooks of a file of preview tests: one browser and server for the file, a
 * fresh context and page (its own in-memory sample workbook) per test, and after each test
 * no error logged and nothing fetched from outside the test server.
 */
export function previewPerTest(contextOptions: Parameters<BrowserSession["newContext"]>[0] = {}): PreviewTest {
  let server: Awaited<ReturnType<typeof serveDist>>;
  let browser: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let watch: Watch;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([serveDist(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext(contextOptions);
    page = await context.newPage();
    watch = await watchPage(page, server.origin);
    await page.goto(`${server.origin}/preview.html`);
    await page.locator("#root[data-ready=true]").waitFor();
  });
  afterEach(async () => {
    await context.close();
    expect(watch.errors).toEqual([]);
    expect(watch.outside).toEqual([]);
  });
  return {
    get page() {
      return page;
    },
    get browser() {
      return browser;
    },
    get origin() {
      return server.origin;
    },
  };
}
