import { BASELINE_ACTION, baselineComment, chainBreakError, chainEntry, itemKey, loggedStatuses, parseBaseline, parseWorkflowStatus, verifyChain, type AuditEntry, type ItemStatus, type ChainBreak, type ChainHead, type HashedAuditEntry, type RuleError } from "../rules";
import { baselineHashPairs, readVersionTables, tableVersions } from "./policy";
import type { CellValue, HeaderLanguage, RowValues, TableData, TableRow, WorkbookTables } from "../workbook";
import { cellText } from "./cells";
import { outputTable, readOutput, readRewritable, type TableOptions } from "./tables";

/** The tamper-evident AuditLog (3.1): append with the chain hash, verify, a plan's history. */
export interface AuditLogRow {
  readonly entry: HashedAuditEntry;
  readonly sheet: string;
  readonly row: number;
}

function entryOf(row: TableRow): HashedAuditEntry {
  const v = row.values;
  const text = (id: string) => cellText(v[id]);
  // A Seq that is not a number cannot chain: NaN makes verifyChain report the row.
  const seq = typeof v.Seq === "number" ? v.Seq : Number(text("Seq").trim() || Number.NaN);
  return { seq, time: text("Time"), planId: text("PlanID"), action: text("Action"), from: text("From"), to: text("To"), actor: text("Actor"), role: text("Role"), comment: text("Comment"), hash: text("Hash") };
}

export function auditRows(data: TableData | undefined): AuditLogRow[] {
  return (data?.rows ?? []).map((row) => ({ entry: entryOf(row), sheet: row.sheet, row: row.row }));
}

export async function readAuditLog(tables: WorkbookTables, options: TableOptions = {}): Promise<AuditLogRow[]> {
  return auditRows(await readOutput(tables, "AuditLog", options));
}

function entryRow(e: HashedAuditEntry): RowValues {
  return { Seq: e.seq, Time: e.time, PlanID: e.planId, Action: e.action, From: e.from, To: e.to, Actor: e.actor, Role: e.role, Comment: e.comment, Hash: e.hash };
}

function chainHead(headData: TableData | undefined): ChainHead | undefined {
  const values = headData?.rows[0]?.values;
  return values && { count: typeof values.Count === "number" ? values.Count : Number.NaN, lastHash: cellText(values.LastHash) };
}

/** A Status cell as the log compares it: blank is Draft, a status by its code (草稿 is Draft), other text as typed. */
export function statusOfCell(value: CellValue | undefined): string {
  const text = cellText(value).trim() || "Draft";
  return parseWorkflowStatus(text) ?? text;
}

/** Every row of Plans and Requests with an ID, and its status (SPEC §5.4). */
export function itemStatuses(...data: readonly (TableData | undefined)[]): ItemStatus[] {
  return data.flatMap((d) => (d?.rows ?? []).map((row) => ({ id: cellText(row.values.ID).trim(), status: statusOfCell(row.values.Status) }))).filter((i) => i.id !== "");
}

/**
 * The Baseline entry written before `entry` (SPEC §5.4): every item's status as it stands
 * before `entry` (the item `entry` moves is at its From, whatever its cell says now). An item
 * an older log already names keeps the status the log gives it, not its cell's: the log is
 * the truth, so a status typed in by hand before the baseline is not laundered into it.
 */
async function baselineBefore(tables: WorkbookTables, entry: Omit<AuditEntry, "seq">, earlier: readonly AuditEntry[], options: TableOptions): Promise<Omit<AuditEntry, "seq">> {
  const plans = await readOutput(tables, "Plans", options);
  const requests = await readOutput(tables, "Requests", options);
  const versions = tableVersions(await readVersionTables(tables, options));
  const moved = itemKey(entry.planId);
  const logged = loggedStatuses(earlier).statuses;
  const versionStatuses = versions.flatMap((v) => (v.status ? [{ id: v.id, status: v.status }] : []));
  const items = [...itemStatuses(plans, requests), ...versionStatuses].map((i) => {
    if (moved !== "" && entry.from.trim() !== "" && itemKey(i.id) === moved) return { ...i, status: statusOfCell(entry.from) };
    const known = logged.get(itemKey(i.id));
    return known === undefined ? i : { ...i, status: known };
  });
  // A version approved before the log started keeps the hash of its rows then (SPEC §4.2).
  const hashes = baselineHashPairs(versions.filter((v) => itemKey(v.id) !== moved));
  return { time: entry.time, planId: "", action: BASELINE_ACTION, from: "", to: "", actor: entry.actor, role: entry.role, comment: baselineComment([...items, ...hashes]) };
}

