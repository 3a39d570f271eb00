import {
  bonusGaps,
  daysLeft,
  isRuleError,
  monthlyBonus,
  nextRank,
  rebateGap,
  rebateStatement,
  roundMoney,
  sumMoney,
  type BonusGap,
  type BonusStatementRow,
  type MonthPeriod,
  type Policy,
  type RebateMode,
  type RowProblem,
} from "../rules";
import type { HeaderLanguage, WorkbookTables } from "../workbook";
import { readBonusMonth } from "./bonuses";
import { tableProblem } from "./cells";
import { problemsOutcome } from "./outcome";
import { readPurchases, tiersForYear } from "./rebates";
import { readRequired, type TableOptions } from "./tables";

/*
 * Issue 11 points 2 and 3: who is close to the next award, base-rate step or rank this month,
 * and which dealers are close to the next rebate tier this year, computed from the workbook's
 * tables as the Bonuses and Rebates tables are (same readers, same policy version), and
 * written nowhere (opportunity-sheet.ts writes a list when asked).
 *
 * "Within" (point 3) is a share of the next threshold: an amount shortfall is within it when
 * shortfall ≤ within × threshold (rounded to 0.01, so exactly 10% of 15,000 = 1,500 is within
 * 10%); a count shortfall (sponsored SRs) is within it when it is 1.
 */

/** What computing a list reports: the rows that could not be read (nothing listed), or the list. */
export type ListOutcome<Summary> = { readonly kind: "problems"; readonly problems: readonly RowProblem[] } | { readonly kind: "listed"; readonly summary: Summary };

/** The order a rep's opportunities are listed in: by deadline, the morning-star day first. */
export const BONUS_OPPORTUNITY_KINDS = ["morning", "opening", "step", "rank"] as const;
export type BonusOpportunityKind = (typeof BONUS_OPPORTUNITY_KINDS)[number];

export interface BonusOpportunity {
  readonly rep: string;
  /** The rank the rep qualifies for this month (as in Bonuses). */
  readonly rank: string;
  readonly kind: BonusOpportunityKind;
  /** rank: the next rank's code; step: "baseStep"; morning, opening: "morningStar", "openingStar". */
  readonly target: string;
  /** The amount to reach: the award's or the step's threshold (sales by the 20th for morning); undefined for a rank. */
  readonly threshold: number | undefined;
  /** step: the base rate from the threshold on; undefined otherwise. */
  readonly nextRate: number | undefined;
  /** The rep's own sales still needed (by the 20th for morning); for a rank, enough for both its month and cumulative minimums (0: both met). */
  readonly shortfall: number;
  /** rank: the sales of directly sponsored SRs still missing; 0 otherwise. */
  readonly sponsoredSalesShortfall: number;
  /** rank: the directly sponsored SRs still missing (0 or 1 within any distance); 0 otherwise. */
  readonly sponsoredCountShortfall: number;
  /**
   * The month's total bonus with the shortfall sold (at the next rank, with the sponsored sales
   * reached too, for a rank) minus the total now; undefined when the bonus policy knows no such
   * rank. May be negative for a rank: a higher rank's awards need more sales.
   */
  readonly extraBonus: number | undefined;
  /** Selling days left, today included: to the morning-star day (morning) or the month's end; undefined without `today`. */
  readonly daysLeft: number | undefined;
}

export interface BonusOpportunitiesOptions extends TableOptions, MonthPeriod {
  /** The distance, as a share of the next threshold (0.1 = 10%). */
  readonly within: number;
  /**
   * The day the question is asked: deadlines passed by then are left out (after the 20th, no
   * morning-star award; after the month, nothing) and days left are counted to the others.
   * Omitted: nothing has passed and days left are not given (a month looked back on: who came close).
   */
  readonly today?: Date;
}

