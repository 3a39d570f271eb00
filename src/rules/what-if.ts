import { DEFAULT_BONUS_POLICY, monthlyBonus, starAwardGroup, type BonusBreakdown, type BonusInput, type BonusPolicy } from "./bonus";
import { isRuleError, type RuleError } from "./errors";
import { sumMoney } from "./money";
import type { MonthPeriod } from "./periods";
import { DEFAULT_RANK_LADDER, meetsRequirement, type RankInput, type RankLadder, type RankRequirement } from "./ranks";
import { annualRebate, DEFAULT_REBATE_MODE, type RebateMode, type RebateTier } from "./rebate";

/*
 * What-if (issue 11): how far a rep is from the next rank, base-rate step or star award, and
 * a dealer from the next rebate tier. "Next" is always the rank, step, award or tier directly
 * above. Shortfalls are the exact amounts rounded UP to 0.01, so that selling the shortfall
 * reaches the threshold and a cent less does not; extra bonuses and rebates are differences
 * of amounts each rounded as SPEC §1 rounds them. Every number comes from the policy.
 */

const CENTS_PER_UNIT = 100;
/** A difference of two amounts carries float noise of a few units in the last place of the larger one. */
const RELATIVE_NOISE = 1e-14;

/** `target − have` rounded up to 0.01 (0 when `have` already reaches `target`). */
export function moneyShortfall(target: number, have: number): number {
  const cents = Math.max(0, (target - have) * CENTS_PER_UNIT);
  const whole = Math.round(cents);
  const noise = Math.max(Math.abs(target), Math.abs(have)) * CENTS_PER_UNIT * RELATIVE_NOISE;
  return (Math.abs(cents - whole) <= noise ? whole : Math.ceil(cents)) / CENTS_PER_UNIT;
}

// ---------------------------------------------------------------------------------- ranks

/** What each minimum of the next rank still needs, each as if the others were met (0 when met). */
export interface RankShortfalls {
  readonly monthSales: number;
  readonly sponsoredSales: number;
  /** Whole SRs. */
  readonly sponsoredCount: number;
  /** An omitted cumulative amount counts as the month's sales (the caller passes it so), so month sales raise it too. */
  readonly cumulativeSales: number;
}

export interface NextRank {
  /** The rank qualified now. */
  readonly current: string;
  /** The rank directly above it on the ladder, with its minimums. */
  readonly next: RankRequirement;
  readonly shortfalls: RankShortfalls;
}

/** The index on the ladder of the highest rank whose minimums all hold (as rankOf). */
function qualifiedIndex(input: RankInput, ladder: RankLadder): number {
  let i = ladder.length - 1;
  while (i > 0 && !meetsRequirement(input, ladder[i])) i--;
  return i;
}

/** The rank above the one qualified and what is missing for it; undefined at the top of the ladder (TE). Input must be valid (validateRankInput). */
export function nextRank(input: RankInput, ladder: RankLadder = DEFAULT_RANK_LADDER): NextRank | undefined {
  const current = qualifiedIndex(input, ladder);
  const next = ladder[current + 1];
  if (next === undefined) return undefined;
  return {
    current: ladder[current].code,
    next,
    shortfalls: {
      monthSales: moneyShortfall(next.minMonthSales, input.monthSales),
      sponsoredSales: moneyShortfall(next.minSponsoredSales, input.sponsoredSales),
      sponsoredCount: Math.max(0, Math.ceil(next.minSponsoredCount - input.sponsoredCount)),
      cumulativeSales: moneyShortfall(next.minCumulativeSales, input.cumulativeSales),
    },
  };
}

/** Only the code of the rank above the one qualified (nextRank's `next.code`), without the shortfalls; undefined at the top of the ladder. */
export function nextRankCode(input: RankInput, ladder: RankLadder = DEFAULT_RANK_LADDER): string | undefined {
  return ladder[qualifiedIndex(input, ladder) + 1]?.code;
}

// ---------------------------------------------------------------------------------- bonus

/** A threshold still to reach this month: the sales missing and what selling them adds to the month's total bonus. */
export interface BonusGap {
  readonly threshold: number;
  readonly shortfall: number;
  /** Total bonus with the shortfall sold, minus the total now; both totals rounded as monthlyBonus rounds them. */
  readonly extraBonus: number;
}

/** Each gap is undefined when there is nothing left to reach, the rank earns no such award, or its deadline has passed. */
export interface BonusGaps {
  /** The next base-rate step (基本奖金比例) above the month's sales. */
  readonly nextStep?: BonusGap;
  /** 晨星奖: the shortfall must be sold by the morning-star day, so it counts in both amounts. */
  readonly morning?: BonusGap;
  /** 开星奖: by month end. */
  readonly opening?: BonusGap;
}

/**
 * When the question is asked. `today` alone is taken to be a day of the bonus month; with
 * `month`, a day before that month has nothing passed, and a day after it has every deadline passed.
 */
