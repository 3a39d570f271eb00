/**
 * One run at a time per file: `.NAME.lock` beside the real file (symbolic links resolved),
 * holding the owner's process id, computer name and a random token. It appears complete or not at all (written
 * to a private name, then hard-linked into place, which fails if a lock is there already).
 * A second run polls until the lock is released, for a few seconds, then gives up naming the
 * file. A lock whose process is gone (killed, crashed) is taken over; one from another
 * computer (a network drive) is only waited for.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { keepOnExit, removeOnExit } from "./cleanup";
import { processAlive, type FileOps } from "./fs-ops";
import { asFileProblem, errorCode, fileProblem } from "./problem";

export interface LockOptions {
  readonly ops: FileOps;
  /** The file as the user named it, for messages. */
  readonly shownPath: string;
  /** How long to wait for another run to finish before refusing. */
  readonly waitMs: number;
  readonly pollMs: number;
  /** Told once, when the file is found locked and waiting starts. */
  readonly onWait?: (path: string, pid: number | string) => void;
}

export interface FileLock {
  readonly path: string;
  /** Throws if the lock is no longer ours (see takeOverStale); checked just before a rename. */
  verify(): Promise<void>;
  release(): Promise<void>;
}

export const lockPathOf = (realPath: string) => join(dirname(realPath), `.${basename(realPath)}.lock`);

/** `.NAME.tmp-PID-HEX` (a file being written) and `.NAME.lock-PID-HEX` (a lock being made or taken over). */
export const privateName = (realPath: string, what: "tmp" | "lock") => join(dirname(realPath), `.${basename(realPath)}.${what}-${process.pid}-${randomBytes(6).toString("hex")}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const LINK_UNSUPPORTED = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/** A lock file whose content cannot be read as ours is old enough to be a crash's leftover after this long. */
const UNREADABLE_LOCK_STALE_MS = 10_000;

interface Holder {
  readonly text: string;
  readonly pid: number | undefined;
  /** Where the holder runs: a lock on a network drive may belong to another computer. */
  readonly host: string | undefined;
  readonly ageMs: number;
}

const HOST = hostname().replace(/\s+/g, "_") || "localhost";

async function readHolder(ops: FileOps, path: string): Promise<Holder | undefined> {
  try {
    const [bytes, stat] = await Promise.all([ops.readFile(path), ops.stat(path)]);
    const text = Buffer.from(bytes).toString("utf8");
    const [first, host] = text.split(/\s+/);
    const pid = Number(first);
    return { text, pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, host, ageMs: Date.now() - stat.mtimeMs };
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes the lock complete under a private name and links it into place: false if a lock is there. */
async function tryCreate(ops: FileOps, path: string, token: string, realPath: string): Promise<boolean> {
  const bytes = new TextEncoder().encode(token);
  const staging = privateName(realPath, "lock");
  removeOnExit(staging);
  try {
    const file = await ops.createNew(staging, 0o644);
    try {
      await file.write(bytes);
    } finally {
      await file.close();
    }
    try {
      await ops.link(staging, path);
      return true;
    } catch (error) {
      if (errorCode(error) === "EEXIST") return false;
      if (!LINK_UNSUPPORTED.has(errorCode(error) ?? "")) throw error;
    }
    // No hard links here (some network and FAT drives): create the lock directly.
    const file2 = await ops.createNew(path, 0o644).catch((error: unknown) => {
      if (errorCode(error) === "EEXIST") return undefined;
      throw error;
    });
    if (!file2) return false;
    try {
      await file2.write(bytes);
    } finally {
      await file2.close();
    }
    return true;
  } finally {
    await ops.unlink(staging).catch(() => undefined);
    keepOnExit(staging);
  }
}

/**
 * Removes a lock left by a dead process. It is first renamed aside (atomic), so that of two
 * runs both finding it stale only one removes it; if what was renamed aside is not the stale
 * lock after all (a third run locked the file in between), it is put back.
 */
async function takeOverStale(ops: FileOps, path: string, stale: Holder, realPath: string): Promise<void> {
  const aside = privateName(realPath, "lock");
  try {
    await ops.rename(path, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  removeOnExit(aside);
  try {
    const moved = await readHolder(ops, aside);
    if (moved && moved.text !== stale.text) await ops.link(aside, path).catch(() => undefined);
  } finally {
    await ops.unlink(aside).catch(() => undefined);
    keepOnExit(aside);
  }
}

export async function acquireLock(realPath: string, options: LockOptions): Promise<FileLock> {
  const { ops } = options;
  const path = lockPathOf(realPath);
  const token = `${process.pid} ${HOST} ${randomBytes(12).toString("hex")}\n`;
  const deadline = Date.now() + options.waitMs;
  let told = false;
  try {
    for (;;) {
      if (await tryCreate(ops, path, token, realPath)) break;
      const holder = await readHolder(ops, path);
      if (!holder) continue;
      // Whether a process on another computer is alive cannot be known: its lock is respected.
      const stale = holder.pid === undefined ? holder.ageMs > UNREADABLE_LOCK_STALE_MS : holder.host === HOST && !processAlive(holder.pid);
      if (stale) {
        await takeOverStale(ops, path, holder, realPath);
        continue;
      }
      if (Date.now() >= deadline) throw fileProblem("locked", { path: options.shownPath, pid: holder.pid ?? "?", lock: path });
      if (!told) options.onWait?.(options.shownPath, holder.pid ?? "?");
      told = true;
      await sleep(options.pollMs);
    }
  } catch (error) {
    throw asFileProblem(error, dirname(realPath));
  }
  removeOnExit(path);

  const ours = async () => (await readHolder(ops, path))?.text === token;
  return {
    path,
    async verify() {
      if (!(await ours())) throw fileProblem("lockLost", { path: options.shownPath });
    },
    async release() {
      keepOnExit(path);
      if (await ours().catch(() => false)) await ops.unlink(path).catch(() => undefined);
    },
  };
}

/**
 * Removes what runs on this file killed with `kill -9` left behind: half-written temporary
 * files and lock staging files whose process is gone. Called by the lock's holder only.
 */
export async function sweepLeftovers(ops: FileOps, realPath: string): Promise<void> {
  const directory = dirname(realPath);
  const prefix = `.${basename(realPath)}.`;
  const names = await ops.readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(?:tmp|lock)-(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (match && !processAlive(Number(match[1]))) await ops.unlink(join(directory, name)).catch(() => undefined);
  }
}
