import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLargePurchasesWorkbook } from "../scripts/make-sample-workbook";
import { main } from "../src/cli/main";
import { DEFAULT_REBATE_MODE, rebateStatement, type RebateTier } from "../src/rules";
import { readPurchases, readTiers, refreshRebates } from "../src/services";
import { ExcelJsWorkbookTables, loadWorkbookFromFile, saveWorkbookToFile } from "../src/workbook/node";
import { buildFakeWorkbook } from "../test/workbook/harness";
import { OfficeWorkbookTables, type TableKind, type TableRef, type WorkbookTables } from "../src/workbook";
import { fakeExcel } from "../test/support/fake-excel";
import { formatNumber, formatTable, measureInterleaved, median } from "./measure";

/** The services may add at most this much on top of a plain ExcelJS read and write (issue 3). */
const MAX_OVERHEAD = 0.25;
const PURCHASES = 200_000;
const DEALERS = 2_000;
const YEAR = 2025;
const FILE_REPEATS = 3;

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function required(tables: WorkbookTables, kind: TableKind): Promise<TableRef> {
  const ref = await tables.findTable(kind);
  if (!ref) throw new Error(`benchmark workbook has no ${kind} table`);
  return ref;
}

/** Engine only: the rules over records already read, as the services call them. */
async function engineTime(file: string): Promise<{ ms: number; dealers: number }> {
  const tables = new ExcelJsWorkbookTables(await loadWorkbookFromFile(file));
  const purchases = await tables.readTable(await required(tables, "Purchases"));
  const policy = await tables.readTable(await required(tables, "RebatePolicy"));
  const tiers: RebateTier[] = readTiers(policy).tiers;
  let dealers = 0;
  const [measured] = measureInterleaved(PURCHASES, {
    engine: () => {
      const { records } = readPurchases(purchases, { year: YEAR });
      dealers = rebateStatement(records, tiers, DEFAULT_REBATE_MODE, { year: YEAR }).rebates.length;
    },
  }, 7);
  return { ms: measured.medianMs, dealers };
}

/** The Office.js implementation against the fake Excel: how many context.sync() calls a refresh makes. */
async function officeSyncs(file: string): Promise<{ syncs: number; requests: number }> {
  const tables = new ExcelJsWorkbookTables(await loadWorkbookFromFile(file));
  const read = async (kind: "Purchases" | "RebatePolicy") => {
    const data = await tables.readTable(await required(tables, kind));
    const idAt = Object.fromEntries(Object.entries(data.columnMap).map(([id, position]) => [position, id]));
    return [data.ref.headers, ...data.rows.map((r) => data.ref.headers.map((_, i) => r.values[idAt[i]] ?? null))];
  };
  const model = buildFakeWorkbook({
    sheets: [
      { name: "Purchases", tables: [{ name: "Purchases", at: "A1", rows: (await read("Purchases")) as never }] },
      { name: "Policy", tables: [{ name: "RebatePolicy", at: "A1", rows: (await read("RebatePolicy")) as never }] },
    ],
  });
  const context = fakeExcel(model);
  await refreshRebates(new OfficeWorkbookTables(context.asRequestContext()), { year: YEAR, lines: true });
  return { syncs: context.syncCount, requests: Math.max(...context.syncs.map((s) => s.requestBytes)) };
}

/** The command line's wall time against the floor: ExcelJS reading and writing the same file, nothing else. */
async function fileTimes(file: string, dir: string): Promise<{ floor: number; cli: number }> {
  const floor: number[] = [];
  const cli: number[] = [];
  const silence = { stderr: process.stderr.write.bind(process.stderr), stdout: process.stdout.write.bind(process.stdout) };
  for (let i = 0; i < FILE_REPEATS; i++) {
    floor.push(await timeAsync(async () => saveWorkbookToFile(await loadWorkbookFromFile(file), join(dir, "floor.xlsx"))));
    process.stderr.write = () => true;
    process.stdout.write = () => true;
    try {
      cli.push(await timeAsync(() => main(["refresh-rebates", file, "--year", String(YEAR), "--out", join(dir, `cli-${i}.xlsx`)])));
    } finally {
      process.stderr.write = silence.stderr;
      process.stdout.write = silence.stdout;
    }
  }
  return { floor: median(floor), cli: median(cli) };
}

export async function runServiceBenchmarks(): Promise<{ table: string; ok: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), "mkt-bench-services-"));
  try {
    const file = join(dir, "purchases.xlsx");
    await saveWorkbookToFile(await buildLargePurchasesWorkbook({ purchases: PURCHASES, dealers: DEALERS, year: YEAR }), file);
    const engine = await engineTime(file);
    const office = await officeSyncs(file);
    const { floor, cli } = await fileTimes(file, dir);
    const overhead = cli / floor - 1;
    const ok = overhead <= MAX_OVERHEAD;
    const rows = [
      ["engine: read rows + rebate statement", `${formatNumber(engine.ms)} ms`, `${engine.dealers.toLocaleString("en-US")} dealers, ${formatNumber(PURCHASES / (engine.ms / 1000))} rows/s`],
      ["Office.js (mocked): context.sync() calls", String(office.syncs), `largest request ${(office.requests / 1e6).toFixed(2)} MB (limit 5 MB)`],
      ["I/O floor: ExcelJS read + write", `${formatNumber(floor)} ms`, ""],
      ["mkt-rulebook refresh-rebates --out", `${formatNumber(cli)} ms`, `${(overhead * 100).toFixed(0)}% over the floor (target ≤ ${MAX_OVERHEAD * 100}%)${ok ? "" : "  ✗ MISSED"}`],
    ];
    const title = `refreshRebates over ${PURCHASES.toLocaleString("en-US")} purchase rows, ${DEALERS.toLocaleString("en-US")} dealers (median of ${FILE_REPEATS} file runs)`;
    return { table: `${title}\n\n${formatTable(["measure", "value", "note"], rows)}`, ok };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
