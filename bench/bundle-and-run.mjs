// Benchmarks run from one esbuild bundle, as the add-in runs from one webpack bundle: loading
// the TypeScript modules one by one (tsx) adds a getter call to every imported binding,
// which would measure the module loader instead of the code.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// Inside node_modules, so that the bundle's imports of packages (left external) resolve.
mkdirSync(join("node_modules", ".cache"), { recursive: true });
const dir = mkdtempSync(join("node_modules", ".cache", "mkt-bench-"));
const outfile = join(dir, "bench.cjs");
try {
  await build({ entryPoints: ["bench/run.ts"], bundle: true, platform: "node", format: "cjs", target: "node20", outfile, logLevel: "warning", packages: "external" });
  await import(pathToFileURL(join(process.cwd(), outfile)).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
