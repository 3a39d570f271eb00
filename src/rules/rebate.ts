import { ruleError, type RuleError } from "./errors";
import { roundMoney } from "./money";

/**
 * Annual sales rebate (销售返利) for dealers (经销商), from 003 (“销售返利管理流程”). The document
 * gives no rates: the marketing department's annual tier table is always an input.
 */
export interface RebateTier {
  /** The rate applies from this net purchase amount upwards. */
  readonly threshold: number;
  /** A fraction: 0.02 for 2%. */
  readonly rate: number;
}

/** retroactive 全额返利: the whole amount earns the highest tier's rate; incremental 累进返利: each slice its own. */
export type RebateMode = "retroactive" | "incremental";
export const REBATE_MODES: readonly RebateMode[] = ["retroactive", "incremental"];
export const DEFAULT_REBATE_MODE: RebateMode = "retroactive";

export interface RebateResult {
  /** The threshold of the highest tier reached; undefined below the first tier. */
  readonly tier: number | undefined;
  readonly rate: number;
  readonly rebate: number;
}

/** Tiers must ascend strictly; a rate above 1 is almost surely "2" meant as 2%. `rows` are the sheet's row labels for messages. */
export function validateTiers(tiers: readonly RebateTier[], rows: readonly number[] = tiers.map((_, i) => i + 1)): RuleError | undefined {
  if (tiers.length === 0) return ruleError("value", "tableEmpty", { arg: "tiers" });
  for (let i = 0; i < tiers.length; i++) {
    const { threshold, rate } = tiers[i];
    if (threshold < 0) return ruleError("num", "negativeAmount", { arg: "tiers", value: threshold });
    if (rate < 0) return ruleError("num", "rateNegative", { row: rows[i], value: rate });
    if (rate > 1) return ruleError("num", "rateLooksLikePercent", { row: rows[i], value: rate });
    if (i > 0 && threshold <= tiers[i - 1].threshold) return ruleError("value", "tiersNotAscending", { row: rows[i], value: threshold });
  }
  return undefined;
}

function highestTierReached(netPurchases: number, tiers: readonly RebateTier[]): RebateTier | undefined {
  let reached: RebateTier | undefined;
  for (const tier of tiers) if (netPurchases >= tier.threshold) reached = tier;
  return reached;
}

function incrementalRebate(netPurchases: number, tiers: readonly RebateTier[]): number {
  let rebate = 0;
  for (let i = 0; i < tiers.length && netPurchases > tiers[i].threshold; i++) {
    const sliceTop = i + 1 < tiers.length ? Math.min(netPurchases, tiers[i + 1].threshold) : netPurchases;
    rebate += (sliceTop - tiers[i].threshold) * tiers[i].rate;
  }
  return rebate;
}

/** Tiers must already be validated. Returns more than purchases earn nothing: a negative net gives 0. */
export function annualRebate(netPurchases: number, tiers: readonly RebateTier[], mode: RebateMode = DEFAULT_REBATE_MODE): RebateResult {
  const reached = highestTierReached(netPurchases, tiers);
  if (!reached || netPurchases <= 0) return { tier: reached?.threshold, rate: reached?.rate ?? 0, rebate: 0 };
  const raw = mode === "incremental" ? incrementalRebate(netPurchases, tiers) : netPurchases * reached.rate;
  return { tier: reached.threshold, rate: reached.rate, rebate: roundMoney(raw) };
}

/** One purchase's share (每一笔进货) of the annual rebate; a return's share is negative. */
export function purchaseShare(purchase: number, annual: number, netPurchases: number): number {
  if (netPurchases <= 0) return 0;
  return roundMoney((purchase * annual) / netPurchases);
}
