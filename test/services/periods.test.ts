// Periods in the services (issue 10 point 1): the Budget's months whose Actual is blank are
// reported as "not booked yet", never dropped and never an error; the dates the pane and the
// command line take their default periods from; year to date as one period through a month end.
// Over both table implementations.
import { DEFAULT_BUDGET_POLICY, defaultMonth, defaultYear, latestMonth, yearToDate, yearToDateMonth } from "../../src/rules";
import { budgetDates, budgetReport, purchaseDates, refreshRebates, salesDates } from "../../src/services";
import { makeOfficeHarness, makeXlsxHarness, type Fixture, type MakeHarness } from "../workbook/harness";
import { d, rebateBook, rowsOf, table } from "./fixtures";

const TODAY = new Date(2026, 10, 30);
const CATEGORIES = DEFAULT_BUDGET_POLICY.categories.map((c) => c.zh);
/** Of November's, these two categories' invoices came late (as in the sample workbook). */
const LATE = new Set(["市场调研", "客户关系维护"]);

/**
 * The sample workbook's shape in small: every category budgeted 10,000 a month from October to
 * December 2025; October booked at 10,000, November at 10,400 except two late categories, and
 * December not booked at all (Actual blank).
 */
function budgetBook(): Fixture {
  const rows: (string | number | Date | null)[][] = [["类别", "月份", "预算", "实际"]];
  for (const month of [10, 11, 12]) {
    for (const category of CATEGORIES) {
      const actual = month === 10 ? 10_000 : month === 11 && !LATE.has(category) ? 10_400 : null;
      rows.push([category, d(`2025-${month}-01`), 10_000, actual]);
    }
  }
  return { sheets: [{ name: "预算", tables: [table("Budget", "A1", rows)] }] };
}

