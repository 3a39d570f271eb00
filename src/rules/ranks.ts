import { ruleError, type RuleError } from "./errors";

/**
 * Career ranks (职级) and what each needs, from 001 (“三:奖金制度--职级晋升”, “PC-SR”).
 * PC 优惠顾客 · DS · SR 业务代表 · SE 销售主任 · SSE 资深销售主任 · SM 销售经理 ·
 * SSM 资深销售经理 · SD 销售总监 · SSD 资深销售总监 · TE 寰宇领袖.
 * A minimum of 0 means "no minimum".
 */
export interface RankRequirement {
  readonly code: string;
  readonly minMonthSales: number;
  /** 亲自培训SR业绩: month sales of the SRs the rep sponsored directly. */
  readonly minSponsoredSales: number;
  /** 亲自培训SR数量 */
  readonly minSponsoredCount: number;
  readonly minCumulativeSales: number;
}

export type RankLadder = readonly RankRequirement[];

function rank(code: string, minMonthSales: number, minSponsoredSales = 0, minSponsoredCount = 0, minCumulativeSales = 0): RankRequirement {
  return { code, minMonthSales, minSponsoredSales, minSponsoredCount, minCumulativeSales };
}

/** Lowest first. */
export const DEFAULT_RANK_LADDER: RankLadder = [
  rank("PC", 0),
  rank("DS", 8_000, 0, 0, 30_000),
  rank("SR", 13_000),
  rank("SE", 15_000),
  rank("SSE", 15_000, 30_000, 2),
  rank("SM", 15_000, 60_000, 4),
  rank("SSM", 15_000, 100_000, 6),
  rank("SD", 15_000, 160_000, 8),
  rank("SSD", 15_000, 240_000, 12),
  rank("TE", 15_000, 320_000, 16),
];

export const RANK_CODES = DEFAULT_RANK_LADDER.map((r) => r.code);

export interface RankInput {
  readonly monthSales: number;
  readonly sponsoredSales: number;
  readonly sponsoredCount: number;
  /** Omitted cumulative sales count as the month's sales: never grant a rank without evidence. */
  readonly cumulativeSales: number;
}

export function meetsRequirement(input: RankInput, requirement: RankRequirement): boolean {
  return (
    input.monthSales >= requirement.minMonthSales &&
    input.sponsoredSales >= requirement.minSponsoredSales &&
    input.sponsoredCount >= requirement.minSponsoredCount &&
    input.cumulativeSales >= requirement.minCumulativeSales
  );
}

/** The highest rank whose minimums all hold; the lowest rank when none does. */
export function rankOf(input: RankInput, ladder: RankLadder = DEFAULT_RANK_LADDER): string {
  for (let i = ladder.length - 1; i > 0; i--) {
    if (meetsRequirement(input, ladder[i])) return ladder[i].code;
  }
  return ladder[0].code;
}

export function validateRankInput(input: RankInput): RuleError | undefined {
  for (const arg of ["monthSales", "sponsoredSales", "sponsoredCount", "cumulativeSales"] as const) {
    if (input[arg] < 0) return ruleError("num", "negativeAmount", { arg, value: input[arg] });
  }
  if (!Number.isInteger(input.sponsoredCount)) {
    return ruleError("num", "notWholeNumber", { arg: "sponsoredCount", value: input.sponsoredCount });
  }
  return undefined;
}

/** The ranks' names in the policy's words. */
export const RANK_NAMES: Readonly<Record<string, { readonly en: string; readonly zh: string }>> = {
  PC: { en: "Preferred customer", zh: "优惠顾客" },
  DS: { en: "Distributor", zh: "DS" },
  SR: { en: "Sales representative", zh: "业务代表" },
  SE: { en: "Sales executive", zh: "销售主任" },
  SSE: { en: "Senior sales executive", zh: "资深销售主任" },
  SM: { en: "Sales manager", zh: "销售经理" },
  SSM: { en: "Senior sales manager", zh: "资深销售经理" },
  SD: { en: "Sales director", zh: "销售总监" },
  SSD: { en: "Senior sales director", zh: "资深销售总监" },
  TE: { en: "Global leader", zh: "寰宇领袖" },
};

/** A rank code, case-insensitive, or its Chinese name; undefined when it is not on the ladder. */
export function normalizeRankCode(code: string, ladder: RankLadder = DEFAULT_RANK_LADDER): string | undefined {
  const wanted = code.trim().toUpperCase();
  const byCode = ladder.find((r) => r.code.toUpperCase() === wanted);
  if (byCode) return byCode.code;
  const byName = Object.entries(RANK_NAMES).find(([, names]) => names.zh === code.trim());
  return byName && ladder.some((r) => r.code === byName[0]) ? byName[0] : undefined;
}

export function rankIndex(code: string, ladder: RankLadder = DEFAULT_RANK_LADDER): number {
  return ladder.findIndex((r) => r.code === code);
}
