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

const NOT_BOOKED_MARCH = { category: "广告投放", period: "2025-03", budget: 100_000, actual: undefined, variance: undefined, percent: undefined, status: "NOT BOOKED", favourable: undefined };

describe("budgetReport", () => {
  it("one row per category and month, policy categories first; a month not booked yet is its own NOT BOOKED row", () => {
    const rows = budgetReport(RECORDS, { year: 2025 });
    expect(rows.map((r) => `${r.period} ${r.category} ${r.status}`)).toEqual([
      "2025-01 市场调研 ON TRACK", "2025-01 广告投放 OVER", "2025-01 Other OVER", "2025-02 市场调研 UNDER", "2025-02 广告投放 UNDER", "2025-03 广告投放 NOT BOOKED",
    ]);
    expect(rows[5]).toEqual(NOT_BOOKED_MARCH);
    expect(rows[1]).toEqual({ category: "广告投放", period: "2025-01", budget: 100_000, actual: 120_000, variance: 20_000, percent: 0.2, status: "OVER", favourable: "U" });
    expect(rows[2].percent).toBeUndefined();
  });

  it("a single month", () => {
    expect(budgetReport(RECORDS, { year: 2025, month: 2 }).map((r) => r.variance)).toEqual([-10_000, -10_000]);
  });

  it("a single month not booked yet: NOT BOOKED with its budget, neither dropped nor an underspend", () => {
    expect(budgetReport(RECORDS, { year: 2025, month: 3 })).toEqual([NOT_BOOKED_MARCH]);
  });

  it("year to date sums the booked months from January, then lists each month not booked yet on its own", () => {
    const rows = budgetReport(RECORDS, { year: 2025, month: 3, yearToDate: true });
    expect(rows.map((r) => `${r.period} ${r.category} ${r.status}`)).toEqual([
      "2025-01…2025-03 市场调研 UNDER", "2025-01…2025-03 广告投放 ON TRACK", "2025-01…2025-03 Other OVER", "2025-03 广告投放 NOT BOOKED",
    ]);
    // 广告投放: January and February booked, 200,000 against 210,000 (+5%: on track); March's 100,000 stays out.
    expect(rows[1]).toMatchObject({ budget: 200_000, actual: 210_000, variance: 10_000, status: "ON TRACK" });
    expect(rows[3]).toEqual(NOT_BOOKED_MARCH);
  });

  it("a category with a booked row and an unbooked one in the same month: the booked compared, the other NOT BOOKED", () => {
    const rows = budgetReport([rec("品牌推广", 4, 30_000, 29_000), rec("品牌推广", 4, 10_000, undefined)], { year: 2025, month: 4 });
    expect(rows.map((r) => [r.period, r.budget, r.actual ?? null, r.status])).toEqual([
      ["2025-04", 30_000, 29_000, "ON TRACK"],
      ["2025-04", 10_000, null, "NOT BOOKED"],
    ]);
  });

  it("months of other years, and after year to date's month, are outside the report", () => {
    const records = [rec("品牌推广", 5, 1, 1), { ...rec("品牌推广", 1, 1, 1), month: new Date(2024, 0, 1) }];
    expect(budgetReport(records, { year: 2025, month: 4, yearToDate: true })).toEqual([]);
  });
});
