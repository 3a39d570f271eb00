/*
 * The MKT custom functions. The JSDoc here is the single source of the functions' help:
 * custom-functions-metadata-plugin turns it into dist/functions.json, and the build adds
 * the Chinese help from src/functions/translations.zh-CN.json.
 *
 * Every per-row argument is declared `any[][]` so that Excel passes a whole range in one
 * call (a scalar parameter would make Excel call the function once per cell), and so that
 * error values in cells reach us and spoil only their own element. The signatures say
 * `any` because the metadata generator reads them and accepts only `any`/`any[][]`.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  budgetVarianceCells,
  monthlyBonusCells,
  payDateCells,
  planDeadlineCells,
  rankOfCells,
  rebateCells,
} from "./adapters";
import { bonusGapCells, nextRankCells, rebateGapCells } from "./what-if-adapters";

/**
 * The career rank (职级) a sales representative qualifies for this month: the highest rank whose minimums all hold. Codes: PC preferred customer, DS distributor, SR sales representative, SE sales executive, SSE senior sales executive, SM sales manager, SSM senior sales manager, SD sales director, SSD senior sales director, TE global leader.
 * @customfunction RANK_OF
 * @param {any[][]} monthSales The month's sales. A value or a range.
 * @param {any[][]} [sponsoredSales] Month sales of the SRs this representative sponsored directly. Blank counts as 0.
 * @param {any[][]} [sponsoredCount] Number of SRs this representative sponsored directly. Blank counts as 0.
 * @param {any[][]} [cumulativeSales] All sales to date. Blank counts as the month's sales.
 * @param {any[][]} [rankTable] A replacement rank table, lowest rank first: code, minMonthSales, minSponsoredSales, minSponsoredCount, minCumulativeSales. Given, it wins over the policy's ladder.
 * @param {any[][]} [policy] The Policy table (制度参数) with its header row: columns Rule and Value, and optionally Rank, Threshold, From, Status (English or Chinese headers, any order). Its approved versions replace the built-in values.
 * @param {any} [asOf] The date the policy is taken at: the approved versions with From on or before it apply. Blank: every approved version, even later ones.
 * @returns {any[][]} The rank code (PC, DS, SR, SE, SSE, SM, SSM, SD, SSD, TE).
 */
export function rankOf(
  monthSales: any[][],
  sponsoredSales?: any[][],
  sponsoredCount?: any[][],
  cumulativeSales?: any[][],
  rankTable?: any[][],
  policy?: any[][],
  asOf?: any,
): any[][] {
  return rankOfCells(monthSales, sponsoredSales, sponsoredCount, cumulativeSales, rankTable, policy, asOf);
}

/**
 * A representative's bonus (奖金) for one month: base bonus, morning-star award, opening-star award and quarterly-evaluation override.
 * @customfunction MONTHLY_BONUS
 * @param {any[][]} monthSales The month's sales. A value or a range.
 * @param {any[][]} [salesBy20th] Sales reached by the 20th of the month. Blank means no morning-star award.
 * @param {any[][]} [rank] The representative's rank code. Blank means SR.
 * @param {any[][]} [sponsoredSales] Month sales of the SRs this representative sponsored directly (for SM and above). Blank counts as 0.
 * @param {any} [component] "total" (default), "base", "morning", "opening", "override", or "all" for the four components in one row.
 * @param {any[][]} [policy] The Policy table (制度参数) with its header row: columns Rule and Value, and optionally Rank, Threshold, From, Status (English or Chinese headers, any order). Its approved versions replace the built-in values.
 * @param {any} [asOf] The bonus month's first day: the approved versions with From on or before it apply. Blank: every approved version, even later ones.
 * @returns {any[][]} The bonus, rounded to 0.01.
 */
export function monthlyBonus(
  monthSales: any[][],
  salesBy20th?: any[][],
  rank?: any[][],
  sponsoredSales?: any[][],
  component?: any,
  policy?: any[][],
  asOf?: any,
): any[][] {
  return monthlyBonusCells(monthSales, salesBy20th, rank, sponsoredSales, component, policy, asOf);
}

