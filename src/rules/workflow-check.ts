import { ruleError, type ErrorParams, type RuleError, type RuleErrorCode } from "./errors";
import { ITEM_TYPES, parseItemType, type ItemType } from "./item-types";
import { parseRole, ROLES, type Role } from "./roles";
import { CHAIN_END_STATUSES, parseWorkflowStatus, WORKFLOW_STATUSES, type WorkflowStatus } from "./workflow-statuses";

/**
 * Reading and checking approval chains written as data (SPEC §5.3): the Workflows table
 * 审批流程 (Type, Step, From, To, Role), one row per step.
 */

/** One row of the Workflows table as read: its worksheet row number and its cells as text. */
export interface WorkflowTableRow {
  readonly row: number;
  readonly type: string;
  readonly step: string;
  readonly from: string;
  readonly to: string;
  readonly role: string;
}

/** A row of the Workflows table, read: the item of `type` in status `from` is moved to `to` by `role`. */
export interface WorkflowRow {
  readonly type: ItemType;
  readonly step: number;
  readonly from: WorkflowStatus;
  readonly to: WorkflowStatus;
  readonly role: Role;
}

/** A step of an effective chain. */
export interface WorkflowStep {
  readonly step: number;
  readonly from: WorkflowStatus;
  readonly to: WorkflowStatus;
  readonly role: Role;
  /** The Workflows row it was written in; undefined for the default chains. */
  readonly row?: number;
}

/** A problem with one row of the Workflows table. */
export interface ChainProblem {
  readonly row: number;
  readonly error: RuleError;
}

/** A row as far as it could be read: what is undefined could not be (and is reported). */
interface ReadRow {
  readonly row: number;
  readonly type: ItemType;
  readonly step: number | undefined;
  readonly from: WorkflowStatus | undefined;
  readonly to: WorkflowStatus | undefined;
  readonly role: Role | undefined;
}

/** A row whose From and To could be read: enough to see the chain's shape. */
type Link = ReadRow & { readonly from: WorkflowStatus; readonly to: WorkflowStatus };

/** One type's chain as written: its steps in the order an item takes them, or broken when any of its rows has a problem. */
export interface WrittenChain {
  readonly steps: readonly WorkflowStep[];
  readonly broken: boolean;
}

const STATUS_CHOICES = WORKFLOW_STATUSES.filter((s) => s !== "Rejected").join(", ");

function problem(row: { readonly row: number }, code: RuleErrorCode, params: ErrorParams): ChainProblem {
  return { row: row.row, error: ruleError("value", code, params) };
}

/** Every problem of the Workflows rows (SPEC §5.3), in row order. */
export function checkChains(rows: readonly WorkflowTableRow[]): ChainProblem[] {
  return readWorkflows(rows).problems;
}

/** The chains the Workflows rows write, by type, and every problem with them. */
export function readWorkflows(rows: readonly WorkflowTableRow[]): { readonly chains: ReadonlyMap<ItemType, WrittenChain>; readonly problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  const byType = new Map<ItemType, ReadRow[]>();
  for (const row of rows) {
    if ([row.type, row.step, row.from, row.to, row.role].every((cell) => cell.trim() === "")) continue;
    const read = readRow(row, problems);
    if (read) byType.set(read.type, [...(byType.get(read.type) ?? []), read]);
  }
  const chains = new Map<ItemType, WrittenChain>();
  for (const [type, typeRows] of byType) chains.set(type, writtenChain(typeRows, problems));
  problems.sort((a, b) => a.row - b.row);
  return { chains, problems };
}

const BROKEN: WrittenChain = { steps: [], broken: true };

/** One type's chain from its rows, reporting what keeps them from being one. */
function writtenChain(rows: readonly ReadRow[], problems: ChainProblem[]): WrittenChain {
  const links = rows.filter((r): r is Link => r.from !== undefined && r.to !== undefined);
  // Without every From and To, the chain's shape is unknown: its rows' own problems come first.
  if (links.length < rows.length) return BROKEN;
  const before = problems.length;
  const walk = walkChain(links, problems);
  if (problems.length > before) return BROKEN;
  const steps: WorkflowStep[] = [];
  for (const { step, from, to, role, row } of walk) {
    if (step === undefined || role === undefined) return BROKEN;
    steps.push({ step, from, to, role, row });
  }
  return { steps, broken: false };
}

