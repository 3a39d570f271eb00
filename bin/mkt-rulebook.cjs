#!/usr/bin/env node
// The command runs the TypeScript sources through tsx, so `npx mkt-rulebook` works right
// after `npm ci`, with no build step.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
