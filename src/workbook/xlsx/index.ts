/**
 * The .xlsx/.xlsm package layer: WorkbookTables over the file itself, changing only the
 * add-in's cells and copying every other part as it was. Browser-safe (no `fs`).
 */
import { WorkbookError } from "../errors";
import type { WorkbookTables } from "../types";
import { PackageShapeError, XlsxBook } from "./book";
import { XlsxWorkbookTables, type XlsxTablesOptions } from "./xlsx-tables";
import { ArchiveError } from "./zip";

export { XlsxWorkbookTables, type XlsxTablesOptions, type WriteStepHook } from "./xlsx-tables";
export { ZipArchive, ArchiveError } from "./zip";

export class XlsxWorkbook {
  readonly tables: WorkbookTables;

  private constructor(
    private readonly book: XlsxBook,
    options: XlsxTablesOptions,
  ) {
    this.tables = new XlsxWorkbookTables(book, options);
  }

  /** `file` names the workbook in messages. Throws WorkbookError notAWorkbook / damagedWorkbook. */
  static async open(bytes: Uint8Array, options: XlsxTablesOptions & { file?: string } = {}): Promise<XlsxWorkbook> {
    try {
      return new XlsxWorkbook(await XlsxBook.open(bytes), options);
    } catch (error) {
      const file = options.file ?? "";
      if (error instanceof ArchiveError) throw new WorkbookError(error.reason === "notZip" ? "notAWorkbook" : "damagedWorkbook", { file }, { cause: error });
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
