import { budgetStatus, DEFAULT_BUDGET_POLICY, favourability, type BudgetPolicy, type BudgetStatus, type Favourability } from "./budget";
import { roundMoney, sumMoney } from "./money";
import { monthLabel } from "./dates";
import { yearToDate } from "./periods";

/**
 * Budget against actual per expense category (3.4): finance compares spending with the
 * budget and reports anomalies (004). A month whose Actual is blank is not booked yet: it
 * stays out of the comparison, budget and all, so that it does not show as an underspend,
 * and is reported on its own row with the status NOT BOOKED and its budget, never dropped.
 */
export interface BudgetRecord {
  readonly category: string;
  /** Any day in the month. */
  readonly month: Date;
  readonly budget: number;
  /** undefined: not booked yet. */
  readonly actual: number | undefined;
  readonly sheet: string;
  readonly row: number;
}

export interface BudgetReportOptions {
  readonly year: number;
  /** 1–12; without it, every month of the year. */
  readonly month?: number;
  /** With `month`: January to that month, summed per category (src/rules/periods.ts). */
  readonly yearToDate?: boolean;
}

/** A report row's status: the comparison's (budget.ts), or NOT BOOKED for a month whose Actual is blank. */
export type BudgetReportStatus = BudgetStatus | "NOT BOOKED";
export const NOT_BOOKED = "NOT BOOKED";

export interface BudgetReportRow {
  readonly category: string;
  /** "2025-03", or "2025-01…2025-03" for year to date (a month not booked yet: that month alone). */
  readonly period: string;
  readonly budget: number;
  /** undefined: not booked yet. */
  readonly actual: number | undefined;
  readonly variance: number | undefined;
  /** undefined when the budget is 0, or nothing is booked. */
  readonly percent: number | undefined;
  readonly status: BudgetReportStatus;
  readonly favourable: Favourability | undefined;
}

/**
 * The report row a record counts in, or undefined when it is outside the period: booked
 * records in their month (or, year to date, in the one period from January), records not
 * booked yet in their own month, whatever the period.
 */
function periodOf(record: BudgetRecord, options: BudgetReportOptions): { period: string; booked: boolean } | undefined {
  const year = record.month.getFullYear();
  const month = record.month.getMonth() + 1;
  const booked = record.actual !== undefined;
  if (year !== options.year) return undefined;
  if (options.month === undefined) return { period: monthLabel(year, month), booked };
  if (options.yearToDate) {
    if (month > options.month) return undefined;
    return { period: booked ? yearToDate(year, options.month).label : monthLabel(year, month), booked };
  }
  return month === options.month ? { period: monthLabel(year, month), booked } : undefined;
}

interface Group {
  readonly category: string;
  readonly period: string;
  readonly booked: boolean;
  readonly budgets: number[];
  readonly actuals: number[];
}

function groupRow({ category, period, booked, budgets, actuals }: Group, policy: BudgetPolicy): BudgetReportRow {
  const budget = sumMoney(...budgets);
  if (!booked) return { category, period, budget, actual: undefined, variance: undefined, percent: undefined, status: NOT_BOOKED, favourable: undefined };
  const actual = sumMoney(...actuals);
  return {
    category, period, budget, actual, variance: sumMoney(actual, -budget),
    percent: budget === 0 ? undefined : (actual - budget) / budget,
    status: budgetStatus(actual, budget, policy.tolerance),
    favourable: favourability(actual, budget, "expense"),
  };
}

/**
 * Rows by period (a year-to-date comparison before the months in it not booked yet), then the
 * policy's category order; a category with both in one month, its booked rows first.
 */
export function budgetReport(records: readonly BudgetRecord[], options: BudgetReportOptions, policy: BudgetPolicy = DEFAULT_BUDGET_POLICY): BudgetReportRow[] {
  const groups = new Map<string, Group>();
  for (const record of records) {
    const at = periodOf(record, options);
    if (at === undefined) continue;
    const key = `${record.category}\u0000${at.period}\u0000${at.booked}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { category: record.category, ...at, budgets: [], actuals: [] }));
    group.budgets.push(roundMoney(record.budget));
    if (record.actual !== undefined) group.actuals.push(roundMoney(record.actual));
  }
  const order = (g: Group) => (g.period.includes("…") ? "" : g.period);
  return [...groups.values()]
    .sort(
      (a, b) =>
        order(a).localeCompare(order(b)) ||
        categoryOrder(a.category, policy) - categoryOrder(b.category, policy) ||
        a.category.localeCompare(b.category, "zh-CN") ||
        Number(b.booked) - Number(a.booked),
    )
    .map((group) => groupRow(group, policy));
}

/** The policy's categories first, in the policy's order, whichever language the sheet uses. */
function categoryOrder(category: string, policy: BudgetPolicy): number {
  const index = policy.categories.findIndex((c) => c.en.toLowerCase() === category.trim().toLowerCase() || c.zh === category.trim());
  return index === -1 ? policy.categories.length : index;
}
