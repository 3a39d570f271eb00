import { GENESIS_HASH, isEntryHash, verifyChain, type HashedAuditEntry } from "./audit";
import { ruleError, type RuleError } from "./errors";
import { isSigned } from "./key-registry";

/**
 * Witnessed heads (issue 12, point 3). Everything inside the workbook can be rewritten
 * together: rows, hashes, head, even the first key. What cannot is what the workbook's users
 * saw before: each client (the pane's storage, a CLI profile, a file finance keeps) remembers
 * per workbook the longest head it has seen, and a log shorter than it, or different at its
 * last entry, was rolled back or rewritten since. Once signed, always signed: the witness
 * also remembers from which entry the log was signed.
 */
export interface Witness {
  /** The add-in's ID of the workbook (a copy made by Save As or --out gets a new one). */
  readonly workbookId: string;
  readonly count: number;
  /** The hash of entry `count` (GENESIS_HASH when count is 0). */
  readonly lastHash: string;
  /** The position of the first signed entry the witness saw; undefined while the log was unsigned. */
  readonly signedFrom?: number;
  /** When the witness last saw this head (ISO 8601). */
  readonly seenAt: string;
}

/**
 * - rolledBack: the log holds fewer entries than the witness saw (`missing` of them);
 * - unsignedAgain: the witness saw the log signed from entry `signedFrom`, and no entry up to that one is signed now;
 * - rewritten: the entry the witness saw last (`index`) has another hash now.
 */
export type WitnessBreak =
  | { readonly kind: "rolledBack"; readonly missing: number; readonly seenAt: string }
  | { readonly kind: "unsignedAgain"; readonly signedFrom: number; readonly seenAt: string }
  | { readonly kind: "rewritten"; readonly index: number; readonly seenAt: string };

/** The log against the head a client saw; undefined when the log continues it. Checked in the order above: the first that applies. */
export function compareWithWitness(witness: Witness, entries: readonly HashedAuditEntry[]): WitnessBreak | undefined {
  const { count, seenAt, signedFrom } = witness;
  if (entries.length < count) return { kind: "rolledBack", missing: count - entries.length, seenAt };
  if (signedFrom !== undefined && !entries.slice(0, signedFrom + 1).some(isSigned)) return { kind: "unsignedAgain", signedFrom, seenAt };
  if (count > 0 && entries[count - 1].hash !== witness.lastHash) return { kind: "rewritten", index: count - 1, seenAt };
  return undefined;
}

/**
 * The witness to remember after seeing `entries` at `now`: the longest head seen, never a
 * shorter one. It moves on only over a log that continues it and whose rows chain
 * (verifyChain without a head); otherwise the old witness is kept as it was, so a rolled-back
 * or rewritten log is reported again next time. Accepting such a log (an older copy the
 * user marks as such) is the caller's choice: start afresh with `advanceWitness(undefined, …)`.
 * A witness of another workbook is replaced by a fresh one.
 */
export function advanceWitness(witness: Witness | undefined, workbookId: string, entries: readonly HashedAuditEntry[], now: string): Witness {
  const fresh = (): Witness => {
    const signed = entries.findIndex(isSigned);
    return { workbookId, count: entries.length, lastHash: entries.at(-1)?.hash ?? GENESIS_HASH, ...(signed >= 0 ? { signedFrom: signed } : {}), seenAt: now };
  };
  if (!witness || witness.workbookId !== workbookId) return verifyChain(entries) ? emptyWitness(workbookId, now) : fresh();
  if (compareWithWitness(witness, entries) || verifyChain(entries)) return witness;
  const next = fresh();
  return { ...next, signedFrom: witness.signedFrom ?? next.signedFrom };
}

const emptyWitness = (workbookId: string, seenAt: string): Witness => ({ workbookId, count: 0, lastHash: GENESIS_HASH, seenAt });

/** A witness read from JSON (a file finance keeps, `verify-log --witness`); undefined for anything else. */
export function parseWitness(value: unknown): Witness | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { workbookId, count, lastHash, signedFrom, seenAt } = value as Record<string, unknown>;
  if (typeof workbookId !== "string" || typeof seenAt !== "string" || typeof lastHash !== "string" || !isEntryHash(lastHash)) return undefined;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) return undefined;
  if (signedFrom !== undefined && (typeof signedFrom !== "number" || !Number.isInteger(signedFrom) || signedFrom < 0 || signedFrom >= count)) return undefined;
  return { workbookId, count, lastHash, ...(signedFrom === undefined ? {} : { signedFrom }), seenAt };
}

/** A witness break as the user reads it: "the log was rolled back or rewritten since you last saw it on DATE". Entries are numbered from 1. */
export function witnessBreakError(found: WitnessBreak): RuleError {
  switch (found.kind) {
    case "rolledBack":
      return ruleError("value", "auditRolledBack", { missing: found.missing, seenAt: found.seenAt });
    case "unsignedAgain":
      return ruleError("value", "auditUnsignedAgain", { from: found.signedFrom + 1, seenAt: found.seenAt });
    case "rewritten":
      return ruleError("value", "auditRewritten", { entry: found.index + 1, seenAt: found.seenAt });
  }
}
