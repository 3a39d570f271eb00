import { dateToSerial, isCellError } from "./cells";
import type { CellValue } from "./types";
import type { WriteCell } from "./write-cells";

export type OfficeValue = string | number | boolean;

/** What Office.js is sent for a cell: dates as serials, errors as their text, blanks as "". */
export function officeValue(value: CellValue): OfficeValue {
  if (value === null) return "";
  if (value instanceof Date) return dateToSerial(value);
  if (isCellError(value)) return value.error;
  return value;
}

/**
 * Upper bound of a row's share of the request: values and number formats as JSON, every
 * non-ASCII character counted as a \uXXXX escape, plus the array punctuation.
 */
export function rowBytes(row: readonly WriteCell[]): number {
  let bytes = 4;
  for (const cell of row) {
    const value = JSON.stringify(officeValue(cell.value));
    bytes += value.length + 2 + (cell.numberFormat === null ? 4 : cell.numberFormat.length + 2) + 2;
    for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) bytes += 5;
  }
  return bytes;
}

export interface ChunkLimits {
  /** Bytes of cell data per request; Excel on the web refuses requests over 5 MB. */
  readonly maxBytes: number;
  readonly maxRows: number;
}

export interface Chunk {
  readonly start: number;
  readonly end: number;
}

/** Consecutive row ranges, each within both limits (a single huge row is a chunk of its own). */
export function chunkRows(rows: readonly (readonly WriteCell[])[], limits: ChunkLimits): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const size = rowBytes(row);
    if (i > start && (bytes + size > limits.maxBytes || i - start >= limits.maxRows)) {
      chunks.push({ start, end: i });
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (rows.length > start) chunks.push({ start, end: rows.length });
  return chunks;
}

/**
 * Writes cells into `range` (same shape). Number formats go first: a string written into a
 * General cell is parsed like typing ("=…" a formula, "00123" a number, "2026-03-05" a
 * date), so every string cell is formatted "@" (text) before its value arrives.
 */
export function setCells(range: Excel.Range, cells: readonly (readonly (WriteCell | undefined)[])[], currentFormats?: readonly (readonly unknown[])[]): void {
  const formats = cells.map((row, i) => row.map((cell, j) => formatToSend(cell, currentFormats?.[i]?.[j])));
  if (formats.some((row) => row.some((f) => f !== null))) range.numberFormat = formats;
  range.values = cells.map((row) => row.map((cell) => (cell === undefined ? null : officeValue(cell.value)))) as OfficeValue[][];
}

/** A number written over a text-formatted cell would stay text; give such cells General back. */
function formatToSend(cell: WriteCell | undefined, current: unknown): string | null {
  if (cell === undefined) return null;
  if (cell.numberFormat !== null) return cell.numberFormat;
  const isNumber = typeof cell.value === "number" || typeof cell.value === "boolean";
  return isNumber && current === "@" ? "General" : null;
}
