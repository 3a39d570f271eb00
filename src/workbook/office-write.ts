import { MAX_WORKSHEET_ROWS } from "./address";
import { causeText, WorkbookError } from "./errors";
import { chunkRows, setCells, type ChunkLimits } from "./office-chunks";
import type { OfficeTable } from "./office-read";
import type { ProgressReporter } from "./types";
import type { WriteCell } from "./write-cells";

export interface WriteJob {
  readonly context: Excel.RequestContext;
  readonly located: OfficeTable;
  readonly cells: readonly (readonly WriteCell[])[];
  readonly limits: ChunkLimits;
  readonly stagingSheetName: string;
  readonly onProgress?: ProgressReporter;
  /** Headers of columns the table gains at its right (replace only); `cells` span them too. */
  readonly addedHeaders?: readonly string[];
}

function where(located: OfficeTable) {
  return { table: located.ref.kind, tableName: located.ref.name, sheet: located.ref.sheet };
}

function rows(located: OfficeTable, top: number, count: number, width = located.width): Excel.Range {
  return located.worksheet.getRangeByIndexes(top, located.left, count, width);
}

/** The table's width once the job's added columns join it. */
const newWidth = (job: WriteJob) => job.located.width + (job.addedHeaders?.length ?? 0);

/** One sync: the cells columns added at the table's right would cover, header to last row, must be empty. */
export async function checkRoomBeside(context: Excel.RequestContext, located: OfficeTable, headers: readonly string[]): Promise<void> {
  const beside = located.worksheet.getRangeByIndexes(located.headerRow, located.left + located.width, located.bodyTop - located.headerRow + located.bodyRows, headers.length);
  const used = beside.getUsedRangeOrNullObject(true).load("address");
  beside.load("address");
  await context.sync();
  if (!used.isNullObject) throw new WorkbookError("noRoomBesideTable", { ...where(located), headers: [...headers], address: beside.address });
}

/** One sync when the table must grow: the cells it would grow into must be empty. */
export async function checkRoomBelow(context: Excel.RequestContext, located: OfficeTable, newBodyRows: number): Promise<void> {
  const extra = newBodyRows - located.bodyRows;
  if (extra <= 0) return;
  if (located.bodyTop + newBodyRows > MAX_WORKSHEET_ROWS) throw new WorkbookError("tooManyRows", { ...where(located), rows: located.bodyTop + newBodyRows });
  const below = rows(located, located.bodyTop + located.bodyRows, extra);
  const used = below.getUsedRangeOrNullObject(true).load("address");
  below.load("address");
  await context.sync();
  if (!used.isNullObject) throw new WorkbookError("noRoomBelowTable", { ...where(located), address: below.address });
}

/** Deletes a sheet the add-in made, if it exists; failures are ignored (a hidden leftover is harmless). */
export async function dropSheetIfPresent(context: Excel.RequestContext, name: string): Promise<void> {
  try {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    await context.sync();
    if (sheet.isNullObject) return;
    sheet.delete();
    await context.sync();
  } catch {
    // The data is already where it belongs; only the hidden helper sheet is left behind.
  }
}

class StagingNameTaken extends Error {
  constructor(name: string) {
    super(`a sheet named ${name} already exists`);
  }
}

/**
 * Stages the new rows on a hidden sheet, in chunks under the request limit, next to a
 * server-side copy of the old body (no payload). Throws if any chunk fails.
 */
async function stage(job: WriteJob): Promise<Excel.Worksheet> {
  const { context, located } = job;
  // Never adopt (and later delete) a sheet of the user's that happens to have the name.
  const existing = context.workbook.worksheets.getItemOrNullObject(job.stagingSheetName);
  await context.sync();
  if (!existing.isNullObject) throw new StagingNameTaken(job.stagingSheetName);
  const staging = context.workbook.worksheets.add(job.stagingSheetName);
  staging.visibility = "Hidden";
  staging.getRangeByIndexes(0, newWidth(job) + 1, located.bodyRows, located.width).copyFrom(rows(located, located.bodyTop, located.bodyRows), "All");
  await context.sync();
  for (const chunk of chunkRows(job.cells, job.limits)) {
    // The staging sheet has no dependents, so nothing is left stale by skipping calculation.
    context.application.suspendApiCalculationUntilNextSync();
    setCells(staging.getRangeByIndexes(chunk.start, 0, chunk.end - chunk.start, newWidth(job)), job.cells.slice(chunk.start, chunk.end));
    await context.sync();
    job.onProgress?.({ phase: "write", done: chunk.end, total: job.cells.length });
  }
  await checkUnchanged(job);
  return staging;
}

/** The old-body copy and the swap assume the table's extent read at the start; refuse if it moved since. */
async function checkUnchanged(job: WriteJob): Promise<void> {
  const { located } = job;
  const body = located.table.getDataBodyRange().load("rowIndex, rowCount, columnIndex, columnCount");
  await job.context.sync();
  const same = body.rowIndex === located.bodyTop && body.rowCount === located.bodyRows && body.columnIndex === located.left && body.columnCount === located.width;
  if (!same) throw new Error("the table changed while the new rows were being prepared");
}

/**
 * Writes the headers of `added` columns beside the table, resizes it to `bodyRows` (and
 * over them) and copies `source` into its body; clears rows it leaves.
 */
