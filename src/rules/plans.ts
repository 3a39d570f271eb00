import { meetsLeadTime, planDeadline, DEFAULT_SCHEDULE_POLICY, type SchedulePolicy } from "./dates";
import { isRuleError, ruleError, type RuleError } from "./errors";
import { parseItemType, type ItemType } from "./item-types";
import type { Actor, Role } from "./roles";
import type { WorkflowStep } from "./workflow-check";
import { parseWorkflowStatus, type WorkflowStatus } from "./workflow-statuses";
import { actOnItem, DEFAULT_CHAINS, type WorkflowAction } from "./workflows";

/**
 * Plan approval chains (3.1): the plan types' default chains of §5.1 (DEFAULT_WORKFLOWS).
 * Sources: 003 (营销计划管理, 促销计划), 001 (营销活动), 000 (策划审批).
 * Status values are stable English codes in cells; the pane shows them in the user's language.
 */
export const PLAN_TYPES = ["marketingPlan", "promotionPlan", "marketingActivity", "expenseBudget"] as const satisfies readonly ItemType[];
export type PlanType = (typeof PLAN_TYPES)[number];

export const PLAN_STATUSES = ["Draft", "Reviewed", "Compiled", "DirectorApproved", "Approved", "Rejected"] as const satisfies readonly WorkflowStatus[];
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface ApprovalStep {
  readonly from: PlanStatus;
  readonly to: PlanStatus;
  readonly role: Role;
}

function isPlanStatus(status: WorkflowStatus): status is PlanStatus {
  return (PLAN_STATUSES as readonly WorkflowStatus[]).includes(status);
}

function approvalStep({ from, to, role }: WorkflowStep): ApprovalStep {
  if (!isPlanStatus(from) || !isPlanStatus(to)) throw new Error(`A plan chain's step ${from} → ${to} leaves PLAN_STATUSES.`);
  return { from, to, role };
}

export const APPROVAL_CHAINS: Readonly<Record<PlanType, readonly ApprovalStep[]>> = Object.fromEntries(
  PLAN_TYPES.map((type): [PlanType, readonly ApprovalStep[]] => [type, DEFAULT_CHAINS[type].steps.map(approvalStep)]),
) as Record<PlanType, readonly ApprovalStep[]>;

function isPlanType(type: ItemType): type is PlanType {
  return (PLAN_TYPES as readonly ItemType[]).includes(type);
}

/** A plan type from its code, English or Chinese name; case and spaces do not matter. */
export function parsePlanType(text: string): PlanType | undefined {
  const type = parseItemType(text);
  return type && isPlanType(type) ? type : undefined;
}

/** A plan status from its code, name or the words people type ("Returned" is a draft again). */
export function parsePlanStatus(text: string): PlanStatus | undefined {
  const status = parseWorkflowStatus(text);
  return status && isPlanStatus(status) ? status : undefined;
}

export type PlanAction = WorkflowAction;

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
  readonly status: PlanStatus;
}

export function nextStep(plan: Pick<Plan, "type" | "status">): ApprovalStep | undefined {
  return APPROVAL_CHAINS[plan.type].find((step) => step.from === plan.status);
}

/** Where an action takes the plan: actOnItem on the default chains, its refusals worded for a plan. */
export function actOnPlan(plan: Plan, action: PlanAction, actor: Actor, comment: string): PlanStatus | RuleError {
  const result = actOnItem(DEFAULT_CHAINS, plan, action, actor, comment);
  // The plan chains lead only to plan statuses (APPROVAL_CHAINS checks so when it is built).
  return isRuleError(result) ? inPlanWords(result, plan) : (result as PlanStatus);
}

function inPlanWords(error: RuleError, plan: Plan): RuleError {
  switch (error.code) {
    case "itemNotPending":
      return ruleError("value", "planNotPending", { id: plan.id, status: plan.status });
    case "ownItem":
      return ruleError("value", "ownPlan", { id: plan.id });
    case "itemCommentRequired":
      return ruleError("value", "commentRequired", { action: error.params.action });
    default:
      return error;
  }
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
