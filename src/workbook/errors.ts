/**
 * Workbook failures as values with a code and parameters; `message` is English for logs and
 * tests, src/i18n renders the code in the user's language.
 */
export type WorkbookErrorCode =
  | "missingColumn"
  | "duplicateColumn"
  | "tableNotFound"
  | "ambiguousTable"
  | "invalidTableName"
  | "sheetNotEmpty"
  | "noRoomBelowTable"
  | "noRoomBesideTable"
  | "tableHasTotalsRow"
  | "unknownColumn"
  | "invalidCellValue"
  | "tooManyRows"
  | "foreignColumns"
  | "writeFailed"
  | "restoreFailed"
  | "notWritable"
  | "tableNameTaken"
  | "sharedFormulaSplit"
  | "notAWorkbook"
  | "damagedWorkbook";

export type WorkbookErrorParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface WorkbookProblem {
  readonly code: WorkbookErrorCode;
  readonly params: WorkbookErrorParams;
  readonly message: string;
}

export class WorkbookError extends Error implements WorkbookProblem {
  readonly code: WorkbookErrorCode;
  readonly params: WorkbookErrorParams;

  constructor(code: WorkbookErrorCode, params: WorkbookErrorParams, options?: { cause?: unknown }) {
    super(englishMessage(code, params), options);
    this.name = "WorkbookError";
    this.code = code;
    this.params = params;
  }
}

export function isWorkbookError(value: unknown): value is WorkbookError {
  return value instanceof WorkbookError;
}

function list(value: string | number | readonly string[] | undefined): string {
  return Array.isArray(value) ? value.map((v) => `"${v}"`).join(" / ") : String(value ?? "");
}

function englishMessage(code: WorkbookErrorCode, p: WorkbookErrorParams): string {
  const where = `table ${p.tableName ?? p.table}${p.sheet ? ` (sheet ${p.sheet})` : ""}`;
  switch (code) {
    case "missingColumn":
      return `The ${p.table} ${where} has no ${p.column} column: add a column headed ${list(p.headers)}.`;
    case "duplicateColumn":
      return `The ${p.table} ${where} has the ${p.column} column twice (${list(p.headers)}): keep one.`;
    case "tableNotFound":
      return `No ${p.table} table found${p.tableName ? ` (looked for a table named ${p.tableName})` : ""}.`;
    case "ambiguousTable":
      return `${p.tableName} (sheet ${p.sheet}) and ${p.otherTableName} (sheet ${p.otherSheet}) could both be the ${p.table} table, so neither was used. Give the one to use the name ${p.wantedName}, and no other table that name in any mix of upper and lower case.`;
    case "invalidTableName":
      return `${p.tableName} cannot name an Excel table: use letters, digits and _, starting with a letter, and not a cell address.`;
    case "sheetNotEmpty":
      return `Sheet ${p.sheet} already holds data; the ${p.table} table was not created there.`;
    case "noRoomBelowTable":
      return `The ${where} cannot grow: cells below it (${p.address}) hold data.`;
    case "noRoomBesideTable":
      return `The ${where} cannot gain its ${list(p.headers)} column: cells to its right (${p.address}) hold data.`;
    case "tableHasTotalsRow":
      return `The ${where} has a totals row; turn it off before the add-in rewrites the table.`;
    case "unknownColumn":
      return `The ${p.table} table has no column ${p.column}.`;
    case "invalidCellValue":
      return `Row ${p.row}, column ${p.column} of the ${p.table} data cannot be written: ${p.reason}.`;
    case "tooManyRows":
      return `The ${where} would need ${p.rows} rows, more than a worksheet holds.`;
    case "foreignColumns":
      return `The ${where} has columns the add-in does not write (${list(p.headers)}); rewriting its rows would lose them. Move them to a table of your own.`;
    case "writeFailed":
      return `Writing the ${where} failed; it was left as it was. (${p.cause})`;
    case "sharedFormulaSplit":
      return `Cell ${p.cell} holds the formula that cells outside the add-in's table copy (a shared formula); overwriting it would break them. Move that formula out of the table; nothing was written.`;
    case "tableNameTaken":
      return `${p.tableName} already names a table or a defined name in this workbook; choose another name for the ${p.table} table in Settings.`;
    case "notWritable":
      return `The add-in does not write ${p.column ? `the ${p.column} column of ` : ""}the ${p.table} table; nothing was written.`;
    case "notAWorkbook":
      return `${p.file || "The file"} is not an Excel workbook (.xlsx or .xlsm).`;
    case "damagedWorkbook":
      return `${p.file || "The file"} is damaged: its zip archive cannot be read. Open it in Excel and save it again.`;
    case "restoreFailed":
      return p.backupSheet
        ? `Writing the ${where} failed and it could not be restored; its previous rows are kept on hidden sheet ${p.backupSheet}. (${p.cause})`
        : `Appending to the ${where} failed part-way and the added rows could not be removed; check its last rows. (${p.cause})`;
  }
}

export function causeText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
