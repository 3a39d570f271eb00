import { ruleError, type RuleError } from "./errors";
import { ITEM_TYPES, type ItemType } from "./item-types";
import type { Actor, Role } from "./roles";
import { chainOfRows, readWorkflows, type WorkflowRow, type WorkflowStep, type WorkflowTableRow } from "./workflow-check";
import type { WorkflowStatus } from "./workflow-statuses";

/**
 * Every approval flow of the documents (SPEC §5.1), written once as data: the rows of a
 * Workflows table (§5.3). Sources: 003 二.5, 三.1, 三.5, 四.1–四.4, 五.1, 五.2; 001; 004 费用审批流程.
 */
export const DEFAULT_WORKFLOWS: readonly WorkflowRow[] = [
  { type: "marketingPlan", step: 1, from: "Draft", to: "Reviewed", role: "marketingAssistant" },
  { type: "marketingPlan", step: 2, from: "Reviewed", to: "Approved", role: "director" },
  { type: "promotionPlan", step: 1, from: "Draft", to: "DirectorApproved", role: "director" },
  { type: "promotionPlan", step: 2, from: "DirectorApproved", to: "Approved", role: "president" },
  { type: "marketingActivity", step: 1, from: "Draft", to: "Reviewed", role: "marketingDept" },
  { type: "marketingActivity", step: 2, from: "Reviewed", to: "Approved", role: "director" },
  { type: "expenseBudget", step: 1, from: "Draft", to: "Compiled", role: "marketingDept" },
  { type: "expenseBudget", step: 2, from: "Compiled", to: "Approved", role: "director" },
  { type: "promotionReport", step: 1, from: "Draft", to: "DirectorApproved", role: "director" },
  { type: "promotionReport", step: 2, from: "DirectorApproved", to: "Approved", role: "president" },
  { type: "policyVersion", step: 1, from: "Draft", to: "Approved", role: "director" },
  { type: "expenseClaim", step: 1, from: "Draft", to: "DeptApproved", role: "departmentHead" },
  { type: "expenseClaim", step: 2, from: "DeptApproved", to: "FinanceChecked", role: "finance" },
  { type: "expenseClaim", step: 3, from: "FinanceChecked", to: "Approved", role: "president" },
  { type: "expenseClaim", step: 4, from: "Approved", to: "Paid", role: "finance" },
  { type: "stockTransfer", step: 1, from: "Draft", to: "ManagerApproved", role: "regionalManager" },
  { type: "stockTransfer", step: 2, from: "ManagerApproved", to: "Approved", role: "director" },
  { type: "stockTransfer", step: 3, from: "Approved", to: "Arranged", role: "warehouse" },
  { type: "exchange", step: 1, from: "Draft", to: "Reviewed", role: "marketingManager" },
  { type: "exchange", step: 2, from: "Reviewed", to: "Approved", role: "director" },
  { type: "exchange", step: 3, from: "Approved", to: "Done", role: "customerService" },
  { type: "return", step: 1, from: "Draft", to: "Approved", role: "marketingManager" },
  { type: "return", step: 2, from: "Approved", to: "Refunded", role: "finance" },
  { type: "return", step: 3, from: "Refunded", to: "Done", role: "sales" },
  { type: "targetDealer", step: 1, from: "Draft", to: "Approved", role: "director" },
  { type: "dealerAgreement", step: 1, from: "Draft", to: "Approved", role: "director" },
];

/** One type's effective chain. */
export interface Chain {
  /** In the order an item takes them, from Draft to a final status. */
  readonly steps: readonly WorkflowStep[];
  /** "workflows" when the Workflows table lists the type and so replaced its default chain. */
  readonly origin: "default" | "workflows";
  /**
   * The Workflows rows of this type have problems (checkChains): steps is empty and
   * nobody may act on the type's items until the rows are fixed, rather than guess.
   */
  readonly broken: boolean;
}

export type Chains = Readonly<Record<ItemType, Chain>>;

function defaultChains(): Chains {
  const entries = ITEM_TYPES.map((type): [ItemType, Chain] => {
    const { steps, problems } = chainOfRows(DEFAULT_WORKFLOWS.filter((row) => row.type === type));
    if (steps.length === 0 || problems.length > 0) throw new Error(`The default chain of ${type} is not a chain: ${problems.map((p) => p.error.code).join(", ") || "no steps"}.`);
    return [type, { steps, origin: "default", broken: false }];
  });
  return Object.fromEntries(entries) as Record<ItemType, Chain>;
}

export const DEFAULT_CHAINS: Chains = defaultChains();

/**
 * The effective chains: the defaults, with every type the Workflows rows list replacing
 * that type's default chain whole. Rows of an unknown type replace nothing.
 */
export function chainsFrom(workflowRows: readonly WorkflowTableRow[]): Chains {
  const { chains } = readWorkflows(workflowRows);
  if (chains.size === 0) return DEFAULT_CHAINS;
  const entries = ITEM_TYPES.map((type): [ItemType, Chain] => {
    const written = chains.get(type);
    return [type, written ? { ...written, origin: "workflows" } : DEFAULT_CHAINS[type]];
  });
  return Object.fromEntries(entries) as Record<ItemType, Chain>;
}

/** The step waiting on an item of `type` in `status`; undefined when none does (final, rejected, or a broken chain). */
export function nextStepOf(chains: Chains, type: ItemType, status: WorkflowStatus): WorkflowStep | undefined {
  return chains[type].steps.find((step) => step.from === status);
}

/** Who acts next on an item of `type` in `status`; undefined when nobody does. */
export function waitingFor(chains: Chains, type: ItemType, status: WorkflowStatus): Role | undefined {
  return nextStepOf(chains, type, status)?.role;
}

export type WorkflowAction = "approve" | "return" | "reject";

/** What acting on an item needs to know of it. */
export interface WorkflowItem {
  readonly id: string;
  readonly type: ItemType;
  /** Who submitted it: they may not act on it. */
  readonly owner: string;
  readonly status: WorkflowStatus;
}

/**
 * Where an action takes the item: approve → the next step's status; return → Draft;
 * reject → Rejected (final). Refused, in this order: a broken chain, no step waiting, the
 * actor's own item, another role's step, a return or reject without a comment.
 */
export function actOnItem(chains: Chains, item: WorkflowItem, action: WorkflowAction, actor: Actor, comment: string): WorkflowStatus | RuleError {
  if (chains[item.type].broken) return ruleError("value", "workflowBroken", { id: item.id, type: item.type });
  const step = nextStepOf(chains, item.type, item.status);
  if (!step) return ruleError("value", "itemNotPending", { id: item.id, status: item.status });
  if (sameName(actor.name, item.owner)) return ruleError("value", "ownItem", { id: item.id });
  if (actor.role !== step.role) return ruleError("value", "roleNotAllowed", { role: actor.role, needed: step.role, value: step.to });
  if (action !== "approve" && comment.trim() === "") return ruleError("value", "itemCommentRequired", { action, id: item.id });
  if (action === "approve") return step.to;
  return action === "return" ? "Draft" : "Rejected";
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A step a role takes: it moves items of `type` from `from` to `to`. */
export interface RoleDuty {
  readonly type: ItemType;
  readonly from: WorkflowStatus;
  readonly to: WorkflowStatus;
}

/** Every step of the chains that `role` takes, type by type in chain order: what the role may do. */
export function roleDuties(chains: Chains, role: Role): RoleDuty[] {
  return ITEM_TYPES.flatMap((type) => chains[type].steps.filter((step) => step.role === role).map(({ from, to }) => ({ type, from, to })));
}
