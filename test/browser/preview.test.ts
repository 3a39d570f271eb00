/**
 * The task pane in Chromium, on the built preview page (dist/preview.html) with the sample
 * workbook: what a manager, finance and a rep's manager see and do, at 320 px.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import type { CellValue, TableData, TableRef } from "../../src/workbook/types";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { ARTIFACTS, DIST, launch, serveDist, watchPage, type BrowserSession, type Watch } from "./harness";

jest.setTimeout(60_000);

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
  context = await browser.newContext();
  page = await context.newPage();
  watch = await watchPage(page, server.origin);
  await page.goto(`${server.origin}/preview.html`);
  await page.locator("#root[data-ready=true]").waitFor();
});

afterEach(async () => {
  await context.close();
  // Every test: nothing logged as an error, nothing fetched from outside the test server.
  expect(watch.errors).toEqual([]);
  expect(watch.outside).toEqual([]);
});

const notice = () => page.getByTestId("notice");

async function openTab(name: string) {
  await page.getByRole("tab", { name }).click();
}

async function identify(name: string, role: string) {
  await openTab("Settings");
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("combobox", { name: "Your role" }).click();
  await page.getByRole("option", { name: role }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await openTab("Approvals");
}

async function openPlan(id: string) {
  await page.getByRole("button", { name: new RegExp(id) }).click();
  await page.getByTestId("checks").waitFor();
}

async function act(action: "Approve" | "Return for revision" | "Reject", comment = "") {
  if (comment) await page.getByLabel("Comment (required to return or reject)").fill(comment);
  await page.getByRole("button", { name: action, exact: true }).click();
}

async function verifyLog(): Promise<string> {
  await page.getByRole("button", { name: "Verify log" }).click();
  return (await notice().filter({ hasText: "audit log" }).textContent()) ?? "";
}

async function shoot(name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** One condition on a row's value in a logical column (src/workbook/schema.ts ids). */
type Condition = { column: string; equals: string | number } | { column: string; year: number } | { column: string; oneOf: string[] };