const notBooked = (category: string, period: string) => ({ Category: category, Period: period, Budget: 10_000, Actual: null, Variance: null, Percent: null, Status: "NOT BOOKED", Favourable: null });

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 4 })],
])("periods on %s", (_name, make) => {
  describe("December's budget rows with a blank Actual", () => {
    it("December alone: a NOT BOOKED row per category with its budget, written, not “no rows fall in 2025-12”", async () => {
      const harness = await make(budgetBook());
      const outcome = await budgetReport(harness.tables, { year: 2025, month: 12 });
      expect(outcome).toMatchObject({ kind: "written", summary: { over: 0, notBooked: 6 } });
      const reopened = await harness.reopen();
      expect((await reopened.findTable("BudgetReport"))?.headers).toEqual(["类别", "期间", "预算", "实际", "差异", "差异率", "状态", "有利/不利"]);
      expect((await rowsOf(reopened, "BudgetReport")).map((r) => r.values)).toEqual(CATEGORIES.map((c) => notBooked(c, "2025-12")));
    });

    it("the whole year keeps them: October and November compared, the 8 months not booked listed, none dropped", async () => {
      const harness = await make(budgetBook());
      const outcome = await budgetReport(harness.tables, { year: 2025 });
      if (outcome.kind === "problems") throw new Error(JSON.stringify(outcome.problems));
      const rows = outcome.summary.rows;
      expect(rows).toHaveLength(18);
      expect(outcome.summary.notBooked).toBe(8);
      expect(rows.filter((r) => r.status === "NOT BOOKED").map((r) => `${r.period} ${r.category}`)).toEqual([
        "2025-11 市场调研", "2025-11 客户关系维护", ...CATEGORIES.map((c) => `2025-12 ${c}`),
      ]);
      // November's booked categories: 10,400 against 10,000 is 4% over, within the 5% band.
      expect(rows.filter((r) => r.period === "2025-11" && r.status !== "NOT BOOKED").map((r) => [r.category, r.actual, r.status])).toEqual(
        CATEGORIES.filter((c) => !LATE.has(c)).map((c) => [c, 10_400, "ON TRACK"]),
      );
      expect(await rowsOf(await harness.reopen(), "BudgetReport")).toHaveLength(18);
    });

    it("year to date through December: the booked months summed per category, then each month not booked", async () => {
      const harness = await make(budgetBook());
      const outcome = await budgetReport(harness.tables, { year: 2025, month: 12, yearToDate: true });
      if (outcome.kind === "problems") throw new Error(JSON.stringify(outcome.problems));
      expect(outcome.summary.rows.map((r) => [r.period, r.category, r.budget, r.actual ?? null, r.status])).toEqual([
        ...CATEGORIES.map((c) => ["2025-01…2025-12", c, LATE.has(c) ? 10_000 : 20_000, LATE.has(c) ? 10_000 : 20_400, "ON TRACK"]),
        ["2025-11", "市场调研", 10_000, null, "NOT BOOKED"],
        ["2025-11", "客户关系维护", 10_000, null, "NOT BOOKED"],
        ...CATEGORIES.map((c) => ["2025-12", c, 10_000, null, "NOT BOOKED"]),
      ]);
    });

    it("a year without any Budget row is still a problem, and nothing is written", async () => {
      const harness = await make(budgetBook());
      expect(await budgetReport(harness.tables, { year: 2024 })).toMatchObject({ kind: "problems", problems: [{ row: 0, error: { code: "noRowsInPeriod", params: { period: "2024" } } }] });
      expect(await rowsOf(harness.tables, "BudgetReport")).toEqual([]);
    });
  });

  describe("the dates the default periods come from", () => {
    it("Budget: the months whose Actual is booked, so the page opens on November, not on December's plans", async () => {
      const harness = await make(budgetBook());
      const dates = await budgetDates(harness.tables);
      expect(dates).toHaveLength(6 + 4);
      expect(latestMonth(dates, TODAY)).toEqual({ year: 2025, month: 11 });
      expect([defaultYear(dates, TODAY), yearToDateMonth(dates, 2025)]).toEqual([2025, 11]);
    });

    it("Budget with nothing booked yet: every budgeted month", async () => {
      const harness = await make({ sheets: [{ name: "B", tables: [table("Budget", "A1", [["Category", "Month", "Budget", "Actual"], ["Advertising", "2027-03", 1, null], ["Advertising", d("2027-01-01"), 1, " "]])] }] });
      expect(latestMonth(await budgetDates(harness.tables), TODAY)).toEqual({ year: 2027, month: 3 });
    });

    it("Sales and Purchases: their Date column; a cell that is not a date is skipped", async () => {
      const sales = table("Sales", "A1", [["Rep", "Date", "Amount"], ["王芳", d("2025-12-20"), 1], ["王芳", "not a date", 1], ["王芳", d("2025-03-01"), 1]]);
      const harness = await make(rebateBook({ extraSheets: [{ name: "Sales", tables: [sales] }] }));
      expect(defaultMonth(await salesDates(harness.tables), TODAY)).toEqual({ year: 2025, month: 12 });
      const purchases = await purchaseDates(harness.tables);
      expect([defaultYear(purchases, TODAY), yearToDateMonth(purchases, 2025), yearToDateMonth(purchases, 2024)]).toEqual([2025, 5, 7]);
    });

    it("a table that is missing gives no dates: the default falls back, and the action itself names the problem", async () => {
      const harness = await make(budgetBook());
      expect(await salesDates(harness.tables)).toEqual([]);
      expect(await purchaseDates(harness.tables, { tableNames: { Purchases: "NoSuchTable" } })).toEqual([]);
      expect(defaultMonth([], TODAY)).toEqual({ year: 2026, month: 10 });
    });
  });

  it("rebates year to date through a month: purchases from 1 January to its last day, as the pane and the command line ask", async () => {
    const harness = await make(rebateBook());
    // 华东商贸: 600,000 on 10 January and 50,000 on 15 March; through February only the first counts.
    const outcome = await refreshRebates(harness.tables, { year: 2025, through: yearToDate(2025, 2).through });
    if (outcome.kind === "problems") throw new Error(JSON.stringify(outcome.problems));
    const rows = (await rowsOf(harness.tables, "Rebates")).map((r) => [r.values.Dealer, r.values.Net]);
    expect(rows).toEqual([["华东商贸", 600_000], ["Beta Ltd", 80_000]]);
  });
});
