/**
 * How the command line opens a workbook: a function from the file's bytes to its tables and a
 * `save()` that gives the new file's bytes. Everything about files (paths, checks, locks,
 * backups, atomic writes) is in ./files and never sees the library underneath.
 */
import JSZip from "jszip";
import type { WorkbookTables } from "../workbook";
import { ExcelJsWorkbookTables, loadWorkbookFromBuffer } from "../workbook/node";

export interface OpenedWorkbook {
  readonly tables: WorkbookTables;
  /** The whole workbook as .xlsx bytes, with the tables' changes. */
  save(): Promise<Uint8Array>;
  /** What saving would lose (e.g. ["charts"]): the user is warned before a file is written. */
  readonly lostOnSave?: readonly string[];
}

/** Throws if the bytes cannot be read as a workbook (the caller tells the user, in its words). */
export type WorkbookLoader = (bytes: Uint8Array) => Promise<OpenedWorkbook>;

/** Parts of an .xlsx that ExcelJS drops on a round trip. */
const PARTS_EXCELJS_CANNOT_KEEP: readonly [prefix: string, what: string][] = [
  ["xl/charts/", "charts"],
  ["xl/pivotTables/", "pivot tables"],
  ["xl/slicers/", "slicers"],
  ["xl/timelines/", "timelines"],
  ["xl/vbaProject.bin", "macros"],
];

export async function openWithExcelJs(bytes: Uint8Array): Promise<OpenedWorkbook> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names = Object.keys((await JSZip.loadAsync(buffer)).files);
  const workbook = await loadWorkbookFromBuffer(buffer);
  return {
    tables: new ExcelJsWorkbookTables(workbook),
    save: async () => new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer),
    lostOnSave: PARTS_EXCELJS_CANNOT_KEEP.filter(([prefix]) => names.some((n) => n.startsWith(prefix))).map(([, what]) => what),
  };
}

/** The loader in use; e.g. `(bytes) => XlsxWorkbook.open(bytes)` once src/workbook/xlsx is ready. */
export const loadWorkbook: WorkbookLoader = openWithExcelJs;
