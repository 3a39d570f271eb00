import { readPolicyVersions, type PolicyTableRow, type PolicyVersion, type RebateTableRow } from "../../src/rules";

/** "2019-04-01" → local midnight, as the services read a date cell. */
export function day(text: string): Date {
  const [y, m, d] = text.split("-").map(Number);
  return new Date(y, m - 1, d);
}

export interface RowCells {
  readonly rank?: string;
  readonly threshold?: number;
  readonly from?: string;
  readonly status?: string;
  readonly owner?: string;
  readonly note?: string;
}

/** A Policy table row as the services hand it over; rows are numbered from 2 (row 1 holds the headers) unless given. */
export function policyRow(row: number, rule: string, value: number | undefined, cells: RowCells = {}): PolicyTableRow {
  return {
    row,
    rule,
    rank: cells.rank ?? "",
    threshold: cells.threshold,
    value,
    from: cells.from === undefined ? undefined : day(cells.from),
    status: cells.status ?? "",
    owner: cells.owner ?? "",
    note: cells.note ?? "",
  };
}

/** Rows of a table with a Status column, read into versions. */
export function versionsOf(...rows: PolicyTableRow[]): PolicyVersion[] {
  return readPolicyVersions(rows, { hasStatusColumn: true }).versions;
}

export function rebateRow(row: number, threshold: number | undefined, rate: number | undefined, cells: { from?: string; status?: string; mode?: string } = {}): RebateTableRow {
  return { row, threshold, rate, from: cells.from === undefined ? undefined : day(cells.from), status: cells.status ?? "", mode: cells.mode ?? "" };
}
