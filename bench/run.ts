import { runFunctionBenchmarks } from "./functions.bench";
import { runServiceBenchmarks } from "./services.bench";

/** `npm run bench`: prints a table per area; exits 1 when a stated target is missed. */
async function main(): Promise<void> {
  const functions = runFunctionBenchmarks();
  console.log("\nCustom functions\n");
  console.log(functions.table);
  const services = await runServiceBenchmarks();
  console.log("\nServices and command line\n");
  console.log(services.table);
  if (!functions.ok || !services.ok) process.exitCode = 1;
}

void main();
