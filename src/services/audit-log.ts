import { chainEntry, ruleError, verifyChain, type AuditEntry, type ChainBreak, type HashedAuditEntry, type RuleError } from "../rules";
import type { HeaderLanguage, RowValues, TableData, TableRow, WorkbookTables } from "../workbook";
import { cellText } from "./cells";
import { outputTable, readOutput, type TableOptions } from "./tables";

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

/** Chains the entry to the log's last row and appends it; creates the log when there is none. */
export async function appendAuditEntry(tables: WorkbookTables, entry: Omit<AuditEntry, "seq">, language: HeaderLanguage, options: TableOptions = {}): Promise<HashedAuditEntry> {
  const existing = await readOutput(tables, "AuditLog", options);
  const rows = auditRows(existing);
  const hashed = chainEntry(entry, rows.at(-1)?.entry);
  await tables.appendRows(await outputTable(tables, "AuditLog", language, existing, options), [entryRow(hashed)]);
  return hashed;
}

export interface AuditVerification {
  readonly count: number;
  /** The first row where the log stops being the one the add-in wrote. */
  readonly break?: { readonly kind: ChainBreak["kind"]; readonly sheet: string; readonly row: number; readonly error: RuleError };
}

function breakError(found: ChainBreak): RuleError {
  switch (found.kind) {
    case "altered":
      return ruleError("value", "auditAltered");
    case "inserted":
      return ruleError("value", "auditInserted");
    case "deleted":
      return ruleError("value", "auditDeleted", { from: found.missingFrom, to: found.missingTo });
    case "truncated":
      return ruleError("value", "auditTruncated");
  }
}

export async function verifyAuditLog(tables: WorkbookTables, options: TableOptions = {}): Promise<AuditVerification> {
  const rows = await readAuditLog(tables, options);
  const found = verifyChain(rows.map((r) => r.entry));
  if (!found) return { count: rows.length };
  const at = rows[found.kind === "truncated" ? rows.length - 1 : found.index];
  return { count: rows.length, break: { kind: found.kind, sheet: at.sheet, row: at.row, error: breakError(found) } };
}

export async function planHistory(tables: WorkbookTables, planId: string, options: TableOptions = {}): Promise<AuditLogRow[]> {
  const wanted = planId.trim();
  return (await readAuditLog(tables, options)).filter((r) => r.entry.planId.trim() === wanted);
}
