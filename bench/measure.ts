/** Small timing helpers for the benchmarks: medians of several runs after a warm-up. */
export interface Measurement {
  readonly name: string;
  readonly rows: number;
  readonly medianMs: number;
}

export const REPEATS = 15;
const WARM_UP_RUNS = 6;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Started with --expose-gc, each run begins with an empty young generation, so runs don't pay for each other's garbage. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function timeOnce(run: () => unknown): number {
  collectGarbage();
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Times several contenders in alternation, so that load from other processes on a shared
 * machine falls on all of them alike rather than on whichever happened to run then.
 */
export function measureInterleaved(rows: number, contenders: Readonly<Record<string, () => unknown>>, repeats = REPEATS): Measurement[] {
  const entries = Object.entries(contenders);
  for (const [, run] of entries) {
    // Warm-up: let the JIT's optimizing compiler, which runs on a background thread that
    // competes for the CPU on a busy machine, finish the hot path before timing.
    for (let i = 0; i < WARM_UP_RUNS; i++) run();
  }
  const times = entries.map(() => [] as number[]);
  for (let i = 0; i < repeats; i++) entries.forEach(([, run], k) => times[k].push(timeOnce(run)));
  return entries.map(([name], k) => ({ name, rows, medianMs: median(times[k]) }));
}

export function rowsPerSecond(m: Measurement): number {
  return m.rows / (m.medianMs / 1000);
}

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatNumber(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
}
