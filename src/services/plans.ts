import {
  DEFAULT_BUDGET_POLICY,
  parsePlanType,
  parseWorkflowStatus,
  planChecks,
  ruleError,
  sumMoney,
  WORKFLOW_STATUSES,
  type CategoryBudget,
  type Plan,
  type PlanCheck,
  type RowProblem,
} from "../rules";
import type { TableData, TableRow } from "../workbook";
import { readBudget } from "./budget";
import { RowReader } from "./cells";
import type { VersionCheck } from "./items";
import { policyFor, SEED_ONLY, type PolicySource } from "./policy";

/**
 * The Plans table (3.1) read into plans with their checks. Who acts next on a plan, and
 * acting on it, are the items' (./items: listItems, actOnWorkItem), as for every flow.
 */
export interface PlanRow {
  readonly row: TableRow;
  /** undefined when the row cannot be read; see problems. */
  readonly plan: Plan | undefined;
  readonly problems: readonly RowProblem[];
  /** A marketing activity whose policy in force at its start has problems has a failed policy check in place of its lead-time check. */
  readonly checks: readonly (PlanCheck | VersionCheck)[];
}

function readPlan(reader: RowReader): Plan | undefined {
  const typeText = reader.requiredText("Type");
  const statusText = reader.text("Status") || "Draft";
  const type = parsePlanType(typeText);
  // Any workflow status: a Workflows table (SPEC §5.3) may give a plan type more steps than its defaults.
  const status = parseWorkflowStatus(statusText);
  if (typeText && !type) reader.report(ruleError("value", "unknownChoice", { arg: reader.label("Type"), value: typeText, choices: "Marketing plan, Promotion plan, Marketing activity, Expense budget, 营销计划, 促销计划, 营销活动, 费用预算" }));
  if (!status) reader.report(ruleError("value", "unknownChoice", { arg: reader.label("Status"), value: statusText, choices: WORKFLOW_STATUSES.join(", ") }));
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

const planYear = (plan: Plan) => (plan.start ?? plan.submitted)?.getFullYear();

/**
 * The checks of 3.1 with the lead time (PlanLeadMonths) in force at the plan's start (SPEC
 * §4.2). When that policy has problems the lead time is not computed: a failed policy check
 * names the rows instead.
 */
function checksOf(plan: Plan, category: CategoryBudget | undefined, policy: PolicySource): (PlanCheck | VersionCheck)[] {
  if (plan.type !== "marketingActivity" || !plan.start) return planChecks(plan, category);
  const inForce = policyFor(policy, plan.start);
  const checks = planChecks(plan, category, inForce.policy.schedule);
  if (inForce.problems.length === 0) return checks;
  return checks.map((check) => (check.check === "leadTime" ? { check: "policy", ok: false, problems: inForce.problems } : check));
}

/**
 * The Plans table's rows as read, each with its problems and checks. A plan's
 * budget check (SPEC §5.1) also counts the other plans of its category and year already Approved.
 */
export function planItems(data: TableData, budget: TableData | undefined, policy: PolicySource = SEED_ONLY): PlanRow[] {
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
  return read.map(({ row, plan, problems }): PlanRow => ({ row, plan, problems, checks: plan ? checksOf(plan, remaining(plan), policy) : [] }));
}