interface UserEdit {
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
interface PreviewHook {
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
async function editCell(edit: UserEdit): Promise<number> {
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

test("a promotion plan goes through the director, then the president; the audit log grows and verifies", async () => {
  await identify("王建华", "Marketing director");
  await page.getByText(/Waiting for you \(\d+\)/).waitFor();
  await openPlan("P2025-009");
  // Audience is empty on this sample plan: the check says so before anyone acts.
  await page.getByTestId("checks").getByText("Missing: audience.").waitFor();
  await shoot("approvals-320");
  await act("Approve");
  await notice().getByText("P2025-009 is now Approved by director. Audit entry #2 written.").waitFor();

  await identify("李明", "President");
  await openPlan("P2025-009");
  await act("Approve");
  await notice().getByText("P2025-009 is now Approved. Audit entry #3 written.").waitFor();
  // Approved, it waits for nobody: among all plans, its panel is still open with the history.
  await page.getByRole("switch", { name: /All plans/ }).click();
  await page.getByTestId("history").getByText(/#2 .* 李明 \(President\): approved Approved by director → Approved/).waitFor();
  // The first step is preceded by the Baseline entry (SPEC §5.4): 3 entries.
  expect(await verifyLog()).toContain("The audit log's 3 entries form an unbroken chain.");
});

test("returning and rejecting need a comment; editing an audit row afterwards is detected", async () => {
  await identify("王建华", "Marketing director");
  await openPlan("P2025-007");
  await act("Return for revision");
  await notice().getByText("A comment is required to return a plan.").waitFor();
  await act("Return for revision", "请补充三四线城市的渠道预算明细");
  await notice().getByText("P2025-007 is now Draft. Audit entry #2 written.").waitFor();

  await openPlan("P2025-005");
  await act("Reject", "活动开始日期不足一个月");
  await notice().getByText("P2025-005 is now Rejected. Audit entry #3 written.").waitFor();
  expect(await verifyLog()).toContain("3 entries form an unbroken chain");

  // Someone edits the first step's comment in the sheet (entry 1 is the Baseline).
  const row = await editCell({ table: "AuditLog", where: [{ column: "Seq", equals: 2 }], column: "Comment", value: "同意" });
  expect(await verifyLog()).toContain(`The audit log was changed: a row was edited at AuditLog!row ${row}.`);
});

test("refreshing rebates shows progress and a summary; a row moves on one status", async () => {
  await identify("王建华", "Marketing director");
  await openTab("Rebates");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Refresh rebates" }).click();
  await notice().getByText(/^2025: \d+ dealers, total rebate [\d,.]+ \(retroactive\); \d+ change\(s\) since the last refresh\. Written to the workbook\.$/).waitFor();
  await page.getByTestId("rebate-progress").waitFor();
  await page.getByText(/Writing \d+ \/ \d+/).waitFor();
  await shoot("rebates-320");

  const first = page.getByRole("button", { name: /^→ Reviewed · / }).first();
  const dealer = ((await first.getAttribute("aria-label")) ?? "").replace("→ Reviewed · ", "");
  await first.click();
  await notice().getByText(`${dealer}: now Reviewed.`).waitFor();

  await page.getByRole("button", { name: "Refresh rebates" }).click();
  await notice().getByText(/Nothing changed since the last run; nothing was written\./).waitFor();

  // A late purchase changes the reviewed amount: the row goes back to Calculated, and the pane says so.
  await editCell({
    table: "Purchases",
    where: [{ column: "Dealer", equals: dealer }, { column: "Date", year: 2025 }, { column: "Type", oneOf: ["进货", "purchase"] }],
    column: "Amount",
    value: { add: 500_000 },
  });
  await page.getByRole("button", { name: "Refresh rebates" }).click();
  await notice().getByText(new RegExp(`^${dealer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: [\\d,.]+ → [\\d,.]+; back to Calculated for a new review\\.$`)).waitFor();
});

test("bonus statements explain each component for a chosen rep", async () => {
  await identify("王建华", "Marketing director");
  await openTab("Bonuses");
  await page.getByLabel("Month").fill("2025-11");
  await page.getByRole("button", { name: "Write bonus statements" }).click();
  await notice().getByText(/statements for 2025-11, total/).waitFor();
  await page.getByRole("table").getByRole("button").first().click();
  const explanation = page.getByTestId("bonus-explanation");
  await explanation.getByText(/^Rank \w+ qualified this month\./).waitFor();
  await explanation.getByText(/^Base bonus: /).waitFor();
  await explanation.getByText(/^Total [\d,.]+, paid on \d{4}-\d\d-\d\d\.$/).waitFor();
  await shoot("bonuses-320");
});

test("the budget report highlights overspending and draws the chart in the preview", async () => {
  await identify("王建华", "Marketing director");
  await openTab("Budget");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Write budget report" }).click();
  await notice().getByText(/^\d+ report rows; \d+ over budget\. Written to the workbook\.$/).waitFor();
  await page.getByText("Native charts are written only in Excel; the preview draws this one here.").waitFor();
  await page.getByTestId("budget-chart").waitFor();
  const over = await page.locator("tr[data-status=OVER]").count();
  const summary = (await notice().first().textContent()) ?? "";
  expect(summary).toContain(`${over} over budget`);
  await shoot("budget-320");
});

test("settings switch the pane to Chinese, with statuses in Chinese; the workbook downloads", async () => {
  await identify("王建华", "Marketing director");
  await shoot("settings-320");
  await openTab("Settings");
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("tab", { name: "审批" }).click();
  await page.getByRole("switch", { name: /全部计划/ }).click();
  await page.getByText("费用预算 · 已编制").waitFor();
  await shoot("approvals-zh-320");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载工作簿" }).click()]);
  const path = join(ARTIFACTS, "preview-download.xlsx");
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  expect(workbook.getWorksheet("Plans")).toBeDefined();
});

test("the workbook downloads whole, with the table the page wrote (download timed)", async () => {
  await identify("王建华", "Marketing director");
  await openTab("Budget");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Write budget report" }).click();
  const summary = notice().getByText(/^\d+ report rows; \d+ over budget\. Written to the workbook\.$/);
  await summary.waitFor();
  const reportRows = Number(/^(\d+)/.exec((await summary.textContent()) ?? "")?.[1]);
  expect(reportRows).toBeGreaterThan(0);

  // From the click to the download event (the page has saved the package and made its blob
  // URL) and to the file being complete on disk. Printed and kept, not asserted.
  const downloading = page.waitForEvent("download");
  const start = performance.now();
  await page.getByRole("button", { name: "Download workbook" }).click();
  const download = await downloading;
  const toEvent = performance.now() - start;
  const file = await download.path();
  const toComplete = performance.now() - start;
  const bytes = new Uint8Array(readFileSync(file));
  console.log(
    `preview "Download workbook" (sample workbook + budget report): click → download event ${toEvent.toFixed(0)} ms, click → file complete ${toComplete.toFixed(0)} ms, ${bytes.length.toLocaleString("en-US")} bytes`,
  );
  writeFileSync(join(ARTIFACTS, "preview-download-ms.txt"), `${Math.round(toComplete)}\n`);
  writeFileSync(join(ARTIFACTS, "preview-download-en.xlsx"), bytes);

  // The package layer opens it in Node and reads the report the page wrote, as the page holds it.
  const workbook = await XlsxWorkbook.open(bytes, { file: "preview download" });
  const ref = await workbook.tables.findTable("BudgetReport");
  if (!ref) throw new Error("the downloaded workbook has no BudgetReport table");
  const report = await workbook.tables.readTable(ref);
  expect(report.rows).toHaveLength(reportRows);
  const inPage = await page.evaluate(async () => {
    const hook = (window as unknown as { __mktTest: { workbook: PreviewHook } }).__mktTest.workbook;
    const ref = await hook.tables.findTable("BudgetReport");
    return ref ? (await hook.tables.readTable(ref)).rows.map((r) => r.values) : [];
  });
  expect(report.rows.map((r) => r.values)).toEqual(inPage);
  // Nothing else was lost: every sheet and table the sample has is still there.
  const sample = await XlsxWorkbook.open(new Uint8Array(readFileSync(join(DIST, "assets", "sample-workbook.xlsx"))));
  for (const kind of ["Plans", "Purchases", "Sales", "Reps", "Budget", "RebatePolicy"] as const) {
    const before = await sample.tables.findTable(kind);
    const after = await workbook.tables.findTable(kind);
    expect(after).toEqual(before);
    if (before && after) expect((await workbook.tables.readTable(after)).rows).toEqual((await sample.tables.readTable(before)).rows);
  }

  // A second reader (ExcelJS, a test-only dependency) loads it too, with the report table.
  const excelJs = new ExcelJS.Workbook();
  await excelJs.xlsx.load(bytes as unknown as ArrayBuffer);
  const sampleSheets = new ExcelJS.Workbook();
  await sampleSheets.xlsx.load(readFileSync(join(DIST, "assets", "sample-workbook.xlsx")) as unknown as ArrayBuffer);
  expect(excelJs.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(sampleSheets.worksheets.map((w) => w.name)));
  const sheet = excelJs.getWorksheet(ref.sheet);
  expect(sheet?.getTable(ref.name)).toBeDefined();
  expect(sheet?.getRow(report.rows[0].row).values).toEqual(expect.arrayContaining([report.rows[0].values.Category]));
});

test("a plan changed in the sheet meanwhile is not overwritten: the user is told and the list reloads", async () => {
  await identify("王建华", "Marketing director");
  await openPlan("P2025-004");
  await editCell({ table: "Plans", where: [{ column: "ID", equals: "P2025-004" }], column: "Status", value: "Draft" });
  await act("Approve");
  await notice().getByText("P2025-004 was changed in the workbook meanwhile; nothing was written. The list has been reloaded: check it and act again.").waitFor();
  expect(await verifyLog()).toContain("The audit log's 0 entries form an unbroken chain.");
});

test("rebates are not computed on unreadable purchases: the rows are listed, in the user's words", async () => {
  const row = await editCell({ table: "Purchases", where: [{ column: "Date", year: 2025 }], column: "Amount", value: "一万二" });
  await openTab("Rebates");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Refresh rebates" }).click();
  await notice().getByText("1 row(s) could not be read; nothing was written. Fix them and try again:").waitFor();
  await notice().getByText(`Purchases!row ${row}: Amount: “一万二” is not a number.`, { exact: false }).waitFor();
});

test("a table name chosen in Settings is used, and a missing table is explained", async () => {
  await openTab("Settings");
  await page.getByText("Table names").click();
  await page.getByRole("textbox", { name: "Plans table" }).fill("PlansOld");
  await page.getByRole("button", { name: "Save" }).click();
  await openTab("Approvals");
  await notice().getByText("No Plans table found. Create an Excel table with the Plans headers, or choose its name in Settings.").waitFor();
});

test("the pages are reachable with the keyboard alone", async () => {
  await page.getByRole("tab", { name: "Settings" }).focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Write budget report" }).waitFor();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("spinbutton", { name: "Year" }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
});

test("the preview follows a dark colour scheme", async () => {
  const dark = await browser.newContext({ colorScheme: "dark" });
  const darkPage = await dark.newPage();
  const darkWatch = await watchPage(darkPage, server.origin);
  await darkPage.goto(`${server.origin}/preview.html`);
  await darkPage.locator("#root[data-ready=true]").waitFor();
  const background = await darkPage.locator("main").evaluate((el) => getComputedStyle(el.closest(".fui-FluentProvider") as Element).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeLessThan(3 * 80);
  await darkPage.screenshot({ path: join(ARTIFACTS, "settings-dark-320.png") });
  await dark.close();
  expect(darkWatch).toEqual({ errors: [], outside: [] });
});
