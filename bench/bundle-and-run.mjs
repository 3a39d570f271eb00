// Benchmarks run from one esbuild bundle, as the add-in runs from one webpack bundle: loading
// the TypeScript modules one by one (tsx) adds a getter call to every imported binding,
// which would measure the module loader instead of the code.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dir = mkdtempSync(join(tmpdir(), "mkt-bench-"));
const outfile = join(dir, "bench.mjs");
try {
  await build({ entryPoints: ["bench/run.ts"], bundle: true, platform: "node", format: "esm", target: "node20", outfile, logLevel: "warning"});
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
