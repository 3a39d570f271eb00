/**
 * The pane's periods on the built preview (issue 10 point 1), by the rules the command line
 * applies too (src/rules/periods.ts): the pages open on the sample's latest data (2025; its
 * December budget rows have a blank Actual, so the Budget page opens on November), a month 13 is
 * refused in both languages and nothing is written, a month not booked yet is reported as such,
 * and the Rebates page's year to date gives the command line's figures.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { main } from "../../src/cli/main";
import { DIST } from "./harness";
import { identify, notice, openTab, previewPerTest, shoot, type PreviewHook } from "./preview-page";

jest.setTimeout(90_000);

const preview = previewPerTest();

/** Waits for a field to hold `value` (the pages fill theirs once the workbook's dates are read). */
async function holds(field: Locator, value: string): Promise<void> {
  const handle = await field.elementHandle();
  await field.page().waitForFunction(({ element, expected }) => (element as HTMLInputElement).value === expected, { element: handle, expected: value });
}

const hasTable = (page: Page, kind: string) =>
  page.evaluate(async (table) => (await (window as unknown as { __mktTest: { workbook: PreviewHook } }).__mktTest.workbook.tables.findTable(table)) !== undefined, kind);

async function useChinese(page: Page): Promise<void> {
  await openTab(page, "Settings");
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("tab", { name: "预算" }).waitFor();
}

/** The command line, in this process, on a copy of the preview's sample: its stdout line. */
async function commandLine(...args: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mkt-periods-browser-"));
  const out: string[] = [];
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const input = join(dir, "sample.xlsx");
    await copyFile(join(DIST, "assets", "sample-workbook.xlsx"), input);
    expect(await main([args[0], input, ...args.slice(1), "--lang", "en"])).toBe(0);
    return out.join("").trim();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    await rm(dir, { recursive: true, force: true });
  }
}

test("Budget opens on 2025 and November, the latest month booked; year to date with month 13 is refused in English and Chinese, and nothing is written", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Budget");
  await holds(page.getByRole("spinbutton", { name: "Year" }), "2025");
  await page.getByRole("radio", { name: "Year to date" }).check();
  const month = page.getByRole("spinbutton", { name: "Month" });
  await holds(month, "11");
  await page.getByText("Year to date: 1 January through the end of this month.").waitFor();
  // Until Month is typed in, it follows Year as the command line's default does: 2024 has no budget booked, so its whole year.
  await page.getByRole("spinbutton", { name: "Year" }).fill("2024");
  await holds(month, "12");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await holds(month, "11");

  await month.fill("13");
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText("Month: “13” is not a month: months run from 1 to 12.", { exact: true }).waitFor();
  expect(await hasTable(page, "BudgetReport")).toBe(false);

  await page.getByRole("spinbutton", { name: "Year" }).fill("2205");
  await month.fill("6");
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText(/^Year: 2205 is outside the years that can be chosen, 1900 to \d{4} \(/).waitFor();
  expect(await hasTable(page, "BudgetReport")).toBe(false);

  await useChinese(page);
  await openTab(page, "预算");
  await page.getByRole("radio", { name: "年初至今" }).check();
  await holds(page.getByRole("spinbutton", { name: "月份" }), "11");
  await page.getByRole("spinbutton", { name: "月份" }).fill("13");
  await page.getByRole("button", { name: "计算预算报告" }).click();
  await notice(page).getByText("月份：“13”不是月份：月份为 1 到 12。", { exact: true }).waitFor();
  expect(await hasTable(page, "BudgetReport")).toBe(false);
  await shoot(page, "budget-month-13-zh-320");
});

test("the whole year and year to date keep December's budget rows as not booked yet", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Budget");
  await holds(page.getByRole("spinbutton", { name: "Year" }), "2025");
  // Every month of 2025 as the page opens: 12 × 6 categories, the 8 months not booked among them
  // (two in November, open as the latest month booked, and all six of December's).
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText(/^72 report rows; \d+ over budget; 8 not booked yet\. Not written yet: check the result, then write it to the workbook\.$/).waitFor();
  await page.locator('details[data-period="2025-12"] summary').click();
  await page.locator('details[data-period="2025-12"]').getByTestId("budget-table").waitFor();
  expect(await page.getByTestId("budget-table").locator('[data-status="NOT BOOKED"]').count()).toBe(8);

  // Year to date through December: six categories from January, then the eight months not booked, each with its month.
  await page.getByRole("radio", { name: "Year to date" }).check();
  await page.getByRole("spinbutton", { name: "Month" }).fill("12");
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText(/^14 report rows; \d+ over budget; 8 not booked yet\. Not written yet: check the result, then write it to the workbook\.$/).waitFor();
  const notBooked = page.getByTestId("budget-table").locator('tr:has([data-status="NOT BOOKED"])');
  expect(await notBooked.count()).toBe(8);
  expect(await notBooked.first().locator("td").allTextContents()).toEqual(["市场调研", "2025-11", "31,000.00", "—", "—", "—", "Not booked yet"]);
  expect((await notBooked.last().locator("td").allTextContents()).slice(1)).toEqual(["2025-12", "73,000.00", "—", "—", "—", "Not booked yet"]);
  await shoot(page, "budget-ytd-not-booked-320");
});

test("Bonuses opens on 2025-12, the latest month with sales, and writes it", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Bonuses");
  await holds(page.getByLabel("Month"), "2025-12");
  await page.getByRole("button", { name: "Compute bonus statements" }).click();
  await notice(page).getByText(/^\d+ statements for 2025-12, total [\d,.]+\. Not written yet: check the result, then write it to the workbook\.$/).waitFor();
  expect(await hasTable(page, "Bonuses")).toBe(false);
  await page.getByRole("button", { name: "Write to workbook" }).click();
  await notice(page).getByText(/^\d+ statements for 2025-12, total [\d,.]+\. Written to the workbook\.$/).waitFor();
  expect(await hasTable(page, "Bonuses")).toBe(true);
});

test("Rebates year to date gives the command line's figures: through December (the default) and through June", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Rebates");
  await holds(page.getByRole("spinbutton", { name: "Year" }), "2025");
  await page.getByRole("checkbox", { name: "Year to date (accrual estimate)" }).check();
  const month = page.getByRole("spinbutton", { name: "Month" });
  await holds(month, "12");

  const paneTotal = async (through: string) => {
    await page.getByRole("button", { name: "Compute rebates" }).click();
    const pattern = new RegExp(`^Year to date 2025-01…${through.slice(0, 7)}: data up to and including ${through}\\. 2025: (\\d+) dealers, total rebate ([\\d,.]+) \\(retroactive\\)`);
    const text = (await notice(page).getByText(pattern).textContent()) ?? "";
    const [, dealers, total] = pattern.exec(text) ?? [];
    return `dealers=${dealers} total=${Number(total.replace(/,/g, "")).toFixed(2)}`;
  };
  const cliTotal = (line: string) => /dealers=\d+ total=[\d.]+/.exec(line)?.[0];

  const december = await paneTotal("2025-12-31");
  expect(december).toBe(cliTotal(await commandLine("refresh-rebates", "--year", "2025", "--ytd")));
  await month.fill("6");
  const june = await paneTotal("2025-06-30");
  expect(june).toBe(cliTotal(await commandLine("refresh-rebates", "--ytd", "--month", "2025-06")));
  expect(june).not.toBe(december);
});
