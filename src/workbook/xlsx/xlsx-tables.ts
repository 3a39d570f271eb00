import { MAX_WORKSHEET_ROWS, parseBox, boxAddress, type CellBox } from "../address";
import { cellsEqual, isBlankCell, isBlankRow } from "../cells";
import { causeText, WorkbookError } from "../errors";
import { checkedMatch, chooseTable, LABEL_SCAN_ROWS, labelMatches, makeRef, type HeaderMatch, type TableCandidate } from "../headers";
import { checkTableName, newTableHeaders } from "../new-table";
import { checkWritable, checkWritableName, type ColumnSpec, type TableKind } from "../schema";
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
} from "../types";
import { addedColumns, addedHeaders, columnsByPosition, partialRow, rowWriter, type WriteCell } from "../write-cells";
import type { SheetInfo, TableInfo, XlsxBook } from "./book";
import { cellValue, cellXml, holdsData, serialToWorkbookDate, type RawCell } from "./cell-xml";
import type { SheetDoc } from "./sheet-doc";

/** Test hook: called before each step of a write; throwing there simulates a failure part-way. */
export type WriteStepHook = (step: number) => void;

export interface XlsxTablesOptions {
  readonly onWriteStep?: WriteStepHook;
}

interface Located {
  readonly table: TableInfo;
  readonly ref: TableRef;
  readonly match: HeaderMatch;
  readonly box: CellBox;
  /** First and last body rows (a totals row excluded). */
  readonly firstRow: number;
  readonly lastRow: number;
}

const PROGRESS_EVERY = 10_000;

/** WorkbookTables over an .xlsx package (book.ts): reads stream, writes touch only the add-in's cells. */
export class XlsxWorkbookTables implements WorkbookTables {
  constructor(
    private readonly book: XlsxBook,
    private readonly options: XlsxTablesOptions = {},
  ) {}

  async findTable(kind: TableKind, options?: FindTableOptions): Promise<TableRef | undefined> {
    return chooseTable(kind, this.candidates(), options);
  }

  async readTable(ref: TableRef, options: ProgressOptions = {}): Promise<TableData> {
    const located = this.locate(ref);
    const rows: TableRow[] = [];
    const total = located.lastRow - located.firstRow + 1;
    await this.readBody(located, located.firstRow, located.lastRow, (row, cells) => {
      if (!isBlankRow(cells)) rows.push({ sheet: located.table.sheet.name, row, values: valuesOf(located.match, cells) });
      const done = row - located.firstRow + 1;
      if (done % PROGRESS_EVERY === 0) options.onProgress?.({ phase: "read", done, total });
    });
    options.onProgress?.({ phase: "read", done: total, total });
    return { ref: located.ref, rows, columnMap: located.match.columnMap };
  }

  async replaceRows(ref: TableRef, rows: readonly RowValues[], options: ProgressOptions = {}): Promise<void> {
    const found = this.locateForWrite(ref);
    checkWritable(ref.kind);
    // An Excel table always keeps one body row; with no rows it is a blank one.
    const newBottom = found.firstRow + Math.max(rows.length, 1) - 1;
    const added = addedHeaders(found.ref, addedColumns(found.ref, found.match.columnMap, rows));
    if (added.length > 0) await this.checkRoomBeside(found, added);
    const located = added.length > 0 ? widened(found, added) : found;
    await this.writeBlock(located, located.firstRow, rows, newBottom, options, added);
  }

  async appendRows(ref: TableRef, rows: readonly RowValues[], options: ProgressOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    const located = this.locateForWrite(ref);
    checkWritable(ref.kind);
    const onlyBlank = located.firstRow === located.lastRow && (await this.rowAt(located, located.firstRow)) === undefined;
    const firstRow = onlyBlank ? located.firstRow : located.lastRow + 1;
    await this.writeBlock(located, firstRow, rows, firstRow + rows.length - 1, options);
  }

