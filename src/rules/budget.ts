import { ruleError, type RuleError } from "./errors";
import { roundMoney } from "./money";

/**
 * Marketing expense budget control (营销费用预算控制), from 003 (“销售费用预算控制管理工作标准”)
 * and 004 (“營銷費用管理”).
 */
export interface BudgetPolicy {
  /** The band around the budget that still counts as on track. */
  readonly tolerance: number;
  /** 营销费用预算明细 */
  readonly categories: readonly { readonly en: string; readonly zh: string }[];
}

export const DEFAULT_BUDGET_POLICY: BudgetPolicy = {
  tolerance: 0.05,
  categories: [
    { en: "Market research", zh: "市场调研" },
    { en: "Brand promotion", zh: "品牌推广" },
    { en: "Market events", zh: "市场活动" },
    { en: "Advertising", zh: "广告投放" },
    { en: "Sales commission", zh: "销售提成" },
    { en: "Customer relations", zh: "客户关系维护" },
  ],
};

export type BudgetKind = "expense" | "revenue";
export const BUDGET_KINDS: readonly BudgetKind[] = ["expense", "revenue"];
export type VarianceOutput = "amount" | "percent" | "used" | "status" | "favourable";
export const VARIANCE_OUTPUTS: readonly VarianceOutput[] = ["amount", "percent", "used", "status", "favourable"];
export type BudgetStatus = "OVER" | "UNDER" | "ON TRACK";
export type Favourability = "F" | "U" | "-";

export interface VarianceInput {
  readonly actual: number;
  readonly budget: number;
  readonly kind: BudgetKind;
  readonly tolerance: number;
}

export function budgetStatus(actual: number, budget: number, tolerance: number): BudgetStatus {
  if (actual > budget * (1 + tolerance)) return "OVER";
  if (actual < budget * (1 - tolerance)) return "UNDER";
  return "ON TRACK";
}

export function favourability(actual: number, budget: number, kind: BudgetKind): Favourability {
  if (actual === budget) return "-";
  const above = actual > budget;
  return above === (kind === "revenue") ? "F" : "U";
}

export function validateVarianceInput(input: VarianceInput): RuleError | undefined {
  for (const arg of ["actual", "budget"] as const) {
    if (input[arg] < 0) return ruleError("num", "negativeAmount", { arg, value: input[arg] });
  }
  if (input.tolerance < 0 || input.tolerance >= 1) return ruleError("num", "toleranceOutOfRange", { arg: "tolerance", value: input.tolerance });
  return undefined;
}

export function budgetVariance(input: VarianceInput, output: VarianceOutput): number | string | RuleError {
  const invalid = validateVarianceInput(input);
  if (invalid) return invalid;
  const { actual, budget, kind, tolerance } = input;
  switch (output) {
    case "amount":
      return roundMoney(actual - budget);
    case "percent":
      return budget === 0 ? ruleError("div0", "budgetIsZero", { arg: "budget" }) : (actual - budget) / budget;
    case "used":
      return budget === 0 ? ruleError("div0", "budgetIsZero", { arg: "budget" }) : actual / budget;
    case "status":
      return budgetStatus(actual, budget, tolerance);
    case "favourable":
      return favourability(actual, budget, kind);
  }
}