/**
 * A dealer's (经销商) annual sales rebate (销售返利), or one purchase's share of it.
 * @customfunction REBATE
 * @param {any[][]} netPurchases The dealer's purchases for the year, net of returns. A value or a range.
 * @param {any[][]} tiers Two columns, threshold and rate, thresholds ascending. A header row is allowed.
 * @param {any} [mode] "retroactive" (default: the whole amount earns the highest tier reached) or "incremental" (each slice earns its own tier's rate).
 * @param {any[][]} [purchase] One purchase's amount: the result is that purchase's share of the annual rebate.
 * @returns {any[][]} The rebate, rounded to 0.01.
 */
export function rebate(
  netPurchases: any[][],
  tiers: any[][],
  mode?: any,
  purchase?: any[][],
): any[][] {
  return rebateCells(netPurchases, tiers, mode, purchase);
}

/**
 * Budget control for marketing expenses (营销费用预算控制): actual against budget.
 * @customfunction BUDGET_VARIANCE
 * @param {any[][]} actual Actual spending (or revenue). A value or a range.
 * @param {any[][]} budget The budget (or target). A value or a range.
 * @param {any} [output] "amount" (default, actual − budget), "percent", "used", "status" (OVER / UNDER / ON TRACK) or "favourable" (F / U / -).
 * @param {any[][]} [kind] "expense" (default: spending above budget is unfavourable) or "revenue" (falling short is unfavourable).
 * @param {any[][]} [tolerance] Band around the budget that counts as on track. Default: the policy's BudgetTolerance (5%).
 * @param {any[][]} [policy] The Policy table (制度参数) with its header row: columns Rule and Value, and optionally Rank, Threshold, From, Status (English or Chinese headers, any order). Its approved versions replace the built-in values.
 * @param {any} [asOf] The budget period's first day: the approved versions with From on or before it apply. Blank: every approved version, even later ones.
 * @returns {any[][]} The variance, ratio or status.
 */
export function budgetVariance(
  actual: any[][],
  budget: any[][],
  output?: any,
  kind?: any[][],
  tolerance?: any[][],
  policy?: any[][],
  asOf?: any,
): any[][] {
  return budgetVarianceCells(actual, budget, output, kind, tolerance, policy, asOf);
}

/**
 * The date on which a month's bonus is paid: by default the 10th of the month after next (次次月10日).
 * @customfunction PAY_DATE
 * @param {any[][]} month Any date in the month the bonus is for. A value or a range.
 * @param {any[][]} [policy] The Policy table (制度参数) with its header row: columns Rule and Value, and optionally Rank, Threshold, From, Status (English or Chinese headers, any order). PayMonthsAfter and PayDay come from the version in force on the first day of each month.
 * @returns {any[][]} The pay date as an Excel date serial (format the cell as a date).
 */
export function payDate(month: any[][], policy?: any[][]): any[][] {
  return payDateCells(month, policy);
}

/**
 * The last day on which an activity plan may be submitted: by default one calendar month before it starts (营销活动策划应提前至少一个月提交).
 * @customfunction PLAN_DEADLINE
 * @param {any[][]} startDate The day the activity starts. A value or a range.
 * @param {any[][]} [policy] The Policy table (制度参数) with its header row: columns Rule and Value, and optionally Rank, Threshold, From, Status (English or Chinese headers, any order). PlanLeadMonths comes from the version in force on each start date.
 * @returns {any[][]} The submission deadline as an Excel date serial (format the cell as a date).
 */
export function planDeadline(startDate: any[][], policy?: any[][]): any[][] {
  return planDeadlineCells(startDate, policy);
}

