import { runFunctionBenchmarks } from "./functions.bench";

/** `npm run bench`: prints a table per area; exits 1 when a stated target is missed. */
function main(): void {
  const functions = runFunctionBenchmarks();
  console.log("\nCustom functions\n");
  console.log(functions.table);
  if (!functions.ok) process.exitCode = 1;
}

main();
