import { budgetReport, type BudgetRecord } from "../../src/rules";

let row = 1;
const rec = (category: string, month: number, budget: number, actual: number | undefined): BudgetRecord => ({ category, month: new Date(2025, month - 1, 1), budget, actual, sheet: "Budget", row: ++row });

const RECORDS = [
  rec("广告投放", 1, 100_000, 120_000),
  rec("市场调研", 1, 50_000, 49_000),
  rec("广告投放", 2, 100_000, 90_000),
  rec("市场调研", 2, 50_000, 40_000),
  rec("广告投放", 3, 100_000, undefined),
  rec("Other", 1, 0, 10),
];

describe("budgetReport", () => {
  it("one row per category and month, policy categories first, unbooked months left out", () => {
    const rows = budgetReport(RECORDS, { year: 2025 });
    expect(rows.map((r) => `${r.period} ${r.category} ${r.status}`)).toEqual([
      "2025-01 市场调研 ON TRACK", "2025-01 广告投放 OVER", "2025-01 Other OVER", "2025-02 市场调研 UNDER", "2025-02 广告投放 UNDER",
    ]);
    expect(rows[1]).toEqual({ category: "广告投放", period: "2025-01", budget: 100_000, actual: 120_000, variance: 20_000, percent: 0.2, status: "OVER", favourable: "U" });
    expect(rows[2].percent).toBeUndefined();
  });

  it("a single month", () => {
    expect(budgetReport(RECORDS, { year: 2025, month: 2 }).map((r) => r.variance)).toEqual([-10_000, -10_000]);
  });

  it("year to date sums January to the month, skipping unbooked months", () => {
    const rows = budgetReport(RECORDS, { year: 2025, month: 3, yearToDate: true });
    expect(rows.find((r) => r.category === "广告投放")).toMatchObject({ period: "2025-01…2025-03", budget: 200_000, actual: 210_000, variance: 10_000, status: "ON TRACK" });
  });
});