  async updateRow(ref: TableRef, expected: TableRow, changes: RowValues): Promise<UpdateRowResult> {
    const located = this.locate(ref);
    checkWritable(ref.kind, Object.keys(changes));
    const current = await this.rowAt(located, expected.row);
    const unchanged = current && expected.sheet === current.sheet && Object.entries(expected.values).every(([id, value]) => cellsEqual(current.values[id], value));
    if (!current || !unchanged) return { ok: false, conflict: { current } };
    const cells = partialRow(located.ref, located.match.columnMap, changes);
    const doc = await this.book.sheetDoc(located.table.sheet);
    const styles = doc.stylesAt(expected.row, { left: located.box.left, right: located.box.right });
    cells.forEach((cell, i) => {
      if (!cell) return;
      const column = located.box.left + i;
      doc.replaceCells({ top: expected.row, bottom: expected.row, left: column, right: column }, (r) => this.cellText(r, column, cell, styles.get(column), doc.prefix));
    });
    this.book.noteValuesWritten();
    return { ok: true, row: (await this.rowAt(located, expected.row)) as TableRow };
  }

  async ensureTable(kind: TableKind, options: EnsureTableOptions): Promise<TableRef> {
    const existing = await this.findTable(kind, { name: options.tableName });
    if (existing) return existing;
    checkTableName(kind, options.tableName);
    checkWritable(kind);
    if (this.book.nameTaken(options.tableName)) throw new WorkbookError("tableNameTaken", { table: kind, tableName: options.tableName });
    const headers = newTableHeaders(kind, options.language);
    const named = this.book.sheets.find((s) => s.name.toLowerCase() === options.sheetName.toLowerCase());
    const otherSheet = !named && this.book.allSheetNames.find((name) => name.toLowerCase() === options.sheetName.toLowerCase());
    if (otherSheet || (named && (await this.hasAnyCell(named)))) throw new WorkbookError("sheetNotEmpty", { table: kind, sheet: named ? named.name : String(otherSheet) });
    const sheet = named ?? (await this.book.addSheet(options.sheetName));
    const box = { top: 1, left: 1, bottom: 2, right: headers.length };
    const doc = await this.book.sheetDoc(sheet);
    doc.replaceCells({ ...box, bottom: 1 }, (r) => headers.map((h, i) => this.cellText(r, i + 1, { value: h, numberFormat: null }, undefined, doc.prefix)).join(""));
    doc.coverInDimension(box);
    await this.book.addTable(sheet, options.tableName, box, headers);
    return (await this.findTable(kind, { name: options.tableName })) as TableRef;
  }

  async writeSheetTable(kind: TableKind, options: SheetTableOptions, rows: readonly RowValues[], progress: ProgressOptions = {}): Promise<TableRef> {
    checkWritable(kind);
    const existing = await this.findTable(kind, { name: options.tableName });
    if (existing) {
      await this.replaceRows(existing, rows, progress);
      return existing;
    }
    const taken = new Set(this.book.allSheetNames.map((name) => name.toLowerCase()));
    const sheetName = options.sheetNames.find((name) => !taken.has(name.toLowerCase()));
    if (sheetName === undefined) throw new WorkbookError("sheetNotEmpty", { table: kind, sheet: options.sheetNames[0] ?? "" });
    // Sheet, table and rows are three changes to the package: a failure in any puts all back.
    const undo = this.book.checkpoint();
    try {
      const ref = await this.ensureTable(kind, { sheetName, tableName: options.tableName, language: options.language });
      await this.replaceRows(ref, rows, progress);
      return ref;
    } catch (error) {
      undo();
      throw error;
    }
  }

  async readNamedValue(name: string): Promise<CellValue | undefined> {
    const defined = this.book.definedNames.find((n) => n.localSheetId === undefined && n.name.toLowerCase() === name.toLowerCase());
    if (!defined) return undefined;
    const constant = constantValue(defined.formula);
    if (constant !== undefined) return constant;
    const bang = defined.formula.lastIndexOf("!");
    if (bang === -1) return undefined;
    const sheetName = defined.formula.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    const sheet = this.book.sheets.find((s) => s.name === sheetName);
    let box: CellBox;
    try {
      box = parseBox(defined.formula);
    } catch {
      return undefined;
    }
    if (!sheet) return undefined;
    let value: CellValue = null;
    await this.book.readRows(sheet, { left: box.left, right: box.left }, (row, cells) => {
      if (row < box.top) return true;
      if (row === box.top && cells[0]) value = cellValue(cells[0], this.book.cellContext());
      return false;
    });
    return value;
  }

