import {
  actOnItem,
  chainsFrom,
  checkChains,
  DEFAULT_CHAINS,
  fromLabel,
  itemKey,
  versionChanges,
  ITEM_TYPE_NAMES,
  ITEM_TYPES,
  isRuleError,
  nextStepOf,
  parseItemType,
  parseWorkflowStatus,
  PLAN_REQUIRED_FIELDS,
  PLAN_TYPES,
  ruleError,
  sumMoney,
  WORKFLOW_STATUSES,
  type Actor,
  type Chains,
  type HashedAuditEntry,
  type ItemType,
  type Plan,
  type PlanCheck,
  type PolicyChange,
  type RowProblem,
  type RuleError,
  type WorkflowAction,
  type WorkflowStatus,
  type WorkflowStep,
  type WorkflowTableRow,
} from "../rules";
import type { HeaderLanguage, TableData, TableRef, TableRow, WorkbookTables } from "../workbook";
import { appendAuditEntry, type AuditWriteOptions } from "./audit-log";
import { readBudget } from "./budget";
import { cellText, RowReader, textCell } from "./cells";
import { categoryKey, planItems } from "./plans";
import { readVersionTables, tableVersions, VERSION_HASH_PREFIX, versionLogProblems, type PolicyTable, type TableVersion, type VersionTable, type VersionTables } from "./policy";
import { itemMismatch, logStatuses, mismatchError, type StatusMismatch } from "./status-audit";
import { readOptional, readOutput, readRequired, type TableOptions } from "./tables";

/**
 * Every approval flow (SPEC §5): the plans of the Plans table and the requests of the
 * Requests table as one list of items, each moved along its type's effective chain (the
 * defaults, or the Workflows table's), with the checks of §5.1 shown before anyone acts.
 */

/** The types an item of the Requests table may have: every flow but the plans (Plans table) and policy versions (Policy table). */
export const REQUEST_TYPES: readonly ItemType[] = ITEM_TYPES.filter((t) => !(PLAN_TYPES as readonly ItemType[]).includes(t) && t !== "policyVersion");

export interface RequestRecord {
  readonly id: string;
  readonly type: ItemType;
  readonly title: string;
  readonly region: string;
  readonly owner: string;
  readonly submitted: Date | undefined;
  readonly dealer: string;
  readonly product: string;
  readonly quantity: number | undefined;
  readonly category: string;
  readonly amount: number | undefined;
  readonly payment: string;
  readonly reason: string;
  readonly link: string;
  readonly status: WorkflowStatus;
}

/** A Policy or RebatePolicy version (SPEC §4.2): an item of type policyVersion, spanning its rows. */
export interface VersionRecord {
  readonly id: string;
  readonly type: "policyVersion";
  readonly title: string;
  readonly region: string;
  /** The version's Owner cells, joined; none of them may act on it. */
  readonly owner: string;
  readonly owners: readonly string[];
  readonly submitted: Date | undefined;
  readonly status: WorkflowStatus;
  readonly table: VersionTable;
  readonly from: Date | undefined;
  readonly hash: string;
  /** What approving it changes, rule by rule, against the policy in force before its From (Policy versions only). */
  readonly changes: readonly PolicyChange[];
}

export type ItemRecord = Plan | RequestRecord | VersionRecord;

export const isVersionRecord = (record: ItemRecord): record is VersionRecord => "hash" in record && "table" in record;

/** Whether `name` submitted the item (a version may have several owners). */
function submittedBy(record: ItemRecord, name: string): boolean {
  return (isVersionRecord(record) ? record.owners : [record.owner]).some((owner) => sameId(owner, name));
}

/** promotionReport and dealerAgreement: the Link must name an Approved item of `wanted`. */
export interface LinkCheck {
  readonly check: "link";
  readonly ok: boolean;
  readonly link: string;
  readonly wanted: ItemType;
  /** The linked item's status; undefined when no item of `wanted` has that ID. */
  readonly status: WorkflowStatus | undefined;
}

/** A policy version: the problems of SPEC §4.2 in its rows (and, once the log started, the log's). */
export interface VersionCheck {
  readonly check: "policy";
  readonly ok: boolean;
  readonly problems: readonly RowProblem[];
}

