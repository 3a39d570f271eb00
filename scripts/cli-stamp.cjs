// The stamp of the compiled command (cli/mkt-rulebook.cjs): a sha256 over the files it was
// built from. scripts/build-cli.mjs writes it beside the bundle; bin/mkt-rulebook.cjs and
// test/cli/bundle-current.test.ts recompute it from the files on disk, so the command never
// runs code older than src/. CommonJS, so that the launcher can use it without a compiler.
const { createHash } = require("node:crypto");
const { existsSync, readFileSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const OUT_DIR = path.join(ROOT, "cli");
const BUNDLE = path.join(OUT_DIR, "mkt-rulebook.cjs");
const STAMP_FILE = path.join(OUT_DIR, "mkt-rulebook.stamp.json");
/**
 * Inputs besides the src/ files esbuild reports: the dependencies' versions, the version
 * baked in for --version, the compiler options esbuild reads, and how the bundle is built.
 */
const EXTRA_INPUTS = ["package.json", "package-lock.json", "tsconfig.json", "scripts/build-cli.mjs", "scripts/cli-stamp.cjs"];

/** The stamp of files given relative to the project folder, `/`-separated; undefined if one is missing. */
function stampOf(inputs, root = ROOT) {
  const hash = createHash("sha256");
  for (const input of [...new Set(inputs)].sort()) {
    const file = path.join(root, ...input.split("/"));
    if (!existsSync(file)) return undefined;
    const content = readFileSync(file);
    hash.update(`${input}\0${content.length}\0`).update(content);
  }
  return hash.digest("hex");
}

/** The stamp file's content, or undefined when the command was never built (or the build was cut short). */
function readStamp(stampFile = STAMP_FILE) {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
    return typeof stamp.sha256 === "string" && Array.isArray(stamp.inputs) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the compiled command is current:
 * `{ state: "current" }`, `{ state: "missing" }` (never built, or the last build was cut
 * short), or `{ state: "stale", changed }` with the inputs that differ from the build's.
 */
function bundleState() {
  const stamp = readStamp();
  if (!stamp || !existsSync(BUNDLE)) return { state: "missing" };
  if (stampOf(stamp.inputs) === stamp.sha256) return { state: "current" };
  const changed = stamp.inputs.filter((input) => {
    const file = path.join(ROOT, ...input.split("/"));
    return !existsSync(file) || stamp.files?.[input] !== fileHash(readFileSync(file));
  });
  return { state: "stale", changed };
}

function fileHash(content) {
  return createHash("sha256").update(content).digest("hex");
}

module.exports = { ROOT, OUT_DIR, BUNDLE, STAMP_FILE, EXTRA_INPUTS, stampOf, readStamp, bundleState, fileHash };
