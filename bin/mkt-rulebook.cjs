#!/usr/bin/env node
// Runs the compiled command, cli/mkt-rulebook.cjs, which `npm ci` builds (the `prepare`
// script, scripts/build-cli.mjs). It refuses to run when that file is missing or was built
// from other sources than src/ holds now: it never runs stale code.
const { bundleState, BUNDLE } = require("../scripts/cli-stamp.cjs");

const USAGE_EXIT = 2;
const bundle = bundleState();
if (bundle.state !== "current") {
  const changed = bundle.changed ?? [];
  const files = changed.length > 3 ? `${changed.slice(0, 3).join(", ")} and ${changed.length - 3} more` : changed.join(", ") || "src/";
  const why =
    bundle.state === "missing"
      ? "the command is not compiled: run `npm ci` or `npm run build:cli` in the project folder."
      : `the compiled command is older than its sources (${files} changed): run \`npm run build:cli\`.`;
  process.stderr.write(`mkt-rulebook: ${why}\n`);
  process.exitCode = USAGE_EXIT;
} else {
  require(BUNDLE)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