/** requiredFields and budget have the plans' shape (for a claim, `budget` is its Amount). */
export type ItemCheck = PlanCheck | LinkCheck | VersionCheck;

export type ItemSource = "Plans" | "Requests" | VersionTable;

export interface WorkItem {
  readonly source: ItemSource;
  /** The table the row is in. */
  readonly ref: TableRef;
  readonly row: TableRow;
  /** A policy version's ID, which no cell holds (its rows share a From). */
  readonly versionId?: string;
  /** Every row the item spans: a policy version's rows; just `row` otherwise. */
  readonly rows: readonly TableRow[];
  /** undefined when the row cannot be read; see problems. */
  readonly record: ItemRecord | undefined;
  readonly problems: readonly RowProblem[];
  /** The step waiting on the item: undefined when final, rejected, unreadable, its chain is broken, or its status is not the logged one. */
  readonly next: WorkflowStep | undefined;
  readonly checks: readonly ItemCheck[];
  /** The Status cell differs from the last status the audit log records (SPEC §5.4): nobody acts on the item until it is put back. */
  readonly mismatch?: StatusMismatch;
}

export interface ItemList {
  /** The effective chains: the defaults, with the types the Workflows table lists replaced. */
  readonly chains: Chains;
  /** What is wrong with the Workflows table's rows (checkChains); a type with any is broken and nobody acts on its items. */
  readonly chainProblems: readonly RowProblem[];
  readonly items: readonly WorkItem[];
}

/** The Workflows table's rows as the rules read them: every cell as text. */
export function workflowTableRows(data: TableData): WorkflowTableRow[] {
  return data.rows.map((row) => {
    const text = (id: string) => cellText(row.values[id]).trim();
    return { row: row.row, type: text("Type"), step: text("Step"), from: text("From"), to: text("To"), role: text("Role") };
  });
}

/** The effective chains and the Workflows table's problems; the defaults when there is no such table. */
export function readChains(workflows: TableData | undefined): { readonly chains: Chains; readonly problems: RowProblem[] } {
  if (!workflows) return { chains: DEFAULT_CHAINS, problems: [] };
  const rows = workflowTableRows(workflows);
  const problems = checkChains(rows).map((p) => ({ sheet: workflows.ref.sheet, row: p.row, error: p.error }));
  return { chains: chainsFrom(rows), problems };
}

const typeChoices = (types: readonly ItemType[]) => types.flatMap((t) => [ITEM_TYPE_NAMES[t].en, ITEM_TYPE_NAMES[t].zh]).join(", ");

function readRequest(reader: RowReader): RequestRecord | undefined {
  const typeText = reader.requiredText("Type");
  const statusText = reader.text("Status") || "Draft";
  const parsed = parseItemType(typeText);
  const type = parsed && REQUEST_TYPES.includes(parsed) ? parsed : undefined;
  const status = parseWorkflowStatus(statusText);
  if (typeText && !type) reader.report(ruleError("value", "unknownChoice", { arg: reader.label("Type"), value: typeText, choices: typeChoices(REQUEST_TYPES) }));
  if (!status) reader.report(ruleError("value", "unknownChoice", { arg: reader.label("Status"), value: statusText, choices: WORKFLOW_STATUSES.join(", ") }));
  const record: RequestRecord = {
    id: reader.requiredText("ID"), type: type ?? "expenseClaim", title: reader.text("Title"), region: reader.text("Region"), owner: reader.requiredText("Owner"),
    submitted: reader.optionalDate("Submitted"), dealer: reader.text("Dealer"), product: reader.text("Product"), quantity: reader.optionalNumber("Quantity"),
    category: reader.text("Category"), amount: reader.optionalNumber("Amount"), payment: reader.text("Payment"), reason: reader.text("Reason"), link: reader.text("Link"),
    status: status ?? "Draft",
  };
  return type && status ? record : undefined;
}

/** The Requests table's rows, each read on its own: a record, or the row's problems. */
export function readRequests(data: TableData): { row: TableRow; record: RequestRecord | undefined; problems: RowProblem[] }[] {
  return data.rows.map((row) => {
    const reader = new RowReader({ ...data, rows: [row] });
    const [record] = reader.map(() => readRequest(reader));
    return { row, record, problems: reader.problems };
  });
}

