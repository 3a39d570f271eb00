/**
 * The Budget page on the built preview at 320 px (issue 10 points 3 and 6): compute shows the
 * report (Budget, Actual, Variance, %, Status, totals per category and overall) and writes
 * nothing; "Write to workbook" writes it; any column sorts; a whole year is one collapsible
 * section per month, the latest booked open; the preview's chart shows its values and a
 * legend, its text the same size at 320 and 1000 px; nothing is wider than the pane and no
 * word breaks; axe finds nothing, with the page's CSP in force, before and after compute, in
 * English and Chinese. Figures are the sample's, as test/taskpane/budget-view.test.ts works them out.
 */
import type { Locator, Page } from "playwright-core";
import { checkAccessibility, type AxeViolation } from "./harness";
import { identify, notice, openTab, previewPerTest, shoot, type PreviewHook } from "./preview-page";

jest.setTimeout(120_000);

const preview = previewPerTest();

const hasTable = (page: Page, kind: string) =>
  page.evaluate(async (table) => (await (window as unknown as { __mktTest: { workbook: PreviewHook } }).__mktTest.workbook.tables.findTable(table)) !== undefined, kind);

/** Waits until the Year field holds the sample's latest year (the page fills it once the workbook's dates are read). */
async function yearFilled(page: Page, label: string): Promise<void> {
  const handle = await page.getByRole("spinbutton", { name: label }).elementHandle();
  await page.waitForFunction((element) => (element as HTMLInputElement).value === "2025", handle);
}

async function openBudget(page: Page): Promise<void> {
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Budget");
  await yearFilled(page, "Year");
}

async function useChinese(page: Page): Promise<void> {
  await openTab(page, "Settings");
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("tab", { name: "预算" }).click();
  await yearFilled(page, "年度");
}

/** A table's header texts, and each body row's cell texts (totals last). */
const headers = (table: Locator) => table.locator("thead th").allTextContents();
const bodyRows = async (table: Locator) => Promise.all((await table.locator("tbody tr").all()).map((row) => row.locator("td").allTextContents()));
const column = async (table: Locator, index: number) => (await bodyRows(table)).map((cells) => cells[index]);

const month = (page: Page, period: string) => page.locator(`details[data-period="${period}"]`);

/**
 * How wide the document is, and every text of the report's cells, headers, summaries and chart
 * that wraps other than at a space: each character's line is compared with the one before it,
 * so that "Not booked yet" may not end a line after "Not boo", nor 尚未入账 after 尚未.
 */
async function layout(page: Page): Promise<{ scrollWidth: number; broken: string[] }> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const range = document.createRange();
    for (const element of document.querySelectorAll("[data-testid=budget-result] :is(td, th, summary, figure)")) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        let previous: { top: number; char: string } | undefined;
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0 || /\s/.test(text[i])) {
            previous = previous && { ...previous, char: text[i] };
            continue;
          }
          if (previous && Math.abs(rect.top - previous.top) > 2 && !/\s/.test(previous.char)) broken.push(`${text.slice(0, i)}|${text.slice(i)}`);
          previous = { top: rect.top, char: text[i] };
        }
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, broken };
  });
}

function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((v) => v.targets.map((target, i) => `${v.id} (${v.impact}) — ${target} — ${v.failures[i].replace(/\s+/g, " ")}`));
}