/** The chain of typed rows, such as the defaults: the steps in order, or the problems. */
export function chainOfRows(rows: readonly WorkflowRow[]): { readonly steps: WorkflowStep[]; readonly problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  const walk = walkChain(rows.map((r, index) => ({ ...r, row: index + 1 })), problems);
  return { steps: walk.map(({ step, from, to, role }) => ({ step, from, to, role })), problems };
}

function readRow(row: WorkflowTableRow, problems: ChainProblem[]): ReadRow | undefined {
  const type = parseItemType(row.type);
  if (!type) {
    problems.push(problem(row, "workflowUnknownType", { value: row.type.trim(), choices: ITEM_TYPES.join(", ") }));
    return undefined;
  }
  const step = readStep(row.step);
  if (step === undefined) problems.push(problem(row, "workflowBadStep", { value: row.step.trim() }));
  const role = parseRole(row.role);
  if (!role) problems.push(problem(row, "workflowUnknownRole", { value: row.role.trim(), choices: ROLES.join(", ") }));
  return { row: row.row, type, step, from: readStatus(row, row.from, problems), to: readStatus(row, row.to, problems), role };
}

/** Step numbers are whole numbers from 1: "2", or "2.0" as a number cell may come out as text. */
function readStep(text: string): number | undefined {
  const value = Number(text); // blank is 0
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** A status a step can lead from or to: any but Rejected, which only the reject action reaches. */
function readStatus(row: WorkflowTableRow, text: string, problems: ChainProblem[]): WorkflowStatus | undefined {
  const status = parseWorkflowStatus(text);
  if (status === "Rejected") problems.push(problem(row, "workflowRejectedStep", { value: text.trim() }));
  else if (!status) problems.push(problem(row, "workflowUnknownStatus", { value: text.trim(), choices: STATUS_CHOICES }));
  return status === "Rejected" ? undefined : status;
}

/**
 * Follows one type's steps from Draft and reports what keeps them from being one chain:
 * two steps from one status, a step back to a status already passed (a loop), a step whose
 * From no other step leads to (a gap), a step reached only from steps out of reach, step
 * numbers against the chain's order, and a last status that is no outcome.
 */
function walkChain<L extends Link>(links: readonly L[], problems: ChainProblem[]): L[] {
  const byFrom = new Map<WorkflowStatus, L>();
  for (const link of links) {
    const first = byFrom.get(link.from);
    if (first) problems.push(problem(link, "workflowDuplicateFrom", { from: link.from, otherRow: first.row }));
    else byFrom.set(link.from, link);
  }
  const walk: L[] = [];
  const passed = new Set<WorkflowStatus>(["Draft"]);
  let next = byFrom.get("Draft");
  while (next && !passed.has(next.to)) {
    walk.push(next);
    passed.add(next.to);
    next = byFrom.get(next.to);
  }
  const loop = next;
  if (loop) problems.push(problem(loop, "workflowLoop", { from: loop.from, to: loop.to }));
  for (const link of byFrom.values()) {
    if (link === loop || walk.includes(link)) continue;
    const reached = links.some((other) => other !== link && other.to === link.from);
    problems.push(problem(link, reached ? "workflowUnreachable" : "workflowGap", { from: link.from }));
  }
  walk.forEach((link, index) => {
    const previous = walk[index - 1];
    if (previous?.step !== undefined && link.step !== undefined && link.step <= previous.step) {
      problems.push(problem(link, "workflowStepOrder", { step: link.step, previous: previous.step, from: link.from }));
    }
  });
  const last = walk[walk.length - 1];
  if (!loop && last && !CHAIN_END_STATUSES.includes(last.to)) {
    problems.push(problem(last, "workflowNoFinalStatus", { to: last.to, choices: CHAIN_END_STATUSES.join(", ") }));
  }
  return walk;
}
