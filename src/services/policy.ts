import {
  BASELINE_ACTION,
  itemKey,
  parseBaseline,
  ruleError,
  type AuditEntry,
  policyRulesInForce,
  readPolicyVersions,
  readRebateVersions,
  rebatePolicyInForce,
  resolvePolicy,
  type LoggedStatuses,
  type Policy,
  type PolicyRule,
  type PolicyTableRow,
  type RuleInForce,
  type PolicyVersion,
  type RebateMode,
  type RebateTableRow,
  type RebateVersion,
  type RowProblem,
  type VersionProblem,
  type VersionStatus,
} from "../rules";
import type { TableData, TableRow, WorkbookTables } from "../workbook";
import { auditRows } from "./audit-log";
import { RowReader } from "./cells";
import { readRebateMode } from "./rebates";
import { itemMismatch, logStatuses, mismatchProblem, type StatusMismatch } from "./status-audit";
import { readOptional, readOutput, type TableOptions } from "./tables";

/**
 * The policy as data (SPEC §4): the Policy and RebatePolicy tables read into versions, and
 * the policy in force for a period, or the problems that stop anything being computed on it.
 */

export type VersionTable = "Policy" | "RebatePolicy";

/** A version of either table as the Approvals page, the baseline and the log checks see it. */
export interface TableVersion {
  readonly table: VersionTable;
  /** POLICY-YYYY-MM-DD or REBATE-YYYY-MM-DD. */
  readonly id: string;
  readonly from: Date | undefined;
  /** Undefined when its rows' statuses differ: it never counts (a problem names the rows). */
  readonly status: VersionStatus | undefined;
  /** What the audit log records when it is approved (SPEC §4.2). */
  readonly hash: string;
  readonly owners: readonly string[];
  /** Its rows in the worksheet, in table order: approving writes each one's Status. */
  readonly sheetRows: readonly TableRow[];
  readonly problems: readonly RowProblem[];
}

export interface PolicyTable {
  readonly data: TableData;
  /** The rules' versions, each with the problems of its cells too. */
  readonly versions: readonly PolicyVersion[];
  readonly tableVersions: readonly TableVersion[];
}

export interface RebateTable {
  readonly data: TableData;
  readonly versions: readonly RebateVersion[];
  readonly tableVersions: readonly TableVersion[];
  /** Whether the table has From or Status columns: only then are its versions items to approve. */
  readonly versioned: boolean;
}

