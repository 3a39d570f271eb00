import type { TableNames } from "../services";
import type { WorkbookTables } from "../workbook";

/**
 * The workbook the pane works on, whatever holds it: Excel through Office.js
 * (excel-session.ts) or the sample workbook in the browser (preview-session.ts).
 * Pages call the services inside run() and never touch Office.js themselves.
 */
export interface WorkbookSession {
  readonly kind: "excel" | "preview";
  /** One unit of work on the workbook; in Excel, one Excel.run batch. */
  run<T>(fn: (tables: WorkbookTables) => Promise<T>): Promise<T>;
  /** The workbook as an .xlsx file (the preview only). */
  download?(): Promise<Blob>;
  /** A native chart of Budget and Actual beside the BudgetReport table (Excel only). */
  writeBudgetChart?(options: BudgetChartOptions): Promise<void>;
}

export interface BudgetChartOptions {
  readonly title: string;
  readonly tableNames?: TableNames;
}

/** Outside Excel and outside the preview: nothing to work on; every run fails with `message`. */
export class UnavailableSession implements WorkbookSession {
  readonly kind = "excel" as const;

  constructor(private readonly message: string) {}

  async run<T>(): Promise<T> {
    throw new Error(this.message);
  }
}
