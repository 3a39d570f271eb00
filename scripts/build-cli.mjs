// Compiles the command line (src/cli/main.ts) into one CommonJS file, cli/mkt-rulebook.cjs,
// which bin/mkt-rulebook.cjs loads: `npm ci` runs this as the `prepare` step, and
// `npm run build:cli` runs it after editing src/. Outside dist/, so `npm run build`'s clean
// keeps it.
//
// Dependencies are bundled too (node built-ins stay external): loading one file starts
// `--help` in about half the time that resolving exceljs & co. in node_modules takes.
// Not minified (no faster to start, and stack traces keep their names); the source map
// (without the sources, which are in the project) is used with `node --enable-source-maps`.
//
// Beside the bundle, cli/mkt-rulebook.stamp.json records the sha256 of the files it was
// built from (scripts/cli-stamp.cjs): the launcher and test/cli/bundle-current.test.ts
// compare it with src/ as it is now.
import { build } from "esbuild";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import stamps from "./cli-stamp.cjs";

const { ROOT, OUT_DIR, BUNDLE, STAMP_FILE, EXTRA_INPUTS, stampOf, fileHash } = stamps;
const posix = (file) => file.split(sep).join("/");

/** Every file under src/, with the extra inputs: to notice a file saved while esbuild was reading. */
function everySource() {
  const files = readdirSync(join(ROOT, "src"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => posix(relative(ROOT, join(entry.parentPath ?? entry.path, entry.name))));
  return stampOf([...files, ...EXTRA_INPUTS]);
}

/** Writes through a temporary file and a rename, so that a reader never sees half a file. */
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

async function compile() {
  const before = everySource();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["src/cli/main.ts"],
    outfile: BUNDLE,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  if (everySource() !== before) return undefined;
  const inputs = [...new Set([...Object.keys(result.metafile.inputs).filter((input) => input.startsWith("src/")), ...EXTRA_INPUTS])].sort();
  const sha256 = stampOf(inputs);
  const files = Object.fromEntries(inputs.map((input) => [input, fileHash(readFileSync(join(ROOT, input)))]));
  return { outputFiles: result.outputFiles, stamp: { sha256, inputs, files } };
}

let compiled;
for (let attempt = 0; attempt < 3 && !compiled; attempt++) compiled = await compile();
if (!compiled) {
  console.error("build-cli: src/ kept changing during the build; run npm run build:cli again.");
  process.exit(1);
}

mkdirSync(OUT_DIR, { recursive: true });
// The stamp goes first and comes back last: a build cut short leaves no stamp, and the
// launcher then refuses to run rather than run a bundle the stamp does not describe.
rmSync(STAMP_FILE, { force: true });
for (const output of compiled.outputFiles) writeAtomically(output.path, output.contents);
writeAtomically(STAMP_FILE, JSON.stringify(compiled.stamp, null, 2) + "\n");
console.log(`build-cli: ${posix(relative(ROOT, BUNDLE))} from ${compiled.stamp.inputs.length} files (stamp ${compiled.stamp.sha256.slice(0, 12)})`);
