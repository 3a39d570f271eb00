import {
  isPlausibleDate,
  isRuleError,
  isSupportedSerial,
  parseBusinessNumber,
  readTextDate,
  ruleError,
  serialToDate as serialToLocalDate,
  type RowProblem,
  type RuleError,
} from "../rules";
import { isBlankCell, isCellError, type CellValue, type TableData, type TableRow } from "../workbook";

/**
 * Cells of a table row as the rules want them. The workbook layer gives dates as UTC
 * midnight; the rules count calendar days on local-midnight dates (src/rules/dates.ts).
 */
export function localDate(utc: Date): Date {
  // setFullYear, not the constructor: new Date(25, 2, 15) would be 1925.
  const local = new Date(2000, 0, 1);
  local.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
  return local;
}

/** A calendar date from the rules, as the workbook layer writes dates. */
export function workbookDate(local: Date): Date {
  const utc = new Date(0);
  utc.setUTCFullYear(local.getFullYear(), local.getMonth(), local.getDate());
  return utc;
}

/** "2025-03-15", "10000-01-01": a date cell (UTC) as a message shows it, whatever its year. */
function dateText(utc: Date): string {
  if (Number.isNaN(utc.getTime())) return "";
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}`;
}

/** How a cell is shown in a message: its text, or its error code. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (isCellError(value)) return value.error;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export function textCell(value: CellValue | undefined): string {
  return isBlankCell(value) || isCellError(value) ? "" : cellText(value).trim();
}

export function numberCell(value: CellValue | undefined, arg: string): number | RuleError {
  if (isBlankCell(value)) return ruleError("value", "missingArgument", { arg });
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const parsed = typeof value === "string" ? parseBusinessNumber(value) : undefined;
  return parsed ?? ruleError("value", "notANumber", { arg, value: cellText(value) });
}

export interface DateCellOptions {
  /**
   * Accept any calendar date, however early or late: for dates that are not data, such as a
   * policy's From date. A year not written with four digits is refused all the same.
   */
  readonly anyDate?: boolean;
}

/**
 * A date cell as a local calendar date. A data date that cannot be real (before 1900-03-01,
 * after 9999-12-31, a serial ≤ 60 or > 2958465, a text year of fewer than four digits) is
 * an implausibleDate problem, never a date that merely falls outside the period asked for.
 */
export function dateCell(value: CellValue | undefined, arg: string, options: DateCellOptions = {}): Date | RuleError {
  if (isBlankCell(value)) return ruleError("value", "missingArgument", { arg });
  const implausible = () => ruleError("value", "implausibleDate", { arg, value: value instanceof Date ? dateText(value) : cellText(value) });
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ruleError("value", "notADate", { arg, value: cellText(value) });
    const date = localDate(value);
    return options.anyDate || isPlausibleDate(date) ? date : implausible();
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return ruleError("value", "notADate", { arg, value: cellText(value) });
    return options.anyDate || isSupportedSerial(value) ? serialToLocalDate(value) : implausible();
  }
  const parsed = typeof value === "string" ? readTextDate(value) : undefined;
  if (parsed === undefined) return ruleError("value", "notADate", { arg, value: cellText(value) });
  if (parsed === "shortYear") return implausible();
  return options.anyDate || isPlausibleDate(parsed) ? parsed : implausible();
}

/**
 * Reads one table's rows into records, collecting every row's problems. Column labels in
 * messages are the workbook's own headers, so a Chinese table gets Chinese column names.
 */
export class RowReader {
  readonly problems: RowProblem[] = [];
  private current: TableRow | undefined;

  constructor(private readonly data: TableData) {}

  label(id: string): string {
    const index = this.data.columnMap[id];
    return index === undefined ? id : (this.data.ref.headers[index] ?? id);
  }

  /** Calls `read` for each row; a record comes back only when its row had no problem. */
  map<T>(read: (row: TableRow) => T | undefined): T[] {
    const records: T[] = [];
    for (const row of this.data.rows) {
      this.current = row;
      const before = this.problems.length;
      const record = read(row);
      if (record !== undefined && this.problems.length === before) records.push(record);
    }
    this.current = undefined;
    return records;
  }

  text(id: string): string {
    return textCell(this.row().values[id]);
  }

  requiredText(id: string): string {
    const text = this.text(id);
    if (text === "") this.report(ruleError("value", "missingArgument", { arg: this.label(id) }));
    return text;
  }

  number(id: string): number {
    return this.check(numberCell(this.row().values[id], this.label(id)), Number.NaN);
  }

  optionalNumber(id: string): number | undefined {
    return isBlankCell(this.row().values[id]) ? undefined : this.number(id);
  }

  /** A data date; an implausible one is a problem of the row (dateCell), unless `options.anyDate`. */
  date(id: string, options?: DateCellOptions): Date {
    return this.check(dateCell(this.row().values[id], this.label(id), options), new Date(Number.NaN));
  }

  optionalDate(id: string, options?: DateCellOptions): Date | undefined {
    return isBlankCell(this.row().values[id]) ? undefined : this.date(id, options);
  }

  report(error: RuleError, row: TableRow = this.row()): void {
    this.problems.push({ sheet: row.sheet, row: row.row, error });
  }

  private check<T>(value: T | RuleError, fallback: T): T {
    if (isRuleError(value)) {
      this.report(value);
      return fallback;
    }
    return value as T;
  }

  private row(): TableRow {
    if (!this.current) throw new Error("RowReader: no current row");
    return this.current;
  }
}

/** A problem with a whole table (row 0): it has no rows, or none in the period asked for. */
export function tableProblem(data: TableData, code: "tableEmpty" | "noRowsInPeriod", period?: string): RowProblem {
  const arg = `${data.ref.name} (${data.ref.sheet})`;
  return { sheet: data.ref.sheet, row: 0, error: ruleError("value", code, period ? { arg, period } : { arg }) };
}
