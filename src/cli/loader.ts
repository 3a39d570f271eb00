/**
 * How the command line opens a workbook: a function from the file's bytes to its tables and a
 * `save()` that gives the new file's bytes. Everything about files (paths, checks, locks,
 * backups, atomic writes) is in ./files and never sees the package layer underneath.
 */
import type { WorkbookTables } from "../workbook";
import { XlsxWorkbook } from "../workbook/xlsx";

export interface OpenedWorkbook {
  readonly tables: WorkbookTables;
  /** The whole workbook as bytes, with the tables' changes and every other part as it was. */
  save(): Promise<Uint8Array>;
}

/** Throws if the bytes cannot be read as a workbook (the caller tells the user, in its words). */
export type WorkbookLoader = (bytes: Uint8Array) => Promise<OpenedWorkbook>;

export const loadWorkbook: WorkbookLoader = (bytes) => XlsxWorkbook.open(bytes);
