// Runs the command from src/ (not the compiled cli/ bundle) in a child process, for tests that
// must kill it part way: node test/cli/run-source.cjs refresh-rebates FILE --in-place
require("tsx/cjs");
require("../../src/cli/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