type RequestField = "dealer" | "product" | "quantity" | "category" | "amount" | "payment" | "reason" | "link" | "region";

/** What each flow needs filled in (SPEC §5.1). */
const REQUIRED_FIELDS: Readonly<Partial<Record<ItemType, readonly RequestField[]>>> = {
  promotionReport: ["link"],
  expenseClaim: ["amount", "category", "payment"],
  stockTransfer: ["product", "quantity"],
  exchange: ["dealer", "product", "reason"],
  return: ["dealer", "amount", "reason"],
  targetDealer: ["dealer", "region"],
  dealerAgreement: ["link"],
};

/** The columns an item of `type` must have filled in (SPEC §3.1, §5.1), as schema column ids. */
export function requiredColumns(type: ItemType): readonly string[] {
  const fields = (PLAN_TYPES as readonly ItemType[]).includes(type) ? PLAN_REQUIRED_FIELDS : (REQUIRED_FIELDS[type] ?? []);
  return fields.map(columnOfField);
}

/** A record's field is its table's column: "dealer" is Dealer. */
export const columnOfField = (field: string): string => field.charAt(0).toUpperCase() + field.slice(1);

/** The item a report or an agreement must link to (SPEC §5.1). */
const LINKED_TYPE: Readonly<Partial<Record<ItemType, ItemType>>> = { promotionReport: "promotionPlan", dealerAgreement: "targetDealer" };

const sameId = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function sameMonth(a: Date | undefined, b: Date | undefined): boolean {
  return a !== undefined && b !== undefined && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth();
}

/**
 * A claim's budget: the category's budget for the month of its Submitted date, minus that
 * month's Actual, minus the claims of that category and month in status Approved (other
 * than itself; Paid claims are taken to be in Actual). Undefined without a Budget row.
 */
function claimRemaining(claim: RequestRecord, row: TableRow, budget: TableData | undefined, requests: readonly { row: TableRow; record: RequestRecord | undefined }[]): number | undefined {
  if (!claim.submitted) return undefined;
  const key = categoryKey(claim.category);
  const { records } = budget ? readBudget(budget) : { records: [] };
  const own = records.filter((r) => categoryKey(r.category) === key && sameMonth(r.month, claim.submitted));
  if (own.length === 0) return undefined;
  const approved = requests
    .filter(({ row: other, record }) => other !== row && record?.type === "expenseClaim" && record.status === "Approved" && categoryKey(record.category) === key && sameMonth(record.submitted, claim.submitted))
    .map(({ record }) => record?.amount ?? 0);
  return sumMoney(...own.map((r) => r.budget - (r.actual ?? 0)), ...approved.map((a) => -a));
}

function requestChecks(claim: RequestRecord, row: TableRow, context: { budget: TableData | undefined; requests: readonly { row: TableRow; record: RequestRecord | undefined }[]; records: readonly ItemRecord[] }): ItemCheck[] {
  const required = REQUIRED_FIELDS[claim.type] ?? [];
  const missing = required.filter((field) => {
    const value = claim[field];
    return value === undefined || (typeof value === "string" && value.trim() === "");
  });
  const checks: ItemCheck[] = [{ check: "requiredFields", ok: missing.length === 0, missing }];
  if (claim.type === "expenseClaim") {
    const remaining = claimRemaining(claim, row, context.budget, context.requests);
    const amount = claim.amount ?? 0;
    checks.push({ check: "budget", ok: remaining !== undefined && amount <= remaining, budget: amount, remaining });
  }
  const wanted = LINKED_TYPE[claim.type];
  if (wanted) {
    const linked = claim.link === "" ? [] : context.records.filter((r) => r.type === wanted && sameId(r.id, claim.link));
    const status = linked.find((r) => r.status === "Approved")?.status ?? linked[0]?.status;
    checks.push({ check: "link", ok: status === "Approved", link: claim.link, wanted, status });
  }
  return checks;
}

const VERSION_TITLES: Readonly<Record<VersionTable, Record<HeaderLanguage, string>>> = {
  Policy: { en: "Policy from {{from}}", zh: "{{from}} 起的制度参数" },
  RebatePolicy: { en: "Rebate policy from {{from}}", zh: "{{from}} 起的返利政策" },
};

