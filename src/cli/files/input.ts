/**
 * From the path the user typed to the workbook's bytes: each way a file can be the wrong
 * thing (missing, a folder, unreadable, not a workbook, cut off, damaged, password-protected,
 * another spreadsheet format) becomes one message of ours, before anything is computed.
 */
import type { Stats } from "node:fs";
import { basename, extname } from "node:path";
import { crc32, inflateRawSync } from "node:zlib";
import { ZipArchive } from "../../workbook/xlsx";
import type { FileOps } from "./fs-ops";
import { asFileProblem, errorCode, fileProblem } from "./problem";

/** The types the command reads and writes; the output keeps the input's. */
export type WorkbookType = ".xlsx" | ".xlsm";

export interface InputFile {
  /** As typed, for messages. */
  readonly path: string;
  /** Symbolic links resolved: the file that is read, locked and (--in-place) replaced. */
  readonly real: string;
  readonly stat: Stats;
}

export function typeByName(path: string): WorkbookType | undefined {
  const extension = extname(path).toLowerCase();
  return extension === ".xlsx" || extension === ".xlsm" ? extension : undefined;
}

/** Spreadsheets of other kinds, by extension: Excel and WPS can save each of them as .xlsx. */
const OTHER_FORMATS = new Set([".xls", ".xlsb", ".xlt", ".xltx", ".xltm", ".xla", ".xlam", ".ods", ".fods", ".ots", ".csv", ".tsv", ".txt", ".prn", ".et", ".ett", ".numbers", ".xml", ".htm", ".html", ".mht", ".mhtml"]);

function readProblem(error: unknown, path: string) {
  switch (errorCode(error)) {
    case "ENOENT":
    case "ENOTDIR":
      return fileProblem("inputMissing", { path }, error);
    case "EACCES":
    case "EPERM":
      return fileProblem("inputUnreadable", { path }, error);
    case "EISDIR":
      return fileProblem("inputIsDirectory", { path }, error);
    default:
      return asFileProblem(error, path);
  }
}

export async function examineInput(path: string, ops: FileOps): Promise<InputFile> {
  let stat: Stats;
  let real: string;
  try {
    stat = await ops.stat(path);
    real = await ops.realpath(path);
  } catch (error) {
    throw readProblem(error, path);
  }
  if (stat.isDirectory()) throw fileProblem("inputIsDirectory", { path });
  // A pipe would block the read; a device is no workbook.
  if (!stat.isFile()) throw fileProblem("inputNotRegular", { path });
  return { path, real, stat };
}

export async function readInput(input: InputFile, ops: FileOps): Promise<Uint8Array> {
  try {
    return await ops.readFile(input.real);
  } catch (error) {
    throw readProblem(error, input.path);
  }
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
/** OLE compound file: .xls, and also any password-protected Office file. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A zip ends with its central directory's end record; a file cut off while copying has none. */
export function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      const commentLength = bytes[at + 20] | (bytes[at + 21] << 8);
      if (at + 22 + commentLength <= bytes.length) return true;
    }
  }
  return false;
}

/** Whether a compound file's directory names `name` (entries are UTF-16LE). */
function compoundFileHas(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, "utf16le"));
}

function looksLikeDelimitedText(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096));
  if (head.includes(0)) return false;
  const lines = head.toString("utf8").split(/\r?\n/).filter((line) => line.trim() !== "").slice(0, 2);
  if (lines.length === 0 || /^\s*</.test(lines[0])) return false;
  // A table has the same number of separators on its first lines; a sentence has a stray comma.
  return [",", ";", "\t"].some((separator) => {
    const counts = lines.map((line) => line.split(separator).length - 1);
    return counts[0] >= 1 && counts.every((n) => n === counts[0]) && (lines.length > 1 || counts[0] >= 2);
  });
}

