import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REBATE_TIERS } from "../scripts/make-sample-workbook";
import { DEFAULT_REBATE_MODE, rebateStatement, type RebateTier } from "../src/rules";
import { readPurchases, readTiers, refreshRebates } from "../src/services";
import { OfficeWorkbookTables, type TableData, type TableKind, type TableRef, type WorkbookTables } from "../src/workbook";
import { XlsxWorkbook } from "../src/workbook/xlsx";
import { buildFakeWorkbook } from "../test/workbook/harness";
import { fakeExcel } from "../test/support/fake-excel";
import { writeLargePurchasesWorkbook, type LargeWorkbook } from "./large-workbook";
import { formatNumber, formatTable, measureInterleaved, median } from "./measure";
import { failure, nodeRunner, type NodeRun, type NodeRunner } from "./node-process";

/** The command line may take at most this share of a plain ExcelJS read and write in its own process. */
const MAX_EXCELJS_SHARE = 0.3;
/** Peak resident memory of the command on Excel's largest sheet, with or without --lines. */
const MAX_PEAK_BYTES = 2e9;
/** From 200,000 rows to 1,048,575 (5.2× the rows), the time may grow at most this much. */
const MAX_GROWTH = 6;
const PURCHASES = 200_000;
/** Excel's largest sheet: 1,048,576 rows, one of them the header. */
const MAX_SHEET_ROWS = 1_048_575;
const DEALERS = 2_000;
const YEAR = 2025;
const FILE_REPEATS = 3;
const CLI = join(process.cwd(), "bin", "mkt-rulebook.cjs");

