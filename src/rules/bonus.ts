import { ruleError, type RuleError } from "./errors";
import { roundMoney, sumMoney } from "./money";

/** Star awards for a group of ranks, from 001 (“晨星、开星奖”). */
export interface StarAwardGroup {
  readonly ranks: readonly string[];
  /** 晨星奖: sales reached by the policy's morning-star day (the 20th). */
  readonly morningStarThreshold: number;
  readonly morningStarAward: number;
  /** 开星奖: sales reached by month end. */
  readonly openingStarThreshold: number;
  readonly openingStarAward: number;
}

export interface BaseRateStep {
  /** The rate applies from this month-sales amount upwards. */
  readonly from: number;
  readonly rate: number;
}

/**
 * The monthly bonus (奖金) policy, from 001 (“奖金制度”, “建立销售经理的概念” and the worked
 * example `20000*0.9/1.17*20%`).
 */
export interface BonusPolicy {
  /** 业绩比例 */
  readonly performanceRatio: number;
  /** 增值税 */
  readonly vatRate: number;
  /** Ascending; below the first step the base bonus is 0. */
  readonly baseRateSteps: readonly BaseRateStep[];
  readonly starAwardGroups: readonly StarAwardGroup[];
  /** 季度评估: “4*20000/SR*5%=季度评估4000元/月”. */
  readonly overrideRate: number;
  readonly overrideRanks: readonly string[];
  /** Ranks that get the base bonus only. */
  readonly baseOnlyRanks: readonly string[];
  readonly defaultRank: string;
  /** 晨星截止日: sales dated the 1st up to this day of the month, inclusive, count towards the morning-star award (“20号前”). */
  readonly morningStarDay: number;
}

export const DEFAULT_BONUS_POLICY: BonusPolicy = {
  performanceRatio: 0.9,
  vatRate: 0.17,
  baseRateSteps: [
    { from: 13_000, rate: 0.1 },
    { from: 15_000, rate: 0.15 },
    { from: 20_000, rate: 0.2 },
  ],
  starAwardGroups: [
    { ranks: ["SR", "SE", "SSE"], morningStarThreshold: 15_000, morningStarAward: 1_500, openingStarThreshold: 20_000, openingStarAward: 1_000 },
    { ranks: ["SM", "SSM"], morningStarThreshold: 20_000, morningStarAward: 4_000, openingStarThreshold: 30_000, openingStarAward: 2_000 },
    { ranks: ["SD", "SSD", "TE"], morningStarThreshold: 30_000, morningStarAward: 4_000, openingStarThreshold: 40_000, openingStarAward: 2_000 },
  ],
  overrideRate: 0.05,
  overrideRanks: ["SM", "SSM", "SD", "SSD", "TE"],
  baseOnlyRanks: ["PC", "DS"],
  defaultRank: "SR",
  morningStarDay: 20,
};

export interface BonusInput {
  readonly monthSales: number;
  /** Undefined: not known, so no morning-star award. */
  readonly salesBy20th?: number;
  readonly rank: string;
  readonly sponsoredSales: number;
}

export interface BonusBreakdown {
  readonly base: number;
  readonly morningStar: number;
  readonly openingStar: number;
  readonly override: number;
  readonly total: number;
}

export const BONUS_COMPONENTS = ["base", "morningStar", "openingStar", "override"] as const;

export function baseRate(monthSales: number, policy: BonusPolicy = DEFAULT_BONUS_POLICY): number {
  let rate = 0;
  for (const step of policy.baseRateSteps) if (monthSales >= step.from) rate = step.rate;
  return rate;
}

export function baseBonus(monthSales: number, policy: BonusPolicy = DEFAULT_BONUS_POLICY): number {
  return roundMoney(((monthSales * policy.performanceRatio) / (1 + policy.vatRate)) * baseRate(monthSales, policy));
}

/** Rank → award group, built once per policy: the bonus is computed for many rows with the same policy. */
const groupsByPolicy = new WeakMap<BonusPolicy, Map<string, StarAwardGroup>>();

export function starAwardGroup(rank: string, policy: BonusPolicy = DEFAULT_BONUS_POLICY): StarAwardGroup | undefined {
  let groups = groupsByPolicy.get(policy);
  if (!groups) {
    groups = new Map(policy.starAwardGroups.flatMap((group) => group.ranks.map((r) => [r, group] as const)));
    groupsByPolicy.set(policy, groups);
  }
  return groups.get(rank);
}

export function isKnownBonusRank(rank: string, policy: BonusPolicy = DEFAULT_BONUS_POLICY): boolean {
  return policy.baseOnlyRanks.includes(rank) || starAwardGroup(rank, policy) !== undefined;
}

function negative(arg: string, value: number): RuleError {
  return ruleError("num", "negativeAmount", { arg, value });
}

export function validateBonusInput(input: BonusInput, policy: BonusPolicy = DEFAULT_BONUS_POLICY): RuleError | undefined {
  if (input.monthSales < 0) return negative("monthSales", input.monthSales);
  if (input.salesBy20th !== undefined && input.salesBy20th < 0) return negative("salesBy20th", input.salesBy20th);
  if (input.sponsoredSales < 0) return negative("sponsoredSales", input.sponsoredSales);
  if (input.salesBy20th !== undefined && input.salesBy20th > input.monthSales) {
    return ruleError("value", "salesBy20thExceedsMonthSales", { salesBy20th: input.salesBy20th, monthSales: input.monthSales });
  }
  if (!isKnownBonusRank(input.rank, policy)) return ruleError("value", "unknownRank", { arg: "rank", value: input.rank });
  return undefined;
}

export type MutableBonusBreakdown = { -readonly [K in keyof BonusBreakdown]: BonusBreakdown[K] };

/** Each component is rounded to 0.01 first, then summed. */
export function monthlyBonus(input: BonusInput, policy: BonusPolicy = DEFAULT_BONUS_POLICY): BonusBreakdown | RuleError {
  const breakdown: MutableBonusBreakdown = { base: 0, morningStar: 0, openingStar: 0, override: 0, total: 0 };
  return monthlyBonusInto(input, breakdown, policy) ?? breakdown;
}

/**
 * monthlyBonus writing into `out`: a caller that computes 100,000 rows and keeps one number
 * of each reuses one object instead of leaving 100,000 behind for the garbage collector.
 */
export function monthlyBonusInto(input: BonusInput, out: MutableBonusBreakdown, policy: BonusPolicy = DEFAULT_BONUS_POLICY): RuleError | undefined {
  const invalid = validateBonusInput(input, policy);
  if (invalid) return invalid;
  const group = starAwardGroup(input.rank, policy);
  out.base = baseBonus(input.monthSales, policy);
  out.morningStar = group && input.salesBy20th !== undefined && input.salesBy20th >= group.morningStarThreshold ? group.morningStarAward : 0;
  out.openingStar = group && input.monthSales >= group.openingStarThreshold ? group.openingStarAward : 0;
  out.override = policy.overrideRanks.includes(input.rank) ? roundMoney(input.sponsoredSales * policy.overrideRate) : 0;
  out.total = sumMoney(out.base, out.morningStar, out.openingStar, out.override);
  return undefined;
}
