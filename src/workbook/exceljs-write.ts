import type { CellValue as ExcelJsValue, Style, Worksheet } from "exceljs";
import { boxAddress, MAX_WORKSHEET_ROWS, type CellBox } from "./address";
import { isBlankCell } from "./cells";
import { causeText, WorkbookError } from "./errors";
import { readCellAt, writeCell, type ExcelJsTable } from "./exceljs-cells";
import type { ProgressReporter, TableRef } from "./types";
import type { WriteCell } from "./write-cells";

/** Test hook: called before each step of a write; throwing there simulates a failure part-way. */
export type WriteStepHook = (step: number) => void;

interface SavedCell {
  readonly row: number;
  readonly column: number;
  readonly value: ExcelJsValue;
  readonly style: Partial<Style>;
}

/** The cells a write may touch and the table's extent, so a failed write can be undone. */
interface Snapshot {
  readonly cells: SavedCell[];
  readonly tableRef: string | undefined;
  readonly autoFilterRef: string | undefined;
}

function snapshot(table: ExcelJsTable, area: CellBox): Snapshot {
  const cells: SavedCell[] = [];
  for (let row = area.top; row <= area.bottom; row++) {
    for (let column = area.left; column <= area.right; column++) {
      const cell = table.worksheet.findCell(row, column);
      if (cell) cells.push({ row, column, value: cell.value, style: cell.style });
    }
  }
  return { cells, tableRef: table.table.tableRef, autoFilterRef: table.table.autoFilterRef };
}

function clearArea(worksheet: Worksheet, area: CellBox): void {
  for (let row = area.top; row <= area.bottom; row++) {
    for (let column = area.left; column <= area.right; column++) {
      const cell = worksheet.findCell(row, column);
      if (cell) cell.value = null;
    }
  }
}

function restore(table: ExcelJsTable, area: CellBox, saved: Snapshot): void {
  clearArea(table.worksheet, area);
  for (const { row, column, value, style } of saved.cells) {
    const cell = table.worksheet.getCell(row, column);
    cell.value = value;
    cell.style = style;
  }
  table.table.tableRef = saved.tableRef;
  table.table.autoFilterRef = saved.autoFilterRef;
}

export function setTableBottom(table: ExcelJsTable, box: CellBox, bottom: number): void {
  const extent = boxAddress({ ...box, bottom });
  table.table.tableRef = extent;
  if (table.table.autoFilterRef) table.table.autoFilterRef = extent;
  // Tables made by addTable also keep `ref` (their top-left cell), which does not move.
}

/** Throws noRoomBelowTable when any cell the table would grow into holds data. */
export function checkRoomBelow(worksheet: Worksheet, ref: TableRef, box: CellBox, newBottom: number): void {
  if (newBottom > MAX_WORKSHEET_ROWS) throw new WorkbookError("tooManyRows", { table: ref.kind, tableName: ref.name, sheet: ref.sheet, rows: newBottom });
  for (let row = box.bottom + 1; row <= newBottom; row++) {
    for (let column = box.left; column <= box.right; column++) {
      if (!isBlankCell(readCellAt(worksheet, row, column))) {
        const address = boxAddress({ top: box.bottom + 1, left: box.left, bottom: newBottom, right: box.right });
        throw new WorkbookError("noRoomBelowTable", { table: ref.kind, tableName: ref.name, sheet: ref.sheet, address });
      }
    }
  }
}

export interface BlockWrite {
  readonly table: ExcelJsTable;
  readonly ref: TableRef;
  /** The table's extent before the write. */
  readonly box: CellBox;
  /** First worksheet row the new cells go to. */
  readonly firstRow: number;
  readonly cells: readonly WriteCell[][];
  /** The table's last row afterwards (header row + at least one body row). */
  readonly newBottom: number;
  readonly onStep?: WriteStepHook;
  readonly onProgress?: ProgressReporter;
}

const PROGRESS_EVERY = 5_000;

/**
 * Clears the body from `firstRow` down, writes the new cells and moves the table's end; if
 * anything throws part-way, every touched cell and the table's extent are put back, so the
 * table is either wholly old or wholly new.
 */
export function writeBlock(write: BlockWrite): void {
  const { table, box, firstRow, cells, newBottom } = write;
  const area = { ...box, top: firstRow, bottom: Math.max(box.bottom, newBottom) };
  const saved = snapshot(table, area);
  let step = 0;
  try {
    clearArea(table.worksheet, area);
    cells.forEach((rowCells, i) => {
      write.onStep?.(step++);
      rowCells.forEach((cell, j) => writeCell(table.worksheet, firstRow + i, box.left + j, cell));
      if ((i + 1) % PROGRESS_EVERY === 0) write.onProgress?.({ phase: "write", done: i + 1, total: cells.length });
    });
    write.onStep?.(step++);
    setTableBottom(table, box, newBottom);
    write.onProgress?.({ phase: "write", done: cells.length, total: cells.length });
  } catch (error) {
    restore(table, area, saved);
    if (error instanceof WorkbookError) throw error;
    throw new WorkbookError("writeFailed", { table: write.ref.kind, tableName: write.ref.name, sheet: write.ref.sheet, cause: causeText(error) }, { cause: error });
  }
}
