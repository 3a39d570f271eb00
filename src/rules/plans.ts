import { meetsLeadTime, planDeadline, DEFAULT_SCHEDULE_POLICY, type SchedulePolicy } from "./dates";
import { parseItemType, type ItemType } from "./item-types";
import type { WorkflowStatus } from "./workflow-statuses";

/**
 * The plans of the Plans table (3.1): four of the item types of §5.1. They move along their
 * type's chain like every item (actOnItem, nextStepOf in ./workflows: the defaults, or the
 * Workflows table's), so a plan may be in any workflow status a chain can give it.
 * Sources: 003 (营销计划管理, 促销计划), 001 (营销活动), 000 (策划审批).
 */
export const PLAN_TYPES = ["marketingPlan", "promotionPlan", "marketingActivity", "expenseBudget"] as const satisfies readonly ItemType[];
export type PlanType = (typeof PLAN_TYPES)[number];

function isPlanType(type: ItemType): type is PlanType {
  return (PLAN_TYPES as readonly ItemType[]).includes(type);
}

/** A plan type from its code, English or Chinese name; case and spaces do not matter. */
export function parsePlanType(text: string): PlanType | undefined {
  const type = parseItemType(text);
  return type && isPlanType(type) ? type : undefined;
}

export interface Plan {
  readonly id: string;
  readonly type: PlanType;
  readonly title: string;
  /** Blank when the Plans table has no Region column. */
  readonly region: string;
  readonly owner: string;
  readonly submitted: Date | undefined;
  readonly start: Date | undefined;
  readonly purpose: string;
  readonly audience: string;
  readonly channels: string;
  readonly category: string;
  readonly budget: number | undefined;
  /** Any status of the workflows (SPEC §5.3 may give a plan type steps beyond its defaults). */
  readonly status: WorkflowStatus;
}

export interface CategoryBudget {
  /** What the category's budget still allows: budget − actual spending for the plan's year. */
  readonly remaining: number;
}

export type PlanCheck =
  | { readonly check: "requiredFields"; readonly ok: boolean; readonly missing: readonly string[] }
  | { readonly check: "leadTime"; readonly ok: boolean; readonly deadline: Date | undefined }
  | { readonly check: "budget"; readonly ok: boolean; readonly budget: number; readonly remaining: number | undefined };

/** What a plan needs filled in (3.1). */
export const PLAN_REQUIRED_FIELDS = ["purpose", "audience", "channels", "budget"] as const;

/** The automatic checks shown before anyone acts (3.1). */
export function planChecks(plan: Plan, category: CategoryBudget | undefined, schedule: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): PlanCheck[] {
  const missing = PLAN_REQUIRED_FIELDS.filter((field) => (field === "budget" ? plan.budget === undefined : plan[field].trim() === ""));
  const checks: PlanCheck[] = [{ check: "requiredFields", ok: missing.length === 0, missing }];
  if (plan.type === "marketingActivity") {
    const ok = plan.submitted !== undefined && plan.start !== undefined && meetsLeadTime(plan.submitted, plan.start, schedule);
    checks.push({ check: "leadTime", ok, deadline: plan.start && planDeadline(plan.start, schedule) });
  }
  const budget = plan.budget ?? 0;
  checks.push({ check: "budget", ok: category !== undefined && budget <= category.remaining, budget, remaining: category?.remaining });
  return checks;
}
