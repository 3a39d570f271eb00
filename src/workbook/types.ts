import type { HeaderLanguage, TableKind } from "./schema";

/** An Excel error value in a cell (#N/A, #REF!, …): data to report, never thrown. */
export interface CellError {
  readonly error: string;
}

/**
 * One cell as the add-in sees it. Formulas are read as their result, rich text as plain
 * text, dates as Date (UTC), empty cells as null.
 */
export type CellValue = string | number | boolean | Date | null | CellError;

/** Values by logical column id (schema.ts), e.g. { Dealer: "华东商贸", Amount: 1200 }. */
export type RowValues = Readonly<Record<string, CellValue>>;

/** A table found in the workbook: where it is and how its headers map to logical columns. */
export interface TableRef {
  readonly kind: TableKind;
  /** The Excel table name. */
  readonly name: string;
  readonly sheet: string;
  /** The header cells as they appear in the workbook, left to right. */
  readonly headers: readonly string[];
  /** The alias set most headers matched; tables the add-in writes use it too. */
  readonly language: HeaderLanguage;
}

export interface TableRow {
  readonly sheet: string;
  /** 1-based worksheet row number, for messages such as "Purchases!12". */
  readonly row: number;
  /** Every logical column the table has; optional columns it lacks are absent. */
  readonly values: RowValues;
}

export interface TableData {
  /** The table as it was when read (headers re-read, so possibly newer than the ref passed in). */
  readonly ref: TableRef;
  /** Data rows, top to bottom; wholly blank rows are left out. */
  readonly rows: readonly TableRow[];
  /** Logical column id → 0-based position among the table's headers. */
  readonly columnMap: Readonly<Record<string, number>>;
}

export interface Progress {
  readonly phase: "read" | "write";
  readonly done: number;
  readonly total: number;
}

export type ProgressReporter = (progress: Progress) => void;

export interface ProgressOptions {
  readonly onProgress?: ProgressReporter;
}

/** Excel table names chosen in Settings when the workbook's differ from the defaults. */
export type TableNames = Partial<Readonly<Record<TableKind, string>>>;

export interface FindTableOptions {
  /** A table name chosen in Settings; when given, only that table is considered. */
  readonly name?: string;
}

export interface EnsureTableOptions {
  readonly sheetName: string;
  readonly tableName: string;
  readonly language: HeaderLanguage;
}

/** A table of the add-in's on a sheet of its own (writeSheetTable). */
export interface SheetTableOptions {
  /** The table's Excel name: the table so named is rewritten, wherever it is now. */
  readonly tableName: string;
  /**
   * Names for the new sheet when the table is not there yet, best first (valid sheet names,
   * see sheet-names.ts): the first that no sheet has, in any mix of case, is used.
   */
  readonly sheetNames: readonly string[];
  readonly language: HeaderLanguage;
}

export interface LabelledValue {
  readonly sheet: string;
  readonly row: number;
  /** 1-based column number of the value (the cell right of the label). */
  readonly column: number;
  readonly value: CellValue;
}

export type UpdateRowResult =
  | { readonly ok: true; readonly row: TableRow }
  /** The row no longer holds what the caller read (edited, moved or deleted); nothing was written. */
  | { readonly ok: false; readonly conflict: { readonly current: TableRow | undefined } };

/**
 * The workbook as the services see it, over Office.js (office-workbook.ts) or an .xlsx file
 * (xlsx/). Failures throw WorkbookError (errors.ts); cell errors are data.
 */
export interface WorkbookTables {
  /**
   * By Excel table name first (options.name, else the kind's default name), otherwise the
   * table whose headers hold every required column of `kind` in either language.
   * Undefined when there is none; WorkbookError when a table is there but unusable
   * (missing or duplicate columns), or when two tables could be it (ambiguousTable: two
   * names equal but for case, or, with none so named, two tables holding its headers).
   */
  findTable(kind: TableKind, options?: FindTableOptions): Promise<TableRef | undefined>;

  readTable(ref: TableRef, options?: ProgressOptions): Promise<TableData>;

  /**
   * All or nothing: the table ends up holding exactly `rows` (columns it has but `rows`
   * lack are left blank), or it is left as it was and a WorkbookError is thrown. Schema
   * columns that `rows` carry and the table lacks (an output table written before the
   * column joined the schema) are added at its right, headed in the table's language; the
   * cells they would cover must be empty (noRoomBesideTable).
   */
  replaceRows(ref: TableRef, rows: readonly RowValues[], options?: ProgressOptions): Promise<void>;

  /** Adds rows below the last one; on failure the table is left as it was. */
  appendRows(ref: TableRef, rows: readonly RowValues[], options?: ProgressOptions): Promise<void>;

  /**
   * Re-reads `expected.row` and writes `changes` only if the row still holds
   * `expected.values`; otherwise reports a conflict and writes nothing.
   */
  updateRow(ref: TableRef, expected: TableRow, changes: RowValues): Promise<UpdateRowResult>;

  /** The add-in's own table: returned as found, or created (with its sheet) when missing. */
  ensureTable(kind: TableKind, options: EnsureTableOptions): Promise<TableRef>;

  /**
   * The table named `options.tableName` ends up holding exactly `rows` (replaceRows); when there
   * is none, it is created at A1 of a new sheet, the first of `options.sheetNames` that no sheet
   * has (all taken: sheetNotEmpty). All or nothing: on failure a table that was there is left as
   * it was, and a sheet this call added is removed again. Returns the table as found or created.
   */
  writeSheetTable(kind: TableKind, options: SheetTableOptions, rows: readonly RowValues[], progress?: ProgressOptions): Promise<TableRef>;

  /** A workbook-level defined name (e.g. RebateMode): its single cell's value or constant. */
  readNamedValue(name: string): Promise<CellValue | undefined>;

  /**
   * Defines (or redefines) a workbook-level name as a text constant, hidden from the Name
   * Manager. Only the add-in's own names (WRITABLE_NAMES: the workbook ID its log's witnesses
   * are kept by); any other throws notWritable.
   */
  writeNamedText(name: string, text: string): Promise<void>;

  /**
   * The first cell (row by row) whose text is one of `labels` (header comparison rules,
   * a trailing colon ignored), and the value to its right. Searches `sheet`, or every sheet.
   */
  findLabelledValue(labels: readonly string[], options?: { readonly sheet?: string }): Promise<LabelledValue | undefined>;
}
