import type { ColumnSpec } from "./schema";
import type { CellError, CellValue } from "./types";

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Serial 60 is Excel's fictional 1900-02-29; serials below it are one day early. */
const FICTIONAL_LEAP_DAY = 60;

/** Excel date serial (1900 system, as Office.js returns it) → Date at UTC. */
export function serialToDate(serial: number): Date {
  const days = serial < FICTIONAL_LEAP_DAY ? serial + 1 : serial;
  return new Date(Math.round((days - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
}

export function dateToSerial(date: Date): number {
  const serial = date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  return serial < FICTIONAL_LEAP_DAY + 1 ? serial - 1 : serial;
}

export function isCellError(value: unknown): value is CellError {
  return typeof value === "object" && value !== null && !(value instanceof Date) && typeof (value as CellError).error === "string";
}

export function isBlankCell(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

export function isBlankRow(values: readonly (CellValue | undefined)[]): boolean {
  return values.every(isBlankCell);
}

/** Same cell content: Dates by instant, errors by code, blanks alike. */
export function cellsEqual(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (isBlankCell(a) || isBlankCell(b)) return isBlankCell(a) && isBlankCell(b);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (isCellError(a) || isCellError(b)) return isCellError(a) && isCellError(b) && a.error === b.error;
  return a === b;
}

/** A number format that shows a date or time ("yyyy-mm-dd", "m/d/yy h:mm"), not "0.00" or "@". */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  const code = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dmyhs]/i.test(code) && !/^general$/i.test(code.trim());
}

/** Excel error values a cell can hold. */
export const EXCEL_ERRORS: readonly string[] = ["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!"];

const MAX_TEXT_LENGTH = 32_767;

/** Why `value` cannot be written to a cell, or undefined when it can. */
export function unwritableReason(value: unknown): string | undefined {
  if (value === null || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${value} is not a finite number`;
  if (typeof value === "string") return value.length > MAX_TEXT_LENGTH ? `text longer than ${MAX_TEXT_LENGTH} characters` : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "invalid date" : undefined;
  if (isCellError(value)) return EXCEL_ERRORS.includes(value.error) ? undefined : `unknown error value ${value.error}`;
  return `unsupported value ${JSON.stringify(value) ?? typeof value}`;
}

/**
 * Reads a number that sits in a date column as a date: Excel stores dates as serials, and a
 * "month" column converts only cells that are formatted as dates.
 */
export function typedCell(value: CellValue, column: ColumnSpec | undefined, numberFormat?: string): CellValue {
  if (typeof value !== "number" || !column) return value;
  if (column.type === "date") return serialToDate(value);
  if (column.type === "month" && isDateFormat(numberFormat)) return serialToDate(value);
  return value;
}
