// Runs the real command, bin/mkt-rulebook.cjs (the compiled bundle), as a user would: for
// what only a whole process shows (the locale read from the environment, what reaches the
// terminal, the exit status).
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../../scripts/cli-stamp.cjs";

export const BIN = join(ROOT, "bin", "mkt-rulebook.cjs");

export interface BinRun {
  /** Locale variables over an English default (LANG=en_US.UTF-8, LC_ALL and LC_MESSAGES unset). */
  readonly env?: Readonly<Record<string, string>>;
  /** Run as this user (root reads any file, so a permission test runs as "nobody"). */
  readonly uid?: number;
  readonly gid?: number;
}

export function runBin(args: readonly string[], { env = {}, uid, gid }: BinRun = {}): SpawnSyncReturns<string> {
  const locale = { LC_ALL: "", LC_MESSAGES: "", LANG: "en_US.UTF-8", ...env };
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...locale }, uid, gid });
}

/** The lines written to stderr, blank ones left out. */
export const linesOf = (text: string): string[] => text.split("\n").filter((line) => line !== "");
