/**
 * A fresh folder per test and the command's stderr captured (stdout silenced), for tests
 * that call the command line's main() in-process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CliSandbox {
  /** This test's folder (new before each test, removed after). */
  readonly dir: string;
  /** Everything written to stderr so far; empty it with `stderr.length = 0`. */
  readonly stderr: string[];
}

export function cliSandbox(prefix: string): CliSandbox {
  const state = { dir: "", stderr: [] as string[] };
  beforeEach(async () => {
    state.dir = await mkdtemp(join(tmpdir(), prefix));
    state.stderr.length = 0;
    jest.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      state.stderr.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(state.dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return state.dir;
    },
    stderr: state.stderr,
  };
}
