// File safety of the command line: every way the input can be the wrong thing, every usage
// mistake about where to write, and how the result is written (temporary file and rename,
// backups, mode and owner, symbolic links, locks, a process killed half way). Each refusal is
// checked for its message, its exit code and that nothing was written.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, chown, copyFile, link, lstat, mkdir, readdir, readFile, readlink, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import JSZip from "jszip";
import { nodeFileOps, type FileOps } from "../../src/cli/files/fs-ops";
import { hasEndOfCentralDirectory, inspectWorkbookBytes } from "../../src/cli/files/input";
import { backupName, backupStamp } from "../../src/cli/files/output";
import { loadWorkbook } from "../../src/cli/loader";
import { main, type CliIo } from "../../src/cli/main";
import type { TableKind } from "../../src/workbook";
import { openXlsx } from "../support/xlsx-files";
import { cliSandbox } from "../support/cli-sandbox";
import { runBin } from "./run-bin";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");
const RUN_SOURCE = join(__dirname, "run-source.cjs");
const IS_ROOT = process.getuid?.() === 0;

const sandbox = cliSandbox("mkt-files-");
const { stderr } = sandbox;
let dir: string;
beforeEach(() => {
  dir = sandbox.dir;
});

const sha = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");
/** Every name in the test folder and its subfolders, hidden ones (locks, temporary files) too. */
const listing = async () => ((await readdir(dir, { recursive: true })) as string[]).sort();
const errorText = () => stderr.join("");
const errorLines = () => errorText().split("\n").filter((line) => line !== "");
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

async function sample(name = "book.xlsx"): Promise<string> {
  const path = join(dir, name);
  await copyFile(SAMPLE, path);
  return path;
}

async function tablesOf(path: string) {
  const { tables } = await openXlsx(path);
  const rowsOf = async (name: TableKind) => {
    const ref = await tables.findTable(name);
    return ref ? (await tables.readTable(ref)).rows : undefined;
  };
  return { rebates: await rowsOf("Rebates"), bonuses: await rowsOf("Bonuses"), budget: await rowsOf("BudgetReport") };
}

/**
 * Runs the command and checks a refusal: the exit code, our message as the only line (and the
 * usage line under a usage mistake; after the command's own progress and summary lines when the
 * refusal comes at saving time), no stack trace, and no file added, removed or changed.
 */
async function expectRefused(argv: string[], expected: { exit: 1 | 2; message: string; whenSaving?: boolean }, io?: CliIo): Promise<void> {
  const before = await listing();
  const hashes = await Promise.all(before.map(async (name) => ((await stat(join(dir, name))).isFile() ? sha(join(dir, name)) : name)));
  stderr.length = 0;
  expect(await main(argv.includes("--lang") ? argv : [...argv, "--lang", "en"], {}, io)).toBe(expected.exit);
  const lines = expected.whenSaving ? errorLines().slice(-1) : errorLines();
  expect(lines[0]).toContain(expected.message);
  expect(lines).toHaveLength(expected.exit === 2 ? 2 : 1);
  if (expected.whenSaving) expect(errorLines().filter((line) => line.includes("nothing was written"))).toHaveLength(1);
  if (expected.exit === 2) expect(lines[1]).toMatch(/^Usage: mkt-rulebook [a-z-]+ \[options\] <file>/);
  expect(errorText()).not.toMatch(/\n\s+at /);
  expect(await listing()).toEqual(before);
  expect(await Promise.all(before.map(async (name) => ((await stat(join(dir, name))).isFile() ? sha(join(dir, name)) : name)))).toEqual(hashes);
}

