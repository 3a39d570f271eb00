import type { Workbook, Worksheet } from "exceljs";
import { parseBox, type CellBox } from "./address";
import { cellsEqual, isBlankRow } from "./cells";
import { WorkbookError } from "./errors";
import { candidatesOf, readCellAt, readTypedRow, repairHeaderRowFlags, tableBox, writeCell, type ExcelJsTable } from "./exceljs-cells";
import { checkRoomBelow, writeBlock, type WriteStepHook } from "./exceljs-write";
import { checkedMatch, chooseTable, LABEL_SCAN_ROWS, labelMatches, makeRef, type HeaderMatch } from "./headers";
import { checkTableName, newTableHeaders } from "./new-table";
import { tableSpec, type TableKind } from "./schema";
import type {
  CellValue,
  EnsureTableOptions,
  FindTableOptions,
  LabelledValue,
  ProgressOptions,
  RowValues,
  TableData,
  TableRef,
  TableRow,
  UpdateRowResult,
  WorkbookTables,
} from "./types";
import { columnsByPosition, partialRow, writeMatrix } from "./write-cells";

export interface ExcelJsWorkbookOptions {
  /** Test hook, see WriteStepHook. */
  readonly onWriteStep?: WriteStepHook;
}

/** A table located in the workbook right now, with its current headers checked. */
interface Located {
  readonly source: ExcelJsTable;
  readonly ref: TableRef;
  readonly match: HeaderMatch;
  readonly box: CellBox;
  /** First and last body rows (a totals row excluded). */
  readonly firstRow: number;
  readonly lastRow: number;
}

const PROGRESS_EVERY = 10_000;

/**
 * WorkbookTables over an ExcelJS workbook in memory (the command line, tests, previews).
 * Nothing here saves: the caller writes the workbook out (see node.ts) once all is done.
 */
export class ExcelJsWorkbookTables implements WorkbookTables {
  constructor(
    private readonly workbook: Workbook,
    private readonly options: ExcelJsWorkbookOptions = {},
  ) {
    repairHeaderRowFlags(workbook);
  }

  async findTable(kind: TableKind, options?: FindTableOptions): Promise<TableRef | undefined> {
    return chooseTable(kind, candidatesOf(this.workbook), options);
  }

  async readTable(ref: TableRef, options: ProgressOptions = {}): Promise<TableData> {
    const table = this.locate(ref);
    const columns = columnsByPosition(table.ref, table.match.columnMap);
    const { worksheet } = table.source;
    const rows: TableRow[] = [];
    const total = table.lastRow - table.firstRow + 1;
    for (let row = table.firstRow; row <= table.lastRow; row++) {
      const cells = readTypedRow(worksheet, row, table.box.left, columns);
      if (!isBlankRow(cells)) rows.push({ sheet: worksheet.name, row, values: valuesOf(table.match, cells) });
      if ((row - table.firstRow + 1) % PROGRESS_EVERY === 0) options.onProgress?.({ phase: "read", done: row - table.firstRow + 1, total });
    }
    options.onProgress?.({ phase: "read", done: total, total });
    return { ref: table.ref, rows, columnMap: table.match.columnMap };
  }

  async replaceRows(ref: TableRef, rows: readonly RowValues[], options: ProgressOptions = {}): Promise<void> {
    const table = this.locateForWrite(ref);
    const cells = writeMatrix(table.ref, table.match.columnMap, rows);
    // An Excel table always keeps one body row; with no rows it is a blank one.
    const newBottom = table.firstRow + Math.max(rows.length, 1) - 1;
    checkRoomBelow(table.source.worksheet, table.ref, table.box, newBottom);
    writeBlock({ ...this.blockBase(table, options), firstRow: table.firstRow, cells, newBottom });
  }

  async appendRows(ref: TableRef, rows: readonly RowValues[], options: ProgressOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    const table = this.locateForWrite(ref);
    const cells = writeMatrix(table.ref, table.match.columnMap, rows);
    const firstRow = this.onlyBlankRow(table) ? table.firstRow : table.lastRow + 1;
    const newBottom = firstRow + rows.length - 1;
    checkRoomBelow(table.source.worksheet, table.ref, table.box, newBottom);
    writeBlock({ ...this.blockBase(table, options), firstRow, cells, newBottom });
  }

  async updateRow(ref: TableRef, expected: TableRow, changes: RowValues): Promise<UpdateRowResult> {
    const table = this.locate(ref);
    const current = this.rowAt(table, expected.row);
    const unchanged = current && expected.sheet === current.sheet && Object.entries(expected.values).every(([id, value]) => cellsEqual(current.values[id], value));
    if (!current || !unchanged) return { ok: false, conflict: { current } };
    const cells = partialRow(table.ref, table.match.columnMap, changes);
    cells.forEach((cell, i) => cell && writeCell(table.source.worksheet, expected.row, table.box.left + i, cell));
    return { ok: true, row: this.rowAt(table, expected.row) as TableRow };
  }