export interface BonusGapTiming {
  readonly today: Date;
  readonly month?: MonthPeriod;
}

/** How many months `day` lies after `month`: 0 in it, negative before it. */
export function monthsAfter(day: Date, month: MonthPeriod): number {
  return day.getFullYear() * 12 + day.getMonth() - (month.year * 12 + month.month - 1);
}

/** How many of the month's deadlines have passed: 0 none, 1 the morning-star day, 2 the month's end too. */
function deadlinesPassed(timing: BonusGapTiming | undefined, policy: BonusPolicy): number {
  if (timing === undefined) return 0;
  const { today, month } = timing;
  const after = month === undefined ? 0 : monthsAfter(today, month);
  if (after < 0) return 0;
  if (after > 0) return 2;
  return today.getDate() > policy.morningStarDay ? 1 : 0;
}

const MS_PER_DAY = 86_400_000;

/** Selling days left to the morning-star day and to the month's end, today included (1 on the day itself); undefined once passed. */
export function daysLeft(today: Date, month: MonthPeriod, policy: BonusPolicy = DEFAULT_BONUS_POLICY): { readonly morning?: number; readonly monthEnd?: number } {
  const day = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const until = (dayOfMonth: number): number | undefined => {
    const days = (Date.UTC(month.year, month.month - 1, dayOfMonth) - day) / MS_PER_DAY + 1;
    return days > 0 ? days : undefined;
  };
  // Day 0 of the next month is this month's last day.
  return { morning: until(policy.morningStarDay), monthEnd: until(new Date(Date.UTC(month.year, month.month, 0)).getUTCDate()) };
}

/**
 * The sales still needed for the next base-rate step, the morning-star award and the
 * opening-star award, and the extra bonus each brings. An omitted `salesBy20th` counts as 0
 * here (it could still be earned). Fails as monthlyBonus does on invalid input.
 */
export function bonusGaps(input: BonusInput, policy: BonusPolicy = DEFAULT_BONUS_POLICY, timing?: BonusGapTiming): BonusGaps | RuleError {
  const salesBy20th = input.salesBy20th ?? 0;
  const now = monthlyBonus({ ...input, salesBy20th }, policy);
  if (isRuleError(now)) return now;
  const passed = deadlinesPassed(timing, policy);
  const gap = (threshold: number, have: number, by20th: boolean): BonusGap => {
    const shortfall = moneyShortfall(threshold, have);
    // Still valid: only amounts grew, salesBy20th never more than monthSales.
    const after = monthlyBonus(
      { ...input, monthSales: sumMoney(input.monthSales, shortfall), salesBy20th: by20th ? sumMoney(salesBy20th, shortfall) : salesBy20th },
      policy,
    ) as BonusBreakdown;
    return { threshold, shortfall, extraBonus: sumMoney(after.total, -now.total) };
  };
  const step = policy.baseRateSteps.find((s) => s.from > input.monthSales);
  const group = starAwardGroup(input.rank, policy);
  return {
    nextStep: step && passed < 2 ? gap(step.from, input.monthSales, false) : undefined,
    morning:
      group && passed < 1 && salesBy20th < group.morningStarThreshold ? gap(group.morningStarThreshold, salesBy20th, true) : undefined,
    opening:
      group && passed < 2 && input.monthSales < group.openingStarThreshold ? gap(group.openingStarThreshold, input.monthSales, false) : undefined,
  };
}

// ---------------------------------------------------------------------------------- rebate

export interface RebateGap {
  /** The threshold of the tier directly above the net purchases. */
  readonly nextThreshold: number;
  /** nextThreshold − netPurchases, rounded up to 0.01 (a negative net included). */
  readonly needed: number;
  /** The annual rebate on exactly nextThreshold. */
  readonly rebateAtNext: number;
  /** rebateAtNext − today's rebate. Incremental: the new slice at the current tier's rate. */
  readonly extra: number;
}

/** Only the purchases needed for the next tier (rebateGap's `needed`), without the rebates; undefined at the top tier. */
export function rebateNeeded(netPurchases: number, tiers: readonly RebateTier[]): number | undefined {
  const next = tiers.find((tier) => tier.threshold > netPurchases);
  return next === undefined ? undefined : moneyShortfall(next.threshold, netPurchases);
}

/** The next rebate tier for a dealer; undefined when the top tier is reached. Tiers must be validated. */
export function rebateGap(netPurchases: number, tiers: readonly RebateTier[], mode: RebateMode = DEFAULT_REBATE_MODE): RebateGap | undefined {
  const next = tiers.find((tier) => tier.threshold > netPurchases);
  if (next === undefined) return undefined;
  const rebateAtNext = annualRebate(next.threshold, tiers, mode).rebate;
  return {
    nextThreshold: next.threshold,
    needed: moneyShortfall(next.threshold, netPurchases),
    rebateAtNext,
    extra: sumMoney(rebateAtNext, -annualRebate(netPurchases, tiers, mode).rebate),
  };
}
