/**
 * The Budget page's totals and groups (src/taskpane/pages/budget/budget-view.ts) on the shipped
 * sample's 2025 report, checked against sums worked out by hand from its Budget table: a
 * total compares the rows booked, keeps the budget not booked yet apart, and counts the rows
 * over budget.
 */
import { join } from "node:path";
import type { BudgetReportRow } from "../../src/rules";
import { budgetReport } from "../../src/services";
import { budgetTotals, budgetView, categoryLine, rowLine, totalLines } from "../../src/taskpane/pages/budget/budget-view";
import { openXlsx } from "../support/xlsx-files";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");
const NAMES = { total: "Total", notBooked: "Not booked yet" };

async function report(options: { year: number; month?: number; yearToDate?: boolean }): Promise<readonly BudgetReportRow[]> {
  const workbook = await openXlsx(SAMPLE);
  const outcome = await budgetReport(workbook.tables, { ...options, preview: true });
  if (outcome.kind !== "preview") throw new Error(`expected a preview, got ${outcome.kind}`);
  return outcome.summary.rows;
}

describe("every month of 2025 (72 rows: 6 categories × 12 months, 8 not booked)", () => {
  let year: readonly BudgetReportRow[];
  beforeAll(async () => {
    year = await report({ year: 2025 });
  });

  test("is grouped by month, in order, November open: December has nothing booked", () => {
    const view = budgetView(year);
    expect(view.months?.map((m) => m.period)).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2025-${m}`));
    expect(view.months?.every((m) => m.rows.length === 6)).toBe(true);
    expect(view.latest).toBe("2025-11");
    expect(view.periodColumn).toBe(false);
  });

  test("November: four categories booked, market research and customer relations not yet", () => {
    const november = budgetView(year).months?.find((m) => m.period === "2025-11");
    // 品牌推广 183,000 / 184,503.24; 市场活动 138,000 / 135,916.09; 广告投放 372,000 / 362,283.29; 销售提成 211,000 / 214,832.50.
    expect(november?.totals).toEqual({
      budget: 904_000,
      actual: 897_535.12,
      variance: -6_464.88,
      percent: -6_464.88 / 904_000,
      booked: 4,
      over: 0,
      notBooked: 2,
      // 市场调研 31,000 + 客户关系维护 43,000
      notBookedBudget: 74_000,
    });
  });

  test("December: nothing booked, so its total is its budget, not booked yet", () => {
    const december = budgetView(year).months?.find((m) => m.period === "2025-12");
    // 54,000 + 119,000 + 87,000 + 202,000 + 204,000 + 73,000
    expect(december?.totals).toMatchObject({ budget: 0, actual: undefined, variance: undefined, percent: undefined, booked: 0, notBooked: 6, notBookedBudget: 739_000 });
    expect(totalLines("dec", december?.totals ?? budgetTotals([]), NAMES)).toEqual([
      { key: "dec\u0000not booked", label: "Total", period: "", budget: 739_000, actual: undefined, variance: undefined, percent: undefined, status: "NOT BOOKED", counts: undefined, total: true },
    ]);
  });

  test("June: four of six categories over budget", () => {
    const june = budgetView(year).months?.find((m) => m.period === "2025-06");
    // 33,000 + 179,000 + 160,000 + 369,000 + 204,000 + 50,000 budget; actuals 33,112.70 + 186,030.63 + 194,488.75 + 407,536.96 + 220,207.71 + 57,894.80.
    expect(june?.totals).toMatchObject({ budget: 995_000, actual: 1_099_271.55, variance: 104_271.55, booked: 6, over: 4, notBooked: 0, notBookedBudget: 0 });
  });

  test("market research over the year: January to October booked, two of them over; November and December apart", () => {
    const research = budgetView(year).categories.find((c) => c.category === "市场调研");
    // 23,000 + 25,000 + 59,000 + 49,000 + 39,000 + 33,000 + 31,000 + 39,000 + 59,000 + 41,000; over in January (+24.6%) and September (+19.9%).
    expect(research?.totals).toEqual({
      budget: 398_000,
      actual: 406_380.38,
      variance: 8_380.38,
      percent: 8_380.38 / 398_000,
      booked: 10,
      over: 2,
      notBooked: 2,
      notBookedBudget: 85_000,
    });
    // The year to date through December compares the same rows.
    expect(categoryLine(research ?? { category: "", totals: budgetTotals([]) })).toMatchObject({ key: "市场调研", label: "市场调研", budget: 398_000, actual: 406_380.38, status: undefined, counts: { over: 2, booked: 10 } });
  });

  test("overall: 64 rows booked, 14 of them over; 813,000 of budget not booked yet (November 74,000 + December 739,000)", () => {
    const { overall, categories } = budgetView(year);
    expect(categories.map((c) => c.category)).toEqual(["市场调研", "品牌推广", "市场活动", "广告投放", "销售提成", "客户关系维护"]);
    expect(overall).toEqual({
      budget: 8_835_000,
      actual: 9_028_046.95,
      variance: 193_046.95,
      percent: 193_046.95 / 8_835_000,
      booked: 64,
      over: 14,
      notBooked: 8,
      notBookedBudget: 813_000,
    });
    // A total's lines: the rows booked, then the budget not booked yet on a line of its own.
    expect(totalLines("total", overall, NAMES)).toEqual([
      { key: "total", label: "Total", period: "", budget: 8_835_000, actual: 9_028_046.95, variance: 193_046.95, percent: 193_046.95 / 8_835_000, status: undefined, counts: { over: 14, booked: 64 }, total: true },
      { key: "total\u0000not booked", label: "Not booked yet", period: "", budget: 813_000, actual: undefined, variance: undefined, percent: undefined, status: "NOT BOOKED", counts: undefined, total: true },
    ]);
    // The categories' totals add up to the overall one.
    expect(categories.reduce((sum, c) => sum + c.totals.budget, 0)).toBe(overall.budget);
  });
});

test("year to date through December is one table with a Period column: the comparison, then the months not booked", async () => {
  const rows = await report({ year: 2025, month: 12, yearToDate: true });
  const view = budgetView(rows);
  expect(view.months).toBeUndefined();
  expect(view.latest).toBeUndefined();
  expect(view.periodColumn).toBe(true);
  expect(view.overall).toMatchObject({ budget: 8_835_000, actual: 9_028_046.95, variance: 193_046.95, booked: 6, over: 1, notBooked: 8, notBookedBudget: 813_000 });
  expect(rows.map(rowLine).filter((l) => l.status === "NOT BOOKED").map((l) => `${l.label} ${l.period}`)[0]).toBe("市场调研 2025-11");
});

test("one month is one table without a Period column", async () => {
  const view = budgetView(await report({ year: 2025, month: 11 }));
  expect(view.months).toBeUndefined();
  expect(view.periodColumn).toBe(false);
  expect(view.overall).toMatchObject({ budget: 904_000, actual: 897_535.12, notBookedBudget: 74_000 });
});

test("a total of rows with a budget of 0 has no %; a total with every row booked has no line for the budget not booked", () => {
  const row = (budget: number, actual: number): BudgetReportRow => ({
    category: "Advertising", period: "2025-01", budget, actual, variance: actual - budget, percent: undefined, status: "ON TRACK", favourable: undefined,
  });
  const totals = budgetTotals([row(0, 0.1), row(0, 0.2)]);
  expect(totals).toMatchObject({ budget: 0, actual: 0.3, variance: 0.3, percent: undefined, booked: 2 });
  expect(totalLines("t", totals, NAMES)).toHaveLength(1);
});
