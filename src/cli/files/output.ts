/**
 * From the result's bytes to a file on disk, for --out and --in-place: the target is checked
 * first (not the input itself, not a folder or device, same type as the input, not read-only),
 * then written to a temporary file beside the real target with the target's mode, owner and
 * group, flushed, and renamed over it. Whatever fails on the way, the temporary file (and a
 * backup made for it) is removed and the target is left as it was.
 */
import type { Stats } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { keepOnExit, removeOnExit } from "./cleanup";
import type { FileOps } from "./fs-ops";
import type { InputFile, WorkbookType } from "./input";
import { typeByName } from "./input";
import { privateName, type FileLock } from "./lock";
import { asFileProblem, errorCode, fileProblem, usageProblem } from "./problem";

export interface Target {
  /** As typed, for messages. */
  readonly path: string;
  /** Symbolic links resolved: the file replaced (the links stay links). */
  readonly real: string;
  /** Undefined while the file does not exist (a new --out file). */
  readonly stat?: Stats;
}

const MAX_LINKS = 40;

/** Follows symbolic links, also when the last one points to a file not made yet. */
export async function resolveTarget(path: string, ops: FileOps): Promise<{ real: string; stat?: Stats }> {
  let current = resolve(path);
  try {
    for (let hops = 0; hops < MAX_LINKS; hops++) {
      let link: Stats;
      try {
        link = await ops.lstat(current);
      } catch (error) {
        if (errorCode(error) !== "ENOENT") throw error;
        let directory: string;
        try {
          directory = await ops.realpath(dirname(current));
        } catch (inner) {
          if (errorCode(inner) === "ENOENT" || errorCode(inner) === "ENOTDIR") throw fileProblem("outDirMissing", { path }, inner);
          throw inner;
        }
        return { real: join(directory, basename(current)) };
      }
      if (!link.isSymbolicLink()) {
        const real = await ops.realpath(current);
        return { real, stat: await ops.stat(real) };
      }
      current = resolve(dirname(current), await ops.readlink(current));
    }
    throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
  } catch (error) {
    throw asFileProblem(error, path);
  }
}

/** The result keeps the input's type: --out must end in the same extension. */
export function checkOutputType(out: string, type: WorkbookType): void {
  if (typeByName(out) !== type) throw usageProblem("outExtension", { out, ext: type });
}

export async function examineOutput(out: string, input: InputFile, ops: FileOps): Promise<Target> {
  const { real, stat } = await resolveTarget(out, ops);
  if (stat?.isDirectory()) throw fileProblem("outIsDirectory", { path: out });
  // Renaming over /dev/null or a pipe would replace it with a workbook.
  if (stat && !stat.isFile()) throw fileProblem("outNotRegular", { path: out });
  // The same file by another name: a relative path, ./x, a symbolic or a hard link.
  if (real === input.real || (stat && stat.dev === input.stat.dev && stat.ino === input.stat.ino)) throw usageProblem("outSameAsInput", { out });
  return { path: out, real, stat };
}

/** Root may write anything, so the owner's write bit is checked, not access(2). */
export function checkWritable(target: Target): void {
  if (target.stat && (target.stat.mode & 0o200) === 0) throw fileProblem("readOnly", { path: target.path });
}

/** The target as it is now (after waiting for the lock, another run may have replaced it). */
export async function refreshTarget(target: Target, ops: FileOps): Promise<Target> {
  try {
    return { ...target, stat: await ops.stat(target.real) };
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { ...target, stat: undefined };
    throw asFileProblem(error, target.path);
  }
}

interface Keep {
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
}

const canChown = () => typeof process.geteuid === "function";