export interface BonusOpportunityList {
  readonly kind: "bonus";
  readonly year: number;
  readonly month: number;
  readonly within: number;
  readonly today: Date | undefined;
  /** Rep by rep in the order of the Reps table; each rep's in BONUS_OPPORTUNITY_KINDS order. */
  readonly opportunities: readonly BonusOpportunity[];
  /** The reps looked at (every rep in Reps). */
  readonly reps: number;
  /** The policy the month is computed on (in force on its 1st), and the From of its newest version (undefined: the seed). */
  readonly policy: Policy;
  readonly policyFrom: Date | undefined;
  /** The Sales table's header language: a new sheet of the list is labelled in it. */
  readonly language: HeaderLanguage;
}

export interface RebateOpportunity {
  readonly dealer: string;
  /** The year's net purchases (purchases − returns). */
  readonly net: number;
  readonly nextThreshold: number;
  /** nextThreshold − net, rounded up to 0.01. */
  readonly needed: number;
  /** The year's rebate on exactly nextThreshold. */
  readonly rebateAtNext: number;
  /** rebateAtNext − the rebate now. */
  readonly extra: number;
  /** extra ÷ needed: the rebate as a share of the purchases that earn it, what the push costs. */
  readonly costShare: number;
}

export interface RebateOpportunitiesOptions extends TableOptions {
  readonly year: number;
  /** The distance, as a share of the next tier's threshold (0.1 = 10%). */
  readonly within: number;
}

export interface RebateOpportunityList {
  readonly kind: "rebate";
  readonly year: number;
  readonly within: number;
  readonly mode: RebateMode;
  /** The From of the RebatePolicy version applied; undefined for an unversioned table. */
  readonly policyFrom: Date | undefined;
  /** In the order of the Rebates table (by dealer). */
  readonly opportunities: readonly RebateOpportunity[];
  /** The dealers with purchases in the year. */
  readonly dealers: number;
  /** The Purchases table's header language: a new sheet of the list is labelled in it. */
  readonly language: HeaderLanguage;
}

/** An amount shortfall within `within` of `threshold` (not 0: a threshold reached is no opportunity). */
export function amountWithin(shortfall: number, threshold: number, within: number): boolean {
  return shortfall > 0 && shortfall <= roundMoney(within * threshold);
}

interface RepContext {
  readonly row: BonusStatementRow;
  readonly policy: Policy;
  readonly options: BonusOpportunitiesOptions;
  readonly days: { readonly morning?: number; readonly monthEnd?: number };
}

function rankOpportunity({ row, policy, options, days }: RepContext): BonusOpportunity | undefined {
  // The rank is qualified at the month's end: once it is over, nothing can change it.
  if (options.today && days.monthEnd === undefined) return undefined;
  const next = nextRank({ monthSales: row.monthSales, sponsoredSales: row.sponsoredSales, sponsoredCount: row.sponsoredCount, cumulativeSales: row.cumulativeSales }, policy.ranks);
  if (!next) return undefined;
  const s = next.shortfalls;
  const amounts: [number, number][] = [[s.monthSales, next.next.minMonthSales], [s.cumulativeSales, next.next.minCumulativeSales], [s.sponsoredSales, next.next.minSponsoredSales]];
  const within = amounts.every(([shortfall, minimum]) => shortfall === 0 || amountWithin(shortfall, minimum, options.within)) && s.sponsoredCount <= 1;
  if (!within) return undefined;
  // Selling this month raises the month's and the cumulative sales alike.
  const shortfall = Math.max(s.monthSales, s.cumulativeSales);
  const after = monthlyBonus(
    { monthSales: sumMoney(row.monthSales, shortfall), salesBy20th: row.salesBy20th, rank: next.next.code, sponsoredSales: sumMoney(row.sponsoredSales, s.sponsoredSales) },
    policy.bonus,
  );
  return {
    rep: row.rep, rank: row.rank, kind: "rank", target: next.next.code, threshold: undefined, nextRate: undefined, shortfall,
    sponsoredSalesShortfall: s.sponsoredSales, sponsoredCountShortfall: s.sponsoredCount,
    extraBonus: isRuleError(after) ? undefined : sumMoney(after.total, -row.total), daysLeft: days.monthEnd,
  };
}