const count = (n: number) => n.toLocaleString("en-US");
const megabytes = (bytes: number) => `${count(Math.round(bytes / 1e6))} MB`;
const money = (cents: number) => (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Records whether every target was met; `check` marks a missed one in its note. */
class Targets {
  ok = true;

  check(met: boolean, note: string): string {
    if (!met) this.ok = false;
    return met ? note : `${note}  ✗ MISSED`;
  }
}

// ---------------------------------------------------------------------------------------
// In process: the engine, and Office.js against the fake Excel of the tests

async function required(tables: WorkbookTables, kind: TableKind): Promise<TableRef> {
  const ref = await tables.findTable(kind);
  if (!ref) throw new Error(`benchmark workbook has no ${kind} table`);
  return ref;
}

async function readBenchTables(file: string): Promise<{ purchases: TableData; policy: TableData }> {
  const { tables } = await XlsxWorkbook.open(await readFile(file), { file });
  return { purchases: await tables.readTable(await required(tables, "Purchases")), policy: await tables.readTable(await required(tables, "RebatePolicy")) };
}

/** Engine only: the rules over records already read, as the services call them. */
function engineTime(purchases: TableData, policy: TableData): { ms: number; dealers: number } {
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

function tableMatrix(data: TableData): unknown[][] {
  const idAt = Object.fromEntries(Object.entries(data.columnMap).map(([id, position]) => [position, id]));
  return [[...data.ref.headers], ...data.rows.map((r) => data.ref.headers.map((_, i) => r.values[idAt[i]] ?? null))];
}

/** The Office.js implementation against the fake Excel: how many context.sync() calls a refresh makes. */
async function officeSyncs(purchases: TableData, policy: TableData): Promise<{ syncs: number; requests: number }> {
  const model = buildFakeWorkbook({
    sheets: [
      { name: "Purchases", tables: [{ name: "Purchases", at: "A1", rows: tableMatrix(purchases) as never }] },
      { name: "Policy", tables: [{ name: "RebatePolicy", at: "A1", rows: tableMatrix(policy) as never }] },
    ],
  });
  const context = fakeExcel(model);
  await refreshRebates(new OfficeWorkbookTables(context.asRequestContext()), { year: YEAR, lines: true });
  return { syncs: context.syncCount, requests: Math.max(...context.syncs.map((s) => s.requestBytes)) };
}

// ---------------------------------------------------------------------------------------
// The expected total, worked out here from the generated rows (not with src/rules)

/** Retroactive tiers: the rate of the highest threshold at or below the net applies to all of it. */
function tierRate(net: number): number {
  let rate = 0;
  for (const [threshold, tierRate] of REBATE_TIERS) if (threshold <= net) rate = tierRate;
  return rate;
}

/** One dealer's rebate in cents, rounded half away from zero in integers; a negative net earns nothing. */
function rebateCents(net: number): number {
  if (net <= 0) return 0;
  const netCents = Math.round(net * 100);
  const basisPoints = Math.round(tierRate(net) * 10_000);
  return Math.floor((netCents * basisPoints + 5_000) / 10_000);
}

function referenceTotalCents(book: LargeWorkbook): number {
  let total = 0;
  for (const net of book.netByDealer.values()) total += rebateCents(net);
  return total;
}

/** The total of the command's `year=… dealers=… total=… changes=…` line, in cents. */
function reportedTotalCents(stdout: string): number | undefined {
  const match = /^year=\d+ dealers=\d+ total=(-?\d+(?:\.\d+)?) changes=\d+$/m.exec(stdout);
  return match ? Math.round(Number(match[1]) * 100) : undefined;
}

// ---------------------------------------------------------------------------------------
// Whole processes: the command line and a plain ExcelJS read and write

async function excelJsScript(dir: string): Promise<string> {
  const script = join(dir, "exceljs-copy.cjs");
  const excelJs = createRequire(join(process.cwd(), "package.json")).resolve("exceljs");
  const body = `const ExcelJS = require(${JSON.stringify(excelJs)});
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[2]);
  await wb.xlsx.writeFile(process.argv[3]);
})().catch((error) => { console.error(error); process.exitCode = 1; });
`;
  await writeFile(script, body);
  return script;
}

async function runExcelJs(runner: NodeRunner, script: string, file: string, out: string): Promise<NodeRun> {
  const run = await runner.run([script, file, out]);
  await rm(out, { force: true });
  const failed = failure(run);
  if (failed) throw new Error(`ExcelJS read + write failed (${failed})`);
  return run;
}

async function runCli(runner: NodeRunner, file: string, out: string, lines = false): Promise<NodeRun> {
  const run = await runner.run([CLI, "refresh-rebates", file, "--year", String(YEAR), "--out", out, ...(lines ? ["--lines"] : [])]);
  await rm(out, { force: true });
  return run;
}

/** ExcelJS and the command alternately, so that load from other processes falls on both alike. */
async function interleavedRuns(runner: NodeRunner, dir: string, file: string): Promise<{ excelJs: NodeRun[]; cli: NodeRun[] }> {
  const script = await excelJsScript(dir);
  const excelJs: NodeRun[] = [];
  const cli: NodeRun[] = [];
  for (let i = 0; i < FILE_REPEATS; i++) {
    excelJs.push(await runExcelJs(runner, script, file, join(dir, "exceljs-out.xlsx")));
    cli.push(await runCli(runner, file, join(dir, "cli-out.xlsx")));
  }
  return { excelJs, cli };
}

// ---------------------------------------------------------------------------------------
// The table

const succeeded = (runs: readonly NodeRun[]) => runs.every((r) => r.code === 0);

/** Every run exited 0 and printed the reference total. */
function totalNote(targets: Targets, runs: readonly NodeRun[], expected: number): string {
  const failed = runs.map(failure).find((f) => f !== undefined);
  if (failed) return targets.check(false, `failed: ${failed}`);
  const wrong = runs.map((r) => reportedTotalCents(r.stdout)).find((t) => t !== expected);
  const note = wrong === undefined ? `total ${money(expected)} = reference` : `total ${wrong === undefined ? "missing" : money(wrong)} ≠ reference ${money(expected)}`;
  return targets.check(wrong === undefined, note);
}

function peakRow(targets: Targets, label: string, run: NodeRun): string[] {
  const met = succeeded([run]) && run.maxRssBytes > 0 && run.maxRssBytes <= MAX_PEAK_BYTES;
  return [label, megabytes(run.maxRssBytes), targets.check(met, `whole process (maxRSS); target ≤ ${megabytes(MAX_PEAK_BYTES)}`)];
}

interface FileMeasures {
  readonly small: { readonly excelJs: readonly NodeRun[]; readonly cli: readonly NodeRun[]; readonly expected: number };
  readonly max: { readonly plain: NodeRun; readonly lines: NodeRun; readonly expected: number };
}

function smallFileRows(targets: Targets, small: FileMeasures["small"]): string[][] {
  const excelJsMs = median(small.excelJs.map((r) => r.ms));
  const cliMs = median(small.cli.map((r) => r.ms));
  const share = cliMs / excelJsMs;
  const peak = (runs: readonly NodeRun[]) => `peak ${megabytes(Math.max(...runs.map((r) => r.maxRssBytes)))}`;
  return [
    [`ExcelJS read + write, own process (${count(PURCHASES)} rows)`, `${formatNumber(excelJsMs)} ms`, peak(small.excelJs)],
    [`refresh-rebates --out (${count(PURCHASES)} rows)`, `${formatNumber(cliMs)} ms`, targets.check(succeeded(small.cli) && share <= MAX_EXCELJS_SHARE, `${share.toFixed(2)} of ExcelJS (target ≤ ${MAX_EXCELJS_SHARE.toFixed(2)})`)],
    ["  its total and memory", "", `${totalNote(targets, small.cli, small.expected)}; ${peak(small.cli)}`],
  ];
}

function maxSheetRows(targets: Targets, max: FileMeasures["max"], smallCliMs: number): string[][] {
  const growth = max.plain.ms / smallCliMs;
  const rows = count(MAX_SHEET_ROWS);
  return [
    [`refresh-rebates --out (${rows} rows)`, `${formatNumber(max.plain.ms)} ms`, targets.check(succeeded([max.plain]) && growth <= MAX_GROWTH, `${growth.toFixed(1)}× the ${count(PURCHASES)}-row time for ${(MAX_SHEET_ROWS / PURCHASES).toFixed(1)}× the rows (target ≤ ${MAX_GROWTH}×)`)],
    ["  its total", "", totalNote(targets, [max.plain], max.expected)],
    peakRow(targets, "  its peak memory", max.plain),
    [`refresh-rebates --out --lines (${rows} rows)`, `${formatNumber(max.lines.ms)} ms`, totalNote(targets, [max.lines], max.expected)],
    peakRow(targets, "  its peak memory", max.lines),
  ];
}

function fileRows(targets: Targets, measures: FileMeasures): string[][] {
  return [...smallFileRows(targets, measures.small), ...maxSheetRows(targets, measures.max, median(measures.small.cli.map((r) => r.ms)))];
}

// ---------------------------------------------------------------------------------------

async function inProcessRows(file: string): Promise<string[][]> {
  const { purchases, policy } = await readBenchTables(file);
  const engine = engineTime(purchases, policy);
  const office = await officeSyncs(purchases, policy);
  return [
    ["engine: read rows + rebate statement", `${formatNumber(engine.ms)} ms`, `${count(engine.dealers)} dealers, ${formatNumber(PURCHASES / (engine.ms / 1000))} rows/s`],
    ["Office.js (mocked): context.sync() calls", String(office.syncs), `largest request ${(office.requests / 1e6).toFixed(2)} MB (limit 5 MB)`],
  ];
}

async function smallFile(runner: NodeRunner, dir: string): Promise<{ rows: string[][]; small: FileMeasures["small"] }> {
  const file = join(dir, "purchases-200k.xlsx");
  const book = await writeLargePurchasesWorkbook(file, { purchases: PURCHASES, dealers: DEALERS, year: YEAR });
  const rows = await inProcessRows(file);
  const runs = await interleavedRuns(runner, dir, file);
  await rm(file, { force: true });
  return { rows, small: { ...runs, expected: referenceTotalCents(book) } };
}

async function maxSheet(runner: NodeRunner, dir: string): Promise<FileMeasures["max"]> {
  const file = join(dir, "purchases-max.xlsx");
  const book = await writeLargePurchasesWorkbook(file, { purchases: MAX_SHEET_ROWS, dealers: DEALERS, year: YEAR });
  const plain = await runCli(runner, file, join(dir, "cli-max.xlsx"));
  const lines = await runCli(runner, file, join(dir, "cli-max-lines.xlsx"), true);
  await rm(file, { force: true });
  return { plain, lines, expected: referenceTotalCents(book) };
}

export async function runServiceBenchmarks(): Promise<{ table: string; ok: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), "mkt-bench-services-"));
  try {
    const runner = await nodeRunner(dir);
    const { rows, small } = await smallFile(runner, dir);
    const max = await maxSheet(runner, dir);
    const targets = new Targets();
    const all = [...rows, ...fileRows(targets, { small, max })];
    const title =
      `refreshRebates, ${count(DEALERS)} dealers, year ${YEAR}: in process over ${count(PURCHASES)} purchase rows; ` +
      `whole processes (spawn to exit) over ${count(PURCHASES)} rows (median of ${FILE_REPEATS}, interleaved with ExcelJS) and ${count(MAX_SHEET_ROWS)} rows (one run each)`;
    return { table: `${title}\n\n${formatTable(["measure", "value", "note"], all)}`, ok: targets.ok };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
