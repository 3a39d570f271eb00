import { budgetReport as budgetReportRows, DEFAULT_BUDGET_POLICY, monthLabel, type BudgetPolicy, type BudgetRecord, type BudgetReportOptions, type BudgetReportRow, type RowProblem } from "../rules";
import type { RowValues, TableData, WorkbookTables } from "../workbook";
import { RowReader, tableProblem } from "./cells";
import { problemsOutcome, type ServiceOutcome } from "./outcome";
import { outputTable, readRequired, readRewritable, sameRows, type TableOptions } from "./tables";

/** SPEC 3.4: the BudgetReport table, variance per category and month (or year to date). */
export interface BudgetReportServiceOptions extends TableOptions, BudgetReportOptions {
  readonly policy?: BudgetPolicy;
}

export interface BudgetSummary {
  readonly rows: readonly BudgetReportRow[];
  /** Rows whose status is OVER. */
  readonly over: number;
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
  return { Category: r.category, Period: r.period, Budget: r.budget, Actual: r.actual, Variance: r.variance, Percent: r.percent ?? null, Status: r.status, Favourable: r.favourable };
}

function periodLabel(options: BudgetReportOptions): string {
  if (options.month === undefined) return String(options.year);
  const month = monthLabel(options.year, options.month);
  return options.yearToDate ? `${options.year}-01 → ${month}` : month;
}

/** The report replaces the table's rows: it always shows the last period asked for. */
export async function budgetReport(tables: WorkbookTables, options: BudgetReportServiceOptions): Promise<ServiceOutcome<BudgetSummary>> {
  const data = await readRequired(tables, "Budget", options);
  const budget = readBudget(data);
  if (data.rows.length === 0) return problemsOutcome([tableProblem(data, "tableEmpty")]);
  if (budget.problems.length > 0) return problemsOutcome(budget.problems);
  const report = budgetReportRows(budget.records, options, options.policy ?? DEFAULT_BUDGET_POLICY);
  if (report.length === 0) return problemsOutcome([tableProblem(data, "noRowsInPeriod", periodLabel(options))]);
  const summary: BudgetSummary = { rows: report, over: report.filter((r) => r.status === "OVER").length };
  const existing = await readRewritable(tables, "BudgetReport", options);
  const rows = report.map(reportRow);
  if (sameRows("BudgetReport", existing, rows)) return { kind: "unchanged", summary };
  await tables.replaceRows(await outputTable(tables, "BudgetReport", data.ref.language, existing, options), rows, options);
  return { kind: "written", summary };
}