/** The main part's content type, from [Content_Types].xml: what kind of Office file this zip is. */
const MAIN_PART_TYPES: readonly [RegExp, WorkbookType | { saveAs: string }][] = [
  [/ms-excel\.sheet\.binary\.macroEnabled\.main/i, { saveAs: ".xlsb" }],
  [/spreadsheetml\.template\.main\+xml/i, { saveAs: ".xltx" }],
  [/ms-excel\.template\.macroEnabled\.main\+xml/i, { saveAs: ".xltm" }],
  [/ms-excel\.addin\.macroEnabled\.main\+xml/i, { saveAs: ".xlam" }],
  [/ms-excel\.sheet\.macroEnabled\.main\+xml/i, ".xlsm"],
  [/spreadsheetml\.sheet\.main\+xml/i, ".xlsx"],
];

/**
 * What the bytes are; returns the workbook's type if they are an .xlsx or .xlsm package and
 * throws our message otherwise. The loader may still find something it cannot read.
 */
export async function inspectWorkbookBytes(bytes: Uint8Array, path: string): Promise<WorkbookType> {
  const extension = extname(basename(path)).toLowerCase();
  if (bytes.length === 0) throw fileProblem("inputEmpty", { path });

  if (startsWith(bytes, COMPOUND_FILE)) {
    // Excel encrypts a password-protected .xlsx into a compound file with an EncryptionInfo stream.
    if (typeByName(path) || extension === ".xlsb" || compoundFileHas(bytes, "EncryptionInfo")) throw fileProblem("encrypted", { path });
    if (OTHER_FORMATS.has(extension)) throw fileProblem("saveAsXlsx", { path, format: extension });
    if (compoundFileHas(bytes, "Workbook") || compoundFileHas(bytes, "Book")) throw fileProblem("saveAsXlsx", { path, format: ".xls" });
    throw fileProblem("notWorkbook", { path });
  }

  if (!startsWith(bytes, ZIP_LOCAL_HEADER) && !startsWith(bytes, ZIP_EMPTY_ARCHIVE)) {
    if (OTHER_FORMATS.has(extension)) throw fileProblem("saveAsXlsx", { path, format: extension });
    if (looksLikeDelimitedText(bytes)) throw fileProblem("saveAsXlsx", { path, format: ".csv" });
    throw fileProblem("notWorkbook", { path });
  }

  if (!hasEndOfCentralDirectory(bytes)) throw fileProblem("truncated", { path });
  let contentTypes: string | undefined;
  let mimetype: string | undefined;
  try {
    const archive = await ZipArchive.open(bytes, path);
    await checkEveryEntry(archive);
    if (archive.has("[Content_Types].xml")) contentTypes = await archive.text("[Content_Types].xml");
    if (archive.has("mimetype")) mimetype = await archive.text("mimetype");
  } catch (error) {
    throw fileProblem("damaged", { path }, error);
  }
  if (mimetype !== undefined) {
    if (mimetype.startsWith("application/vnd.oasis.opendocument.spreadsheet")) throw fileProblem("saveAsXlsx", { path, format: ".ods" });
    throw fileProblem("notWorkbook", { path });
  }
  const kind = contentTypes === undefined ? undefined : MAIN_PART_TYPES.find(([pattern]) => pattern.test(contentTypes))?.[1];
  if (kind === ".xlsx" || kind === ".xlsm") return kind;
  if (kind) throw fileProblem("saveAsXlsx", { path, format: kind.saveAs });
  if (OTHER_FORMATS.has(extension)) throw fileProblem("saveAsXlsx", { path, format: extension });
  throw fileProblem("notWorkbook", { path });
}

const STORED = 0;
const DEFLATED = 8;

/**
 * Every entry is inflated and checked against its CRC-32, so damage anywhere is found now,
 * not half way through, nor copied silently into the new file. Node's zlib does it at a
 * fraction of the time the browser-safe package layer would take.
 */
async function checkEveryEntry(archive: ZipArchive): Promise<void> {
  for await (const entry of archive.storedEntries()) {
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new Error(`${entry.name}: compression method ${entry.method}`);
    const data = entry.method === STORED ? entry.raw : inflateRawSync(entry.raw);
    if (data.length !== entry.size || crc32(data) >>> 0 !== entry.crc32 >>> 0) throw new Error(`${entry.name}: checksum mismatch`);
  }
}