  async ensureTable(kind: TableKind, options: EnsureTableOptions): Promise<TableRef> {
    const existing = await this.findTable(kind, { name: options.tableName });
    if (existing) return existing;
    checkTableName(kind, options.tableName);
    const headers = newTableHeaders(kind, options.language);
    const worksheet = this.workbook.getWorksheet(options.sheetName) ?? this.workbook.addWorksheet(options.sheetName);
    if (worksheet.actualRowCount > 0) throw new WorkbookError("sheetNotEmpty", { table: kind, sheet: worksheet.name });
    worksheet.addTable({
      name: options.tableName,
      ref: "A1",
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows: [headers.map(() => null)],
    });
    tableSpec(kind).columns.forEach((column, i) => {
      if (column.numberFormat) worksheet.getColumn(i + 1).numFmt = column.numberFormat;
    });
    return (await this.findTable(kind, { name: options.tableName })) as TableRef;
  }

  async readNamedValue(name: string): Promise<CellValue | undefined> {
    const defined = this.workbook.definedNames.model.find((n) => n.name.toLowerCase() === name.toLowerCase());
    const [range] = defined?.ranges ?? [];
    if (!range) return undefined;
    const sheetName = range.slice(0, range.lastIndexOf("!")).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    const worksheet = this.workbook.getWorksheet(sheetName);
    if (!worksheet) return undefined;
    const box = parseBox(range);
    return readCellAt(worksheet, box.top, box.left);
  }

  async findLabelledValue(labels: readonly string[], options: { sheet?: string } = {}): Promise<LabelledValue | undefined> {
    const sheets = this.workbook.worksheets.filter((w) => options.sheet === undefined || w.name === options.sheet);
    for (const worksheet of sheets) {
      const found = labelledIn(worksheet, labels);
      if (found) return found;
    }
    return undefined;
  }

  private locate(ref: TableRef): Located {
    const candidate = candidatesOf(this.workbook).find((c) => c.name.toLowerCase() === ref.name.toLowerCase());
    if (!candidate) throw new WorkbookError("tableNotFound", { table: ref.kind, tableName: ref.name, sheet: ref.sheet });
    const match = checkedMatch(ref.kind, candidate);
    const box = tableBox(candidate.source.table);
    const firstRow = box.top + (candidate.source.table.headerRow === false ? 0 : 1);
    const lastRow = box.bottom - (candidate.source.table.totalsRow ? 1 : 0);
    return { source: candidate.source, ref: makeRef(ref.kind, candidate, match), match, box, firstRow, lastRow };
  }

  private locateForWrite(ref: TableRef): Located {
    const table = this.locate(ref);
    if (table.source.table.totalsRow) throw new WorkbookError("tableHasTotalsRow", { table: ref.kind, tableName: ref.name, sheet: table.ref.sheet });
    return table;
  }

  private blockBase(table: Located, options: ProgressOptions) {
    return { table: table.source, ref: table.ref, box: table.box, onStep: this.options.onWriteStep, onProgress: options.onProgress };
  }

  /** An empty Excel table still has one body row; appending fills it rather than adding below. */
  private onlyBlankRow(table: Located): boolean {
    return table.firstRow === table.lastRow && this.rowAt(table, table.firstRow) === undefined;
  }

  /** The non-blank body row at worksheet row `row`, if there is one. */
  private rowAt(table: Located, row: number): TableRow | undefined {
    if (row < table.firstRow || row > table.lastRow) return undefined;
    const { worksheet } = table.source;
    const cells = readTypedRow(worksheet, row, table.box.left, columnsByPosition(table.ref, table.match.columnMap));
    return isBlankRow(cells) ? undefined : { sheet: worksheet.name, row, values: valuesOf(table.match, cells) };
  }
}

function valuesOf(match: HeaderMatch, cells: readonly CellValue[]): RowValues {
  return Object.fromEntries(Object.entries(match.columnMap).map(([id, position]) => [id, cells[position]]));
}

/** Row by row from the first used row, LABEL_SCAN_ROWS rows deep, like the Office.js search. */
function labelledIn(worksheet: Worksheet, labels: readonly string[]): LabelledValue | undefined {
  let firstUsed: number | undefined;
  for (let rowNumber = 1; rowNumber <= worksheet.rowCount; rowNumber++) {
    const row = worksheet.findRow(rowNumber);
    if (!row || !row.hasValues) continue;
    firstUsed ??= rowNumber;
    if (rowNumber - firstUsed >= LABEL_SCAN_ROWS) return undefined;
    for (let column = 1; column <= row.cellCount; column++) {
      const text = readCellAt(worksheet, rowNumber, column);
      if (typeof text === "string" && labelMatches(text, labels)) {
        return { sheet: worksheet.name, row: rowNumber, column: column + 1, value: readCellAt(worksheet, rowNumber, column + 1) };
      }
    }
  }
  return undefined;
}
