/**
 * A command's whole life on its file: the input and the target are checked, the target is
 * locked (for --in-place the input itself, so that read → compute → write is one step and a
 * second run reads the first one's result), the input is read and opened, the command runs,
 * and `save` writes the result. The lock is released whatever happens.
 */
import { basename, dirname, join, resolve } from "node:path";
import { isRuleError } from "../../rules";
import { isWorkbookError } from "../../workbook/errors";
import type { OpenedWorkbook, WorkbookLoader } from "../loader";
import { guardSignals } from "./cleanup";
import type { FileOps } from "./fs-ops";
import { examineInput, inspectWorkbookBytes, readInput, typeByName } from "./input";
import { acquireLock, sweepLeftovers, type FileLock } from "./lock";
import { checkOutputType, checkWritable, examineOutput, refreshTarget, writeTarget, type Target } from "./output";
import { fileProblem, usageProblem } from "./problem";

export interface FileRequest {
  readonly file: string;
  readonly out?: string;
  readonly inPlace?: boolean;
}

export interface FileDeps {
  readonly ops: FileOps;
  readonly load: WorkbookLoader;
  readonly lockWaitMs: number;
  readonly lockPollMs: number;
  readonly now: () => Date;
  readonly onLockWait?: (path: string, pid: number | string) => void;
}

export interface Saved {
  /** As the user typed it. */
  readonly path: string;
  readonly backup?: string;
}

/** `save` is undefined when neither --out nor --in-place was given. */
export type FileWork<T> = (workbook: OpenedWorkbook, save: (() => Promise<Saved>) | undefined) => Promise<T>;

/** The backup's path as the user would type it: beside the file as they named it, unless that was a link to elsewhere. */
function shownBeside(target: Target, backup: string): string {
  return dirname(backup) === resolve(dirname(target.path)) ? join(dirname(target.path), basename(backup)) : backup;
}

export async function withWorkbookFile<T>(request: FileRequest, deps: FileDeps, work: FileWork<T>): Promise<T> {
  const { file, out, inPlace } = request;
  const { ops } = deps;
  if (out !== undefined && inPlace) throw usageProblem("outAndInPlace");
  const input = await examineInput(file, ops);
  const typeFromName = typeByName(file) ?? typeByName(input.real);
  if (out !== undefined) {
    if (!typeByName(out)) throw usageProblem("outExtension", { out, ext: typeFromName ?? ".xlsx" });
    if (typeFromName) checkOutputType(out, typeFromName);
  }
  let target: Target | undefined = out !== undefined ? await examineOutput(out, input, ops) : inPlace ? { path: file, real: input.real, stat: input.stat } : undefined;
  if (target) checkWritable(target);

  const unguard = target ? guardSignals() : () => undefined;
  let lock: FileLock | undefined;
  try {
    lock = target && (await acquireLock(target.real, { ops, shownPath: target.path, waitMs: deps.lockWaitMs, pollMs: deps.lockPollMs, onWait: deps.onLockWait }));
    if (target) {
      await sweepLeftovers(ops, target.real);
      // The run we waited for may have replaced the file: what we read is what we check at the end.
      target = await refreshTarget(target, ops);
      if (inPlace && !target.stat) throw fileProblem("inputMissing", { path: file });
      checkWritable(target);
    }
    const bytes = await readInput(input, ops);
    const type = await inspectWorkbookBytes(bytes, file);
    if (out !== undefined && !typeFromName) checkOutputType(out, type);
    let workbook: OpenedWorkbook;
    try {
      workbook = await deps.load(bytes);
    } catch (error) {
      throw fileProblem("cannotOpen", { path: file }, error);
    }

    const [held, finalTarget] = [lock, target];
    const save =
      held && finalTarget
        ? async (): Promise<Saved> => {
            let result: Uint8Array;
            try {
              result = await workbook.save();
            } catch (error) {
              if (isWorkbookError(error) || isRuleError(error)) throw error;
              throw fileProblem("cannotSave", {}, error);
            }
            const written = await writeTarget(finalTarget, result, { ops, lock: held, backupOf: inPlace ? bytes : undefined, now: deps.now(), newFileMode: input.stat.mode & 0o666 });
            return { path: finalTarget.path, backup: written.backup && shownBeside(finalTarget, written.backup) };
          }
        : undefined;
    return await work(workbook, save);
  } finally {
    await lock?.release();
    unguard();
  }
}