/** Each row read on its own; a cell that cannot be read is a problem of its row and counts as blank. */
function readRows<T>(data: TableData, read: (reader: RowReader, row: TableRow) => T): { rows: T[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const rows = data.rows.map((row) => {
    const reader = new RowReader({ ...data, rows: [row] });
    let value: T | undefined;
    reader.map((current) => void (value = read(reader, current)));
    problems.push(...reader.problems);
    return value as T;
  });
  return { rows, problems };
}

const readNumber = (reader: RowReader, id: string) => {
  const value = reader.optionalNumber(id);
  return value === undefined || Number.isNaN(value) ? undefined : value;
};

const readDate = (reader: RowReader, id: string) => {
  const value = reader.optionalDate(id, { anyDate: true });
  return value === undefined || Number.isNaN(value.getTime()) ? undefined : value;
};

/** A version's rules problems with the sheet, and the problems of its rows' cells. */
function versionProblems(sheet: string, own: readonly VersionProblem[], cells: readonly RowProblem[], rows: readonly { row: number }[]): RowProblem[] {
  const mine = new Set(rows.map((r) => r.row));
  return [...own.map((p) => ({ sheet, row: p.row, error: p.error })), ...cells.filter((p) => mine.has(p.row))].sort((a, b) => a.row - b.row);
}

function sheetRowsOf(data: TableData, rows: readonly { row: number }[]): TableRow[] {
  const wanted = new Set(rows.map((r) => r.row));
  return data.rows.filter((row) => wanted.has(row.row));
}

/** The Policy table (SPEC §4.1) into versions; every problem belongs to the version of its row. */
export function readPolicyTable(data: TableData): PolicyTable {
  const { rows, problems: cells } = readRows(data, (reader, row): PolicyTableRow => ({
    row: row.row, rule: reader.text("Rule"), rank: reader.text("Rank"), threshold: readNumber(reader, "Threshold"), value: readNumber(reader, "Value"),
    from: readDate(reader, "From"), status: reader.text("Status"), owner: reader.text("Owner"), note: reader.text("Note"),
  }));
  const sheet = data.ref.sheet;
  const versions = readPolicyVersions(rows, { hasStatusColumn: "Status" in data.columnMap }).versions.map((v) => {
    const problems = versionProblems(sheet, v.problems, cells, v.tableRows);
    return { ...v, problems: problems.map(({ row, error }) => ({ row, error })), sheetProblems: problems };
  });
  return {
    data,
    versions,
    tableVersions: versions.map((v) => ({ table: "Policy", id: v.id, from: v.from, status: v.status, hash: v.hash, owners: v.owners, sheetRows: sheetRowsOf(data, v.tableRows), problems: v.sheetProblems })),
  };
}

/** RebatePolicy (SPEC §4.2) into versions; without a Mode column every version takes the mode cell's. */
export function readRebateTable(data: TableData, modeCell: RebateMode): RebateTable {
  const { rows, problems: cells } = readRows(data, (reader, row): RebateTableRow => ({
    row: row.row, threshold: readNumber(reader, "Threshold"), rate: readNumber(reader, "Rate"), from: readDate(reader, "From"), status: reader.text("Status"), mode: reader.text("Mode"),
  }));
  const sheet = data.ref.sheet;
  const versions = readRebateVersions(rows, { hasStatusColumn: "Status" in data.columnMap, modeCell }).versions.map((v) => {
    const problems = versionProblems(sheet, v.problems, cells, v.rows);
    return { ...v, problems: problems.map(({ row, error }) => ({ row, error })), sheetProblems: problems };
  });
  return {
    data,
    versions,
    versioned: "From" in data.columnMap || "Status" in data.columnMap,
    tableVersions: versions.map((v) => ({ table: "RebatePolicy", id: v.id, from: v.from, status: v.status, hash: v.hash, owners: [], sheetRows: sheetRowsOf(data, v.rows), problems: v.sheetProblems })),
  };
}

/** The policy in force for a period, and the problems that stop anything being computed on it. */
export interface PolicyInForce {
  readonly policy: Policy;
  /** The From of the newest version applied; undefined for the seed (or a blank From). */
  readonly from: Date | undefined;
  readonly problems: readonly RowProblem[];
}

/**
 * The Policy table's versions in force on `asOf` (the seed without a table), with their
 * problems and those of the log (`logProblems`, by version ID): a version the log does not
 * bear out stops the computation like a broken row.
 */
export function policyInForce(table: PolicyTable | undefined, asOf: Date, logProblems: ReadonlyMap<string, readonly RowProblem[]> = new Map()): PolicyInForce {
  if (!table) return resolvedWithSheet(resolvePolicy([], asOf), "");
  const resolved = resolvedWithSheet(resolvePolicy(table.versions, asOf), table.data.ref.sheet);
  const counted = table.versions.filter((v) => v.status === "Approved" && (v.from === undefined || v.from <= asOf));
  return { ...resolved, problems: [...resolved.problems, ...counted.flatMap((v) => logProblems.get(itemKey(v.id)) ?? [])] };
}

function resolvedWithSheet(resolved: ReturnType<typeof resolvePolicy>, sheet: string): PolicyInForce {
  return { policy: resolved.policy, from: resolved.from, problems: resolved.problems.map((p) => ({ sheet, row: p.row, error: p.error })) };
}

/** The RebatePolicy version for a rebate year (in force on 1 January), its problems, and those the log raises. */
export function rebateVersionForYear(table: RebateTable, year: number, logProblems: ReadonlyMap<string, readonly RowProblem[]> = new Map()): { version: RebateVersion | undefined; problems: RowProblem[] } {
  const found = rebatePolicyInForce(table.versions, new Date(year, 0, 1));
  const sheet = table.data.ref.sheet;
  const problems: RowProblem[] = found.problems.map((p) => ({ sheet, row: p.row, error: p.error }));
  if (found.missing) problems.push({ sheet, row: 0, error: found.missing });
  if (found.version) problems.push(...(logProblems.get(itemKey(found.version.id)) ?? []));
  return { version: found.version, problems };
}

/** A version's status not borne out by the log (SPEC §5.4), as for any item. */
export function versionMismatch(version: TableVersion, logged: LoggedStatuses): StatusMismatch | undefined {
  const first = version.sheetRows[0];
  return first && version.status ? itemMismatch(version.table, first, version.id, version.status, logged) : undefined;
}

/** An approved version whose rows no longer hash as when it was approved (SPEC §4.2). */
export function versionEdited(version: TableVersion, approvedHash: string | undefined): RowProblem | undefined {
  const first = version.sheetRows[0];
  if (!first || version.status !== "Approved" || approvedHash === undefined || approvedHash === version.hash) return undefined;
  return { sheet: first.sheet, row: first.row, error: ruleError("value", "policyVersionEdited", { id: version.id, rows: version.sheetRows.map((r) => r.row).join(", ") }) };
}

/** What the log says against each version, by item key: nothing is computed on a version with any. */
export function versionLogProblems(versions: readonly TableVersion[], log: TableData | undefined): Map<string, RowProblem[]> {
  const out = new Map<string, RowProblem[]>();
  const logged = logStatuses(log);
  if (!logged || !log) return out;
  const hashes = approvedVersionHashes(auditRows(log).map((r) => r.entry));
  for (const version of versions) {
    const mismatch = versionMismatch(version, logged);
    const problem = mismatch ? mismatchProblem(mismatch) : versionEdited(version, hashes.get(itemKey(version.id)));
    if (problem) out.set(itemKey(version.id), [problem]);
  }
  return out;
}

/**
 * The Policy table read once for a run that resolves one or more periods (a bonus month,
 * the months of a budget report, each plan's start), with what the log says against its
 * versions. Undefined table: the workbook has none, and the seed is in force.
 */
export interface PolicySource {
  readonly table: PolicyTable | undefined;
  readonly logProblems: ReadonlyMap<string, readonly RowProblem[]>;
}

export const SEED_ONLY: PolicySource = { table: undefined, logProblems: new Map() };

/** The Policy table (when the workbook has one) and the audit log's word on its versions. */
export async function readPolicySource(tables: WorkbookTables, options: TableOptions = {}): Promise<PolicySource> {
  const data = await readOptional(tables, "Policy", options);
  if (!data) return SEED_ONLY;
  const table = readPolicyTable(data);
  return { table, logProblems: versionLogProblems(table.tableVersions, await readOutput(tables, "AuditLog", options)) };
}

/** The policy in force for a period starting on `asOf`, or the problems that stop it (see policyInForce). */
export function policyFor(source: PolicySource, asOf: Date): PolicyInForce {
  return policyInForce(source.table, asOf, source.logProblems);
}

export interface VersionTables {
  readonly policy: PolicyTable | undefined;
  /** Only a RebatePolicy with From or Status columns: otherwise its tiers are one version, not an item. */
  readonly rebate: RebateTable | undefined;
}

/** The Policy table (optional) and a versioned RebatePolicy, with the mode cell for versions without a Mode. */
export async function readVersionTables(tables: WorkbookTables, options: TableOptions = {}): Promise<VersionTables> {
  const policyData = await readOptional(tables, "Policy", options);
  const rebateData = await readOutput(tables, "RebatePolicy", options).catch(() => undefined);
  const modeCell = rebateData ? (await readRebateMode(tables, rebateData.ref.sheet)).mode : undefined;
  const rebate = rebateData && modeCell ? readRebateTable(rebateData, modeCell) : undefined;
  return { policy: policyData && readPolicyTable(policyData), rebate: rebate?.versioned ? rebate : undefined };
}

export function tableVersions(read: VersionTables): TableVersion[] {
  return [...(read.policy?.tableVersions ?? []), ...(read.rebate?.tableVersions ?? [])];
}

/** The policy in force on a date rule by rule (each row with the From of its version), every version, and what stops computing on it. */
export interface PolicyOverview {
  readonly asOf: Date;
  readonly rules: Record<PolicyRule, RuleInForce[]>;
  readonly versions: readonly TableVersion[];
  readonly problems: readonly RowProblem[];
}

export async function policyOverview(tables: WorkbookTables, asOf: Date, options: TableOptions = {}): Promise<PolicyOverview> {
  const read = await readVersionTables(tables, options);
  const versions = tableVersions(read);
  const logProblems = versionLogProblems(versions, await readOutput(tables, "AuditLog", options));
  const { problems } = policyInForce(read.policy, asOf, logProblems);
  return { asOf, rules: policyRulesInForce(read.policy?.versions ?? [], asOf), versions, problems };
}

/** `check` and `verify-log`: every version whose status the log does not bear out, or whose rows changed since it was approved. */
export async function versionAudit(tables: WorkbookTables, options: TableOptions = {}): Promise<RowProblem[]> {
  const log = await readOutput(tables, "AuditLog", options);
  if (!log) return [];
  return [...versionLogProblems(tableVersions(await readVersionTables(tables, options)), log).values()].flat();
}

/**
 * How the log carries a version's hash: the approving entry's comment starts with
 * `versionHash=<hex>`, and a Baseline records an approved version's as the pair
 * `<ID>#hash=<hex>` beside its status.
 */
export const VERSION_HASH_PREFIX = "versionHash=";
export const BASELINE_HASH_SUFFIX = "#hash";

/** The hash each version had when it was last approved, by item key. */
export function approvedVersionHashes(entries: readonly AuditEntry[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const entry of entries) {
    if (entry.action.trim() === BASELINE_ACTION) {
      for (const { id, status } of parseBaseline(entry.comment)) if (id.endsWith(BASELINE_HASH_SUFFIX)) hashes.set(itemKey(id.slice(0, -BASELINE_HASH_SUFFIX.length)), status);
      continue;
    }
    const hash = new RegExp(`^${VERSION_HASH_PREFIX}([0-9a-f]{64})`).exec(entry.comment.trim())?.[1];
    if (hash && entry.to.trim() === "Approved") hashes.set(itemKey(entry.planId), hash);
  }
  return hashes;
}

/** What a Baseline records of a version beside its status: its hash, when approved. */
export function baselineHashPairs(versions: readonly TableVersion[]): { id: string; status: string }[] {
  return versions.filter((v) => v.status === "Approved").map((v) => ({ id: `${v.id}${BASELINE_HASH_SUFFIX}`, status: v.hash }));
}
