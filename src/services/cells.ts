import { isRuleError, parseBusinessNumber, parseTextDate, ruleError, serialToDate as serialToLocalDate, type RowProblem, type RuleError } from "../rules";
import { isBlankCell, isCellError, type CellValue, type TableData, type TableRow } from "../workbook";

/**
 * Cells of a table row as the rules want them. The workbook layer gives dates as UTC
 * midnight; the rules count calendar days on local-midnight dates (src/rules/dates.ts).
 */
export function localDate(utc: Date): Date {
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
}

/** A calendar date from the rules, as the workbook layer writes dates. */
export function workbookDate(local: Date): Date {
  return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
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

export function dateCell(value: CellValue | undefined, arg: string): Date | RuleError {
  if (isBlankCell(value)) return ruleError("value", "missingArgument", { arg });
  if (value instanceof Date) return localDate(value);
  if (typeof value === "number") return serialToLocalDate(value);
  const parsed = typeof value === "string" ? parseTextDate(value) : undefined;
  return parsed ?? ruleError("value", "notADate", { arg, value: cellText(value) });
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

  date(id: string): Date {
    return this.check(dateCell(this.row().values[id], this.label(id)), new Date(Number.NaN));
  }

  optionalDate(id: string): Date | undefined {
    return isBlankCell(this.row().values[id]) ? undefined : this.date(id);
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
