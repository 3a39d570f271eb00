import { unwritableReason } from "./cells";
import { WorkbookError } from "./errors";
import { headerText, tableSpec, type ColumnSpec } from "./schema";
import type { CellValue, RowValues, TableRef } from "./types";

/** What goes into one cell: its value and, when it matters, its number format. */
export interface WriteCell {
  readonly value: CellValue;
  /** "@" keeps text as text; null leaves the cell's format as it is. */
  readonly numberFormat: string | null;
}

export const TEXT_FORMAT = "@";
const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";

function formatFor(value: CellValue, column: ColumnSpec | undefined): string | null {
  if (typeof value === "string") return TEXT_FORMAT;
  if (value instanceof Date) return column?.numberFormat ?? DEFAULT_DATE_FORMAT;
  if (typeof value === "number") return column?.numberFormat ?? null;
  return null;
}

/** The spec column heading each header position (undefined for the user's own columns). */
export function columnsByPosition(ref: TableRef, columnMap: Readonly<Record<string, number>>): (ColumnSpec | undefined)[] {
  const byId = new Map(tableSpec(ref.kind).columns.map((c) => [c.id, c]));
  const positions: (ColumnSpec | undefined)[] = ref.headers.map(() => undefined);
  for (const [id, position] of Object.entries(columnMap)) positions[position] = byId.get(id);
  return positions;
}

function checkKeys(ref: TableRef, row: RowValues): void {
  const ids = new Set(tableSpec(ref.kind).columns.map((c) => c.id));
  const unknown = Object.keys(row).find((key) => !ids.has(key));
  if (unknown !== undefined) throw new WorkbookError("unknownColumn", { table: ref.kind, column: unknown });
}

/**
 * The cells of one new row (number `index`, 1-based, for messages) across the table's full
 * width, validated: a value that cannot be written throws before anything is written.
 * Schema columns the table lacks (optional ones) are skipped; the user's own columns are blank.
 */
export type RowWriter = (row: RowValues, index: number) => WriteCell[];

export function rowWriter(ref: TableRef, columnMap: Readonly<Record<string, number>>): RowWriter {
  const columns = columnsByPosition(ref, columnMap);
  return (row, index) => {
    checkKeys(ref, row);
    return columns.map((column, position) => {
      const value = column ? (row[column.id] ?? null) : null;
      const reason = unwritableReason(value);
      if (reason) throw new WorkbookError("invalidCellValue", { table: ref.kind, row: index, column: column?.id ?? ref.headers[position], reason });
      return { value, numberFormat: formatFor(value, column) };
    });
  };
}

/** Every cell of the new rows, validated before anything is written (see rowWriter). */
export function writeMatrix(ref: TableRef, columnMap: Readonly<Record<string, number>>, rows: readonly RowValues[]): WriteCell[][] {
  const write = rowWriter(ref, columnMap);
  return rows.map((row, index) => write(row, index + 1));
}

/** Only the given columns of one row; other positions are undefined (left alone). */
export function partialRow(ref: TableRef, columnMap: Readonly<Record<string, number>>, changes: RowValues): (WriteCell | undefined)[] {
  const [full] = writeMatrix(ref, columnMap, [changes]);
  const changed = new Set(Object.keys(changes).map((id) => columnMap[id]).filter((p) => p !== undefined));
  return full.map((cell, position) => (changed.has(position) ? cell : undefined));
}

/**
 * Schema columns that `rows` carry (as keys, even blank) and the table lacks: an output
 * table written before a column joined the schema (Bonuses' and Rebates' PolicyFrom).
 * replaceRows adds them at the table's right edge, in schema order.
 */
export function addedColumns(ref: TableRef, columnMap: Readonly<Record<string, number>>, rows: readonly RowValues[]): ColumnSpec[] {
  const keys = new Set(rows.flatMap((row) => Object.keys(row)));
  return tableSpec(ref.kind).columns.filter((column) => keys.has(column.id) && !(column.id in columnMap));
}

/** The headers the added columns get, in the table's language. */
export function addedHeaders(ref: TableRef, added: readonly ColumnSpec[]): string[] {
  return added.map((column) => headerText(column, ref.language));
}
