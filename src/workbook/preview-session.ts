import type { WorkbookTables } from "./types";
import type { WorkbookSession } from "./session";
import { XlsxWorkbook } from "./xlsx";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The sample workbook in the browser (preview.html): the same services over the same .xlsx
 * package layer as the command line. Runs one at a time, like Excel's batches, so two pages
 * never interleave their writes.
 */
export class PreviewSession implements WorkbookSession {
  readonly kind = "preview" as const;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly workbook: XlsxWorkbook) {}

  run<T>(fn: (tables: WorkbookTables) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => fn(this.workbook.tables));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async download(): Promise<Blob> {
    const bytes = await this.run(() => this.workbook.save());
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE });
  }
}

/** The bundled sample, fetched from the page's own origin. */
export async function loadPreviewSession(url: string): Promise<PreviewSession> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new PreviewSession(await XlsxWorkbook.open(new Uint8Array(await response.arrayBuffer()), { file: url }));
}