test("compute shows the year's report with every column and its totals, and writes nothing; Write to workbook writes it", async () => {
  const page = preview.page;
  await openBudget(page);
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText("72 report rows; 14 over budget; 8 not booked yet. Not written yet: check the result, then write it to the workbook.", { exact: true }).waitFor();
  expect(await hasTable(page, "BudgetReport")).toBe(false);

  // Totals by category: January to October booked for market research, two months over.
  const categories = page.getByTestId("budget-categories");
  expect(await headers(categories)).toEqual(["Category", "Budget (¥)", "Actual (¥)", "Variance (¥)", "%", "Status"]);
  const rows = await bodyRows(categories);
  expect(rows).toHaveLength(8);
  expect(rows[0]).toEqual(["市场调研", "398,000.00", "406,380.38", "+8,380.38", "+2.1%", "2 of 10 over"]);
  expect(rows[6]).toEqual(["Total", "8,835,000.00", "9,028,046.95", "+193,046.95", "+2.2%", "14 of 64 over"]);
  expect(rows[7]).toEqual(["Not booked yet", "813,000.00", "—", "—", "—", "Not booked yet"]);
  await page.getByText(/^Totals count the rows booked only; the budget not booked yet has a line of its own\./).waitFor();

  // November, the latest month booked, is open: its rows, its total, and the two categories not booked yet.
  const november = month(page, "2025-11").getByTestId("budget-table");
  expect(await headers(november)).toEqual(["Category", "Budget (¥)", "Actual (¥)", "Variance (¥)", "%", "Status"]);
  expect(await bodyRows(november)).toEqual([
    ["市场调研", "31,000.00", "—", "—", "—", "Not booked yet"],
    ["品牌推广", "183,000.00", "184,503.24", "+1,503.24", "+0.8%", "On track"],
    ["市场活动", "138,000.00", "135,916.09", "-2,083.91", "-1.5%", "On track"],
    ["广告投放", "372,000.00", "362,283.29", "-9,716.71", "-2.6%", "On track"],
    ["销售提成", "211,000.00", "214,832.50", "+3,832.50", "+1.8%", "On track"],
    ["客户关系维护", "43,000.00", "—", "—", "—", "Not booked yet"],
    ["Total", "904,000.00", "897,535.12", "-6,464.88", "-0.7%", "0 of 4 over"],
    ["Not booked yet", "74,000.00", "—", "—", "—", "Not booked yet"],
  ]);
  // Numbers and their headers right-aligned.
  const aligned = await november.evaluate((table) => [...table.querySelectorAll("th:nth-child(2), td:nth-child(2), th:nth-child(5), td:nth-child(5)")].map((cell) => getComputedStyle(cell).textAlign));
  expect(new Set(aligned)).toEqual(new Set(["end"]));
  await shoot(page, "budget-computed-320");

  const write = page.getByRole("button", { name: "Write to workbook" });
  await write.click();
  await notice(page).getByText("72 report rows; 14 over budget; 8 not booked yet. Written to the workbook.", { exact: true }).waitFor();
  expect(await hasTable(page, "BudgetReport")).toBe(true);
  expect(await write.isDisabled()).toBe(true);
  // The preview cannot add Excel's native chart; it says so and draws its own.
  await page.getByText("Native charts are written only in Excel; the preview draws this one here.").waitFor();
  expect(await page.getByRole("button", { name: "Add chart to the workbook" }).count()).toBe(0);

  // Computing again finds the workbook holding exactly this.
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText("72 report rows; 14 over budget; 8 not booked yet. The workbook already holds exactly this.", { exact: true }).waitFor();
  expect(await write.isDisabled()).toBe(true);
});

test("sorting by Variance reorders the rows, months not booked last either way; the totals stay at the end", async () => {
  const page = preview.page;
  await openBudget(page);
  await page.getByRole("button", { name: "Compute budget report" }).click();
  const november = month(page, "2025-11").getByTestId("budget-table");
  await november.waitFor();
  expect(await column(november, 0)).toEqual(["市场调研", "品牌推广", "市场活动", "广告投放", "销售提成", "客户关系维护", "Total", "Not booked yet"]);

  const variance = november.getByRole("columnheader", { name: "Variance (¥)" });
  await variance.click();
  expect(await variance.getAttribute("aria-sort")).toBe("ascending");
  expect(await column(november, 0)).toEqual(["广告投放", "市场活动", "品牌推广", "销售提成", "市场调研", "客户关系维护", "Total", "Not booked yet"]);
  await variance.click();
  expect(await variance.getAttribute("aria-sort")).toBe("descending");
  expect(await column(november, 0)).toEqual(["销售提成", "品牌推广", "市场活动", "广告投放", "市场调研", "客户关系维护", "Total", "Not booked yet"]);

  // The categories' table sorts by its own columns: by %, market events (+6.4%) last.
  const categories = page.getByTestId("budget-categories");
  await categories.getByRole("columnheader", { name: "%" }).click();
  expect((await column(categories, 0)).slice(0, 6)).toEqual(["广告投放", "品牌推广", "客户关系维护", "市场调研", "销售提成", "市场活动"]);
});

