// `mkt-rulebook` runs the compiled cli/mkt-rulebook.cjs (scripts/build-cli.mjs, run by
// `npm ci` and by `npm test` before jest). These tests check that it was built from src/ as
// it is now, and run the real command once, as a user would.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { version } from "../../package.json";
import { BUNDLE, bundleState, readStamp, stampOf } from "../../scripts/cli-stamp.cjs";
import { runBin } from "./run-bin";

describe("the compiled command", () => {
  test("is built from the current sources", () => {
    const state = bundleState();
    const problem =
      state.state === "missing"
        ? `${BUNDLE} (or its stamp) is missing: run npm run build:cli`
        : state.state === "stale"
          ? `the compiled command is older than src/ (changed: ${state.changed.join(", ")}): run npm run build:cli`
          : undefined;
    expect(problem).toBeUndefined();
  });

  test("was built from every src/ file it bundles, and the lock file", () => {
    const inputs = readStamp()?.inputs ?? [];
    expect(inputs).toEqual(expect.arrayContaining(["src/cli/main.ts", "src/cli/commands.ts", "package-lock.json", "package.json"]));
    expect(inputs.filter((input) => !input.startsWith("src/")).sort()).toEqual(["package-lock.json", "package.json", "scripts/build-cli.mjs", "scripts/cli-stamp.cjs", "tsconfig.json"]);
  });

  test("bin/mkt-rulebook.cjs --help exits 0 with the usage", () => {
    const result = runBin(["--help"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: mkt-rulebook \[options\] \[command\]/);
    for (const command of ["refresh-rebates", "bonus", "budget", "verify-log", "check"]) expect(result.stdout).toContain(command);
  });

  test("--version prints package.json's version", () => {
    const result = runBin(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});

describe("stampOf", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "mkt-stamp-"));
    writeFileSync(join(dir, "a.ts"), "export const a = 1;\n");
    writeFileSync(join(dir, "b.ts"), "export const b = 2;\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("changes when a file changes, not with the order the inputs are listed in", () => {
    const before = stampOf(["a.ts", "b.ts"], dir);
    expect(stampOf(["b.ts", "a.ts"], dir)).toBe(before);
    writeFileSync(join(dir, "b.ts"), "export const b = 3;\n");
    expect(stampOf(["a.ts", "b.ts"], dir)).not.toBe(before);
  });

  test("tells a file's contents from its neighbour's", () => {
    const before = stampOf(["a.ts", "b.ts"], dir);
    writeFileSync(join(dir, "a.ts"), "export const a = 1;\nexport const b = 2;\n");
    writeFileSync(join(dir, "b.ts"), "");
    expect(stampOf(["a.ts", "b.ts"], dir)).not.toBe(before);
  });

  test("is undefined when an input is gone", () => {
    expect(stampOf(["a.ts", "gone.ts"], dir)).toBeUndefined();
  });
});
