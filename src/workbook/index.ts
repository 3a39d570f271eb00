/**
 * The workbook layer: one table interface (types.ts) over Office.js and over ExcelJS.
 * Browser-safe; file loading and saving live in node.ts.
 */
export * from "./types";
export * from "./errors";
export { TABLE_KINDS, tableSpec, columnSpec, headerText, normalizeHeader, type TableKind, type HeaderLanguage, type ColumnSpec, type ColumnType, type TableSpec } from "./schema";
export { findNamedTable, requireTable } from "./find";
export { serialToDate, dateToSerial, isCellError, isBlankCell, cellsEqual } from "./cells";
export { ExcelJsWorkbookTables, type ExcelJsWorkbookOptions } from "./exceljs-workbook";
export { OfficeWorkbookTables, type OfficeWorkbookOptions } from "./office-workbook";