  async writeNamedText(name: string, text: string): Promise<void> {
    checkWritableName(name);
    await this.book.setDefinedName(name, `"${text.replace(/"/g, '""')}"`, true);
  }

  async findLabelledValue(labels: readonly string[], options: { sheet?: string } = {}): Promise<LabelledValue | undefined> {
    const sheets = this.book.sheets.filter((s) => options.sheet === undefined || s.name === options.sheet);
    for (const sheet of sheets) {
      const found = await this.labelledIn(sheet, labels);
      if (found) return found;
    }
    return undefined;
  }

  // ------------------------------------------------------------------ reading

  private candidates(): (TableCandidate & { table: TableInfo })[] {
    return this.book.tables.map((table) => ({ name: table.name, sheet: table.sheet.name, headers: [...table.columns], table }));
  }

  private locate(ref: TableRef): Located {
    const candidate = this.candidates().find((c) => c.name.toLowerCase() === ref.name.toLowerCase());
    if (!candidate) throw new WorkbookError("tableNotFound", { table: ref.kind, tableName: ref.name, sheet: ref.sheet });
    const match = checkedMatch(ref.kind, candidate);
    const box = parseBox(candidate.table.ref);
    const firstRow = box.top + candidate.table.headerRows;
    const lastRow = box.bottom - candidate.table.totalsRows;
    return { table: candidate.table, ref: makeRef(ref.kind, candidate, match), match, box, firstRow, lastRow };
  }

  private locateForWrite(ref: TableRef): Located {
    const located = this.locate(ref);
    if (located.table.totalsRows > 0) throw new WorkbookError("tableHasTotalsRow", { table: ref.kind, tableName: ref.name, sheet: located.ref.sheet });
    return located;
  }

  /** Calls `onRow` with every row from `top` to `bottom` (blank ones too), typed by the schema. */
  private async readBody(located: Located, top: number, bottom: number, onRow: (row: number, cells: CellValue[]) => void): Promise<void> {
    const columns = columnsByPosition(located.ref, located.match.columnMap);
    const { left } = located.box;
    const context = this.book.cellContext();
    let next = top;
    const blanks = (upTo: number) => {
      for (; next < upTo; next++) onRow(next, columns.map(() => null));
    };
    await this.book.readRows(located.table.sheet, { left, right: left + columns.length - 1 }, (row, raw) => {
      if (row < top) return true;
      if (row > bottom) return false;
      blanks(row);
      onRow(row, typedRow(raw, columns, left, context));
      next = row + 1;
      return row < bottom;
    });
    blanks(bottom + 1);
  }

  /** The non-blank body row at worksheet row `row`, if there is one. */
  private async rowAt(located: Located, row: number): Promise<TableRow | undefined> {
    if (row < located.firstRow || row > located.lastRow) return undefined;
    let found: TableRow | undefined;
    await this.readBody(located, row, row, (r, cells) => {
      if (!isBlankRow(cells)) found = { sheet: located.table.sheet.name, row: r, values: valuesOf(located.match, cells) };
    });
    return found;
  }

  private async hasAnyCell(sheet: SheetInfo): Promise<boolean> {
    let any = false;
    await this.book.readRows(sheet, { left: 1, right: Number.MAX_SAFE_INTEGER }, (_, cells) => {
      any = cells.some(holdsData);
      return !any;
    });
    return any;
  }

  private async labelledIn(sheet: SheetInfo, labels: readonly string[]): Promise<LabelledValue | undefined> {
    const context = this.book.cellContext();
    let firstUsed: number | undefined;
    let found: LabelledValue | undefined;
    await this.book.readRows(sheet, { left: 1, right: Number.MAX_SAFE_INTEGER }, (row, cells) => {
      const values = cells.map((c) => cellValue(c, context));
      if (values.every(isBlankCell)) return true;
      firstUsed ??= row;
      if (row - firstUsed >= LABEL_SCAN_ROWS) return false;
      const at = values.findIndex((v) => typeof v === "string" && labelMatches(v, labels));
      if (at === -1) return true;
      const column = cells[at].column + 1;
      const right = cells.find((c) => c.column === column);
      found = { sheet: sheet.name, row, column, value: right ? cellValue(right, context) : null };
      return false;
    });
    return found;
  }

