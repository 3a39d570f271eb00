/**
 * Workbook files in tests: the product's package layer for tables, and ExcelJS (a test-only
 * dependency) to edit single cells the way a user would, and as a second reader.
 */
import { readFile, writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

export async function openXlsx(path: string): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(new Uint8Array(await readFile(path)), { file: path });
}

export async function saveXlsx(workbook: XlsxWorkbook, path: string): Promise<void> {
  await writeFile(path, await workbook.save());
}

export async function openExcelJs(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

export async function excelJsFromBytes(bytes: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook;
}

export async function saveExcelJs(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  await workbook.xlsx.writeFile(path);
}
