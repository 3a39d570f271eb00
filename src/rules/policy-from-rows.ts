import type { BaseRateStep, BonusPolicy, StarAwardGroup } from "./bonus";
import { DEFAULT_POLICY, type Policy } from "./policy";
import { POLICY_RULE_SHAPES, type PolicyRow, type PolicyRule } from "./policy-rules";
import { RANK_CODES, type RankLadder, type RankRequirement } from "./ranks";

/**
 * The Policy that Policy table rows describe (SPEC §4.1). What the rows leave out keeps
 * `base`'s value; rows are expected to be checked already (rows without a needed Rank,
 * Threshold or Value are passed over).
 */
export function policyFromRows(rows: readonly PolicyRow[], base: Policy = DEFAULT_POLICY): Policy {
  const of = rowsByRule(rows);
  const single = (rule: PolicyRule, fallback: number) => of(rule).at(-1)?.value ?? fallback;
  return {
    ...base,
    ranks: rankLadder(of, base.ranks),
    bonus: {
      ...base.bonus,
      performanceRatio: single("PerformanceRatio", base.bonus.performanceRatio),
      vatRate: single("VatRate", base.bonus.vatRate),
      baseRateSteps: baseRateSteps(of("BaseRate")) ?? base.bonus.baseRateSteps,
      ...starAwards(of("MorningStar"), of("OpeningStar")),
      ...override(of("OverrideRate").at(-1)),
      morningStarDay: single("MorningStarDay", base.bonus.morningStarDay),
    },
    schedule: {
      payMonthsAfter: single("PayMonthsAfter", base.schedule.payMonthsAfter),
      payDayOfMonth: single("PayDay", base.schedule.payDayOfMonth),
      planLeadMonths: single("PlanLeadMonths", base.schedule.planLeadMonths),
    },
    budget: { ...base.budget, tolerance: single("BudgetTolerance", base.budget.tolerance) },
  };
}

/** The usable rows of each rule: those with every cell their rule needs. A blank minimum is 0. */
function rowsByRule(rows: readonly PolicyRow[]): (rule: PolicyRule) => PolicyRow[] {
  const byRule = new Map<PolicyRule, PolicyRow[]>();
  for (const row of rows) {
    const shape = POLICY_RULE_SHAPES[row.rule];
    const value = row.value ?? (shape.blankIsZero ? 0 : undefined);
    const rankMissing = shape.rank !== "none" && !RANK_CODES.includes(row.rank as string);
    if (value === undefined || (shape.threshold && row.threshold === undefined) || rankMissing) continue;
    byRule.set(row.rule, [...(byRule.get(row.rule) ?? []), { ...row, value }]);
  }
  return (rule) => byRule.get(rule) ?? [];
}

const MINIMUM_FIELDS = {
  RankMinMonthSales: "minMonthSales",
  RankMinSponsoredSales: "minSponsoredSales",
  RankMinSponsoredCount: "minSponsoredCount",
  RankMinCumulativeSales: "minCumulativeSales",
} as const satisfies Partial<Record<PolicyRule, keyof RankRequirement>>;

function rankLadder(of: (rule: PolicyRule) => PolicyRow[], base: RankLadder): RankLadder {
  return base.map((requirement) => {
    const changed: { -readonly [K in keyof RankRequirement]: RankRequirement[K] } = { ...requirement };
    for (const [rule, field] of Object.entries(MINIMUM_FIELDS) as [PolicyRule, (typeof MINIMUM_FIELDS)[keyof typeof MINIMUM_FIELDS]][]) {
      const row = of(rule).find((r) => r.rank === requirement.code);
      if (row) changed[field] = row.value as number;
    }
    return changed;
  });
}

function baseRateSteps(rows: readonly PolicyRow[]): BaseRateStep[] | undefined {
  return rows.length === 0 ? undefined : rows.map((r) => ({ from: r.threshold as number, rate: r.value as number }));
}

interface Award {
  readonly threshold: number;
  readonly award: number;
}

/** A rank below a rule's first row earns none of its award. */
const NO_AWARD: Award = { threshold: 0, award: 0 };

/**
 * Award groups (SPEC §4.1): a group runs from its Rank up to the rank before the next
 * group's Rank, and ranks below the first group earn no award (base bonus only). Each
 * rule's rows mark where its groups start; where only the other rule starts a group,
 * this rule's award is that of its group just below. Undefined without rows: the base's.
 */
function starAwards(morning: readonly PolicyRow[], opening: readonly PolicyRow[]): Pick<BonusPolicy, "starAwardGroups" | "baseOnlyRanks"> | undefined {
  if (morning.length + opening.length === 0) return undefined;
  const starts = RANK_CODES.map((_, index) => index).filter((index) => [...morning, ...opening].some((r) => r.rank === RANK_CODES[index]));
  const starAwardGroups = starts.map((start, i): StarAwardGroup => {
    const morningStar = awardFrom(morning, start);
    const openingStar = awardFrom(opening, start);
    return {
      ranks: RANK_CODES.slice(start, starts[i + 1]),
      morningStarThreshold: morningStar.threshold,
      morningStarAward: morningStar.award,
      openingStarThreshold: openingStar.threshold,
      openingStarAward: openingStar.award,
    };
  });
  return { starAwardGroups, baseOnlyRanks: RANK_CODES.slice(0, starts[0]) };
}

/** The award of the group `start` falls in: the row of the highest rank at or below it (the later of two for one rank, as for every rule). */
function awardFrom(rows: readonly PolicyRow[], start: number): Award {
  let found: PolicyRow | undefined;
  let foundAt = -1;
  for (const row of rows) {
    const at = RANK_CODES.indexOf(row.rank as string);
    if (at <= start && at >= foundAt) [found, foundAt] = [row, at];
  }
  return found ? { threshold: found.threshold as number, award: found.value as number } : NO_AWARD;
}

/** OverrideRate's Rank is the lowest rank that earns it: that rank and every rank above. Undefined without a row: the base's. */
function override(row: PolicyRow | undefined): Pick<BonusPolicy, "overrideRate" | "overrideRanks"> | undefined {
  if (!row) return undefined;
  return { overrideRate: row.value as number, overrideRanks: RANK_CODES.slice(RANK_CODES.indexOf(row.rank as string)) };
}