async function writeNewFile(ops: FileOps, path: string, bytes: Uint8Array, keep: Keep, shownPath: string): Promise<void> {
  const file = await ops.createNew(path, keep.mode & 0o777);
  try {
    if (keep.uid !== undefined && keep.gid !== undefined && canChown()) {
      try {
        await file.chown(keep.uid, keep.gid);
      } catch (error) {
        if (errorCode(error) === "EPERM" || errorCode(error) === "EINVAL") throw fileProblem("ownerNotKept", { path: shownPath, uid: keep.uid, gid: keep.gid }, error);
        throw error;
      }
      // After chown, which clears set-user-id bits; and exactly, not reduced by the umask.
      await file.chmod(keep.mode);
    }
    await file.write(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function ensureUnchanged(ops: FileOps, target: Target): Promise<void> {
  const now = await ops.stat(target.real).catch((error: unknown) => {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  });
  const before = target.stat;
  const same = before && now ? now.dev === before.dev && now.ino === before.ino && now.size === before.size && now.mtimeMs === before.mtimeMs : before === now;
  if (!same) throw fileProblem("changedMeanwhile", { path: target.path });
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Local time, as the user reads it: 20261123-031500. */
export function backupStamp(now: Date): string {
  return `${pad(now.getFullYear(), 4)}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/** `book.xlsx` → `book.backup-20261123-031500.xlsx`, then `…-031500-2.xlsx`, `-3`… if taken. */
export function backupName(realPath: string, now: Date, attempt: number): string {
  const extension = extname(realPath);
  const suffix = attempt > 1 ? `-${attempt}` : "";
  return join(dirname(realPath), `${basename(realPath, extension)}.backup-${backupStamp(now)}${suffix}${extension}`);
}

const LINK_UNSUPPORTED = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/**
 * The backup is a second name (hard link) for the original file: it keeps the content, mode,
 * owner and dates exactly, and appears at once or not at all. Where hard links are not
 * possible, a copy with the same mode and owner. Never overwrites anything (EEXIST → next name).
 */
export async function makeBackup(ops: FileOps, target: Target, original: Uint8Array, keep: Keep, now: Date): Promise<string> {
  for (let attempt = 1; attempt < 1000; attempt++) {
    const name = backupName(target.real, now, attempt);
    try {
      await ops.link(target.real, name);
      return name;
    } catch (error) {
      if (errorCode(error) === "EEXIST") continue;
      if (!LINK_UNSUPPORTED.has(errorCode(error) ?? "")) throw error;
    }
    try {
      await writeNewFile(ops, name, original, keep, target.path);
      return name;
    } catch (error) {
      if (errorCode(error) === "EEXIST") continue;
      await ops.unlink(name).catch(() => undefined);
      throw error;
    }
  }
  throw Object.assign(new Error("no free backup name"), { code: "EEXIST" });
}

export interface WriteOptions {
  readonly ops: FileOps;
  /** Held on target.real; checked to be still ours just before the rename. */
  readonly lock: FileLock;
  /** --in-place: the bytes read, for a backup copy where hard links are not possible. */
  readonly backupOf?: Uint8Array;
  readonly now: Date;
  /** For a new file: the input's permissions (less the umask), so a private input stays private. */
  readonly newFileMode: number;
}

export async function writeTarget(target: Target, bytes: Uint8Array, options: WriteOptions): Promise<{ backup?: string }> {
  const { ops } = options;
  const keep: Keep = target.stat ? { mode: target.stat.mode & 0o7777, uid: target.stat.uid, gid: target.stat.gid } : { mode: options.newFileMode };
  const temporary = privateName(target.real, "tmp");
  let backup: string | undefined;
  removeOnExit(temporary);
  try {
    await writeNewFile(ops, temporary, bytes, keep, target.path);
    await ensureUnchanged(ops, target);
    await options.lock.verify();
    if (options.backupOf) backup = await makeBackup(ops, target, options.backupOf, keep, options.now);
    await ops.rename(temporary, target.real);
  } catch (error) {
    await ops.unlink(temporary).catch(() => undefined);
    if (backup) await ops.unlink(backup).catch(() => undefined);
    throw asFileProblem(error, target.path);
  } finally {
    keepOnExit(temporary);
  }
  await ops.syncDirectory(dirname(target.real));
  return { backup };
}