function versionRecord(version: TableVersion, policy: PolicyTable | undefined, language: HeaderLanguage): VersionRecord | undefined {
  if (!version.status) return undefined;
  const rules = version.table === "Policy" ? policy?.versions.find((v) => v.id === version.id) : undefined;
  return {
    id: version.id, type: "policyVersion", title: VERSION_TITLES[version.table][language].replace("{{from}}", fromLabel(version.from)), region: "",
    owner: version.owners.join(", "), owners: version.owners, submitted: undefined, status: version.status, table: version.table, from: version.from, hash: version.hash,
    changes: rules && policy ? versionChanges(policy.versions, rules) : [],
  };
}

/** Each version an item: unreadable when its rows' statuses differ; its check, the problems of its rows and of the log. */
function versionItems(read: VersionTables, logProblems: ReadonlyMap<string, readonly RowProblem[]>, next: (record: ItemRecord | undefined) => WorkflowStep | undefined): WorkItem[] {
  return tableVersions(read).flatMap((version): WorkItem[] => {
    const data = version.table === "Policy" ? read.policy?.data : read.rebate?.data;
    const first = version.sheetRows[0];
    if (!data || !first) return [];
    const record = versionRecord(version, read.policy, data.ref.language);
    const problems = [...version.problems, ...(logProblems.get(itemKey(version.id)) ?? [])];
    const check: VersionCheck = { check: "policy", ok: problems.length === 0, problems };
    return [{ source: version.table, versionId: version.id, ref: data.ref, row: first, rows: version.sheetRows, record, problems: record ? [] : version.problems, next: next(record), checks: [check] }];
  });
}

/** The tables as read, into items; shared by listItems and check. */
export function workItems(tables: { plans?: TableData; requests?: TableData; budget?: TableData; workflows?: TableData; auditLog?: TableData; versions?: VersionTables }): ItemList {
  const { chains, problems: chainProblems } = readChains(tables.workflows);
  const logged = logStatuses(tables.auditLog);
  const logProblems = tables.versions ? versionLogProblems(tableVersions(tables.versions), tables.auditLog) : new Map<string, RowProblem[]>();
  // A marketing activity's lead time is the PlanLeadMonths in force at its start (SPEC §4.2).
  const plans = tables.plans ? planItems(tables.plans, tables.budget, { table: tables.versions?.policy, logProblems }) : [];
  const requests = tables.requests ? readRequests(tables.requests) : [];
  const records: ItemRecord[] = [...plans.flatMap((p) => (p.plan ? [p.plan] : [])), ...requests.flatMap((r) => (r.record ? [r.record] : []))];
  const next = (record: ItemRecord | undefined) => record && nextStepOf(chains, record.type, record.status);
  const items: WorkItem[] = [
    ...plans.map((p): WorkItem => ({ source: "Plans", ref: (tables.plans as TableData).ref, row: p.row, rows: [p.row], record: p.plan, problems: p.problems, next: next(p.plan), checks: p.checks })),
    ...requests.map(({ row, record, problems }): WorkItem => ({
      source: "Requests", ref: (tables.requests as TableData).ref, row, rows: [row], record, problems, next: next(record),
      checks: record ? requestChecks(record, row, { budget: tables.budget, requests, records }) : [],
    })),
    ...(tables.versions ? versionItems(tables.versions, logProblems, next) : []),
  ];
  // An unreadable row is reported as such; a readable one whose status the log does not bear out waits on nobody.
  const checked = items.map((item): WorkItem => {
    const mismatch = logged && item.record ? itemMismatch(item.source, item.row, item.record.id, item.record.status, logged) : undefined;
    return mismatch ? { ...item, next: undefined, mismatch } : item;
  });
  return { chains, chainProblems, items: checked };
}

/** The chains in force: the Workflows table's, over the defaults (SPEC §5.3). */
export async function effectiveChains(tables: WorkbookTables, options: TableOptions = {}): Promise<Chains> {
  return readChains(await readOptional(tables, "Workflows", options)).chains;
}

/**
 * Plans and requests with who acts next and their checks. Either table may be missing (not
 * both, and not one named in Settings); the Workflows table, when present, sets the chains.
 */
