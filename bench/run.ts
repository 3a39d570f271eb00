import { runAuditLogBenchmarks } from "./audit-log.bench";
import { runFunctionBenchmarks } from "./functions.bench";
import { runServiceBenchmarks } from "./services.bench";

/**
 * `npm run bench`: prints a table per area; exits 1 when a stated target is missed.
 * `npm run bench -- functions` (or `services`, or `log`) runs that area alone.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  const runs = (area: string) => only === undefined || only === area;
  let ok = true;
  if (runs("functions")) {
    const functions = runFunctionBenchmarks();
    console.log("\nCustom functions\n");
    console.log(functions.table);
    ok &&= functions.ok;
  }
  if (runs("services")) {
    const services = await runServiceBenchmarks();
    console.log("\nServices and command line\n");
    console.log(services.table);
    ok &&= services.ok;
  }
  if (runs("log")) {
    const log = await runAuditLogBenchmarks();
    console.log("\nAudit log\n");
    console.log(log.table);
    ok &&= log.ok;
  }
  if (!ok) process.exitCode = 1;
}

void main();