/** A compound (OLE) file: the container of .xls files and of password-protected .xlsx files. */
function compoundFile(...streamNames: string[]): Uint8Array {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([header, Buffer.alloc(504), ...streamNames.map((name) => Buffer.from(name, "utf16le")), Buffer.alloc(1024)]);
}

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const CONTENT_TYPES = (mainType: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="${mainType}"/></Types>`;

describe("the input: each wrong kind of file is one message of ours, exit code 1, nothing written", () => {
  const refresh = (input: string) => ["refresh-rebates", input, "--year", "2025", "--out", join(dir, "out.xlsx")];

  it("a path that does not exist", async () => {
    await expectRefused(refresh(join(dir, "nope.xlsx")), { exit: 1, message: `${join(dir, "nope.xlsx")}: no such file.` });
  });

  it("a folder", async () => {
    await mkdir(join(dir, "folder.xlsx"));
    await expectRefused(refresh(join(dir, "folder.xlsx")), { exit: 1, message: "is a folder; give the path of an .xlsx file" });
  });

  it("a pipe (which would block a read) is not a regular file", async () => {
    const fifo = join(dir, "pipe.xlsx");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    await expectRefused(refresh(fifo), { exit: 1, message: "is not a regular file" });
  });

  // Tests run as root, who can read a chmod 000 file: the read is made to fail instead.
  it("a file that cannot be read (permission denied, simulated)", async () => {
    const input = await sample();
    const ops: FileOps = { ...nodeFileOps, readFile: (path) => (path === input ? Promise.reject(fsError("EACCES")) : nodeFileOps.readFile(path)) };
    await expectRefused(refresh(input), { exit: 1, message: `${input} cannot be read: permission denied.` }, { ops });
  });

  it("a file that cannot be read (chmod 000), the command run as an ordinary user", async () => {
    const input = await sample();
    await chmod(input, 0o000);
    await chmod(dir, 0o755);
    // Root reads anything: as root, the compiled command is run as "nobody" for the real refusal.
    const asUser = IS_ROOT ? { uid: 65534, gid: 65534 } : {};
    const run = runBin(["refresh-rebates", input, "--year", "2025", "--lang", "en"], asUser);
    expect(run.stderr).toContain(`${input} cannot be read: permission denied.`);
    expect(run.status).toBe(1);
    expect(await readdir(dir)).toEqual([basename(input)]);
  });

  it("an empty file", async () => {
    await writeFile(join(dir, "empty.xlsx"), "");
    await expectRefused(refresh(join(dir, "empty.xlsx")), { exit: 1, message: "is empty (0 bytes), not a workbook" });
  });

  it("a file that is not a zip at all", async () => {
    await writeFile(join(dir, "photo.xlsx"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]));
    await expectRefused(refresh(join(dir, "photo.xlsx")), { exit: 1, message: "is not an Excel workbook (.xlsx or .xlsm)." });
  });

  it("a zip that is not a workbook (a .docx renamed, a plain archive)", async () => {
    await writeFile(join(dir, "letter.xlsx"), await zipOf({ "[Content_Types].xml": CONTENT_TYPES("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), "word/document.xml": "<w/>" }));
    await expectRefused(refresh(join(dir, "letter.xlsx")), { exit: 1, message: "is not an Excel workbook" });
    await writeFile(join(dir, "archive.xlsx"), await zipOf({ "readme.txt": "hello" }));
    await expectRefused(refresh(join(dir, "archive.xlsx")), { exit: 1, message: "is not an Excel workbook" });
  });

  it("a workbook cut off part way (no end of central directory)", async () => {
    const bytes = await readFile(SAMPLE);
    for (const length of [bytes.length / 2, bytes.length - 10]) {
      await writeFile(join(dir, "cut.xlsx"), bytes.subarray(0, length));
      await expectRefused(refresh(join(dir, "cut.xlsx")), { exit: 1, message: "is incomplete: the file was cut off" });
    }
  });

  it("a workbook damaged in the middle (its zip data does not check out)", async () => {
    const bytes = Buffer.from(await readFile(SAMPLE));
    bytes.fill(0x55, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
    await writeFile(join(dir, "damaged.xlsx"), bytes);
    await expectRefused(refresh(join(dir, "damaged.xlsx")), { exit: 1, message: "is damaged: its contents do not match their checksums" });
  });

  it("a package the loader cannot read: our message, never the library's", async () => {
    await writeFile(join(dir, "odd.xlsx"), await zipOf({ "[Content_Types].xml": CONTENT_TYPES("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"), "xl/workbook.xml": "<workbook><sheets><sheet" }));
    await expectRefused(refresh(join(dir, "odd.xlsx")), { exit: 1, message: "could not be read as a workbook" });
    const input = await sample();
    const load = () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"));
    await expectRefused(refresh(input), { exit: 1, message: `${input} could not be read as a workbook: it is damaged or holds something this tool cannot read.` }, { load });
    expect(errorText()).not.toContain("Cannot read properties");
  });

  it("a password-protected workbook: a compound file named .xlsx, or one holding EncryptionInfo", async () => {
    await writeFile(join(dir, "secret.xlsx"), compoundFile("EncryptedPackage"));
    await expectRefused(refresh(join(dir, "secret.xlsx")), { exit: 1, message: "is password-protected; remove the password and save it again." });
    await writeFile(join(dir, "secret.bin"), compoundFile("EncryptionInfo", "EncryptedPackage"));
    await expectRefused(refresh(join(dir, "secret.bin")), { exit: 1, message: "is password-protected" });
    await expectRefused([...refresh(join(dir, "secret.bin")), "--lang", "zh"], { exit: 1, message: "设有密码保护；请取消密码后重新保存。" });
  });

  it(".xls, .ods, .csv and .xlsb: save it as .xlsx", async () => {
    const cases: [string, Uint8Array, string][] = [
      ["old.xls", compoundFile("Workbook"), ".xls"],
      ["old-renamed.dat", compoundFile("Workbook"), ".xls"],
      ["sheet.ods", await zipOf({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" }), ".ods"],
      ["ods-named.xlsx", await zipOf({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" }), ".ods"],
      ["data.csv", Buffer.from("Dealer,Amount\nA,100\n"), ".csv"],
      ["csv-named.xlsx", Buffer.from("Dealer;Amount\nA;100\n"), ".csv"],
      ["binary.xlsb", await zipOf({ "[Content_Types].xml": CONTENT_TYPES("application/vnd.ms-excel.sheet.binary.macroEnabled.main") }), ".xlsb"],
    ];
    for (const [name, bytes, format] of cases) {
      await writeFile(join(dir, name), bytes);
      await expectRefused(refresh(join(dir, name)), { exit: 1, message: `${join(dir, name)} is a ${format} file; open it in Excel and save it as .xlsx.` });
    }
  });

  it("inspectWorkbookBytes: .xlsx and .xlsm packages by their content type", async () => {
    expect(await inspectWorkbookBytes(await readFile(SAMPLE), "any-name")).toBe(".xlsx");
    const xlsm = await zipOf({ "[Content_Types].xml": CONTENT_TYPES("application/vnd.ms-excel.sheet.macroEnabled.main+xml") });
    expect(await inspectWorkbookBytes(xlsm, "macros.xlsm")).toBe(".xlsm");
    expect(hasEndOfCentralDirectory(xlsm)).toBe(true);
    expect(hasEndOfCentralDirectory(xlsm.subarray(0, xlsm.length - 1))).toBe(false);
  });

  it("an .xlsm is accepted and its result stays an .xlsm", async () => {
    const input = await sample("macros.xlsm");
    expect(await main(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "result.xlsm"), "--lang", "en"])).toBe(0);
    expect((await tablesOf(join(dir, "result.xlsm"))).rebates).toHaveLength(40);
  }, 60_000);
});

describe("usage mistakes about where to write: exit code 2 with the usage line, nothing written", () => {
  it("--out naming the input itself, however it is written", async () => {
    const input = await sample();
    await mkdir(join(dir, "sub"));
    await symlink(input, join(dir, "alias.xlsx"));
    await link(input, join(dir, "hard.xlsx"));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const out of [input, "book.xlsx", "./book.xlsx", join("sub", "..", "book.xlsx"), relative(cwd, input), join(dir, "alias.xlsx"), "hard.xlsx"]) {
        await expectRefused(["refresh-rebates", "book.xlsx", "--year", "2025", "--out", out], { exit: 2, message: `--out ${out} is the input file itself; use --in-place` });
      }
      // The input through a link, --out the real file.
      await expectRefused(["refresh-rebates", "alias.xlsx", "--year", "2025", "--out", input], { exit: 2, message: "is the input file itself" });
    } finally {
      process.chdir(cwd);
    }
  });

  it("--out together with --in-place", async () => {
    const input = await sample();
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--in-place", "--out", join(dir, "o.xlsx")], { exit: 2, message: "--out and --in-place cannot be used together" });
  });

  it("--out of another type than the input, or of no type", async () => {
    const input = await sample();
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "o.xlsm")], { exit: 2, message: "must end in .xlsx: the result keeps the input's type" });
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "result")], { exit: 2, message: "must end in .xlsx" });
    const xlsm = await sample("macros.xlsm");
    await expectRefused(["refresh-rebates", xlsm, "--year", "2025", "--out", join(dir, "o.xlsx")], { exit: 2, message: "must end in .xlsm" });
  });

  it("--year and --month that are not a year or a month", async () => {
    const input = await sample();
    await expectRefused(["refresh-rebates", input, "--year", "twenty", "--in-place"], { exit: 2, message: "--year: “twenty” is not a year." });
    await expectRefused(["bonus", input, "--month", "2025-13", "--in-place"], { exit: 2, message: "--month: “2025-13” is not a month" });
  }, 30_000);
});

describe("where the result cannot go: exit code 1, nothing written", () => {
  it("--out in a folder that does not exist", async () => {
    const input = await sample();
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "no", "such", "o.xlsx")], { exit: 1, message: "does not exist; nothing was written" });
  });

  it("--out that is a folder, or a device or pipe", async () => {
    const input = await sample();
    await mkdir(join(dir, "folder.xlsx"));
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "folder.xlsx")], { exit: 1, message: "is a folder; give a file name" });
    expect(spawnSync("mkfifo", [join(dir, "pipe.xlsx")]).status).toBe(0);
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "pipe.xlsx")], { exit: 1, message: "is not a regular file" });
  });

  it("a read-only file (no write bit for its owner) is not replaced, even by root", async () => {
    const input = await sample();
    await chmod(input, 0o444);
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--in-place"], { exit: 1, message: `${input} is read-only; nothing was written.` });
    const other = await sample("other.xlsx");
    await chmod(input, 0o644);
    await chmod(other, 0o444);
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--out", other], { exit: 1, message: `${other} is read-only` });
  }, 30_000);
});

describe("writing", () => {
  /** File-system calls made to fail, for the temporary file only (not the lock). */
  const failing = (what: "write" | "rename" | "chown", code: string): FileOps => ({
    ...nodeFileOps,
    async createNew(path, mode) {
      const file = await nodeFileOps.createNew(path, mode);
      if (!basename(path).includes(".tmp-")) return file;
      return {
        ...file,
        async write(bytes) {
          if (what !== "write") return file.write(bytes);
          await file.write(bytes.subarray(0, bytes.length >> 1));
          throw fsError(code);
        },
        chown: (uid, gid) => (what === "chown" ? Promise.reject(fsError(code)) : file.chown(uid, gid)),
      };
    },
    rename: (from, to) => (what === "rename" ? Promise.reject(fsError(code)) : nodeFileOps.rename(from, to)),
  });

  it("a write that fails half way (disk full) leaves the input as it was and no temporary file", async () => {
    const input = await sample();
    const ops = failing("write", "ENOSPC");
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--in-place"], { exit: 1, message: `${input}: the disk is full; nothing was written.`, whenSaving: true }, { ops });
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "o.xlsx")], { exit: 1, message: "the disk is full", whenSaving: true }, { ops });
  }, 60_000);

  it("a rename that fails removes the temporary file and the backup made for it", async () => {
    const input = await sample();
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--in-place"], { exit: 1, message: `${input}: input/output error; nothing was written.`, whenSaving: true }, { ops: failing("rename", "EIO") });
  }, 60_000);

  it("an owner this account cannot give to the new file: refused, not changed", async () => {
    const input = await sample();
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--in-place"], { exit: 1, message: `${input} belongs to user ${process.getuid?.()}, group ${process.getgid?.()}, and this account cannot give the new file that owner`, whenSaving: true }, { ops: failing("chown", "EPERM") });
  }, 60_000);

  it("--in-place keeps a backup; two in the same second get -2", async () => {
    const input = await sample();
    const now = new Date(2026, 10, 23, 3, 15, 0);
    const original = await sha(input);
    expect(await main(["bonus", input, "--month", "2025-06", "--in-place", "--lang", "en"], {}, { now: () => now })).toBe(0);
    const afterBonus = await sha(input);
    expect(await main(["budget", input, "--month", "2025-06", "--in-place", "--lang", "en"], {}, { now: () => now })).toBe(0);
    expect(await listing()).toEqual(["book.backup-20261123-031500-2.xlsx", "book.backup-20261123-031500.xlsx", "book.xlsx"]);
    expect(await sha(join(dir, "book.backup-20261123-031500.xlsx"))).toBe(original);
    expect(await sha(join(dir, "book.backup-20261123-031500-2.xlsx"))).toBe(afterBonus);
    expect(errorText()).toContain(`Backup of the original: ${join(dir, "book.backup-20261123-031500-2.xlsx")}`);
    const tables = await tablesOf(input);
    expect(tables.bonuses).toHaveLength(30);
    expect(tables.budget?.length).toBeGreaterThan(0);
  }, 60_000);

  it("backup names: local time, the input's extension, -N when taken", () => {
    const now = new Date(2026, 0, 2, 3, 4, 5);
    expect(backupStamp(now)).toBe("20260102-030405");
    expect(backupName("/d/plan.xlsm", now, 1)).toBe("/d/plan.backup-20260102-030405.xlsm");
    expect(backupName("/d/plan.xlsm", now, 3)).toBe("/d/plan.backup-20260102-030405-3.xlsm");
  });

  it("keeps the file's mode (0600 stays 0600, the backup too); a new --out is no more open than the input", async () => {
    const input = await sample();
    await chmod(input, 0o600);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    expect((await stat(input)).mode & 0o7777).toBe(0o600);
    const backup = (await listing()).find((name) => name.startsWith("book.backup-")) as string;
    expect((await stat(join(dir, backup))).mode & 0o7777).toBe(0o600);
    expect(await main(["bonus", input, "--month", "2025-06", "--out", join(dir, "new.xlsx"), "--lang", "en"])).toBe(0);
    expect((await stat(join(dir, "new.xlsx"))).mode & 0o077).toBe(0);
    const existing = await sample("existing.xlsx");
    await chmod(existing, 0o640);
    expect(await main(["bonus", input, "--month", "2025-06", "--out", existing, "--lang", "en"])).toBe(0);
    expect((await stat(existing)).mode & 0o7777).toBe(0o640);
  }, 60_000);

  it("keeps the file's owner and group", async () => {
    const input = await sample();
    // Only root may give a file away; an ordinary user checks the same with their own ids.
    const [uid, gid] = IS_ROOT ? [1234, 5678] : [process.getuid?.() ?? 0, process.getgid?.() ?? 0];
    await chown(input, uid, gid);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    const after = await stat(input);
    expect([after.uid, after.gid]).toEqual([uid, gid]);
    expect((await tablesOf(input)).rebates).toHaveLength(40);
  }, 60_000);

  it("follows a symbolic link: the file it points to is updated, the link stays a link", async () => {
    await mkdir(join(dir, "real"));
    const real = join(dir, "real", "book.xlsx");
    await copyFile(SAMPLE, real);
    const alias = join(dir, "alias.xlsx");
    await symlink(join("real", "book.xlsx"), alias);
    expect(await main(["refresh-rebates", alias, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    expect((await lstat(alias)).isSymbolicLink()).toBe(true);
    expect(await readlink(alias)).toBe(join("real", "book.xlsx"));
    expect((await tablesOf(real)).rebates).toHaveLength(40);
    expect((await readdir(join(dir, "real"))).filter((name) => name.startsWith("book.backup-"))).toHaveLength(1);

    // --out through a link to an existing file, and through a link to a file not made yet.
    const target = await sample("target.xlsx");
    await symlink(target, join(dir, "to-target.xlsx"));
    await symlink(join(dir, "later.xlsx"), join(dir, "to-later.xlsx"));
    expect(await main(["bonus", real, "--month", "2025-06", "--out", join(dir, "to-target.xlsx"), "--lang", "en"])).toBe(0);
    expect(await main(["bonus", real, "--month", "2025-06", "--out", join(dir, "to-later.xlsx"), "--lang", "en"])).toBe(0);
    for (const link of ["to-target.xlsx", "to-later.xlsx"]) expect((await lstat(join(dir, link))).isSymbolicLink()).toBe(true);
    expect((await tablesOf(target)).bonuses).toHaveLength(30);
    expect((await tablesOf(join(dir, "later.xlsx"))).bonuses).toHaveLength(30);
  }, 90_000);

  it("a file changed by another program while the command ran is not overwritten", async () => {
    const input = await sample();
    const load = async (bytes: Uint8Array) => {
      const workbook = await loadWorkbook(bytes);
      return {
        ...workbook,
        async save() {
          // Excel saving the file meanwhile.
          await utimes(input, new Date(), new Date(Date.now() + 5000));
          return workbook.save();
        },
      };
    };
    await expectRefused(["refresh-rebates", input, "--year", "2025", "--in-place"], { exit: 1, message: `${input} was changed by another program while this command ran; nothing was written.`, whenSaving: true }, { load });
  }, 60_000);
});

describe("one run at a time per file", () => {
  /** A lock as another run holds it: its process id, computer and token. */
  const holdLock = (file: string, pid: number, host = hostname()) => writeFile(join(dirname(file), `.${basename(file)}.lock`), `${pid} ${host} 0123456789abcdef\n`);
  const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

  it("a second run waits, then refuses naming the file and the lock; the other run's lock is left alone", async () => {
    const input = await sample();
    await holdLock(input, process.pid);
    const before = await listing();
    stderr.length = 0;
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"], {}, { lockWaitMs: 300, lockPollMs: 50 })).toBe(1);
    expect(errorLines()).toEqual([
      `${input} is in use by another run of this command (process ${process.pid}); waiting…`,
      `${input} is in use by another run of this command (process ${process.pid}); nothing was written. Try again when it has finished (if none is running, delete ${join(dir, ".book.xlsx.lock")}).`,
    ]);
    expect(await listing()).toEqual(before);
  });

  it("the lock of --out is on the output file", async () => {
    const input = await sample();
    const out = join(dir, "out.xlsx");
    await holdLock(out, process.pid);
    stderr.length = 0;
    expect(await main(["refresh-rebates", input, "--year", "2025", "--out", out, "--lang", "en"], {}, { lockWaitMs: 200, lockPollMs: 50 })).toBe(1);
    expect(errorText()).toContain(`${out} is in use by another run`);
    expect(await listing()).toEqual([".out.xlsx.lock", "book.xlsx"]);
  });

  it("a lock or temporary file left by a dead process is taken over and removed", async () => {
    const input = await sample();
    const dead = deadPid();
    await holdLock(input, dead);
    await writeFile(join(dir, `.book.xlsx.tmp-${dead}-abcdef`), "half a workbook");
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"], {}, { lockWaitMs: 300, lockPollMs: 50 })).toBe(0);
    expect((await listing()).filter((name) => name.startsWith("."))).toEqual([]);
    expect((await tablesOf(input)).rebates).toHaveLength(40);
  }, 60_000);

  it("a lock from another computer (a network drive) is respected even when no such process runs here", async () => {
    const input = await sample();
    await holdLock(input, deadPid(), "another-computer");
    stderr.length = 0;
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"], {}, { lockWaitMs: 200, lockPollMs: 50 })).toBe(1);
    expect(errorText()).toContain(`${input} is in use by another run`);
  });

  it("two runs --in-place on one file at once: the second reads the first one's result, so neither's work is lost", async () => {
    const input = await sample();
    const io: CliIo = { lockWaitMs: 60_000, lockPollMs: 20 };
    const results = await Promise.all([
      main(["bonus", input, "--month", "2025-06", "--in-place", "--lang", "en"], {}, io),
      main(["budget", input, "--month", "2025-06", "--in-place", "--lang", "en"], {}, io),
    ]);
    expect(results).toEqual([0, 0]);
    const tables = await tablesOf(input);
    expect(tables.bonuses).toHaveLength(30);
    expect(tables.budget?.length).toBeGreaterThan(0);
    expect((await listing()).filter((name) => name.startsWith("book.backup-"))).toHaveLength(2);
    expect((await listing()).filter((name) => name.startsWith("."))).toEqual([]);
  }, 90_000);

  it("two processes: every run that succeeded has its table in the file", async () => {
    const input = await sample();
    const run = (...args: string[]) =>
      new Promise<number | null>((resolve) => spawn(process.execPath, [RUN_SOURCE, ...args, input, "--in-place", "--lang", "en"], { stdio: "ignore" }).on("exit", resolve));
    const [bonus, budget] = await Promise.all([run("bonus", "--month", "2025-06"), run("budget", "--month", "2025-06")]);
    // The second waits up to 5 s: on a slow machine it may give up (1), but never overwrite the first.
    expect([bonus, budget].every((code) => code === 0 || code === 1)).toBe(true);
    expect([bonus, budget]).toContain(0);
    const tables = await tablesOf(input);
    if (bonus === 0) expect(tables.bonuses).toHaveLength(30);
    if (budget === 0) expect(tables.budget?.length).toBeGreaterThan(0);
    expect((await listing()).filter((name) => name.startsWith("."))).toEqual([]);
  }, 120_000);
});

describe("a process killed part way through --in-place", () => {
  it("leaves the old file or the new one, each complete, never a part of one", async () => {
    const input = await sample();
    const original = await sha(input);
    const outcomes = { old: 0, new: 0 };
    for (let attempt = 0; attempt < 10; attempt++) {
      await copyFile(SAMPLE, input);
      const child = spawn(process.execPath, [RUN_SOURCE, "refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"], { stdio: ["ignore", "ignore", "pipe"] });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      // Half the time at any moment, half the time in the last stretch: while it saves.
      const writing = new Promise<void>((resolve) => child.stderr.on("data", (chunk: Buffer) => (String(chunk).includes("Writing") ? resolve() : undefined)));
      if (attempt % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 3000));
      else await Promise.race([writing.then(() => new Promise((resolve) => setTimeout(resolve, Math.random() * 400))), exited]);
      child.kill("SIGKILL");
      await exited;
      if ((await sha(input)) === original) {
        outcomes.old++;
      } else {
        expect((await tablesOf(input)).rebates).toHaveLength(40);
        outcomes.new++;
      }
    }
    // A later run removes what the killed ones left (temporary files, locks).
    await copyFile(SAMPLE, input);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    expect((await listing()).filter((name) => name.startsWith("."))).toEqual([]);
    expect(outcomes.old + outcomes.new).toBe(10);
  }, 180_000);
});
