/**
 * Every file-system call the command line makes, in one object, so a test can make any one
 * of them fail (a full disk half way through a write, a chown that is not permitted, a file
 * that cannot be read even by root) and check that nothing is left behind.
 */
import type { Stats } from "node:fs";
import * as fs from "node:fs/promises";

/** A file opened for writing that did not exist before. */
export interface NewFile {
  write(bytes: Uint8Array): Promise<void>;
  chown(uid: number, gid: number): Promise<void>;
  chmod(mode: number): Promise<void>;
  /** Flushes the contents to the disk (fsync). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FileOps {
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  readlink(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  readdir(path: string): Promise<string[]>;
  /** Creates the file; fails with EEXIST if anything is there already (O_CREAT | O_EXCL). */
  createNew(path: string, mode: number): Promise<NewFile>;
  /** A second name for the file; fails with EEXIST if the name is taken. */
  link(existing: string, newPath: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes a rename in the directory durable; best effort (not every system can). */
  syncDirectory(path: string): Promise<void>;
}

export const nodeFileOps: FileOps = {
  stat: (path) => fs.stat(path),
  lstat: (path) => fs.lstat(path),
  realpath: (path) => fs.realpath(path),
  readlink: (path) => fs.readlink(path),
  readFile: (path) => fs.readFile(path),
  readdir: (path) => fs.readdir(path),
  async createNew(path, mode) {
    const handle = await fs.open(path, "wx", mode);
    return {
      write: (bytes) => handle.writeFile(bytes),
      chown: (uid, gid) => handle.chown(uid, gid),
      chmod: (m) => handle.chmod(m),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  link: (existing, newPath) => fs.link(existing, newPath),
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
  async syncDirectory(path) {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(path, "r");
      await handle.sync();
    } catch {
      // Windows cannot open a directory; some file systems cannot fsync one.
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
};

/** Whether a process with this id is running (a lock's or a temporary file's owner). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: string }).code === "EPERM";
  }
}
