/**
 * Node-only entry (the command line, tests, benchmarks): reading and saving .xlsx files.
 * Kept out of index.ts so the task pane bundle never pulls in `fs` or ExcelJS's runtime.
 */
import { randomBytes } from "node:crypto";
import { rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { repairHeaderRowFlags } from "./exceljs-cells";

export * from "./index";

export async function loadWorkbookFromBuffer(buffer: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as ArrayBuffer);
  repairHeaderRowFlags(workbook);
  return workbook;
}

export async function loadWorkbookFromFile(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  repairHeaderRowFlags(workbook);
  return workbook;
}

/**
 * Writes the whole file next to its destination, then renames it into place: a crash or a
 * full disk leaves either the old file or the new one, never half of one.
 */
export async function saveWorkbookToFile(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await workbook.xlsx.writeFile(temporary);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
