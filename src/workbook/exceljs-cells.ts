import type { Cell, CellValue as ExcelJsValue, Workbook, Worksheet } from "exceljs";
import { parseBox, type CellBox } from "./address";
import { isCellError, typedCell } from "./cells";
import type { TableCandidate } from "./headers";
import type { ColumnSpec } from "./schema";
import type { CellValue } from "./types";
import type { WriteCell } from "./write-cells";

/**
 * ExcelJS's table object as it really is: tables read from a file carry only `tableRef`
 * (no `ref`/`rows`), tables made by addTable carry both. The cells are the truth; the model
 * only says where the table is.
 */
export interface ExcelJsTableModel {
  name: string;
  displayName?: string;
  ref?: string;
  tableRef?: string;
  autoFilterRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string }[];
}

export interface ExcelJsTable {
  readonly worksheet: Worksheet;
  readonly table: ExcelJsTableModel;
}

/** ExcelJS ValueType.Merge: a merged cell other than the top-left one (Excel reads it as empty). */
const MERGED_CELL = 1;

/** Tables read from a file do not know their worksheet, so it is paired here. */
export function tablesOf(worksheet: Worksheet): ExcelJsTable[] {
  const tables = worksheet.getTables() as unknown as { table?: ExcelJsTableModel }[];
  return tables.flatMap((t) => (t && t.table ? [{ worksheet, table: t.table }] : []));
}

export function tableBox(model: ExcelJsTableModel): CellBox {
  return parseBox(model.tableRef ?? model.ref ?? "A1");
}

function plainValue(value: ExcelJsValue): CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (isCellError(value)) return { error: value.error };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return value.result === undefined ? null : plainValue(value.result);
  if ("text" in value) return plainValue(value.text as ExcelJsValue);
  return null;
}

/** A cell as the add-in sees it: formulas by their cached result, rich text as text. */
export function readCell(cell: Cell | undefined): CellValue {
  if (!cell || (cell.type as number) === MERGED_CELL) return null;
  return plainValue(cell.value);
}

export function readCellAt(worksheet: Worksheet, row: number, column: number): CellValue {
  return readCell(worksheet.findCell(row, column));
}

/**
 * One worksheet row across the table's columns, typed by the schema. A number format is
 * consulted only for "month" columns (see typedCell); other dates ExcelJS already returns as Dates.
 */
export function readTypedRow(worksheet: Worksheet, row: number, left: number, columns: readonly (ColumnSpec | undefined)[]): CellValue[] {
  const cells = worksheet.findRow(row);
  return columns.map((column, i) => {
    const cell = cells?.findCell(left + i);
    return typedCell(readCell(cell), column, column?.type === "month" ? cell?.numFmt : undefined);
  });
}

/** Header cell text; falls back to the table model's column name when the cell is blank. */
export function headersOf(table: ExcelJsTable): string[] {
  const box = tableBox(table.table);
  return table.table.columns.map((column, i) => {
    const value = readCellAt(table.worksheet, box.top, box.left + i);
    return value === null || value === "" ? column.name : String(value);
  });
}

export function candidatesOf(workbook: Workbook): (TableCandidate & { source: ExcelJsTable })[] {
  return workbook.worksheets.flatMap((worksheet) =>
    tablesOf(worksheet).map((source) => ({ name: source.table.name, sheet: worksheet.name, headers: headersOf(source), source })),
  );
}

/**
 * Writes one cell. Strings are stored as strings (ExcelJS only makes a formula from a
 * { formula } object), so text such as "=1+1" stays text. Styles are copied before the
 * number format changes: ExcelJS shares style objects between cells read from a file.
 */
export function writeCell(worksheet: Worksheet, row: number, column: number, cell: WriteCell): void {
  const target = worksheet.getCell(row, column);
  const value = cell.value;
  target.value = (isCellError(value) ? { error: value.error } : value) as ExcelJsValue;
  const format = cell.numberFormat;
  if (format !== null && format !== "@" && target.numFmt !== format) target.style = { ...target.style, numFmt: format };
}

/**
 * ExcelJS 4.4 reads a table's header row only from headerRowCount="1", but Excel omits the
 * attribute when it is 1 (the default), so every Excel-made table would be saved back as
 * header-less. A table has a header row when it has an autoFilter (only header rows carry
 * one) or when its top cells spell its column names, which Excel keeps in step.
 */
export function repairHeaderRowFlags(workbook: Workbook): void {
  for (const worksheet of workbook.worksheets) {
    for (const { table } of tablesOf(worksheet)) {
      if (table.headerRow !== false) continue;
      const box = tableBox(table);
      const topSpellsNames = table.columns.every((c, i) => readCellAt(worksheet, box.top, box.left + i) === c.name);
      if (table.autoFilterRef || topSpellsNames) table.headerRow = true;
    }
  }
}