  // ------------------------------------------------------------------ writing

  /** The cells that columns added at the table's right would cover, header to last row, must be empty. */
  private async checkRoomBeside(located: Located, headers: readonly string[]): Promise<void> {
    const { ref, box } = located;
    const beside = { top: box.top, left: box.right + 1, bottom: box.bottom, right: box.right + headers.length };
    let occupied = false;
    await this.book.readRows(located.table.sheet, { left: beside.left, right: beside.right }, (row, cells) => {
      if (row < beside.top) return true;
      if (row > beside.bottom) return false;
      occupied = cells.some(holdsData);
      return !occupied;
    });
    if (occupied) throw new WorkbookError("noRoomBesideTable", { table: ref.kind, tableName: ref.name, sheet: ref.sheet, headers: [...headers], address: boxAddress(beside) });
  }

  private async checkRoomBelow(located: Located, newBottom: number): Promise<void> {
    const { ref, box } = located;
    if (newBottom > MAX_WORKSHEET_ROWS) throw new WorkbookError("tooManyRows", { table: ref.kind, tableName: ref.name, sheet: ref.sheet, rows: newBottom });
    if (newBottom <= box.bottom) return;
    let occupied = false;
    await this.book.readRows(located.table.sheet, { left: box.left, right: box.right }, (row, cells) => {
      if (row <= box.bottom) return true;
      if (row > newBottom) return false;
      occupied = cells.some(holdsData);
      return !occupied;
    });
    if (occupied) {
      const address = boxAddress({ top: box.bottom + 1, left: box.left, bottom: newBottom, right: box.right });
      throw new WorkbookError("noRoomBelowTable", { table: ref.kind, tableName: ref.name, sheet: ref.sheet, address });
    }
  }

  /**
   * Writes `rows` from `firstRow` down, clears the rest of the old body and moves the table's
   * end. Every row is validated before the sheet changes, so a failure part-way leaves the
   * table wholly as it was. Rows the sheet does not hold yet are rendered when the file is
   * written (SheetDoc lazy rows), so `rows` must not change afterwards; rows it holds are
   * rebuilt at once, keeping their other cells and their styles.
   */
  private async writeBlock(located: Located, firstRow: number, rows: readonly RowValues[], newBottom: number, options: ProgressOptions, added: readonly string[] = []): Promise<void> {
    const { box, ref } = located;
    await this.checkRoomBelow(located, newBottom);
    const write = rowWriter(located.ref, located.match.columnMap);
    const doc = await this.book.sheetDoc(located.table.sheet);
    const saved = doc.snapshot();
    const savedStyles = this.book.styles.snapshot();
    const area = { ...box, top: firstRow, bottom: Math.max(box.bottom, newBottom) };
    const lastNew = firstRow + rows.length - 1;
    let step = 0;
    try {
      rows.forEach((row, i) => {
        this.options.onWriteStep?.(step++);
        for (const cell of write(row, i + 1)) if (cell.value !== null && cell.numberFormat !== null && cell.numberFormat !== "@") this.book.styles.withFormat(0, cell.numberFormat);
        if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.({ phase: "write", done: i + 1, total: rows.length });
      });
      this.options.onWriteStep?.(step++);
      // Before the new rows: editing a row after them would render every lazy row at once.
      if (added.length > 0) this.writeAddedHeaders(located, added, doc);
      const held = doc.existingRows(area.top, area.bottom);
      const built = new Map<number, string>();
      for (const r of held) {
        const styles = doc.stylesAt(r, box);
        const row = r <= lastNew ? write(rows[r - firstRow], r - firstRow + 1) : undefined;
        built.set(r, row ? row.map((cell, j) => this.cellText(r, box.left + j, cell, styles.get(box.left + j), doc.prefix)).join("") : blankCells(r, box, styles, doc.prefix));
      }
      doc.replaceCells({ ...area, bottom: held.length > 0 ? held[held.length - 1] : area.top - 1 }, (r) => built.get(r) ?? "");
      const render = (r: number) => write(rows[r - firstRow], r - firstRow + 1).map((cell, j) => this.cellText(r, box.left + j, cell, undefined, doc.prefix)).join("");
      for (const [top, last] of gaps(firstRow, lastNew, held)) doc.addLazyRows(top, last, render);
      doc.coverInDimension({ ...box, bottom: newBottom });
      await this.book.setTableExtent(located.table, { ...box, bottom: newBottom }, added);
      this.book.noteValuesWritten();
      options.onProgress?.({ phase: "write", done: rows.length, total: rows.length });
    } catch (error) {
      doc.restore(saved);
      this.book.styles.restore(savedStyles);
      if (error instanceof WorkbookError) throw error;
      throw new WorkbookError("writeFailed", { table: ref.kind, tableName: ref.name, sheet: ref.sheet, cause: causeText(error) }, { cause: error });
    }
  }

