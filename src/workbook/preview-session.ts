import ExcelJS from "exceljs";
import { ExcelJsWorkbookTables } from "./exceljs-workbook";
import type { WorkbookTables } from "./types";
import type { WorkbookSession } from "./session";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The sample workbook in the browser (preview.html): the same services over ExcelJS.
 * Runs one at a time, like Excel's batches, so two pages never interleave their writes.
 */
export class PreviewSession implements WorkbookSession {
  readonly kind = "preview" as const;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly workbook: ExcelJS.Workbook) {}

  run<T>(fn: (tables: WorkbookTables) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => fn(new ExcelJsWorkbookTables(this.workbook)));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async download(): Promise<Blob> {
    const buffer = await this.workbook.xlsx.writeBuffer();
    return new Blob([buffer as ArrayBuffer], { type: XLSX_TYPE });
  }
}

/** The bundled sample, fetched from the page's own origin. */
export async function loadPreviewSession(url: string): Promise<PreviewSession> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return new PreviewSession(workbook);
}