function repOpportunities(context: RepContext): BonusOpportunity[] {
  const { row, policy, options, days } = context;
  const gaps = bonusGaps({ monthSales: row.monthSales, salesBy20th: row.salesBy20th, rank: row.rank, sponsoredSales: row.sponsoredSales }, policy.bonus, options.today && { today: options.today, month: options });
  // Every row of a statement is valid bonus input (bonusStatement computed its bonus from it).
  if (isRuleError(gaps)) return [];
  const award = (kind: BonusOpportunityKind, target: string, gap: BonusGap | undefined, days: number | undefined, nextRate?: number): BonusOpportunity[] =>
    gap && amountWithin(gap.shortfall, gap.threshold, options.within)
      ? [{ rep: row.rep, rank: row.rank, kind, target, threshold: gap.threshold, nextRate, shortfall: gap.shortfall, sponsoredSalesShortfall: 0, sponsoredCountShortfall: 0, extraBonus: gap.extraBonus, daysLeft: days }]
      : [];
  const stepRate = policy.bonus.baseRateSteps.find((step) => step.from === gaps.nextStep?.threshold)?.rate;
  const rank = rankOpportunity(context);
  return [
    ...award("morning", "morningStar", gaps.morning, days.morning),
    ...award("opening", "openingStar", gaps.opening, days.monthEnd),
    ...award("step", "baseStep", gaps.nextStep, days.monthEnd, stepRate),
    ...(rank ? [rank] : []),
  ];
}

/**
 * Reps within `within` of the next award, base-rate step or rank in the month, from Sales and
 * the Reps sponsor tree on the policy in force on the month's 1st (as bonusStatements).
 * Problems: rows that cannot be read, a broken sponsor tree, no sale at all in the month.
 */
export async function bonusOpportunities(tables: WorkbookTables, options: BonusOpportunitiesOptions): Promise<ListOutcome<BonusOpportunityList>> {
  const month = await readBonusMonth(tables, options);
  if (month.kind === "problems") return month;
  const { salesData, inForce, statement } = month;
  const days = options.today ? daysLeft(options.today, options, inForce.policy.bonus) : {};
  const opportunities = statement.rows.flatMap((row) => repOpportunities({ row, policy: inForce.policy, options, days }));
  return {
    kind: "listed",
    summary: {
      kind: "bonus", year: options.year, month: options.month, within: options.within, today: options.today, opportunities, reps: statement.rows.length,
      policy: inForce.policy, policyFrom: inForce.from, language: salesData.ref.language,
    },
  };
}

/**
 * Dealers within `within` of the next rebate tier in the year, from Purchases and the
 * RebatePolicy version (and mode) the year is computed on (as refreshRebates). Problems: rows
 * that cannot be read, a policy without a version in force, no purchase in the year.
 */
export async function rebateOpportunities(tables: WorkbookTables, options: RebateOpportunitiesOptions): Promise<ListOutcome<RebateOpportunityList>> {
  const period = { year: options.year };
  const purchasesData = await readRequired(tables, "Purchases", options);
  const policyData = await readRequired(tables, "RebatePolicy", options);
  const purchases = readPurchases(purchasesData, period);
  const policy = await tiersForYear(tables, policyData, options.year, options);
  const problems = [...purchases.problems, ...policy.problems];
  if (problems.length === 0 && purchases.records.length === 0) {
    problems.push(purchasesData.rows.length === 0 ? tableProblem(purchasesData, "tableEmpty") : tableProblem(purchasesData, "noRowsInPeriod", String(options.year)));
  }
  if (problems.length > 0) return problemsOutcome(problems);

  const { rebates } = rebateStatement(purchases.records, policy.tiers, policy.mode, period);
  const opportunities: RebateOpportunity[] = [];
  for (const { dealer, net } of rebates) {
    const gap = rebateGap(net, policy.tiers, policy.mode);
    if (!gap || !amountWithin(gap.needed, gap.nextThreshold, options.within)) continue;
    opportunities.push({ dealer, net, ...gap, costShare: gap.extra / gap.needed });
  }
  return {
    kind: "listed",
    summary: { kind: "rebate", year: options.year, within: options.within, mode: policy.mode, policyFrom: policy.from, opportunities, dealers: rebates.length, language: purchasesData.ref.language },
  };
}