test("a whole year is one section per month with its totals in the summary, November open; sections open and close; collapsed it stays short", async () => {
  const page = preview.page;
  await openBudget(page);
  await page.getByRole("button", { name: "Compute budget report" }).click();
  const sections = page.getByTestId("budget-month");
  await month(page, "2025-11").getByTestId("budget-table").waitFor();
  expect(await sections.count()).toBe(12);
  expect(await page.locator("details[data-period][open]").evaluateAll((open) => open.map((d) => d.getAttribute("data-period")))).toEqual(["2025-11"]);
  // Only open months are drawn: one table and one chart.
  expect(await page.getByTestId("budget-table").count()).toBe(1);
  expect(await page.getByTestId("budget-chart").count()).toBe(1);

  const june = month(page, "2025-06");
  expect(await june.locator("summary").textContent()).toBe("2025-06 · 4 of 6 over" + "Variance +104,271.55 (+10.5%)");
  expect(await month(page, "2025-11").locator("summary").textContent()).toBe("2025-11 · 0 of 4 over · 2 not booked yet" + "Variance -6,464.88 (-0.7%)");
  expect(await month(page, "2025-12").locator("summary").textContent()).toBe("2025-12 · Not booked yet" + "Budget 739,000.00");

  // June opens: its four overspent categories, highlighted.
  await june.locator("summary").click();
  const juneTable = june.getByTestId("budget-table");
  await juneTable.waitFor();
  const over = juneTable.locator("tr:has([data-status=OVER])");
  expect(await over.count()).toBe(4);
  const background = (row: Locator) => row.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(over.first())).not.toBe(await background(juneTable.locator("tr:has([data-status='ON TRACK'])").first()));

  // Every month closed: the whole year's report (totals by category, twelve months) is about a screen long at 320 px.
  await month(page, "2025-11").locator("summary").click();
  await june.locator("summary").click();
  await page.waitForFunction(() => document.querySelectorAll("details[data-period][open]").length === 0);
  expect(await page.getByTestId("budget-table").count()).toBe(0);
  const report = await page.getByTestId("budget-result").evaluate((el) => el.getBoundingClientRect().height);
  const whole = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`Budget, every month of 2025 collapsed at 320 px: the report ${Math.round(report)} px, the page ${whole} px`);
  expect(report).toBeLessThan(1_000);
  expect(whole).toBeLessThan(1_800);
  await shoot(page, "budget-collapsed-320");

  // December opens: its six categories, none booked.
  await month(page, "2025-12").locator("summary").click();
  expect(await month(page, "2025-12").getByTestId("budget-table").locator('[data-status="NOT BOOKED"]').count()).toBe(6);
});