/**
 * Chains the entry to the log's last row and appends it, then records the new head; creates
 * both tables when missing. A log without a Baseline entry gets one first, in the same
 * append (SPEC §5.4). If the head cannot be written, the log is put back as it was.
 */
export async function appendAuditEntry(tables: WorkbookTables, entry: Omit<AuditEntry, "seq">, language: HeaderLanguage, options: TableOptions = {}): Promise<HashedAuditEntry> {
  const [hashed] = await appendAuditEntries(tables, [entry], language, options);
  return hashed;
}

/** Several entries in one append, each chained to the one before (a bulk step: one entry per row moved). */
export async function appendAuditEntries(tables: WorkbookTables, entries: readonly Omit<AuditEntry, "seq">[], language: HeaderLanguage, options: TableOptions = {}): Promise<HashedAuditEntry[]> {
  const existing = await readOutput(tables, "AuditLog", options);
  const rows = auditRows(existing);
  const hasBaseline = rows.some((r) => r.entry.action.trim() === BASELINE_ACTION);
  const baseline = hasBaseline || entries.length === 0 ? undefined : chainEntry(await baselineBefore(tables, entries[0], rows.map((r) => r.entry), options), rows.at(-1)?.entry);
  const hashed: HashedAuditEntry[] = [];
  for (const entry of entries) hashed.push(chainEntry(entry, hashed.at(-1) ?? baseline ?? rows.at(-1)?.entry));
  const added = baseline ? [baseline, ...hashed] : hashed;
  if (added.length === 0) return [];
  const logRef = await outputTable(tables, "AuditLog", language, existing, options);
  const headData = await readRewritable(tables, "AuditHead", options);
  await tables.appendRows(logRef, added.map(entryRow));
  try {
    const headRef = await outputTable(tables, "AuditHead", language, headData, options);
    await tables.replaceRows(headRef, [{ Count: rows.length + added.length, LastHash: (added.at(-1) as HashedAuditEntry).hash }]);
  } catch (error) {
    await tables.replaceRows(logRef, (existing?.rows ?? []).map((r) => r.values));
    throw error;
  }
  return hashed;
}

export interface AuditVerification {
  readonly count: number;
  /** The first row where the log stops being the one the add-in wrote. */
  readonly break?: { readonly kind: ChainBreak["kind"]; readonly sheet: string; readonly row: number; readonly error: RuleError };
}

function breakError(found: ChainBreak): RuleError {
  return chainBreakError(found);
}

export async function verifyAuditLog(tables: WorkbookTables, options: TableOptions = {}): Promise<AuditVerification> {
  return verifyAuditTables(await readOutput(tables, "AuditLog", options), await readRewritable(tables, "AuditHead", options));
}

/** The AuditLog and AuditHead tables as read. A log written before the head existed is verified row by row only. */
export function verifyAuditTables(log: TableData | undefined, headData: TableData | undefined): AuditVerification {
  const rows = auditRows(log);
  const found = verifyChain(rows.map((r) => r.entry), chainHead(headData));
  if (!found) return { count: rows.length };
  // Rows cut off the end: the place is the last row left, or the head itself when none is.
  const at = "index" in found ? rows[found.index] : ((found.kind === "headUnreadable" ? headData?.rows[0] : rows.at(-1)) ?? headData?.rows[0] ?? { sheet: log?.ref.sheet ?? "", row: 0 });
  return { count: rows.length, break: { kind: found.kind, sheet: at.sheet, row: at.row, error: breakError(found) } };
}

export interface ItemHistoryRow extends AuditLogRow {
  /** For a Baseline entry: the status it records for the item. */
  readonly baselineStatus?: string;
}

/** The log entries of one item (IDs compared as in the status audit), with the Baselines that record it. */
export async function itemHistory(tables: WorkbookTables, id: string, options: TableOptions = {}): Promise<ItemHistoryRow[]> {
  const wanted = itemKey(id);
  return (await readAuditLog(tables, options)).flatMap((r): ItemHistoryRow[] => {
    if (r.entry.action.trim() !== BASELINE_ACTION) return itemKey(r.entry.planId) === wanted ? [r] : [];
    const recorded = parseBaseline(r.entry.comment).find((item) => itemKey(item.id) === wanted);
    return recorded ? [{ ...r, baselineStatus: recorded.status }] : [];
  });
}
