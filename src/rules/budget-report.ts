import { budgetStatus, DEFAULT_BUDGET_POLICY, favourability, type BudgetPolicy, type BudgetStatus, type Favourability } from "./budget";
import { roundMoney, sumMoney } from "./money";
import { monthLabel } from "./dates";

/**
 * Budget against actual per expense category (3.4): finance compares spending with the
 * budget and reports anomalies (004). A month whose Actual is blank is not booked yet and
 * stays out of the comparison, budget and all, so that it does not show as an underspend.
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
  /** With `month`: January to that month, summed per category. */
  readonly yearToDate?: boolean;
}

export interface BudgetReportRow {
  readonly category: string;
  /** "2025-03", or "2025-01…2025-03" for year to date. */
  readonly period: string;
  readonly budget: number;
  readonly actual: number;
  readonly variance: number;
  /** undefined when the budget is 0. */
  readonly percent: number | undefined;
  readonly status: BudgetStatus;
  readonly favourable: Favourability;
}


function periodOf(record: BudgetRecord, options: BudgetReportOptions): string | undefined {
  const year = record.month.getFullYear();
  const month = record.month.getMonth() + 1;
  if (year !== options.year || record.actual === undefined) return undefined;
  if (options.month === undefined) return monthLabel(year, month);
  if (options.yearToDate) return month <= options.month ? `${monthLabel(year, 1)}…${monthLabel(year, options.month)}` : undefined;
  return month === options.month ? monthLabel(year, month) : undefined;
}

export function budgetReport(records: readonly BudgetRecord[], options: BudgetReportOptions, policy: BudgetPolicy = DEFAULT_BUDGET_POLICY): BudgetReportRow[] {
  const groups = new Map<string, { category: string; period: string; budgets: number[]; actuals: number[] }>();
  for (const record of records) {
    const period = periodOf(record, options);
    if (period === undefined) continue;
    const key = `${record.category}\u0000${period}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { category: record.category, period, budgets: [], actuals: [] }));
    group.budgets.push(roundMoney(record.budget));
    group.actuals.push(roundMoney(record.actual as number));
  }
  return [...groups.values()]
    .sort((a, b) => a.period.localeCompare(b.period) || categoryOrder(a.category, policy) - categoryOrder(b.category, policy) || a.category.localeCompare(b.category, "zh-CN"))
    .map(({ category, period, budgets, actuals }) => {
      const budget = sumMoney(...budgets);
      const actual = sumMoney(...actuals);
      return {
        category, period, budget, actual, variance: sumMoney(actual, -budget),
        percent: budget === 0 ? undefined : (actual - budget) / budget,
        status: budgetStatus(actual, budget, policy.tolerance),
        favourable: favourability(actual, budget, "expense"),
      };
    });
}

/** The policy's categories first, in the policy's order, whichever language the sheet uses. */
function categoryOrder(category: string, policy: BudgetPolicy): number {
  const index = policy.categories.findIndex((c) => c.en.toLowerCase() === category.trim().toLowerCase() || c.zh === category.trim());
  return index === -1 ? policy.categories.length : index;
}
