/**
 * Runs a script in its own Node process, as a user would: wall time from spawn to exit
 * (start-up included) and the process's peak resident memory, which a preload module
 * reports from inside the child (`process.resourceUsage().maxRSS`) when it exits.
 */
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const RSS_FILE_VARIABLE = "MKT_BENCH_RSS_FILE";
const STDERR_KEPT = 2_000;
const BYTES_PER_KB = 1024;

export interface NodeRun {
  readonly ms: number;
  /** Peak resident set size of the child, in bytes (0 when it could not report it). */
  readonly maxRssBytes: number;
  readonly code: number | null;
  readonly stdout: string;
  /** The end of stderr, for a failure message. */
  readonly stderrTail: string;
}

export interface NodeRunner {
  run(args: readonly string[]): Promise<NodeRun>;
}

const PRELOAD = `process.on("exit", () => {
  const path = process.env.${RSS_FILE_VARIABLE};
  if (path) require("node:fs").writeFileSync(path, String(process.resourceUsage().maxRSS));
});
`;

function spawnTimed(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Omit<NodeRun, "maxRssBytes">> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_KEPT)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, code, stdout, stderrTail: stderr.trim() }));
  });
}

async function readRss(path: string): Promise<number> {
  const text = await readFile(path, "utf8").catch(() => "0");
  await rm(path, { force: true });
  return Number(text) * BYTES_PER_KB;
}

/** Writes the preload module into `dir` (a temporary folder the caller removes). */
export async function nodeRunner(dir: string): Promise<NodeRunner> {
  const preload = join(dir, "report-max-rss.cjs");
  const rssFile = join(dir, "max-rss.txt");
  await writeFile(preload, PRELOAD);
  return {
    async run(args) {
      (globalThis as { gc?: () => void }).gc?.();
      const result = await spawnTimed(["--require", preload, ...args], { ...process.env, [RSS_FILE_VARIABLE]: rssFile });
      return { ...result, maxRssBytes: await readRss(rssFile) };
    },
  };
}

/** A failed run as one line: the exit code and the last line of stderr. */
export function failure(run: NodeRun): string | undefined {
  if (run.code === 0) return undefined;
  const last = run.stderrTail.split("\n").pop() ?? "";
  return `exit code ${String(run.code)}${last ? `: ${last}` : ""}`;
}
