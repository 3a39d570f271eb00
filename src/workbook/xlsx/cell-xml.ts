import { cellAddress } from "../address";
import { dateToSerial, isCellError, serialToDate } from "../cells";
import type { CellValue } from "../types";
import type { Styles } from "./styles";
import { decodeOoxmlEscapes, encodeOoxmlEscapes, escapeText } from "./xml";

/** A `<c>` element as read: its type, style and the text of its value, not yet interpreted. */
export interface RawCell {
  readonly column: number;
  readonly type: string | undefined;
  readonly style: number;
  value: string | undefined;
  inline: string | undefined;
  /** The cell holds a formula (whatever its cached value): data, even when the value is empty. */
  formula: boolean;
}

/** What a cell's text means in this workbook. */
export interface CellContext {
  readonly sharedString: (index: number) => string | undefined;
  readonly styles: Styles;
  readonly date1904: boolean;
}

/** Days from 1900-01-00 to 1904-01-01 in Excel's 1900 system: the offset between the two date systems. */
const DATE_1904_OFFSET = 1462;

export function serialToWorkbookDate(serial: number, date1904: boolean): Date {
  return serialToDate(date1904 ? serial + DATE_1904_OFFSET : serial);
}

export function workbookDateToSerial(date: Date, date1904: boolean): number {
  return dateToSerial(date) - (date1904 ? DATE_1904_OFFSET : 0);
}

function text(value: string): CellValue {
  const decoded = decodeOoxmlEscapes(value);
  return decoded === "" ? null : decoded;
}

/**
 * A cell as the add-in sees it (types.ts): formulas by their cached result. Numbers stay
 * numbers whatever their format, as Office.js gives them; the column's type makes dates
 * (see typedRow).
 */
export function cellValue(raw: RawCell, context: CellContext): CellValue {
  const { type, value } = raw;
  switch (type) {
    case "s":
      return value === undefined ? null : text(context.sharedString(Number(value)) ?? "");
    case "inlineStr":
      return text(raw.inline ?? value ?? "");
    case "str":
      return text(value ?? "");
    case "b":
      return value === undefined ? null : value === "1" || value === "true";
    case "e":
      return value === undefined ? null : { error: value.trim() };
    case "d":
      return value === undefined ? null : isoCellDate(value);
    default: {
      if (value === undefined || value.trim() === "") return null;
      const number = Number(value);
      return Number.isFinite(number) ? number : null;
    }
  }
}

/** t="d" cells hold ISO 8601 text; a date without a zone is the calendar day, as the layer's UTC dates are. */
function isoCellDate(value: string): CellValue {
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) || !value.includes("T") ? value : `${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A `<c>` element for a value the add-in writes (a carriage return as a character reference:
 * XML parsers turn a raw one into a line feed, and the audit hash covers the exact text): numbers, booleans and errors as such, dates
 * as serials, text always as an inline string, never a formula, so "=1+1" stays text.
 */
export function cellXml(row: number, column: number, value: CellValue, style: number | undefined, date1904: boolean, prefix = ""): string {
  const r = cellAddress(row, column);
  const s = style ? ` s="${style}"` : "";
  const [c, v] = [`${prefix}c`, `${prefix}v`];
  if (value === null || value === undefined) return style ? `<${c} r="${r}"${s}/>` : "";
  if (typeof value === "number") return `<${c} r="${r}"${s}><${v}>${value}</${v}></${c}>`;
  if (typeof value === "boolean") return `<${c} r="${r}"${s} t="b"><${v}>${value ? 1 : 0}</${v}></${c}>`;
  if (value instanceof Date) return `<${c} r="${r}"${s}><${v}>${workbookDateToSerial(value, date1904)}</${v}></${c}>`;
  if (isCellError(value)) return `<${c} r="${r}"${s} t="e"><${v}>${escapeText(value.error)}</${v}></${c}>`;
  return `<${c} r="${r}"${s} t="inlineStr"><${prefix}is><${prefix}t xml:space="preserve">${escapeText(encodeOoxmlEscapes(value)).replace(/\r/g, "&#13;")}</${prefix}t></${prefix}is></${c}>`;
}

/** A cell that holds something (a value, even a space, or a formula), as Office.js's used range counts it. */
export function holdsData(raw: RawCell): boolean {
  return raw.formula || (raw.value !== undefined && raw.value !== "") || (raw.inline !== undefined && raw.inline !== "");
}
