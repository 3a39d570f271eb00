import {
  actOnPlan,
  DEFAULT_BUDGET_POLICY,
  isRuleError,
  nextStep,
  parsePlanStatus,
  parsePlanType,
  planChecks,
  ruleError,
  sumMoney,
  PLAN_STATUSES,
  type Actor,
  type ApprovalStep,
  type CategoryBudget,
  type HashedAuditEntry,
  type Plan,
  type PlanAction,
  type PlanCheck,
  type PlanStatus,
  type Role,
  type RowProblem,
  type RuleError,
} from "../rules";
import type { TableData, TableRef, TableRow, WorkbookTables } from "../workbook";
import { appendAuditEntry } from "./audit-log";
import { readBudget } from "./budget";
import { RowReader } from "./cells";
import { logStatuses, mismatchError, rowMismatch } from "./status-audit";
import { readOutput, readRequired, type TableOptions } from "./tables";

/** Plans and their approval (3.1): what waits for whom, the checks, and acting on a plan. */
export interface PlanItem {
  readonly row: TableRow;
  /** undefined when the row cannot be read; see problems. */
  readonly plan: Plan | undefined;
  readonly problems: readonly RowProblem[];
  readonly next: ApprovalStep | undefined;
  readonly checks: readonly PlanCheck[];
}

export interface PlanList {
  readonly ref: TableRef;
  readonly items: readonly PlanItem[];
}

function readPlan(reader: RowReader): Plan | undefined {
  const typeText = reader.requiredText("Type");
  const statusText = reader.text("Status") || "Draft";
  const type = parsePlanType(typeText);
  const status = parsePlanStatus(statusText);
  if (typeText && !type) reader.report(ruleError("value", "unknownChoice", { arg: reader.label("Type"), value: typeText, choices: "Marketing plan, Promotion plan, Marketing activity, Expense budget, 营销计划, 促销计划, 营销活动, 费用预算" }));
  if (!status) reader.report(ruleError("value", "unknownChoice", { arg: reader.label("Status"), value: statusText, choices: PLAN_STATUSES.join(", ") }));
  const plan = {
    id: reader.requiredText("ID"), type: type ?? "marketingPlan", title: reader.text("Title"), region: reader.text("Region"), owner: reader.requiredText("Owner"),
    submitted: reader.optionalDate("Submitted"), start: reader.optionalDate("Start"), purpose: reader.text("Purpose"), audience: reader.text("Audience"),
    channels: reader.text("Channels"), category: reader.text("Category"), budget: reader.optionalNumber("Budget"), status: status ?? "Draft",
  };
  return type && status ? plan : undefined;
}

/** The policy's categories match across languages ("Market events" is 市场活动); others by their text. */
export function categoryKey(category: string): string {
  const text = category.trim().toLowerCase();
  const index = DEFAULT_BUDGET_POLICY.categories.findIndex((c) => c.en.toLowerCase() === text || c.zh === text);
  return index === -1 ? text : `#${index}`;
}

/** What the plan's category may still spend in the plan's year: budget − actual on the Budget table. */
function remainingByCategory(budget: TableData | undefined): (plan: Plan) => CategoryBudget | undefined {
  const { records } = budget ? readBudget(budget) : { records: [] };
  return (plan) => {
    const year = planYear(plan);
    const key = categoryKey(plan.category);
    const own = records.filter((r) => categoryKey(r.category) === key && r.month.getFullYear() === year);
    if (own.length === 0) return undefined;
    return { remaining: sumMoney(...own.map((r) => r.budget - (r.actual ?? 0))) };
  };
}

export async function listPlans(tables: WorkbookTables, options: TableOptions = {}): Promise<PlanList> {
  const data = await readRequired(tables, "Plans", options);
  // Without a usable Budget table the plans still list; their budget check says so.
  const budget = await readOutput(tables, "Budget", options).catch(() => undefined);
  return { ref: data.ref, items: planItems(data, budget) };
}

const planYear = (plan: Plan) => (plan.start ?? plan.submitted)?.getFullYear();

/**
 * The Plans table's rows as read, each with its problems, next step and checks. A plan's
 * budget check (SPEC §5.1) also counts the other plans of its category and year already Approved.
 */
export function planItems(data: TableData, budget: TableData | undefined): PlanItem[] {
  const categoryBudget = remainingByCategory(budget);
  const read = data.rows.map((row) => {
    const reader = new RowReader({ ...data, rows: [row] });
    const [plan] = reader.map(() => readPlan(reader));
    return { row, plan, problems: reader.problems };
  });
  const approved = read.flatMap(({ plan }) => (plan?.status === "Approved" ? [plan] : []));
  const remaining = (plan: Plan): CategoryBudget | undefined => {
    const category = categoryBudget(plan);
    if (!category) return undefined;
    const key = categoryKey(plan.category);
    const committed = approved.filter((other) => other !== plan && categoryKey(other.category) === key && planYear(other) === planYear(plan)).map((other) => other.budget ?? 0);
    return { remaining: sumMoney(category.remaining, ...committed.map((amount) => -amount)) };
  };
  return read.map(({ row, plan, problems }): PlanItem => ({ row, plan, problems, next: plan && nextStep(plan), checks: plan ? planChecks(plan, remaining(plan)) : [] }));
}

/** Plans whose next step is `role`'s and that `actorName` did not submit. */
export function waitingFor(items: readonly PlanItem[], role: Role, actorName: string): PlanItem[] {
  const me = actorName.trim().toLowerCase();
  return items.filter((i) => i.plan && i.next?.role === role && i.plan.owner.trim().toLowerCase() !== me);
}

export type PlanActionOutcome =
  | { readonly kind: "done"; readonly status: PlanStatus; readonly entry: HashedAuditEntry }
  | { readonly kind: "refused"; readonly error: RuleError }
  /** The Plans row changed since it was read; nothing was written. */
  | { readonly kind: "conflict"; readonly current: TableRow | undefined };

export interface PlanActionRequest {
  readonly item: PlanItem;
  readonly action: PlanAction;
  readonly actor: Actor;
  readonly comment: string;
  readonly now?: Date;
}

/**
 * Writes the new status to the Plans row, only if the row is still as it was read, then
 * appends the audit entry; if the log cannot be written, the status is put back. A plan
 * whose Status is not the one the audit log records (SPEC §5.4) is refused.
 */
export async function actOnPlanRow(tables: WorkbookTables, ref: TableRef, request: PlanActionRequest, options: TableOptions = {}): Promise<PlanActionOutcome> {
  const { item, action, actor, comment } = request;
  if (!item.plan) return { kind: "refused", error: item.problems[0]?.error ?? ruleError("value", "unexpected", { detail: "unreadable plan" }) };
  const logged = logStatuses(await readOutput(tables, "AuditLog", options));
  const mismatch = logged && rowMismatch("Plans", item.row, logged);
  if (mismatch) return { kind: "refused", error: mismatchError(mismatch) };
  const to = actOnPlan(item.plan, action, actor, comment);
  if (isRuleError(to)) return { kind: "refused", error: to };
  const written = await tables.updateRow(ref, item.row, { Status: to });
  if (!written.ok) return { kind: "conflict", current: written.conflict.current };
  const entry = { time: (request.now ?? new Date()).toISOString(), planId: item.plan.id, action, from: item.plan.status, to, actor: actor.name, role: actor.role, comment: comment.trim() };
  try {
    return { kind: "done", status: to, entry: await appendAuditEntry(tables, entry, ref.language, options) };
  } catch (error) {
    await tables.updateRow(ref, written.row, { Status: item.plan.status });
    throw error;
  }
}
