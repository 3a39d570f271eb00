import { cellsEqual, isBlankRow, typedCell } from "./cells";
import { causeText, WorkbookError } from "./errors";
import { checkedMatch, chooseTable, LABEL_SCAN_ROWS, labelMatches, makeRef, matchHeaders } from "./headers";
import { checkTableName, newTableHeaders } from "./new-table";
import { setCells, type ChunkLimits } from "./office-chunks";
import { listTables, locateTable, officeCell, readBody, rowValues, type OfficeTable } from "./office-read";
import { appendInChunks, checkRoomBelow, checkRoomBeside, dropSheetIfPresent, replaceViaStaging } from "./office-write";
import { checkWritable, checkWritableName, type TableKind } from "./schema";
import type {
  CellValue,
  EnsureTableOptions,
  FindTableOptions,
  LabelledValue,
  ProgressOptions,
  RowValues,
  SheetTableOptions,
  TableData,
  TableRef,
  TableRow,
  UpdateRowResult,
  WorkbookTables,
} from "./types";
import { addedColumns, addedHeaders, columnsByPosition, partialRow, writeMatrix } from "./write-cells";

export interface OfficeWorkbookOptions {
  /** Cell data per write request; Excel on the web refuses requests over 5 MB. Default 4 MB. */
  readonly maxRequestBytes?: number;
  /** Rows per write request. Default 10,000. */
  readonly maxRowsPerWrite?: number;
  /** Cells per read request (values and their types, ~20 bytes a cell). Default 150,000. */
  readonly maxCellsPerRead?: number;
  /** Names the hidden staging sheet; tests pass a fixed one. */
  readonly stagingSheetName?: () => string;
}

const randomStagingName = () => `MktStaging_${Math.random().toString(36).slice(2, 10)}`;

/**
 * WorkbookTables over Office.js, batched: finding a table is one sync, reading one is one
 * more plus one per 150,000 cells, so the sync count does not grow with ordinary row counts.
 * Requires ExcelApi 1.13 (Table.resize).
 */
