import { itemKey, loggedStatuses, parseWorkflowStatus, ruleError, type LoggedStatuses, type RowProblem, type RuleError } from "../rules";
import type { TableData, TableRow, WorkbookTables } from "../workbook";
import { auditRows, statusOfCell } from "./audit-log";
import { cellText } from "./cells";
import { readOutput, type TableOptions } from "./tables";

/**
 * SPEC §5.4, the log is the truth: a Plans or Requests row whose Status is not the last
 * status the audit log records for it (a status typed into the cell by hand) is reported,
 * and nobody acts on it until the cell is put back.
 */
export interface StatusMismatch {
  readonly source: "Plans" | "Requests" | "Policy" | "RebatePolicy";
  readonly sheet: string;
  readonly row: number;
  readonly id: string;
  /** The cell's status (blank is Draft). */
  readonly status: string;
  /** The last status the log records; undefined for an item the log never names (after a baseline it must be Draft). */
  readonly logged: string | undefined;
}

/** What is wrong, in words: the logged status, or that an item the log does not know must be Draft. */
export function mismatchError(m: Pick<StatusMismatch, "id" | "status" | "logged">): RuleError {
  return m.logged === undefined ? ruleError("value", "statusNotLogged", { id: m.id, status: m.status }) : ruleError("value", "statusMismatch", { id: m.id, status: m.status, logged: m.logged });
}

export const mismatchProblem = (m: StatusMismatch): RowProblem => ({ sheet: m.sheet, row: m.row, error: mismatchError(m) });

/** The row's mismatch with the log, if any. Without a baseline, only items the log names are compared. */
export function rowMismatch(source: StatusMismatch["source"], row: TableRow, logged: LoggedStatuses): StatusMismatch | undefined {
  const id = cellText(row.values.ID).trim();
  const status = statusOfCell(row.values.Status);
  // A Status that is no status at all is the row's own problem (unknownChoice), reported where it is read.
  return id === "" || !parseWorkflowStatus(status) ? undefined : itemMismatch(source, row, id, status, logged);
}

/** An item's mismatch with the log (a policy version's is that of its first row). */
export function itemMismatch(source: StatusMismatch["source"], row: Pick<TableRow, "sheet" | "row">, id: string, status: string, logged: LoggedStatuses): StatusMismatch | undefined {
  const recorded = logged.statuses.get(itemKey(id));
  if (recorded === undefined) {
    if (!logged.baseline || status === "Draft") return undefined;
    return { source, sheet: row.sheet, row: row.row, id, status, logged: undefined };
  }
  const expected = statusOfCell(recorded);
  return expected === status ? undefined : { source, sheet: row.sheet, row: row.row, id, status, logged: expected };
}

/** The statuses the log records; undefined when the workbook has no AuditLog (nothing to compare with). */
export function logStatuses(log: TableData | undefined): LoggedStatuses | undefined {
  return log && loggedStatuses(auditRows(log).map((r) => r.entry));
}

/** The tables as read: every row of Plans and Requests whose Status is not what the log says. */
export function statusMismatches(tables: { plans?: TableData; requests?: TableData; auditLog?: TableData }): StatusMismatch[] {
  const logged = logStatuses(tables.auditLog);
  if (!logged) return [];
  const of = (source: StatusMismatch["source"], data: TableData | undefined) => (data?.rows ?? []).flatMap((row) => rowMismatch(source, row, logged) ?? []);
  return [...of("Plans", tables.plans), ...of("Requests", tables.requests)];
}

export async function statusAudit(tables: WorkbookTables, options: TableOptions = {}): Promise<StatusMismatch[]> {
  const auditLog = await readOutput(tables, "AuditLog", options);
  if (!auditLog) return [];
  return statusMismatches({ plans: await readOutput(tables, "Plans", options), requests: await readOutput(tables, "Requests", options), auditLog });
}
