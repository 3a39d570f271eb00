import { nameReader, type Names } from "./names";
import { DEFAULT_POLICY, type Policy } from "./policy";
import { RANK_CODES } from "./ranks";

/**
 * The rules of the Policy table 制度参数 (SPEC §4.1): every number of the policy, named once,
 * with what each row of a rule holds. Cells store the English code; the Chinese name is
 * read too.
 */
export const POLICY_RULES = [
  "PerformanceRatio",
  "VatRate",
  "BaseRate",
  "MorningStar",
  "OpeningStar",
  "MorningStarDay",
  "OverrideRate",
  "RankMinMonthSales",
  "RankMinSponsoredSales",
  "RankMinSponsoredCount",
  "RankMinCumulativeSales",
  "PayMonthsAfter",
  "PayDay",
  "PlanLeadMonths",
  "BudgetTolerance",
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

export const POLICY_RULE_NAMES: Readonly<Record<PolicyRule, Names>> = {
  PerformanceRatio: { en: "Performance ratio", zh: "业绩比例" },
  VatRate: { en: "VAT rate", zh: "增值税率" },
  BaseRate: { en: "Base rate", zh: "基本奖金比例" },
  MorningStar: { en: "Morning star", zh: "晨星奖" },
  OpeningStar: { en: "Opening star", zh: "开星奖" },
  MorningStarDay: { en: "Morning star day", zh: "晨星截止日" },
  OverrideRate: { en: "Override rate", zh: "季度评估比例" },
  RankMinMonthSales: { en: "Rank min month sales", zh: "职级月度业绩" },
  RankMinSponsoredSales: { en: "Rank min sponsored sales", zh: "职级培训SR业绩" },
  RankMinSponsoredCount: { en: "Rank min sponsored count", zh: "职级培训SR数量" },
  RankMinCumulativeSales: { en: "Rank min cumulative sales", zh: "职级累计业绩" },
  PayMonthsAfter: { en: "Pay months after", zh: "发放间隔月数" },
  PayDay: { en: "Pay day", zh: "发放日" },
  PlanLeadMonths: { en: "Plan lead months", zh: "提前提交月数" },
  BudgetTolerance: { en: "Budget tolerance", zh: "预算容差" },
};

/** A rule from its code or name, English or Chinese; case and spaces do not matter. */
export const parsePolicyRule: (text: string) => PolicyRule | undefined = nameReader(POLICY_RULES, POLICY_RULE_NAMES);

/**
 * What a rule's Rank says: nothing ("none"); the rank a row is for, one row per rank
 * ("perRank": an award group's first rank, a rank's minimum); or the lowest rank the
 * rule applies to, one row in all ("lowest": OverrideRate).
 */
export type RankUse = "none" | "perRank" | "lowest";

/**
 * What a rule's Value is, and so which values are valid: a fraction of at most 100%
 * ("rate"); the budget band, below 100% ("tolerance"); an amount of money ("amount"); a
 * whole number of SRs or months ("count"); a day of the month ("day").
 */
export type ValueKind = "rate" | "tolerance" | "amount" | "count" | "day";

export interface PolicyRuleShape {
  readonly rank: RankUse;
  /** Whether each row has a Threshold: BaseRate's steps, an award's sales threshold. */
  readonly threshold: boolean;
  readonly value: ValueKind;
  /** "day" rules: the last day allowed. */
  readonly maxDay?: number;
  /** Blank Value means "no minimum" (0) instead of a missing value. */
  readonly blankIsZero?: boolean;
}

const NO_RANK = { rank: "none", threshold: false } as const;
const RANK_MINIMUM = { rank: "perRank", threshold: false, value: "amount", blankIsZero: true } as const;
const STAR_AWARD = { rank: "perRank", threshold: true, value: "amount" } as const;

/**
 * Decisions where SPEC §4.1 is silent: PayDay runs to the 28th only (a later day does not
 * exist in every month); MorningStarDay to the 31st (the whole month); PerformanceRatio is
 * a fraction like the rates.
 */
export const POLICY_RULE_SHAPES: Readonly<Record<PolicyRule, PolicyRuleShape>> = {
  PerformanceRatio: { ...NO_RANK, value: "rate" },
  VatRate: { ...NO_RANK, value: "rate" },
  BaseRate: { rank: "none", threshold: true, value: "rate" },
  MorningStar: STAR_AWARD,
  OpeningStar: STAR_AWARD,
  MorningStarDay: { ...NO_RANK, value: "day", maxDay: 31 },
  // Stryker disable next-line StringLiteral: "lowest" is any rank use but "none" and "perRank" to the code; only the type tells them apart.
  OverrideRate: { rank: "lowest", threshold: false, value: "rate" },
  RankMinMonthSales: RANK_MINIMUM,
  RankMinSponsoredSales: RANK_MINIMUM,
  RankMinSponsoredCount: { ...RANK_MINIMUM, value: "count" },
  RankMinCumulativeSales: RANK_MINIMUM,
  PayMonthsAfter: { ...NO_RANK, value: "count" },
  PayDay: { ...NO_RANK, value: "day", maxDay: 28 },
  PlanLeadMonths: { ...NO_RANK, value: "count" },
  BudgetTolerance: { ...NO_RANK, value: "tolerance" },
};

export function ruleTakesRank(rule: PolicyRule): boolean {
  return POLICY_RULE_SHAPES[rule].rank !== "none";
}

export function ruleTakesThreshold(rule: PolicyRule): boolean {
  return POLICY_RULE_SHAPES[rule].threshold;
}

/** One row of a policy, read: rule and rank as codes. `row` is the worksheet row; the seed's rows have none. */
export interface PolicyRow {
  readonly row?: number;
  readonly rule: PolicyRule;
  readonly rank: string | undefined;
  readonly threshold: number | undefined;
  readonly value: number | undefined;
}

/**
 * What a version's row replaces (SPEC §4.2, keyed by Rule and Rank): all rows of its rule
 * and, for a per-rank rule, of its rank. OverrideRate is one row whose Rank is part of
 * its value, so an OverrideRate row replaces the one before whatever its Rank.
 */
export function pairKey(row: Pick<PolicyRow, "rule" | "rank">): string {
  return POLICY_RULE_SHAPES[row.rule].rank === "perRank" ? `${row.rule}|${row.rank}` : row.rule;
}

/** Rows in the seed table's order: rule by rule, ranks up the ladder, thresholds as written. */
export function comparePolicyRows(a: Pick<PolicyRow, "rule" | "rank">, b: Pick<PolicyRow, "rule" | "rank">): number {
  return POLICY_RULES.indexOf(a.rule) - POLICY_RULES.indexOf(b.rule) || rankOrder(a.rank) - rankOrder(b.rank);
}

/** Up the ladder; no rank (-1) first. */
function rankOrder(rank: string | undefined): number {
  return RANK_CODES.indexOf(rank as string);
}

const row = (rule: PolicyRule, value: number | undefined, rank?: string, threshold?: number): PolicyRow => ({ rule, rank, threshold, value });

/** A minimum of 0 is written as a blank Value: no minimum. */
const minimum = (value: number) => (value === 0 ? undefined : value);

/** A policy written as Policy table rows, in the seed table's order. */
export function policyRows(policy: Policy): PolicyRow[] {
  const { bonus, ranks, schedule } = policy;
  return [
    row("PerformanceRatio", bonus.performanceRatio),
    row("VatRate", bonus.vatRate),
    ...bonus.baseRateSteps.map((step) => row("BaseRate", step.rate, undefined, step.from)),
    ...bonus.starAwardGroups.map((group) => row("MorningStar", group.morningStarAward, group.ranks[0], group.morningStarThreshold)),
    ...bonus.starAwardGroups.map((group) => row("OpeningStar", group.openingStarAward, group.ranks[0], group.openingStarThreshold)),
    row("MorningStarDay", bonus.morningStarDay),
    ...bonus.overrideRanks.slice(0, 1).map((lowest) => row("OverrideRate", bonus.overrideRate, lowest)),
    ...ranks.map((r) => row("RankMinMonthSales", minimum(r.minMonthSales), r.code)),
    ...ranks.map((r) => row("RankMinSponsoredSales", minimum(r.minSponsoredSales), r.code)),
    ...ranks.map((r) => row("RankMinSponsoredCount", minimum(r.minSponsoredCount), r.code)),
    ...ranks.map((r) => row("RankMinCumulativeSales", minimum(r.minCumulativeSales), r.code)),
    row("PayMonthsAfter", schedule.payMonthsAfter),
    row("PayDay", schedule.payDayOfMonth),
    row("PlanLeadMonths", schedule.planLeadMonths),
    row("BudgetTolerance", policy.budget.tolerance),
  ];
}

/** The seed version (SPEC §4.1): the built-in policy as rows, in force when no approved version is. */
export const SEED_POLICY_ROWS: readonly PolicyRow[] = policyRows(DEFAULT_POLICY);
