import { budgetReport as budgetReportRows, monthLabel, NOT_BOOKED, type BudgetRecord, type BudgetReportOptions, type BudgetReportRow, type RowProblem } from "../rules";
import type { RowValues, TableData, WorkbookTables } from "../workbook";
import { RowReader, tableProblem } from "./cells";
import { finishWrite, problemsOutcome, type PreviewOption, type ServiceOutcome } from "./outcome";
import { policyFor, readPolicySource, type PolicySource } from "./policy";
import { outputTable, readRequired, readRewritable, sameRows, type TableOptions } from "./tables";

/**
 * SPEC 3.4: the BudgetReport table, variance per category and month (or year to date), each
 * month's status on the BudgetTolerance in force on its first day (SPEC §4.2); a year-to-date
 * period starts on 1 January, so it takes the tolerance in force then. A month whose Actual is
 * blank is reported as NOT BOOKED with its budget (src/rules/budget-report.ts).
 */
export type BudgetReportServiceOptions = TableOptions & BudgetReportOptions & PreviewOption;

export interface BudgetSummary {
  readonly rows: readonly BudgetReportRow[];
  /** Rows whose status is OVER. */
  readonly over: number;
  /** Rows whose status is NOT BOOKED. */
  readonly notBooked: number;
}

export function readBudget(data: TableData): { records: BudgetRecord[]; problems: RowProblem[] } {
  const reader = new RowReader(data);
  const records = reader.map((row) => ({
    category: reader.requiredText("Category"),
    month: reader.date("Month"),
    budget: reader.number("Budget"),
    actual: reader.optionalNumber("Actual"),
    sheet: row.sheet,
    row: row.row,
  }));
  return { records, problems: reader.problems };
}

function reportRow(r: BudgetReportRow): RowValues {
  return { Category: r.category, Period: r.period, Budget: r.budget, Actual: r.actual ?? null, Variance: r.variance ?? null, Percent: r.percent ?? null, Status: r.status, Favourable: r.favourable ?? null };
}

function periodLabel(options: BudgetReportOptions): string {
  if (options.month === undefined) return String(options.year);
  const month = monthLabel(options.year, options.month);
  return options.yearToDate ? `${options.year}-01 → ${month}` : month;
}

/**
 * The report's periods, each on its own policy: every month of the year, or the month asked
 * for, or (year to date) one period from January. A month without Budget rows is left out; one
 * whose rows are all unbooked gives NOT BOOKED rows, which need no tolerance, so the policy in
 * force then is not asked for and its problems do not stop the report.
 */
function reportByPeriod(records: readonly BudgetRecord[], options: BudgetReportOptions, source: PolicySource): { rows: BudgetReportRow[]; problems: RowProblem[] } {
  const periods: BudgetReportOptions[] = options.month === undefined ? Array.from({ length: 12 }, (_, i) => ({ year: options.year, month: i + 1 })) : [options];
  const rows: BudgetReportRow[] = [];
  const problems = new Map<string, RowProblem>();
  for (const period of periods) {
    const firstMonth = period.yearToDate ? 1 : (period.month as number);
    const inPeriod = records.filter((r) => r.month.getFullYear() === period.year && r.month.getMonth() + 1 >= firstMonth && r.month.getMonth() + 1 <= (period.month as number));
    if (inPeriod.length === 0) continue;
    if (inPeriod.every((r) => r.actual === undefined)) {
      rows.push(...budgetReportRows(inPeriod, period));
      continue;
    }
    const inForce = policyFor(source, new Date(period.year, firstMonth - 1, 1));
    // A problem of a version in force for several months is named once.
    for (const problem of inForce.problems) problems.set(`${problem.sheet}\u0000${problem.row}\u0000${problem.error.code}\u0000${JSON.stringify(problem.error.params)}`, problem);
    rows.push(...budgetReportRows(inPeriod, period, inForce.policy.budget));
  }
  return { rows, problems: [...problems.values()] };
}

/** The report replaces the table's rows: it always shows the last period asked for. */
export async function budgetReport(tables: WorkbookTables, options: BudgetReportServiceOptions): Promise<ServiceOutcome<BudgetSummary>> {
  const data = await readRequired(tables, "Budget", options);
  const budget = readBudget(data);
  if (data.rows.length === 0) return problemsOutcome([tableProblem(data, "tableEmpty")]);
  if (budget.problems.length > 0) return problemsOutcome(budget.problems);
  const { rows: report, problems } = reportByPeriod(budget.records, options, await readPolicySource(tables, options));
  if (problems.length > 0) return problemsOutcome(problems);
  if (report.length === 0) return problemsOutcome([tableProblem(data, "noRowsInPeriod", periodLabel(options))]);
  const summary: BudgetSummary = { rows: report, over: report.filter((r) => r.status === "OVER").length, notBooked: report.filter((r) => r.status === NOT_BOOKED).length };
  const existing = await readRewritable(tables, "BudgetReport", options);
  const rows = report.map(reportRow);
  return finishWrite(summary, sameRows("BudgetReport", existing, rows), options, async () => {
    await tables.replaceRows(await outputTable(tables, "BudgetReport", data.ref.language, existing, options), rows, options);
  });
}