function queueSwap(located: OfficeTable, source: Excel.Range, bodyRows: number, previousRows: number, added: readonly string[] = []): void {
  const { worksheet, table } = located;
  const width = located.width + added.length;
  if (added.length > 0) setCells(worksheet.getRangeByIndexes(located.headerRow, located.left + located.width, 1, added.length), [added.map((value) => ({ value, numberFormat: "@" }))]);
  table.resize(worksheet.getRangeByIndexes(located.headerRow, located.left, located.bodyTop - located.headerRow + bodyRows, width));
  rows(located, located.bodyTop, bodyRows, width).copyFrom(source, "All");
  if (previousRows > bodyRows) rows(located, located.bodyTop + bodyRows, previousRows - bodyRows, width).clear("All");
}

/**
 * Atomic replace. Steps: (1) stage new rows and a copy of the old body on a hidden sheet,
 * in as many syncs as the payload needs, then check the table has not moved meanwhile;
 * (2) one small sync resizes the table and copies the staged rows in, server-side;
 * (3) the hidden sheet is deleted.
 * Guarantee: a failure in (1) leaves the table untouched (only the hidden sheet is
 * dropped). A failure in (2), even part-way through its batch, is undone by a sync that
 * resizes the table back and copies the old body back from the hidden sheet; only if that
 * also fails is restoreFailed thrown, naming the hidden sheet that still holds the old rows.
 */
export async function replaceViaStaging(job: WriteJob): Promise<void> {
  const { context, located } = job;
  const newRows = Math.max(job.cells.length, 1);
  let staging: Excel.Worksheet;
  try {
    staging = await stage(job);
  } catch (error) {
    if (!(error instanceof StagingNameTaken)) await dropSheetIfPresent(context, job.stagingSheetName);
    throw new WorkbookError("writeFailed", { ...where(located), cause: causeText(error) }, { cause: error });
  }
  try {
    queueSwap(located, staging.getRangeByIndexes(0, 0, newRows, newWidth(job)), newRows, located.bodyRows, job.addedHeaders);
    await context.sync();
  } catch (error) {
    await restoreFromStaging(job, newRows, error);
    throw new WorkbookError("writeFailed", { ...where(located), cause: causeText(error) }, { cause: error });
  }
  await dropSheetIfPresent(context, job.stagingSheetName);
}

async function restoreFromStaging(job: WriteJob, attemptedRows: number, cause: unknown): Promise<void> {
  const { context, located } = job;
  try {
    const staging = context.workbook.worksheets.getItem(job.stagingSheetName);
    const backup = staging.getRangeByIndexes(0, newWidth(job) + 1, located.bodyRows, located.width);
    queueSwap(located, backup, located.bodyRows, attemptedRows);
    // Columns the swap may have added: back outside the table (resized above), and cleared.
    const added = newWidth(job) - located.width;
    if (added > 0) located.worksheet.getRangeByIndexes(located.headerRow, located.left + located.width, located.bodyTop - located.headerRow + Math.max(located.bodyRows, attemptedRows), added).clear("All");
    await context.sync();
  } catch (error) {
    throw new WorkbookError("restoreFailed", { ...where(located), backupSheet: job.stagingSheetName, cause: `${causeText(cause)}; ${causeText(error)}` }, { cause: error });
  }
  await dropSheetIfPresent(context, job.stagingSheetName);
}

/**
 * Appends in chunks, each one sync that writes the rows under the table and stretches the
 * table over them. The old rows are never touched, so undoing a failure only means
 * shrinking the table back and clearing what was written below it.
 */
export async function appendInChunks(job: WriteJob): Promise<void> {
  const { context, located } = job;
  const firstRow = located.onlyBlankRow ? located.bodyTop : located.bodyTop + located.bodyRows;
  let writtenUntil = firstRow;
  try {
    for (const chunk of chunkRows(job.cells, job.limits)) {
      writtenUntil = firstRow + chunk.end;
      setCells(rows(located, firstRow + chunk.start, chunk.end - chunk.start), job.cells.slice(chunk.start, chunk.end));
      located.table.resize(located.worksheet.getRangeByIndexes(located.headerRow, located.left, writtenUntil - located.headerRow, located.width));
      await context.sync();
      job.onProgress?.({ phase: "write", done: chunk.end, total: job.cells.length });
    }
  } catch (error) {
    await undoAppend(job, writtenUntil, error);
    throw new WorkbookError("writeFailed", { ...where(located), cause: causeText(error) }, { cause: error });
  }
}

/** Shrinks the table back and clears what was written: the empty-table row's contents, and all of any rows below. */
async function undoAppend(job: WriteJob, writtenUntil: number, cause: unknown): Promise<void> {
  const { context, located } = job;
  const oldEnd = located.bodyTop + located.bodyRows;
  try {
    located.table.resize(located.worksheet.getRangeByIndexes(located.headerRow, located.left, oldEnd - located.headerRow, located.width));
    if (located.onlyBlankRow) rows(located, located.bodyTop, 1).clear("Contents");
    if (writtenUntil > oldEnd) rows(located, oldEnd, writtenUntil - oldEnd).clear("All");
    await context.sync();
  } catch (error) {
    throw new WorkbookError("restoreFailed", { ...where(located), backupSheet: "", cause: `${causeText(cause)}; ${causeText(error)}` }, { cause: error });
  }
}
