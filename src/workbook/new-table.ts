import { WorkbookError } from "./errors";
import { headerText, tableSpec, type HeaderLanguage, type TableKind } from "./schema";

/** Headers of a table the add-in creates: every column of the kind, in schema order. */
export function newTableHeaders(kind: TableKind, language: HeaderLanguage): string[] {
  return tableSpec(kind).columns.map((column) => headerText(column, language));
}

/** Excel's rule for table names: a letter, _ or \ first, then letters, digits, _ . \; not a cell address. */
const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]{0,254}$/u;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/;

export function checkTableName(kind: TableKind, name: string): void {
  if (!TABLE_NAME.test(name) || LOOKS_LIKE_CELL.test(name)) {
    throw new WorkbookError("invalidTableName", { table: kind, tableName: name });
  }
}
