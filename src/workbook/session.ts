import type { TableNames, WorkbookTables } from "./types";

/**
 * The workbook the pane works on, whatever holds it: Excel through Office.js
 * (office-session.ts) or the sample workbook in the browser (preview-session.ts).
 * The pane's pages call the services inside run() and never touch Office.js themselves.
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

/** What every run of an UnavailableSession throws; the pane says to open it from Excel. */
export class NoWorkbookError extends Error {
  constructor() {
    super("No workbook is open: the pane runs outside Excel.");
    this.name = "NoWorkbookError";
  }
}

/** Outside Excel and outside the preview: nothing to work on; every run fails with NoWorkbookError. */
export class UnavailableSession implements WorkbookSession {
  readonly kind = "excel" as const;

  async run<T>(_fn: (tables: WorkbookTables) => Promise<T>): Promise<T> {
    throw new NoWorkbookError();
  }
}