test("the chart shows each value and a legend (red: over budget; dashed: not booked yet); its text is 12 px at 320 and at 1000 px", async () => {
  const page = preview.page;
  await openBudget(page);
  await page.getByRole("radio", { name: "One month" }).check();
  await page.getByRole("spinbutton", { name: "Month" }).fill("6");
  await page.getByRole("button", { name: "Compute budget report" }).click();
  const chart = page.getByTestId("budget-chart");
  await chart.waitFor();
  await chart.getByText("Budget against actual, 2025-06 (¥)", { exact: true }).waitFor();
  expect(await chart.getByTestId("budget-chart-legend").locator("li").allTextContents()).toEqual(["Budget", "Actual", "Actual over budget", "Not booked yet"]);
  const values = await chart.getByTestId("chart-value").allTextContents();
  expect(values).toHaveLength(12);
  expect(values.slice(0, 4)).toEqual(["33,000.00", "33,112.70", "179,000.00", "186,030.63"]);
  // An accessible image whose name gives every figure.
  const image = chart.getByRole("img");
  expect(await image.getAttribute("aria-label")).toMatch(/^Budget against actual, 2025-06 \(¥\): 市场调研: budget 33,000\.00, actual 33,112\.70; 品牌推广: .*; 市场活动: budget 160,000\.00, actual 194,488\.75, over budget; /);

  const sizes = () =>
    chart.evaluate((figure) => {
      const text = [figure.querySelector("figcaption"), ...figure.querySelectorAll("li, [data-testid=chart-value]")];
      return [...new Set(text.map((el) => (el ? getComputedStyle(el).fontSize : "none")))];
    });
  const at320 = await sizes();
  expect(at320).toEqual(["12px"]);
  const valueHeight = () => chart.getByTestId("chart-value").first().evaluate((el) => el.getBoundingClientRect().height);
  const height320 = await valueHeight();
  await page.setViewportSize({ width: 1000, height: 720 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(await sizes()).toEqual(at320);
  expect(await valueHeight()).toBe(height320);
  await shoot(page, "budget-chart-1000");
  await page.setViewportSize({ width: 320, height: 720 });

  // Year to date through December: one table with a Period column; the months not booked drawn dashed.
  await page.getByRole("radio", { name: "Year to date" }).check();
  await page.getByRole("spinbutton", { name: "Month" }).fill("12");
  await page.getByRole("button", { name: "Compute budget report" }).click();
  await notice(page).getByText(/^14 report rows; 1 over budget; 8 not booked yet\./).waitFor();
  const table = page.getByTestId("budget-table");
  expect(await headers(table)).toEqual(["Category", "Period", "Budget (¥)", "Actual (¥)", "Variance (¥)", "%", "Status"]);
  expect((await bodyRows(table))[6]).toEqual(["市场调研", "2025-11", "31,000.00", "—", "—", "—", "Not booked yet"]);
  expect(await chart.locator('[data-bar="NOT BOOKED"]').count()).toBe(8);
  expect(await chart.getByTestId("chart-value").filter({ hasText: "Not booked yet" }).count()).toBe(8);
  await shoot(page, "budget-ytd-320");
});

describe.each(["en", "zh"] as const)("%s at 320 px", (lang) => {
  test("nothing wider than the pane, no word broken, axe clean (CSP in force) before compute, after compute and after writing", async () => {
    const page = preview.page;
    await openBudget(page);
    if (lang === "zh") await useChinese(page);
    const compute = lang === "zh" ? "计算预算报告" : "Compute budget report";
    const found: string[] = [];
    found.push(...describeViolations(await checkAccessibility(page)).map((v) => `before: ${v}`));

    await page.getByRole("button", { name: compute }).click();
    await month(page, "2025-11").getByTestId("budget-table").waitFor();
    // Two months open, with their charts.
    await month(page, "2025-06").locator("summary").click();
    await month(page, "2025-06").getByTestId("budget-chart").waitFor();
    if (lang === "zh") {
      const categories = page.getByTestId("budget-categories");
      expect(await headers(categories)).toEqual(["类别", "预算（元）", "实际（元）", "差异（元）", "差异率", "状态"]);
      expect((await bodyRows(categories)).slice(6)).toEqual([
        ["合计", "8,835,000.00", "9,028,046.95", "+193,046.95", "+2.2%", "64 项中 14 项超支"],
        ["尚未入账", "813,000.00", "—", "—", "—", "尚未入账"],
      ]);
      await notice(page).getByText("报告共 72 行；14 行超支；8 行尚未入账。尚未写入：请核对结果，再写入工作簿。", { exact: true }).waitFor();
      expect(await month(page, "2025-11").locator("summary").textContent()).toBe("2025-11 · 4 项中 0 项超支 · 2 项尚未入账" + "差异 -6,464.88（-0.7%）");
      await page.getByTestId("budget-chart").first().getByText("2025-06 预算与实际（元）", { exact: true }).waitFor();
      expect(await page.getByTestId("budget-chart-legend").first().locator("li").allTextContents()).toEqual(["预算", "实际", "实际超支", "尚未入账"]);
    }
    const { scrollWidth, broken } = await layout(page);
    expect(scrollWidth).toBeLessThanOrEqual(320);
    expect(broken).toEqual([]);
    await shoot(page, `budget-${lang}-320`);
    found.push(...describeViolations(await checkAccessibility(page)).map((v) => `computed: ${v}`));

    await page.getByRole("button", { name: lang === "zh" ? "写入工作簿" : "Write to workbook" }).click();
    await notice(page).getByText(lang === "zh" ? /已写入工作簿。$/ : /Written to the workbook\.$/).waitFor();
    found.push(...describeViolations(await checkAccessibility(page)).map((v) => `written: ${v}`));
    expect(found).toEqual([]);
  });
});

test("dark colour scheme: axe clean after compute, overspent rows still red", async () => {
  const dark = await preview.browser.newContext({ colorScheme: "dark" });
  try {
    const page = await dark.newPage();
    await page.goto(`${preview.origin}/preview.html`);
    await page.locator("#root[data-ready=true]").waitFor();
    await openBudget(page);
    await page.getByRole("button", { name: "Compute budget report" }).click();
    await month(page, "2025-06").locator("summary").click();
    await month(page, "2025-06").getByTestId("budget-chart").waitFor();
    expect(describeViolations(await checkAccessibility(page))).toEqual([]);
    await shoot(page, "budget-dark-320");
  } finally {
    await dark.close();
  }
});
