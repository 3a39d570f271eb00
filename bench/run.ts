import { runFunctionBenchmarks } from "./functions.bench";
import { runServiceBenchmarks } from "./services.bench";

/**
 * `npm run bench`: prints a table per area; exits 1 when a stated target is missed.
 * `npm run bench -- functions` (or `services`) runs that area alone.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  let ok = true;
  if (only !== "services") {
    const functions = runFunctionBenchmarks();
    console.log("\nCustom functions\n");
    console.log(functions.table);
    ok &&= functions.ok;
  }
  if (only !== "functions") {
    const services = await runServiceBenchmarks();
    console.log("\nServices and command line\n");
    console.log(services.table);
    ok &&= services.ok;
  }
  if (!ok) process.exitCode = 1;
}

void main();
