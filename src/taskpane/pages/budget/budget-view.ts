import { NOT_BOOKED, sumMoney, type BudgetReportRow, type BudgetReportStatus } from "../../../rules";

/**
 * What the Budget page shows of a report (issue 10 point 3): its totals and its groups, pure,
 * so that they are tested without a browser (test/taskpane/budget-view.test.ts).
 *
 * What a total means. A total compares like with like, the rows booked: its Budget is theirs,
 * its Actual their actuals, its Variance Actual − Budget, and its % Variance ÷ Budget. A row not
 * booked yet stays out of it, budget and all, as a month not booked stays out of the report's
 * own comparison (src/rules/budget-report.ts), so that it never shows as an underspend; its
 * budget is counted apart (`notBookedBudget`) and shown on a row of its own. A total has no
 * status of its own: each of its rows was judged on the tolerance in force in its month, so the
 * total says how many of them are over budget ("2 of 10 over").
 */
export interface BudgetTotals {
  /** The budget of the rows booked. */
  readonly budget: number;
  /** undefined when no row is booked. */
  readonly actual: number | undefined;
  readonly variance: number | undefined;
  /** Variance ÷ Budget; undefined when no row is booked or their budget is 0. */
  readonly percent: number | undefined;
  /** Rows booked, and how many of them are OVER. */
  readonly booked: number;
  readonly over: number;
  /** Rows not booked yet, and their budget. */
  readonly notBooked: number;
  readonly notBookedBudget: number;
}

export function budgetTotals(rows: readonly BudgetReportRow[]): BudgetTotals {
  const booked = rows.filter((r) => r.status !== NOT_BOOKED && r.actual !== undefined);
  const waiting = rows.filter((r) => !booked.includes(r));
  const budget = sumMoney(...booked.map((r) => r.budget));
  const actual = booked.length === 0 ? undefined : sumMoney(...booked.map((r) => r.actual as number));
  const variance = actual === undefined ? undefined : sumMoney(actual, -budget);
  return {
    budget,
    actual,
    variance,
    percent: variance === undefined || budget === 0 ? undefined : variance / budget,
    booked: booked.length,
    over: booked.filter((r) => r.status === "OVER").length,
    notBooked: waiting.length,
    notBookedBudget: sumMoney(...waiting.map((r) => r.budget)),
  };
}

export interface MonthGroup {
  /** "2025-03" */
  readonly period: string;
  readonly rows: readonly BudgetReportRow[];
  readonly totals: BudgetTotals;
}

export interface CategoryTotal {
  readonly category: string;
  readonly totals: BudgetTotals;
}

export interface BudgetView {
  /**
   * Every month of the year: one group per month, in the report's order. undefined for a
   * report of one period (a month, or year to date), which is short enough to show whole.
   */
  readonly months: readonly MonthGroup[] | undefined;
  /** The month open at first: the latest with a row booked (else the last one). */
  readonly latest: string | undefined;
  /** Per category, in the report's order (the policy's). */
  readonly categories: readonly CategoryTotal[];
  readonly overall: BudgetTotals;
  /** Rows of several periods in one table (year to date's months not booked): each row names its own. */
  readonly periodColumn: boolean;
}

/** A year-to-date period ("2025-01…2025-06") spans months; a month's own period does not. */
const isMonth = (period: string) => !period.includes("…");

function groupBy<Key>(rows: readonly BudgetReportRow[], key: (row: BudgetReportRow) => Key): Map<Key, BudgetReportRow[]> {
  const groups = new Map<Key, BudgetReportRow[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

export function budgetView(rows: readonly BudgetReportRow[]): BudgetView {
  const periods = groupBy(rows, (r) => r.period);
  const byMonth = periods.size > 1 && [...periods.keys()].every(isMonth);
  const months = byMonth ? [...periods].map(([period, monthRows]) => ({ period, rows: monthRows, totals: budgetTotals(monthRows) })) : undefined;
  const booked = months?.filter((m) => m.totals.booked > 0) ?? [];
  return {
    months,
    latest: months && (booked.at(-1) ?? months.at(-1))?.period,
    categories: [...groupBy(rows, (r) => r.category)].map(([category, categoryRows]) => ({ category, totals: budgetTotals(categoryRows) })),
    overall: budgetTotals(rows),
    periodColumn: !byMonth && periods.size > 1,
  };
}

/**
 * One line of a Budget table: a report row, or a total. A total's status is undefined: it shows
 * `counts` instead (see BudgetTotals).
 */
export interface BudgetLine {
  readonly key: string;
  /** The category, or a total's name. */
  readonly label: string;
  readonly period: string;
  readonly budget: number;
  readonly actual: number | undefined;
  readonly variance: number | undefined;
  readonly percent: number | undefined;
  readonly status: BudgetReportStatus | undefined;
  readonly counts: { readonly over: number; readonly booked: number } | undefined;
  /** A total (never a report row): its status is about its rows. */
  readonly total: boolean;
}

export function rowLine(row: BudgetReportRow): BudgetLine {
  const { category, period, budget, actual, variance, percent, status } = row;
  return { key: `${category}\u0000${period}\u0000${status}`, label: category, period, budget, actual, variance, percent, status, counts: undefined, total: false };
}

/**
 * A total as table lines: the rows booked, then (when some are not booked yet) their budget on a
 * line of its own; a total of rows none of which is booked is that line alone, NOT BOOKED.
 */
export function totalLines(key: string, totals: BudgetTotals, names: { readonly total: string; readonly notBooked: string }): BudgetLine[] {
  const notBooked: BudgetLine = {
    key: `${key}\u0000not booked`, label: names.notBooked, period: "", budget: totals.notBookedBudget,
    actual: undefined, variance: undefined, percent: undefined, status: NOT_BOOKED, counts: undefined, total: true,
  };
  if (totals.booked === 0) return [{ ...notBooked, label: names.total }];
  const booked: BudgetLine = {
    key, label: names.total, period: "", budget: totals.budget, actual: totals.actual, variance: totals.variance, percent: totals.percent,
    status: undefined, counts: { over: totals.over, booked: totals.booked }, total: true,
  };
  return totals.notBooked > 0 ? [booked, notBooked] : [booked];
}

/** A category's totals as a line of the table of categories (the year's). */
export function categoryLine({ category, totals }: CategoryTotal): BudgetLine {
  const [line] = totalLines(category, totals, { total: category, notBooked: category });
  return line;
}