export class OfficeWorkbookTables implements WorkbookTables {
  private readonly limits: ChunkLimits;
  private readonly maxCellsPerRead: number;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly options: OfficeWorkbookOptions = {},
  ) {
    this.limits = { maxBytes: options.maxRequestBytes ?? 4_000_000, maxRows: options.maxRowsPerWrite ?? 10_000 };
    this.maxCellsPerRead = options.maxCellsPerRead ?? 150_000;
  }

  async findTable(kind: TableKind, options?: FindTableOptions): Promise<TableRef | undefined> {
    return chooseTable(kind, await listTables(this.context), options);
  }

  async readTable(ref: TableRef, options: ProgressOptions = {}): Promise<TableData> {
    const located = await locateTable(this.context, ref);
    const rows = await readBody(this.context, located, this.maxCellsPerRead, options.onProgress);
    return { ref: located.ref, rows, columnMap: located.match.columnMap };
  }

  /** Columns `rows` carry that the table lacks are added at its right, in the same step as the rows (one more sync to check the room). */
  async replaceRows(ref: TableRef, rows: readonly RowValues[], options: ProgressOptions = {}): Promise<void> {
    checkWritable(ref.kind);
    const located = await this.locateForWrite(ref);
    const added = addedHeaders(located.ref, addedColumns(located.ref, located.match.columnMap, rows));
    const target = added.length > 0 ? widened(located, added) : located;
    const cells = writeMatrix(target.ref, target.match.columnMap, rows);
    if (added.length > 0) await checkRoomBeside(this.context, located, added);
    await checkRoomBelow(this.context, target, Math.max(rows.length, 1));
    await replaceViaStaging({ context: this.context, located, cells, limits: this.limits, stagingSheetName: this.stagingName(), onProgress: options.onProgress, addedHeaders: added });
  }

  async appendRows(ref: TableRef, rows: readonly RowValues[], options: ProgressOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    checkWritable(ref.kind);
    const located = await this.locateForWrite(ref);
    const cells = writeMatrix(located.ref, located.match.columnMap, rows);
    await checkRoomBelow(this.context, located, (located.onlyBlankRow ? 0 : located.bodyRows) + rows.length);
    await appendInChunks({ context: this.context, located, cells, limits: this.limits, stagingSheetName: "", onProgress: options.onProgress });
  }

  /** Two syncs: read the row (and its formats) as it is now, then write only the changed cells. */
  async updateRow(ref: TableRef, expected: TableRow, changes: RowValues): Promise<UpdateRowResult> {
    checkWritable(ref.kind, Object.keys(changes));
    const located = await locateTable(this.context, ref);
    const offset = expected.row - 1 - located.bodyTop;
    if (expected.sheet !== located.ref.sheet || offset < 0 || offset >= located.bodyRows) return { ok: false, conflict: { current: undefined } };
    const range = located.worksheet.getRangeByIndexes(expected.row - 1, located.left, 1, located.width).load("values, valueTypes, numberFormat");
    await this.context.sync();
    const columns = columnsByPosition(located.ref, located.match.columnMap);
    const cells = columns.map((column, j) => typedCell(officeCell(range.values[0][j], range.valueTypes[0][j]), column, range.numberFormat[0][j]));
    const current = isBlankRow(cells) ? undefined : { sheet: located.ref.sheet, row: expected.row, values: rowValues(located.match, cells) };
    const unchanged = current && Object.entries(expected.values).every(([id, value]) => cellsEqual(current.values[id], value));
    if (!current || !unchanged) return { ok: false, conflict: { current } };
    const partial = partialRow(located.ref, located.match.columnMap, changes);
    const before = { values: range.values[0].slice(), formats: range.numberFormat[0].slice() };
    setCells(range, [partial], range.numberFormat);
    try {
      await this.context.sync();
    } catch (error) {
      await this.restoreChangedCells(range, partial, before);
      throw new WorkbookError("writeFailed", { table: ref.kind, tableName: ref.name, sheet: ref.sheet, cause: causeText(error) }, { cause: error });
    }
    const written = Object.fromEntries(Object.keys(changes).filter((id) => id in current.values).map((id) => [id, changes[id]]));
    return { ok: true, row: { ...current, values: { ...current.values, ...written } } };
  }

  /** A failed batch may have applied some of its operations: put the changed cells back. */
  private async restoreChangedCells(range: Excel.Range, partial: readonly unknown[], before: { values: unknown[]; formats: unknown[] }): Promise<void> {
    const changedOnly = (row: unknown[]) => [row.map((value, j) => (partial[j] === undefined ? null : value))];
    range.numberFormat = changedOnly(before.formats) as string[][];
    range.values = changedOnly(before.values) as (string | number | boolean)[][];
    await this.context.sync().catch(() => undefined);
  }

  async ensureTable(kind: TableKind, options: EnsureTableOptions): Promise<TableRef> {
    checkWritable(kind);
    const { context } = this;
    const existing = context.workbook.tables.getItemOrNullObject(options.tableName).load("name");
    const sheet = context.workbook.worksheets.getItemOrNullObject(options.sheetName).load("name");
    await context.sync();
    if (!existing.isNullObject) return (await this.findTable(kind, { name: options.tableName })) as TableRef;
    checkTableName(kind, options.tableName);
    if (!sheet.isNullObject) await this.checkSheetEmpty(kind, sheet);
    const headers = newTableHeaders(kind, options.language);
    const target = sheet.isNullObject ? context.workbook.worksheets.add(options.sheetName) : sheet;
    try {
      const headerRange = target.getRangeByIndexes(0, 0, 1, headers.length);
      setCells(headerRange, [headers.map((value) => ({ value, numberFormat: "@" }))]);
      const table = target.tables.add(target.getRangeByIndexes(0, 0, 2, headers.length), true);
      table.name = options.tableName;
      await context.sync();
    } catch (error) {
      if (sheet.isNullObject) await dropSheetIfPresent(context, options.sheetName);
      throw error;
    }
    const candidate = { name: options.tableName, sheet: options.sheetName, headers };
    return makeRef(kind, candidate, matchHeaders(kind, headers));
  }

  /**
   * One sync to find the table and which sheet names are taken, then replaceRows; a new table
   * costs ensureTable's two syncs first, and a failure after them the two of deleting the sheet.
   */
  async writeSheetTable(kind: TableKind, options: SheetTableOptions, rows: readonly RowValues[], progress: ProgressOptions = {}): Promise<TableRef> {
    checkWritable(kind);
    const { context } = this;
    const existing = context.workbook.tables.getItemOrNullObject(options.tableName).load("name");
    const sheets = options.sheetNames.map((name) => context.workbook.worksheets.getItemOrNullObject(name).load("name"));
    await context.sync();
    if (!existing.isNullObject) {
      const ref = (await this.findTable(kind, { name: options.tableName })) as TableRef;
      await this.replaceRows(ref, rows, progress);
      return ref;
    }
    const sheetName = options.sheetNames.find((_, i) => sheets[i].isNullObject);
    if (sheetName === undefined) throw new WorkbookError("sheetNotEmpty", { table: kind, sheet: options.sheetNames[0] ?? "" });
    const ref = await this.ensureTable(kind, { sheetName, tableName: options.tableName, language: options.language });
    try {
      await this.replaceRows(ref, rows, progress);
    } catch (error) {
      // The sheet is the add-in's own, added above: removing it undoes the whole call.
      await dropSheetIfPresent(context, sheetName);
      throw error;
    }
    return ref;
  }

  /** Two syncs: the name, then the cell it refers to (chained calls on a null object fail). */
  async readNamedValue(name: string): Promise<CellValue | undefined> {
    const item = this.context.workbook.names.getItemOrNullObject(name).load("type, value");
    await this.context.sync();
    if (item.isNullObject) return undefined;
    if (item.type === "Range") {
      const range = item.getRangeOrNullObject().load("values, valueTypes");
      await this.context.sync();
      return range.isNullObject ? undefined : officeCell(range.values[0][0], range.valueTypes[0][0]);
    }
    if (item.type === "Error") return { error: String(item.value) };
    return ["String", "Integer", "Double", "Boolean"].includes(item.type) ? officeCell(item.value, item.type) : undefined;
  }

  /** Two syncs: whether the name exists, then its new definition in place of the old. */
  async writeNamedText(name: string, text: string): Promise<void> {
    checkWritableName(name);
    const names = this.context.workbook.names;
    const existing = names.getItemOrNullObject(name);
    await this.context.sync();
    if (!existing.isNullObject) existing.delete();
    names.add(name, `="${text.replace(/"/g, '""')}"`).visible = false;
    await this.context.sync();
  }

  /** Two syncs (three without `sheet`): sheet names, used ranges, then the first rows' values. */
  async findLabelledValue(labels: readonly string[], options: { sheet?: string } = {}): Promise<LabelledValue | undefined> {
    const names = options.sheet !== undefined ? [options.sheet] : await this.sheetNames();
    const used = names.map((name) => this.context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, columnCount"));
    await this.context.sync();
    const blocks = names.flatMap((name, i) => {
      const u = used[i];
      if (u.isNullObject) return [];
      const range = this.context.workbook.worksheets.getItem(name).getRangeByIndexes(u.rowIndex, u.columnIndex, Math.min(u.rowCount, LABEL_SCAN_ROWS), u.columnCount + 1);
      return [{ name, top: u.rowIndex, left: u.columnIndex, range: range.load("values, valueTypes") }];
    });
    await this.context.sync();
    for (const { name, top, left, range } of blocks) {
      for (let i = 0; i < range.values.length; i++) {
        const j = range.values[i].findIndex((v, k) => k < range.values[i].length - 1 && typeof v === "string" && labelMatches(v, labels));
        if (j >= 0) return { sheet: name, row: top + i + 1, column: left + j + 2, value: officeCell(range.values[i][j + 1], range.valueTypes[i][j + 1]) };
      }
    }
    return undefined;
  }

  private async sheetNames(): Promise<string[]> {
    const sheets = this.context.workbook.worksheets.load("items/name");
    await this.context.sync();
    return sheets.items.map((s) => s.name);
  }

  private async checkSheetEmpty(kind: TableKind, sheet: Excel.Worksheet): Promise<void> {
    const used = sheet.getUsedRangeOrNullObject(true).load("address");
    await this.context.sync();
    if (!used.isNullObject) throw new WorkbookError("sheetNotEmpty", { table: kind, sheet: sheet.name });
  }

  private async locateForWrite(ref: TableRef): Promise<OfficeTable> {
    const located = await locateTable(this.context, ref);
    if (located.showTotals) throw new WorkbookError("tableHasTotalsRow", { table: ref.kind, tableName: ref.name, sheet: located.ref.sheet });
    return located;
  }

  private stagingName(): string {
    return (this.options.stagingSheetName ?? randomStagingName)();
  }
}

/** The table as it will be once `added` columns join it at the right: wider, with their headers matched. */
function widened(located: OfficeTable, added: readonly string[]): OfficeTable {
  const candidate = { name: located.ref.name, sheet: located.ref.sheet, headers: [...located.ref.headers, ...added] };
  const match = checkedMatch(located.ref.kind, candidate);
  return { ...located, ref: makeRef(located.ref.kind, candidate, match), match, width: located.width + added.length };
}
