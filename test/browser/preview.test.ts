/**
 * The task pane in Chromium, on the built preview page (dist/preview.html) with the sample
 * workbook: what a manager, finance and a rep's manager see and do, at 320 px.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { ARTIFACTS, launch, serveDist, watchPage, type BrowserSession, type Watch } from "./harness";

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

test("a promotion plan goes through the director, then the president; the audit log grows and verifies", async () => {
  await identify("王建华", "Marketing director");
  await page.getByText(/Waiting for you \(\d+\)/).waitFor();
  await openPlan("P2025-009");
  // Audience is empty on this sample plan: the check says so before anyone acts.
  await page.getByTestId("checks").getByText("Missing: audience.").waitFor();
  await shoot("approvals-320");
  await act("Approve");
  await notice().getByText("P2025-009 is now Approved by director. Audit entry #1 written.").waitFor();

  await identify("李明", "President");
  await openPlan("P2025-009");
  await act("Approve");
  await notice().getByText("P2025-009 is now Approved. Audit entry #2 written.").waitFor();
  // Approved, it waits for nobody: among all plans, its panel is still open with the history.
  await page.getByRole("switch", { name: /All plans/ }).click();
  await page.getByTestId("history").getByText(/#2 .* 李明 \(President\): approved Approved by director → Approved/).waitFor();
  expect(await verifyLog()).toContain("The audit log's 2 entries form an unbroken chain.");
});

test("returning and rejecting need a comment; editing an audit row afterwards is detected", async () => {
  await identify("王建华", "Marketing director");
  await openPlan("P2025-007");
  await act("Return for revision");
  await notice().getByText("A comment is required to return a plan.").waitFor();
  await act("Return for revision", "请补充三四线城市的渠道预算明细");
  await notice().getByText("P2025-007 is now Draft. Audit entry #1 written.").waitFor();

  await openPlan("P2025-005");
  await act("Reject", "活动开始日期不足一个月");
  await notice().getByText("P2025-005 is now Rejected. Audit entry #2 written.").waitFor();
  expect(await verifyLog()).toContain("2 entries form an unbroken chain");

  // Someone edits the first entry's comment in the sheet (test hook of the preview page only).
  const row = await page.evaluate(() => {
    const workbook = (window as unknown as { __mktTest: { workbook: ExcelJS.Workbook } }).__mktTest.workbook;
    const sheet = workbook.getWorksheet("AuditLog");
    if (!sheet) throw new Error("no AuditLog sheet");
    let header = 0;
    let column = 0;
    let target = 0;
    sheet.eachRow((r, n) => {
      r.eachCell((cell, c) => {
        if (cell.value === "Comment") [header, column] = [n, c];
      });
      if (header && n > header && r.getCell(1).value === 1) target = n;
    });
    sheet.getRow(target).getCell(column).value = "同意";
    return target;
  });
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
  await page.evaluate((dealer) => {
    const workbook = (window as unknown as { __mktTest: { workbook: ExcelJS.Workbook } }).__mktTest.workbook;
    const sheet = workbook.getWorksheet("Purchases");
    if (!sheet) throw new Error("no Purchases sheet");
    for (let n = 2; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n);
      const date = row.getCell(2).value;
      if (row.getCell(1).value === dealer && date instanceof Date && date.getUTCFullYear() === 2025 && ["进货", "purchase"].includes(String(row.getCell(4).value))) {
        row.getCell(3).value = Number(row.getCell(3).value) + 500_000;
        return;
      }
    }
    throw new Error(`no 2025 purchase of ${dealer}`);
  }, dealer);
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

/** Edits one cell of the in-memory workbook (preview test hook), as someone editing the sheet would. */
async function editCell(sheetName: string, column: string, find: { column: string; equals: string } | { column: string; year: number }, value: string): Promise<number> {
  return page.evaluate(
    ({ sheetName, column, find, value }) => {
      const workbook = (window as unknown as { __mktTest: { workbook: ExcelJS.Workbook } }).__mktTest.workbook;
      const sheet = workbook.getWorksheet(sheetName);
      if (!sheet) throw new Error(`no sheet ${sheetName}`);
      const headers = sheet.getRow(1).values as unknown[];
      const at = (name: string) => headers.indexOf(name);
      for (let n = 2; n <= sheet.rowCount; n++) {
        const cell = sheet.getRow(n).getCell(at(find.column)).value;
        const hit = "equals" in find ? cell === find.equals : cell instanceof Date && cell.getUTCFullYear() === find.year;
        if (hit) {
          sheet.getRow(n).getCell(at(column)).value = value;
          return n;
        }
      }
      throw new Error("no such row");
    },
    { sheetName, column, find, value },
  );
}

test("a plan changed in the sheet meanwhile is not overwritten: the user is told and the list reloads", async () => {
  await identify("王建华", "Marketing director");
  await openPlan("P2025-004");
  await editCell("Plans", "Status", { column: "ID", equals: "P2025-004" }, "Draft");
  await act("Approve");
  await notice().getByText("P2025-004 was changed in the workbook meanwhile; nothing was written. The list has been reloaded: check it and act again.").waitFor();
  expect(await verifyLog()).toContain("The audit log's 0 entries form an unbroken chain.");
});

test("rebates are not computed on unreadable purchases: the rows are listed, in the user's words", async () => {
  const row = await editCell("Purchases", "Amount", { column: "Date", year: 2025 }, "一万二");
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