/**
 * The next career rank (职级) above the one qualified this month, and what is still missing for it. Each shortfall is given as if the other minimums were met; blank at the top rank (TE).
 * @customfunction NEXT_RANK
 * @param {any[][]} monthSales The month's sales. A value or a range.
 * @param {any[][]} [sponsoredSales] Month sales of the SRs this representative sponsored directly. Blank counts as 0.
 * @param {any[][]} [sponsoredCount] Number of SRs this representative sponsored directly. Blank counts as 0.
 * @param {any[][]} [cumulativeSales] All sales to date. Blank counts as the month's sales, so month sales raise it too.
 * @param {any[][]} [rankTable] A replacement rank table, lowest rank first: code, minMonthSales, minSponsoredSales, minSponsoredCount, minCumulativeSales. Given, it wins over the policy's ladder.
 * @param {any} [output] "rank" (default, the next rank's code), "monthSales", "sponsoredSales", "sponsoredCount" or "cumulativeSales" (that shortfall, 0 when met, amounts rounded up to 0.01), or "all" for the five in one row per input row.
 * @param {any[][]} [policy] The Policy table (制度参数) with its header row: columns Rule and Value, and optionally Rank, Threshold, From, Status (English or Chinese headers, any order). Its approved versions replace the built-in values.
 * @param {any} [asOf] The date the policy is taken at: the approved versions with From on or before it apply. Blank: every approved version, even later ones.
 * @returns {any[][]} The next rank's code or a shortfall; blank when there is no next rank.
 */
export function nextRank(
  monthSales: any[][],
  sponsoredSales?: any[][],
  sponsoredCount?: any[][],
  cumulativeSales?: any[][],
  rankTable?: any[][],
  output?: any,
  policy?: any[][],
  asOf?: any,
): any[][] {
  return nextRankCells(monthSales, sponsoredSales, sponsoredCount, cumulativeSales, rankTable, output, policy, asOf);
}

/**
 * The sales a representative still needs this month for the next base-rate step, the morning-star award (晨星奖) and the opening-star award (开星奖), and the extra bonus each would bring. Blank when there is nothing left to reach, the rank earns no such award (PC, DS), or its deadline has passed.
 * @customfunction BONUS_GAP
 * @param {any[][]} monthSales The month's sales so far. A value or a range.
 * @param {any[][]} [salesBy20th] Sales reached by the 20th of the month. Blank counts as 0 for the morning-star award.
 * @param {any[][]} [rank] The representative's rank code. Blank means SR.
 * @param {any[][]} [sponsoredSales] Month sales of the SRs this representative sponsored directly (for SM and above). Blank counts as 0.
 * @param {any} [output] "nextStep" (default), "nextStepBonus", "morning", "morningBonus", "opening" or "openingBonus": the sales needed (rounded up to 0.01) or the extra bonus; "all" for the six in one row per input row.
 * @param {any[][]} [today] A date in the month the sales belong to: after the 20th the morning-star award gives a blank. Blank: every deadline is still open.
 * @param {any[][]} [policy] The Policy table (制度参数) with its header row: columns Rule and Value, and optionally Rank, Threshold, From, Status (English or Chinese headers, any order). Its approved versions replace the built-in values.
 * @param {any} [asOf] The bonus month's first day: the approved versions with From on or before it apply. Blank: every approved version, even later ones.
 * @returns {any[][]} The sales needed or the extra bonus, to 0.01; blank when there is nothing to reach.
 */
export function bonusGap(
  monthSales: any[][],
  salesBy20th?: any[][],
  rank?: any[][],
  sponsoredSales?: any[][],
  output?: any,
  today?: any[][],
  policy?: any[][],
  asOf?: any,
): any[][] {
  return bonusGapCells(monthSales, salesBy20th, rank, sponsoredSales, output, today, policy, asOf);
}

/**
 * The purchases a dealer (经销商) still needs to reach the next rebate tier, the annual rebate (销售返利) at that tier, and the extra rebate over today's. Blank when the top tier is reached.
 * @customfunction REBATE_GAP
 * @param {any[][]} netPurchases The dealer's purchases for the year, net of returns. A value or a range.
 * @param {any[][]} tiers Two columns, threshold and rate, thresholds ascending. A header row is allowed.
 * @param {any} [mode] "retroactive" (default: the whole amount earns the highest tier reached) or "incremental" (each slice earns its own tier's rate).
 * @param {any} [output] "needed" (default: the next threshold minus the net purchases, rounded up to 0.01), "rebateAtNext", "extra", or "all" for the three in one row per input row.
 * @returns {any[][]} The purchases needed or the rebate, to 0.01; blank at the top tier.
 */
export function rebateGap(netPurchases: any[][], tiers: any[][], mode?: any, output?: any): any[][] {
  return rebateGapCells(netPurchases, tiers, mode, output);
}
