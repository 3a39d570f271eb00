/**
 * The workbook layer: one table interface (types.ts) over Office.js and over the .xlsx
 * package (xlsx/, imported from there so the functions bundle does not carry it).
 */
export * from "./types";
export * from "./errors";
export { TABLE_KINDS, WORKBOOK_ID_NAME, tableSpec, columnSpec, headerText, normalizeHeader, type TableKind, type HeaderLanguage, type ColumnSpec, type ColumnType, type TableSpec } from "./schema";
export { findNamedTable, requireTable } from "./find";
export { serialToDate, dateToSerial, isCellError, isBlankCell, cellsEqual } from "./cells";
export { OfficeWorkbookTables, type OfficeWorkbookOptions } from "./office-workbook";
export { sheetNameChoices, tableNameFor, MAX_SHEET_NAME } from "./sheet-names";