  /** The header cells of columns added at the right (`located` already spans them), styled as the header cell before them. */
  private writeAddedHeaders(located: Located, added: readonly string[], doc: SheetDoc): void {
    const { box, table } = located;
    if (table.headerRows === 0) return;
    const left = box.right - added.length + 1;
    const style = doc.stylesAt(box.top, { left: left - 1, right: left - 1 }).get(left - 1);
    doc.replaceCells({ top: box.top, bottom: box.top, left, right: box.right }, (r) => added.map((header, i) => this.cellText(r, left + i, { value: header, numberFormat: null }, style, doc.prefix)).join(""));
  }

  private cellText(row: number, column: number, cell: WriteCell, style: number | undefined, prefix: string): string {
    const format = cell.numberFormat;
    const wanted = format !== null && format !== "@" && cell.value !== null ? this.book.styles.withFormat(style ?? 0, format) : style;
    return cellXml(row, column, cell.value, wanted, this.book.date1904, prefix);
  }
}

/** The table as it will be once `added` columns join it at the right: wider, with their headers matched. */
function widened(located: Located, added: readonly string[]): Located {
  const headers = [...located.ref.headers, ...added];
  const candidate = { name: located.ref.name, sheet: located.ref.sheet, headers };
  const match = checkedMatch(located.ref.kind, candidate);
  return { ...located, ref: makeRef(located.ref.kind, candidate, match), match, box: { ...located.box, right: located.box.right + added.length } };
}

/** The runs of row numbers from `top` to `last` not in `held` (sorted): where new rows go. */
function gaps(top: number, last: number, held: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  let next = top;
  for (const r of held) {
    if (r > last) break;
    if (r > next) runs.push([next, r - 1]);
    next = Math.max(next, r + 1);
  }
  if (next <= last) runs.push([next, last]);
  return runs;
}

/** Cleared cells keep their style, so the table's banding and fonts stay. */
function blankCells(row: number, box: CellBox, styles: ReadonlyMap<number, number>, prefix: string): string {
  let xml = "";
  for (let column = box.left; column <= box.right; column++) xml += cellXml(row, column, null, styles.get(column), false, prefix);
  return xml;
}

/**
 * Excel stores dates as serials: a Date column reads them as dates whatever their format, a
 * Month column only when the cell shows a date (typedCell's rule, in the workbook's date system).
 */
function typedRow(raw: readonly RawCell[], columns: readonly (ColumnSpec | undefined)[], left: number, context: ReturnType<XlsxBook["cellContext"]>): CellValue[] {
  const values: CellValue[] = columns.map(() => null);
  for (const cell of raw) {
    const position = cell.column - left;
    const value = cellValue(cell, context);
    const type = columns[position]?.type;
    const isDate = typeof value === "number" && (type === "date" || (type === "month" && context.styles.isDate(cell.style)));
    values[position] = isDate ? serialToWorkbookDate(value, context.date1904) : value;
  }
  return values;
}

function valuesOf(match: HeaderMatch, cells: readonly CellValue[]): RowValues {
  const values: Record<string, CellValue> = {};
  for (const id in match.columnMap) values[id] = cells[match.columnMap[id]];
  return values;
}

/** A defined name that is a constant (="retroactive", =0.05) rather than a reference. */
function constantValue(formula: string): CellValue | undefined {
  const text = /^"((?:[^"]|"")*)"$/.exec(formula.trim());
  if (text) return text[1].replace(/""/g, '"');
  const number = Number(formula.trim());
  return formula.trim() !== "" && Number.isFinite(number) ? number : undefined;
}
