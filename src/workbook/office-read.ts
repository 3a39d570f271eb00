import { isBlankRow, typedCell } from "./cells";
import { WorkbookError } from "./errors";
import { checkedMatch, makeRef, type HeaderMatch, type TableCandidate } from "./headers";
import type { ColumnSpec } from "./schema";
import type { CellValue, ProgressReporter, TableRef, TableRow } from "./types";
import { columnsByPosition } from "./write-cells";

/** A table located in Excel: its current headers checked, its position in 0-based indexes. */
export interface OfficeTable {
  readonly table: Excel.Table;
  readonly worksheet: Excel.Worksheet;
  readonly ref: TableRef;
  readonly match: HeaderMatch;
  readonly headerRow: number;
  readonly left: number;
  readonly width: number;
  readonly bodyTop: number;
  readonly bodyRows: number;
  readonly showTotals: boolean;
  /** The body is a single row with nothing in it (how Excel shows an empty table). */
  readonly onlyBlankRow: boolean;
}

/** One sync: every table's name, sheet and column names (Excel keeps them equal to the header cells). */
export async function listTables(context: Excel.RequestContext): Promise<TableCandidate[]> {
  const tables = context.workbook.tables.load("items/name, items/worksheet/name, items/columns/items/name");
  await context.sync();
  return tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name, headers: t.columns.items.map((c) => c.name) }));
}

function isItemNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "ItemNotFound";
}

/** One sync: the table's place, headers and size, whatever its row count. */
export async function locateTable(context: Excel.RequestContext, ref: TableRef): Promise<OfficeTable> {
  const table = context.workbook.tables.getItem(ref.name).load("name, showTotals");
  const worksheet = table.worksheet.load("name");
  const header = table.getHeaderRowRange().load("values, rowIndex, columnIndex, columnCount");
  const body = table.getDataBodyRange().load("rowIndex, rowCount");
  const firstRow = table.getDataBodyRange().getRow(0).load("values");
  try {
    await context.sync();
  } catch (error) {
    if (isItemNotFound(error)) throw new WorkbookError("tableNotFound", { table: ref.kind, tableName: ref.name, sheet: ref.sheet }, { cause: error });
    throw error;
  }
  const candidate = { name: table.name, sheet: worksheet.name, headers: header.values[0].map(String) };
  const match = checkedMatch(ref.kind, candidate);
  const blankFirstRow = firstRow.values[0].every((v) => v === "" || v === null);
  return {
    table,
    worksheet,
    ref: makeRef(ref.kind, candidate, match),
    match,
    headerRow: header.rowIndex,
    left: header.columnIndex,
    width: header.columnCount,
    bodyTop: body.rowIndex,
    bodyRows: body.rowCount,
    showTotals: table.showTotals,
    onlyBlankRow: body.rowCount === 1 && blankFirstRow,
  };
}

/** Office.js value + its valueType → the add-in's cell value (errors as data, "" as empty). */
export function officeCell(value: unknown, valueType: string | undefined): CellValue {
  if (valueType === "Empty" || value === "" || value === null || value === undefined) return null;
  if (valueType === "Error") return { error: String(value) };
  if (typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

export function rowValues(match: HeaderMatch, cells: readonly CellValue[]): Readonly<Record<string, CellValue>> {
  return Object.fromEntries(Object.entries(match.columnMap).map(([id, position]) => [id, cells[position]]));
}

interface LoadedBlock {
  readonly start: number;
  readonly range: Excel.Range;
  /** Number formats of "month" columns, by header position (only those decide date or not). */
  readonly formats: Map<number, Excel.Range>;
}

/** Typed cells of one loaded row. */
function blockRow(block: LoadedBlock, i: number, columns: readonly (ColumnSpec | undefined)[]): CellValue[] {
  return columns.map((column, j) => {
    const cell = officeCell(block.range.values[i][j], block.range.valueTypes[i][j]);
    return typedCell(cell, column, block.formats.get(j)?.numberFormat[i][0]);
  });
}

/**
 * The body, in blocks of at most `maxCells` cells, one sync per block: a 10-row and a
 * 10,000-row table both take one; only tables too big for one response take more.
 */
export async function readBody(context: Excel.RequestContext, located: OfficeTable, maxCells: number, onProgress?: ProgressReporter): Promise<TableRow[]> {
  const columns = columnsByPosition(located.ref, located.match.columnMap);
  const blockRows = Math.max(1, Math.floor(maxCells / Math.max(1, located.width)));
  const rows: TableRow[] = [];
  for (let start = 0; start < located.bodyRows; start += blockRows) {
    const count = Math.min(blockRows, located.bodyRows - start);
    const top = located.bodyTop + start;
    const range = located.worksheet.getRangeByIndexes(top, located.left, count, located.width).load("values, valueTypes");
    const formats = new Map<number, Excel.Range>();
    columns.forEach((column, j) => {
      if (column?.type === "month") formats.set(j, located.worksheet.getRangeByIndexes(top, located.left + j, count, 1).load("numberFormat"));
    });
    await context.sync();
    const block = { start, range, formats };
    for (let i = 0; i < count; i++) {
      const cells = blockRow(block, i, columns);
      if (!isBlankRow(cells)) rows.push({ sheet: located.ref.sheet, row: top + i + 1, values: rowValues(located.match, cells) });
    }
    onProgress?.({ phase: "read", done: start + count, total: located.bodyRows });
  }
  return rows;
}

