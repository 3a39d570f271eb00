/**
 * The task pane in Chromium, on the built preview page (dist/preview.html) with the sample
 * workbook: what a manager, finance and a rep's manager see and do, at 320 px.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { ARTIFACTS, DIST, watchPage } from "./harness";
import { editCell, identify, notice, openTab, previewPerTest, shoot, type PreviewHook } from "./preview-page";

jest.setTimeout(60_000);

const preview = previewPerTest();

test("bonus statements explain each component for a chosen rep", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Bonuses");
  await page.getByLabel("Month").fill("2025-11");
  await page.getByRole("button", { name: "Compute bonus statements" }).click();
  await notice(page).getByText(/statements for 2025-11, total/).waitFor();
  await page.getByTestId("bonus-table").locator("tbody").getByRole("button").first().click();
  const explanation = page.getByTestId("bonus-explanation");
  await explanation.getByText(/^Rank \w+ qualified this month\./).waitFor();
  await explanation.getByText(/^Base bonus: /).waitFor();
  await explanation.getByText(/^Total [\d,.]+, paid on \d{4}-\d\d-\d\d\.$/).waitFor();
  // The sample's only approved Policy version is the seed, with a blank From.
  await explanation.getByText("Computed on the built-in policy (no approved Policy version in force that month).").waitFor();
  await shoot(page, "bonuses-320");
});

test("the budget report highlights overspending and draws the chart in the preview", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Budget");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText(/^\d+ report rows; \d+ over budget; \d+ not booked yet\. Not written yet: check the result, then write it to the workbook\.$/).waitFor();
  await page.getByText("Native charts are written only in Excel; the preview draws this one here.").waitFor();
  await page.getByTestId("budget-chart").waitFor();
  // Each month's summary counts its rows over budget ("2 of 6 over"); together, the notice's count.
  const months = await page.getByTestId("budget-month").locator("summary").allTextContents();
  const over = months.reduce((sum, text) => sum + Number(/ (\d+) of \d+ over/.exec(text)?.[1] ?? 0), 0);
  expect(over).toBeGreaterThan(0);
  const summary = (await notice(page).first().textContent()) ?? "";
  expect(summary).toContain(`${over} over budget`);
  // June opened: its rows over budget stand out.
  await page.locator('details[data-period="2025-06"] summary').click();
  const june = page.locator('details[data-period="2025-06"]').getByTestId("budget-table");
  const background = (rows: string) => june.locator(rows).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background("tr:has([data-status=OVER])")).not.toBe(await background("tr:has([data-status='ON TRACK'])"));
  await shoot(page, "budget-320");
});

test("settings switch the pane to Chinese, with statuses in Chinese; the workbook downloads", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await shoot(page, "settings-320");
  await openTab(page, "Settings");
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("tab", { name: "审批" }).click();
  await page.getByText(/^费用预算 · 已编制 · 下一步：营销总监$/).first().waitFor();
  await shoot(page, "approvals-zh-320");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载工作簿" }).click()]);
  const path = join(ARTIFACTS, "preview-download.xlsx");
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  expect(workbook.getWorksheet("Plans")).toBeDefined();
});

test("the workbook downloads whole, with the table the page wrote (download timed)", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Budget");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await page.getByRole("button", { name: "Write to workbook" }).click();
  const summary = notice(page).getByText(/^\d+ report rows; \d+ over budget; \d+ not booked yet\. Written to the workbook\.$/);
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

test("rebates are not computed on unreadable purchases: the rows are listed, in the user's words", async () => {
  const page = preview.page;
  const row = await editCell(page, { table: "Purchases", where: [{ column: "Date", year: 2025 }], column: "Amount", value: "一万二" });
  await openTab(page, "Rebates");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Compute rebates" }).click();
  await notice(page).getByText("1 row(s) could not be read; nothing was written. Fix them and try again:").waitFor();
  await notice(page).getByText(`Purchases!row ${row}: Amount: “一万二” is not a number.`, { exact: false }).waitFor();
});

test("a table name chosen in Settings is used, and a missing table is explained", async () => {
  const page = preview.page;
  await openTab(page, "Settings");
  await page.getByText("Table names").click();
  await page.getByRole("textbox", { name: "Plans table" }).fill("PlansOld");
  await page.getByRole("button", { name: "Save" }).click();
  await openTab(page, "Approvals");
  await notice(page).getByText("No Plans table found. Create an Excel table with the Plans headers, or choose its name in Settings.").waitFor();
});

test("the pages are reachable with the keyboard alone", async () => {
  const page = preview.page;
  await page.getByRole("tab", { name: "Settings" }).focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Compute budget report" }).waitFor();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("spinbutton", { name: "Year" }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
});

test("the preview follows a dark colour scheme", async () => {
  const dark = await preview.browser.newContext({ colorScheme: "dark" });
  const darkPage = await dark.newPage();
  const darkWatch = await watchPage(darkPage, preview.origin);
  await darkPage.goto(`${preview.origin}/preview.html`);
  await darkPage.locator("#root[data-ready=true]").waitFor();
  const background = await darkPage.locator("main").evaluate((el) => getComputedStyle(el.closest(".fui-FluentProvider") as Element).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r + g + b).toBeLessThan(3 * 80);
  await darkPage.screenshot({ path: join(ARTIFACTS, "settings-dark-320.png") });
  await dark.close();
  expect(darkWatch).toEqual({ errors: [], outside: [] });
});
