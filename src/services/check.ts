import { DEFAULT_REBATE_MODE, sponsorTreeProblems, type RowProblem } from "../rules";
import { findNamedTable, TABLE_KINDS, tableSpec, type TableData, type TableKind, type WorkbookTables } from "../workbook";
import { verifyAuditTables } from "./audit-log";
import { readReps, readSales } from "./bonuses";
import { readBudget } from "./budget";
import { readChains, readRequests } from "./items";
import { planItems } from "./plans";
import { readPolicyTable, readRebateTable, versionAudit } from "./policy";
import { readPurchases } from "./rebates";
import { mismatchProblem, statusMismatches } from "./status-audit";
import type { TableOptions } from "./tables";

/** What `mkt-rulebook check` reports: every table found, every row that the services could not read. */
export interface WorkbookCheck {
  readonly found: readonly { readonly kind: TableKind; readonly name: string; readonly sheet: string; readonly rows: number }[];
  /** Input tables not found; the add-in's own tables are created when first written, and optional ones (Requests, Workflows) may be absent. */
  readonly missing: readonly TableKind[];
  /** Tables that cannot be used at all (missing or duplicate columns): the error, to be described. */
  readonly unusable: readonly { readonly kind: TableKind; readonly error: unknown }[];
  readonly problems: readonly RowProblem[];
}

/** The input tables' row checks; output tables only need to be readable. */
const ROW_CHECKS: Partial<Record<TableKind, (data: TableData) => readonly RowProblem[]>> = {
  Purchases: (data) => readPurchases(data).problems,
  // Each version's tiers on their own (SPEC §4.2); the mode cell does not change what can be read.
  RebatePolicy: (data) => readRebateTable(data, DEFAULT_REBATE_MODE).tableVersions.flatMap((v) => v.problems),
  Policy: (data) => readPolicyTable(data).tableVersions.flatMap((v) => v.problems),
  Sales: (data) => readSales(data).problems,
  Reps: (data) => readReps(data).problems,
  Budget: (data) => readBudget(data).problems,
  Requests: (data) => readRequests(data).flatMap((r) => r.problems),
  // A chain with a gap, a loop, an unknown role or a step nobody can reach (SPEC §5.3).
  Workflows: (data) => readChains(data).problems,
};

export async function checkWorkbook(tables: WorkbookTables, options: TableOptions = {}): Promise<WorkbookCheck> {
  const found: WorkbookCheck["found"][number][] = [];
  const missing: TableKind[] = [];
  const unusable: WorkbookCheck["unusable"][number][] = [];
  const problems: RowProblem[] = [];
  const read = new Map<TableKind, TableData>();
  for (const kind of TABLE_KINDS) {
    try {
      const ref = await findNamedTable(tables, kind, options.tableNames);
      if (!ref) {
        if (!tableSpec(kind).output && !tableSpec(kind).optional) missing.push(kind);
        continue;
      }
      const data = await tables.readTable(ref);
      read.set(kind, data);
      found.push({ kind, name: ref.name, sheet: ref.sheet, rows: data.rows.length });
      problems.push(...(ROW_CHECKS[kind]?.(data) ?? []));
    } catch (error) {
      unusable.push({ kind, error });
    }
  }
  problems.push(...crossTableProblems(read), ...(await versionAudit(tables, options).catch(() => [])));
  return { found, missing, unusable, problems };
}

/** The sponsor tree, plan rows and the audit chain need more than one row at a time; the tables are those already read. */
function crossTableProblems(read: ReadonlyMap<TableKind, TableData>): RowProblem[] {
  const problems: RowProblem[] = [];
  const reps = read.get("Reps");
  const sales = read.get("Sales");
  const plans = read.get("Plans");
  if (reps) problems.push(...sponsorTreeProblems(readReps(reps).reps, sales ? readSales(sales).sales : []));
  if (plans) problems.push(...planItems(plans, read.get("Budget")).flatMap((item) => item.problems));
  if (read.has("AuditLog")) {
    const verification = verifyAuditTables(read.get("AuditLog"), read.get("AuditHead"));
    if (verification.break) problems.push({ sheet: verification.break.sheet, row: verification.break.row, error: verification.break.error });
    // SPEC §5.4: a Status cell the log does not bear out.
    problems.push(...statusMismatches({ plans: read.get("Plans"), requests: read.get("Requests"), auditLog: read.get("AuditLog") }).map(mismatchProblem));
  }
  return problems;
}