export async function listItems(tables: WorkbookTables, options: TableOptions = {}): Promise<ItemList> {
  const plans = await readOptional(tables, "Plans", options);
  const requests = await readOptional(tables, "Requests", options);
  if (!plans && !requests) await readRequired(tables, "Plans", options);
  const workflows = await readOptional(tables, "Workflows", options);
  const auditLog = await readOutput(tables, "AuditLog", options);
  // Without a usable Budget table the items still list; their budget check says so.
  const budget = await readOutput(tables, "Budget", options).catch(() => undefined);
  const versions = await readVersionTables(tables, options);
  return workItems({ plans, requests, budget, workflows, auditLog, versions });
}

/** The ID a row carries, read or not. */
export function itemId(item: WorkItem): string {
  return item.record?.id ?? item.versionId ?? textCell(item.row.values.ID);
}

/** The items with this ID (IDs compare trimmed, ignoring case). */
export function findItems(list: ItemList, id: string): WorkItem[] {
  return list.items.filter((item) => itemId(item) !== "" && sameId(itemId(item), id));
}

/**
 * Where `actor` stands with an item: "acts" when the next step is their role's and they did
 * not submit it; "ownItem" when it is but they did; "otherRole" when another role acts
 * next; "none" when nobody does (final, unreadable, locked or a broken chain).
 */
export type ActorStanding = "acts" | "ownItem" | "otherRole" | "none";

export function standingOf(item: WorkItem, actor: Actor): ActorStanding {
  if (!item.record || !item.next) return "none";
  if (item.next.role !== actor.role) return "otherRole";
  return submittedBy(item.record, actor.name) ? "ownItem" : "acts";
}

/** Items whose next step is `role`'s and that `actorName` did not submit. */
export function itemsWaitingFor(list: ItemList, actor: Actor): WorkItem[] {
  return list.items.filter((item) => standingOf(item, actor) === "acts");
}

export type ItemActionOutcome =
  | { readonly kind: "done"; readonly status: WorkflowStatus; readonly entry: HashedAuditEntry }
  | { readonly kind: "refused"; readonly error: RuleError }
  /** An approve with failed checks, without confirmFailures: nothing was written. */
  | { readonly kind: "checksFailed"; readonly failed: readonly ItemCheck[] }
  /** The row changed since it was read; nothing was written. */
  | { readonly kind: "conflict"; readonly current: TableRow | undefined };

export interface ItemActionRequest {
  readonly item: WorkItem;
  readonly action: WorkflowAction;
  readonly actor: Actor;
  readonly comment: string;
  /** The user saw the failed checks and approves all the same; the log entry's comment names them. */
  readonly confirmFailures?: boolean;
  readonly now?: Date;
}

const CHECK_WORDS: Readonly<Record<HeaderLanguage, Record<ItemCheck["check"] | "prefix" | "separator", string>>> = {
  en: { prefix: "Approved with failed checks: ", requiredFields: "required fields missing ({{detail}})", leadTime: "lead time ({{detail}})", budget: "budget ({{detail}})", link: "link ({{detail}})", policy: "policy problems in rows {{detail}}", separator: "; " },
  zh: { prefix: "检查未通过仍批准：", requiredFields: "缺少必填项（{{detail}}）", leadTime: "提前期（{{detail}}）", budget: "预算（{{detail}}）", link: "关联（{{detail}}）", policy: "制度参数问题（第 {{detail}} 行）", separator: "；" },
};

function checkDetail(check: ItemCheck): string {
  switch (check.check) {
    case "requiredFields":
      return check.missing.join(", ");
    case "leadTime":
      return check.deadline ? `deadline ${check.deadline.getFullYear()}-${String(check.deadline.getMonth() + 1).padStart(2, "0")}-${String(check.deadline.getDate()).padStart(2, "0")}` : "no dates";
    case "budget":
      return `${check.budget.toFixed(2)} > ${check.remaining === undefined ? "no budget" : check.remaining.toFixed(2)}`;
    case "link":
      return `${check.link || "-"}: ${check.status ?? "not found"}`;
    case "policy":
      return [...new Set(check.problems.map((p) => p.row))].join(", ");
  }
}

