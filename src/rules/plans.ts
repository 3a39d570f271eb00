import { meetsLeadTime, planDeadline, DEFAULT_SCHEDULE_POLICY, type SchedulePolicy } from "./dates";
import { ruleError, type RuleError } from "./errors";
import type { Role } from "./roles";

/**
 * Plan approval chains (3.1). Sources: 003 (营销计划管理, 促销计划), 001 (营销活动), 000 (策划审批).
 * Status values are stable English codes in cells; the pane shows them in the user's language.
 */
export const PLAN_TYPES = ["marketingPlan", "promotionPlan", "marketingActivity", "expenseBudget"] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

export const PLAN_STATUSES = ["Draft", "Reviewed", "Compiled", "DirectorApproved", "Approved", "Rejected"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface ApprovalStep {
  readonly from: PlanStatus;
  readonly to: PlanStatus;
  readonly role: Role;
}

export const APPROVAL_CHAINS: Readonly<Record<PlanType, readonly ApprovalStep[]>> = {
  marketingPlan: [
    { from: "Draft", to: "Reviewed", role: "marketingAssistant" },
    { from: "Reviewed", to: "Approved", role: "director" },
  ],
  promotionPlan: [
    { from: "Draft", to: "DirectorApproved", role: "director" },
    { from: "DirectorApproved", to: "Approved", role: "president" },
  ],
  marketingActivity: [
    { from: "Draft", to: "Reviewed", role: "marketingDept" },
    { from: "Reviewed", to: "Approved", role: "director" },
  ],
  expenseBudget: [
    { from: "Draft", to: "Compiled", role: "marketingDept" },
    { from: "Compiled", to: "Approved", role: "director" },
  ],
};

const PLAN_TYPE_ALIASES: Readonly<Record<string, PlanType>> = {
  "marketing plan": "marketingPlan", marketingplan: "marketingPlan", 营销计划: "marketingPlan",
  "promotion plan": "promotionPlan", promotionplan: "promotionPlan", 促销计划: "promotionPlan",
  "marketing activity": "marketingActivity", marketingactivity: "marketingActivity", 营销活动: "marketingActivity",
  "expense budget": "expenseBudget", expensebudget: "expenseBudget", 费用预算: "expenseBudget",
};

export function parsePlanType(text: string): PlanType | undefined {
  return PLAN_TYPE_ALIASES[text.trim().toLowerCase().replace(/\s+/g, " ")];
}

/** Words people type for the statuses; "Returned" is a plan sent back for revision, which is a draft again. */
const PLAN_STATUS_ALIASES: Readonly<Record<string, PlanStatus>> = {
  returned: "Draft", 退回: "Draft", 草稿: "Draft", 已审核: "Reviewed", 已汇编: "Compiled",
  总监已批准: "DirectorApproved", 已批准: "Approved", 已驳回: "Rejected",
};

export function parsePlanStatus(text: string): PlanStatus | undefined {
  const wanted = text.trim().toLowerCase();
  return PLAN_STATUSES.find((s) => s.toLowerCase() === wanted) ?? PLAN_STATUS_ALIASES[wanted];
}

export type PlanAction = "approve" | "return" | "reject";

export interface Plan {
  readonly id: string;
  readonly type: PlanType;
  readonly title: string;
  readonly owner: string;
  readonly submitted: Date | undefined;
  readonly start: Date | undefined;
  readonly purpose: string;
  readonly audience: string;
  readonly channels: string;
  readonly category: string;
  readonly budget: number | undefined;
  readonly status: PlanStatus;
}

export function nextStep(plan: Pick<Plan, "type" | "status">): ApprovalStep | undefined {
  return APPROVAL_CHAINS[plan.type].find((step) => step.from === plan.status);
}

export interface Actor {
  readonly name: string;
  readonly role: Role;
}

/** Where an action takes the plan: approve → the next step; return → Draft; reject → Rejected (final). */
export function actOnPlan(plan: Plan, action: PlanAction, actor: Actor, comment: string): PlanStatus | RuleError {
  const step = nextStep(plan);
  if (!step) return ruleError("value", "planNotPending", { id: plan.id, status: plan.status });
  if (sameName(actor.name, plan.owner)) return ruleError("value", "ownPlan", { id: plan.id });
  if (actor.role !== step.role) return ruleError("value", "roleNotAllowed", { role: actor.role, needed: step.role, value: step.to });
  if (action !== "approve" && comment.trim() === "") return ruleError("value", "commentRequired", { action });
  if (action === "approve") return step.to;
  return action === "return" ? "Draft" : "Rejected";
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export interface CategoryBudget {
  /** What the category's budget still allows: budget − actual spending for the plan's year. */
  readonly remaining: number;
}

export type PlanCheck =
  | { readonly check: "requiredFields"; readonly ok: boolean; readonly missing: readonly string[] }
  | { readonly check: "leadTime"; readonly ok: boolean; readonly deadline: Date | undefined }
  | { readonly check: "budget"; readonly ok: boolean; readonly budget: number; readonly remaining: number | undefined };

const REQUIRED_FIELDS = ["purpose", "audience", "channels", "budget"] as const;

/** The automatic checks shown before anyone acts (3.1). */
export function planChecks(plan: Plan, category: CategoryBudget | undefined, schedule: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): PlanCheck[] {
  const missing = REQUIRED_FIELDS.filter((field) => (field === "budget" ? plan.budget === undefined : plan[field].trim() === ""));
  const checks: PlanCheck[] = [{ check: "requiredFields", ok: missing.length === 0, missing }];
  if (plan.type === "marketingActivity") {
    const ok = plan.submitted !== undefined && plan.start !== undefined && meetsLeadTime(plan.submitted, plan.start, schedule);
    checks.push({ check: "leadTime", ok, deadline: plan.start && planDeadline(plan.start, schedule) });
  }
  const budget = plan.budget ?? 0;
  checks.push({ check: "budget", ok: category !== undefined && budget <= category.remaining, budget, remaining: category?.remaining });
  return checks;
}
