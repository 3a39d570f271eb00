/**
 * The .xlsx/.xlsm package layer: WorkbookTables over the file itself, changing only the
 * add-in's cells and copying every other part as it was. Browser-safe (no `fs`).
 */
import { WorkbookError } from "../errors";
import type { WorkbookTables } from "../types";
import { PackageShapeError, XlsxBook } from "./book";
import { XlsxWorkbookTables, type XlsxTablesOptions } from "./xlsx-tables";

export { XlsxWorkbookTables, type XlsxTablesOptions, type WriteStepHook } from "./xlsx-tables";
export { ZipArchive } from "./zip";

export class XlsxWorkbook {
  readonly tables: WorkbookTables;

  private constructor(
    private readonly book: XlsxBook,
    options: XlsxTablesOptions,
  ) {
    this.tables = new XlsxWorkbookTables(book, options);
  }

  /**
   * `file` names the workbook in messages. Throws WorkbookError notAWorkbook or damagedWorkbook
   * (also later, when a part read on demand turns out damaged).
   */
  static async open(bytes: Uint8Array, options: XlsxTablesOptions & { file?: string } = {}): Promise<XlsxWorkbook> {
    const file = options.file ?? "workbook.xlsx";
    try {
      return new XlsxWorkbook(await XlsxBook.open(bytes, file), options);
    } catch (error) {
      if (error instanceof PackageShapeError) throw new WorkbookError("notAWorkbook", { file }, { cause: error });
      throw error;
    }
  }

  /** An .xlsm (its workbook part is macro-enabled): it must be saved as .xlsm again. */
  get macroEnabled(): boolean {
    return this.book.macroEnabled;
  }

  /** The whole package as it is now; parts nothing changed are byte for byte the input's. */
  save(): Promise<Uint8Array> {
    return this.book.save();
  }
}