/** The failed checks in one line, for the audit log (in the workbook's header language). */
export function failedChecksNote(failed: readonly ItemCheck[], language: HeaderLanguage): string {
  const words = CHECK_WORDS[language];
  return words.prefix + failed.map((c) => words[c.check].replace("{{detail}}", checkDetail(c))).join(words.separator);
}

export type ActionPreview =
  | Extract<ItemActionOutcome, { kind: "refused" | "checksFailed" }>
  /** The step may be taken; `failed` are the checks a confirmed approve goes past. */
  | { readonly kind: "ready"; readonly record: ItemRecord; readonly to: WorkflowStatus; readonly failed: readonly ItemCheck[] };

/**
 * What a step would do, without writing: refused (an unreadable item, one whose status the
 * log does not bear out (SPEC §5.4), or the chain's refusals), an approve whose checks
 * failed and that is not confirmed, or ready. The pane asks for confirmation only then.
 */
export function previewAction(list: ItemList, request: Omit<ItemActionRequest, "now">): ActionPreview {
  const { item, action, actor, comment } = request;
  if (!item.record) return { kind: "refused", error: item.problems[0]?.error ?? ruleError("value", "unexpected", { detail: "unreadable item" }) };
  if (item.mismatch) return { kind: "refused", error: mismatchError(item.mismatch) };
  if (submittedBy(item.record, actor.name) && item.next) return { kind: "refused", error: ruleError("value", "ownItem", { id: item.record.id }) };
  const to = actOnItem(list.chains, item.record, action, actor, comment);
  if (isRuleError(to)) return { kind: "refused", error: to };
  const failed = action === "approve" ? item.checks.filter((c) => !c.ok) : [];
  if (failed.length > 0 && !request.confirmFailures) return { kind: "checksFailed", failed };
  return { kind: "ready", record: item.record, to, failed };
}

/**
 * One step on an item, as previewAction allows it: the Status cell, only if the row is
 * still as read, and the audit entry (naming the failed checks of a confirmed approve);
 * if the log cannot be written, the status is put back.
 */
export async function actOnWorkItem(tables: WorkbookTables, list: ItemList, request: ItemActionRequest, options: AuditWriteOptions = {}): Promise<ItemActionOutcome> {
  const { item, action, actor, comment } = request;
  const preview = previewAction(list, request);
  if (preview.kind !== "ready") return preview;
  const { record, to, failed } = preview;
  const written = await writeStatus(tables, item, to);
  if (!written.ok) return { kind: "conflict", current: written.current };
  const note = failed.length > 0 ? failedChecksNote(failed, item.ref.language) : "";
  // An approved version's hash leads its entry, so that later edits of its rows show (SPEC §4.2).
  const hash = isVersionRecord(record) && to === "Approved" ? `${VERSION_HASH_PREFIX}${record.hash}` : "";
  const fullComment = [hash, note, comment.trim()].filter((text) => text !== "").join(item.ref.language === "zh" ? "。" : ". ");
  const entry = { time: (request.now ?? new Date()).toISOString(), planId: record.id, action, from: record.status, to, actor: actor.name, role: actor.role, comment: fullComment };
  try {
    return { kind: "done", status: to, entry: await appendAuditEntry(tables, entry, item.ref.language, options) };
  } catch (error) {
    await putBack(tables, item, written.rows);
    throw error;
  }
}

/** The Status of every row of the item, each only if still as read; on a conflict the rows already written are put back. */
async function writeStatus(tables: WorkbookTables, item: WorkItem, to: WorkflowStatus): Promise<{ ok: true; rows: TableRow[] } | { ok: false; current: TableRow | undefined }> {
  const rows: TableRow[] = [];
  for (const row of item.rows) {
    const written = await tables.updateRow(item.ref, row, { Status: to });
    if (!written.ok) {
      await putBack(tables, item, rows);
      return { ok: false, current: written.conflict.current };
    }
    rows.push(written.row);
  }
  return { ok: true, rows };
}

/** Each written row's Status as the item's row held it before. */
async function putBack(tables: WorkbookTables, item: WorkItem, written: readonly TableRow[]): Promise<void> {
  for (const [i, row] of written.entries()) await tables.updateRow(item.ref, row, { Status: item.rows[i].values.Status ?? null });
}
