/**
 * Files this process has created and must not leave behind (temporary files, its lock):
 * removed by their owners when done, and by `removeLeftovers` when the process is stopped by
 * Ctrl-C or a termination signal (`guardSignals`). (A `kill -9` cannot be caught: the next run on the same file
 * removes what a dead process left, see `sweepLeftovers` in lock.ts.)
 */
import { unlinkSync } from "node:fs";

const pending = new Set<string>();

export function removeOnExit(path: string): void {
  pending.add(path);
}

export function keepOnExit(path: string): void {
  pending.delete(path);
}

export function removeLeftovers(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
  pending.clear();
}

const SIGNALS: readonly [NodeJS.Signals, number][] = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
];

function onSignal(signal: NodeJS.Signals): void {
  removeLeftovers();
  process.exit(SIGNALS.find(([s]) => s === signal)?.[1] ?? 1);
}

let guards = 0;

/**
 * While a file is locked: Ctrl-C or a termination signal removes the temporary file and the
 * lock before the process ends (then exit code 128 + the signal's number, as a shell reports).
 * Returns the function that ends the guard.
 */
export function guardSignals(): () => void {
  if (guards++ === 0) for (const [signal] of SIGNALS) process.on(signal, onSignal);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--guards === 0) for (const [signal] of SIGNALS) process.off(signal, onSignal);
  };
}
