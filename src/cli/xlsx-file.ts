import { copyFile, readFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import JSZip from "jszip";
import type ExcelJS from "exceljs";
import { loadWorkbookFromBuffer, saveWorkbookToFile } from "../workbook/node";

/** Parts of an .xlsx that ExcelJS drops on a round trip; the user is warned before they are lost. */
const PARTS_EXCELJS_CANNOT_KEEP: readonly [prefix: string, what: string][] = [
  ["xl/charts/", "charts"],
  ["xl/pivotTables/", "pivot tables"],
  ["xl/slicers/", "slicers"],
  ["xl/timelines/", "timelines"],
  ["xl/vbaProject.bin", "macros"],
];

export interface LoadedFile {
  readonly workbook: ExcelJS.Workbook;
  /** What saving would lose, e.g. ["charts"]. */
  readonly unsupported: readonly string[];
}

export async function loadXlsx(path: string): Promise<LoadedFile> {
  const buffer = await readFile(path);
  const zip = await JSZip.loadAsync(buffer);
  const names = Object.keys(zip.files);
  const unsupported = PARTS_EXCELJS_CANNOT_KEEP.filter(([prefix]) => names.some((n) => n.startsWith(prefix))).map(([, what]) => what);
  return { workbook: await loadWorkbookFromBuffer(buffer), unsupported };
}

/** `book.xlsx` → `book.backup-20261123-031500.xlsx`, beside it. */
export function backupPath(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const extension = extname(path);
  return join(dirname(path), `${basename(path, extension)}.backup-${stamp}${extension}`);
}

/** The input is only ever replaced with --in-place, and then a backup is kept first. */
export async function saveXlsx(workbook: ExcelJS.Workbook, target: { out?: string; inPlace?: string }, now = new Date()): Promise<{ path: string; backup?: string }> {
  if (target.inPlace) {
    const backup = backupPath(target.inPlace, now);
    await copyFile(target.inPlace, backup);
    await saveWorkbookToFile(workbook, target.inPlace);
    return { path: target.inPlace, backup };
  }
  if (!target.out) throw new Error("no output file");
  await saveWorkbookToFile(workbook, target.out);
  return { path: target.out };
}
