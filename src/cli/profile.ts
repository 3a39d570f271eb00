/**
 * The user's profile (issue 12): what this computer remembers between runs, in one folder
 * only its owner may open (mode 0700), each file readable by its owner only (0600):
 * - key.json, this profile's signing key (./signing-key.ts);
 * - known-keys.json, the keys seen for each signer (rules/pinning.ts KnownKeys), pinned on first use;
 * - witnesses.json, the longest log head seen per workbook ID (rules/witness.ts Witness).
 * The folder is MKT_RULEBOOK_HOME, else $XDG_CONFIG_HOME/mkt-rulebook, else
 * ~/.config/mkt-rulebook. A file that cannot be read or is not what this tool writes is one
 * line of ours (a CliProblem), never a stack trace.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { parseWitness, type KnownKeys, type Witness } from "../rules";
import { keepOnExit, removeOnExit } from "./files/cleanup";
import { errorCode, fileProblem, isCliProblem, type CliProblem } from "./files/problem";

export const KEY_FILE = "key.json";
export const KNOWN_KEYS_FILE = "known-keys.json";
export const WITNESSES_FILE = "witnesses.json";

/** The profile's folder for this environment (nothing is created here). */
export function profileDir(env: NodeJS.ProcessEnv): string {
  if (env.MKT_RULEBOOK_HOME) return env.MKT_RULEBOOK_HOME;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "mkt-rulebook");
  return join(env.HOME || homedir(), ".config", "mkt-rulebook");
}

/** A profile file's text, or undefined when it does not exist yet. */
export async function readProfileFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw fileProblem("profileUnreadable", { path, code: errorCode(error) ?? "unknown" }, error);
  }
}

/** JSON read back; a damaged file (not JSON, or not of the expected shape) is `damaged`'s problem. */
export function parseProfileJson<T>(text: string, path: string, read: (value: unknown) => T | undefined): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fileProblem("profileDamaged", { path }, error);
  }
  const parsed = read(value);
  if (parsed === undefined) throw fileProblem("profileDamaged", { path });
  return parsed;
}

/** A failure while writing the profile, as one line that does not claim the workbook was left alone. */
function writeProblem(error: unknown, path: string): CliProblem {
  return isCliProblem(error) ? error : fileProblem("profileWriteFailed", { path, code: errorCode(error) ?? "unknown" }, error);
}

/**
 * Writes `text` to `path` in the profile, complete or not at all: a private temporary file
 * (0600) renamed into place, or, with `exclusive`, linked into place so that an existing file
 * is never replaced (EEXIST is thrown as it is, for the caller to say).
 */
export async function writeProfileFile(path: string, text: string, { exclusive = false } = {}): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    removeOnExit(temporary);
    const handle = await open(temporary, "wx", 0o600);
    try {
      // The mode given to open() is narrowed by the umask, never widened; chmod says it once more.
      await handle.chmod(0o600);
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (exclusive) {
      await link(temporary, path);
      await unlink(temporary);
    } else {
      await rename(temporary, path);
    }
    keepOnExit(temporary);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    keepOnExit(temporary);
    if (exclusive && errorCode(error) === "EEXIST") throw error;
    throw writeProblem(error, path);
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function readKnownKeys(value: unknown): KnownKeys | undefined {
  if (!isRecord(value) || !Object.values(value).every(isStringArray)) return undefined;
  return value as KnownKeys;
}

function readWitnesses(value: unknown): Record<string, Witness> | undefined {
  if (!isRecord(value)) return undefined;
  const witnesses: Record<string, Witness> = {};
  for (const [id, entry] of Object.entries(value)) {
    const witness = parseWitness(entry);
    if (!witness || witness.workbookId !== id) return undefined;
    witnesses[id] = witness;
  }
  return witnesses;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What the profile remembers of the logs it saw: the keys pinned and the heads witnessed. */
export interface ProfileMemory {
  readonly knownKeys: KnownKeys;
  readonly witnesses: Readonly<Record<string, Witness>>;
}

export async function readMemory(dir: string): Promise<ProfileMemory> {
  const keysPath = join(dir, KNOWN_KEYS_FILE);
  const witnessesPath = join(dir, WITNESSES_FILE);
  const keysText = await readProfileFile(keysPath);
  const witnessesText = await readProfileFile(witnessesPath);
  return {
    knownKeys: keysText === undefined ? {} : parseProfileJson(keysText, keysPath, readKnownKeys),
    witnesses: witnessesText === undefined ? {} : parseProfileJson(witnessesText, witnessesPath, readWitnesses),
  };
}

export async function saveKnownKeys(dir: string, knownKeys: KnownKeys): Promise<void> {
  await writeProfileFile(join(dir, KNOWN_KEYS_FILE), json(knownKeys));
}

/** The witnesses given replace those of their workbooks; the others are kept as the file holds them now. */
export async function saveWitnesses(dir: string, witnesses: readonly Witness[]): Promise<void> {
  if (witnesses.length === 0) return;
  const path = join(dir, WITNESSES_FILE);
  // Read again just before writing: another run may have remembered another workbook meanwhile.
  const text = await readProfileFile(path);
  const current = text === undefined ? {} : parseProfileJson(text, path, readWitnesses);
  await writeProfileFile(path, json({ ...current, ...Object.fromEntries(witnesses.map((w) => [w.workbookId, w])) }));
}
