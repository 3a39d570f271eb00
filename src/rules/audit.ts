import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { ruleError, type RuleError } from "./errors";

/**
 * The approvals' tamper-evident log (3.1): each entry's hash covers the entry and the hash
 * of the entry before it, so editing, inserting or deleting a row breaks the chain from
 * there on. The chain alone has no key: someone who knows the formula can rewrite the rows
 * and recompute every hash. What holds against them:
 * - the AuditHead (count + last hash, kept apart from the log) catches rows cut off the end,
 *   appended, or rewritten at the end when the head was left as it was (`verifyChain`);
 * - signatures (signing.ts, key-registry.ts) prove that each signed entry was written with
 *   its signer's private key, so a rewrite needs that key;
 * - a witness (witness.ts), the longest head a client has seen, catches a log rolled back or
 *   rewritten whole, head included, which nothing inside the workbook can.
 * Identity is still declared: a key says "the same person as before", not who that person is.
 */
export interface AuditEntry {
  /** 1, 2, 3, …: a gap shows a deleted row, a repeat an inserted one. */
  readonly seq: number;
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly planId: string;
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly role: string;
  readonly comment: string;
  /**
   * A signed entry's key (signing.ts `keyIdOf`); absent or blank for an unsigned one. The hash
   * covers it, so a signature cannot be stripped, or moved to another key, without a break.
   */
  readonly keyId?: string;
}

export interface HashedAuditEntry extends AuditEntry {
  readonly hash: string;
  /** A signed entry's signature over its hash (signing.ts); not covered by the hash, which it signs. */
  readonly signature?: string;
}

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * SHA-256 hex of a JSON array: the previous hash, then the entry's fields in a fixed order,
 * then the keyId only when the entry has one, so an unsigned entry hashes exactly as it did
 * before entries were signed, and logs written then still verify.
 */
export function entryHash(entry: AuditEntry, previousHash: string): string {
  // A JSON array keeps the fields apart: "ab"+"c" and "a"+"bc" hash differently.
  const fields: unknown[] = [previousHash, entry.seq, entry.time, entry.planId, entry.action, entry.from, entry.to, entry.actor, entry.role, entry.comment];
  if (entry.keyId) fields.push(entry.keyId);
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(fields))));
}

/** The next entry of a log whose last entry is `last` (undefined for an empty log). */
export function chainEntry(entry: Omit<AuditEntry, "seq">, last: HashedAuditEntry | undefined): HashedAuditEntry {
  const seq = last ? last.seq + 1 : 1;
  const full = { ...entry, seq };
  return { ...full, hash: entryHash(full, last ? last.hash : GENESIS_HASH) };
}

/**
 * Where and how the log stops being the one the add-in wrote. `index` is a position in the
 * entries (0-based); the kinds without one are about the head.
 * - altered: this row was edited after it was written (its hash no longer matches);
 * - inserted: this row was slipped in (the rows around it chain without it);
 * - deleted: rows are missing just before this one (sequence numbers missingFrom–missingTo);
 * - swapped: this row and the next were exchanged (their sequence numbers run backwards);
 * - appended: `added` rows from this one on chain correctly but the head does not count
 *   them: they were added without the add-in;
 * - truncated: fewer rows than the head counts: rows were cut off the end;
 * - headMissing: the log has entries and no head, where the head is required;
 * - headUnreadable: the head's Count is not a positive whole number, or its LastHash not
 *   64 hex digits (the head was edited by hand);
 * - headMismatch: the row the head counts as the last (`index`) has another hash: the rows
 *   up to it were rewritten, hashes recomputed, and the head left as it was.
 */
export type ChainBreak =
  | { readonly kind: "altered"; readonly index: number }
  | { readonly kind: "inserted"; readonly index: number }
  | { readonly kind: "deleted"; readonly index: number; readonly missingFrom: number; readonly missingTo: number }
  | { readonly kind: "swapped"; readonly index: number }
  | { readonly kind: "appended"; readonly index: number; readonly added: number }
  | { readonly kind: "headMismatch"; readonly index: number; readonly count: number }
  | { readonly kind: "truncated"; readonly expectedCount: number; readonly actualCount: number }
  | { readonly kind: "headMissing"; readonly count: number }
  | { readonly kind: "headUnreadable"; readonly field: "count" | "lastHash" };

export interface ChainHead {
  /** The number of entries; NaN (or any non-integer) when the cell does not hold one. */
  readonly count: number;
  readonly lastHash: string;
}

export interface ChainOptions {
  /**
   * Whether a log with entries and no head is a break (`headMissing`). Off by default: a log
   * written before the head existed is verified row by row only. The caller turns it on when
   * the head must exist, e.g. once the log holds a signed entry (every add-in that signs also
   * writes the head).
   */
  readonly headRequired?: boolean;
}

/**
 * The first place where the log stops being the one the add-in wrote, or undefined when the
 * whole chain holds. Rows are checked first, in order; then `head`, kept apart from the log,
 * which alone catches rows cut off, added or rewritten at the end.
 */
export function verifyChain(entries: readonly HashedAuditEntry[], head?: ChainHead, options: ChainOptions = {}): ChainBreak | undefined {
  return rowBreak(entries) ?? headBreak(entries, head, options);
}

const HASH_PATTERN = /^[0-9a-f]{64}$/u;

/** Whether `text` can be an entry hash: 64 lower-case hex digits, as entryHash writes them. */
export const isEntryHash = (text: string): boolean => HASH_PATTERN.test(text);

function rowBreak(entries: readonly HashedAuditEntry[]): ChainBreak | undefined {
  const hashBefore = (index: number) => (index === 0 ? GENESIS_HASH : entries[index - 1].hash);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    // Every row before this one chains, so its sequence number is its position + 1.
    const expectedSeq = index + 1;
    if (entry.seq === expectedSeq + 1 && entries[index + 1]?.seq === expectedSeq) return { kind: "swapped", index };
    if (entry.seq > expectedSeq) return { kind: "deleted", index, missingFrom: expectedSeq, missingTo: entry.seq - 1 };
    if (entry.seq < expectedSeq) {
      // A repeated number: the row before is the intruder when this one follows the row before it (a forged row chained in with a recomputed hash).
      const intruderBefore = index > 0 && entry.seq === expectedSeq - 1 && entryHash(entry, hashBefore(index - 1)) === entry.hash;
      return { kind: "inserted", index: intruderBefore ? index - 1 : index };
    }
    if (entryHash(entry, hashBefore(index)) !== entry.hash) return hashBreak(entries, index, hashBefore);
  }
  return undefined;
}

/**
 * A row whose own hash no longer matches was edited (the next row still chains to its stored
 * hash), slipped in with a forged hash (the next row chains to the row before it instead), or
 * is the first row renumbered after a forged row (it chains, one number lower, to the row
 * two back).
 */
function hashBreak(entries: readonly HashedAuditEntry[], index: number, hashBefore: (index: number) => string): ChainBreak {
  const entry = entries[index];
  const next = entries[index + 1];
  if (next && entryHash(next, hashBefore(index)) === next.hash) return { kind: "inserted", index };
  if (index > 0 && entryHash({ ...entry, seq: entry.seq - 1 }, hashBefore(index - 1)) === entry.hash) return { kind: "inserted", index: index - 1 };
  return { kind: "altered", index };
}

/** The head against rows that chain: unreadable, missing, then the count and the hash of the row it counts as the last. */
function headBreak(entries: readonly HashedAuditEntry[], head: ChainHead | undefined, options: ChainOptions): ChainBreak | undefined {
  if (!head) return options.headRequired && entries.length > 0 ? { kind: "headMissing", count: entries.length } : undefined;
  if (!Number.isInteger(head.count) || head.count < 1) return { kind: "headUnreadable", field: "count" };
  if (!isEntryHash(head.lastHash.trim().toLowerCase())) return { kind: "headUnreadable", field: "lastHash" };
  if (entries.length < head.count) return { kind: "truncated", expectedCount: head.count, actualCount: entries.length };
  if (entries[head.count - 1].hash !== head.lastHash.trim().toLowerCase()) return { kind: "headMismatch", index: head.count - 1, count: head.count };
  if (entries.length > head.count) return { kind: "appended", index: head.count, added: entries.length - head.count };
  return undefined;
}

/** The head of an intact log, as the add-in writes it after each append; undefined for an empty log. */
export function headOf(entries: readonly HashedAuditEntry[]): ChainHead | undefined {
  const last = entries.at(-1);
  return last && { count: entries.length, lastHash: last.hash };
}

/** A chain break as the user reads it (src/i18n `rule.audit…`). */
export function chainBreakError(found: ChainBreak): RuleError {
  switch (found.kind) {
    case "altered":
      return ruleError("value", "auditAltered");
    case "inserted":
      return ruleError("value", "auditInserted");
    case "deleted":
      return ruleError("value", "auditDeleted", { from: found.missingFrom, to: found.missingTo });
    case "swapped":
      return ruleError("value", "auditSwapped");
    case "appended":
      return ruleError("value", "auditAppended", { count: found.added, head: found.index });
    case "truncated":
      return ruleError("value", "auditTruncated", { expected: found.expectedCount, actual: found.actualCount });
    case "headMissing":
      return ruleError("value", "auditHeadMissing", { count: found.count });
    case "headUnreadable":
      return ruleError("value", found.field === "count" ? "auditHeadCountUnreadable" : "auditHeadHashUnreadable");
    case "headMismatch":
      return ruleError("value", "auditHeadMismatch", { count: found.count });
  }
}

/**
 * SPEC §5.4, the log is the truth: the `Baseline` entry records every item's status when
 * the add-in starts (or takes over) the log; after it, each entry's To is its item's status.
 */
export const BASELINE_ACTION = "Baseline";

export interface ItemStatus {
  readonly id: string;
  readonly status: string;
}

// An ID holding "%", ";" or "=" keeps the text splittable.
const escapeField = (text: string) => text.replace(/[%;=]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
const unescapeField = (text: string) => text.replace(/%([0-9A-F]{2})/gu, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The baseline's Comment: `ID=Status;…`, IDs trimmed, blank IDs left out, sorted by ID then status (code-unit order). */
export function baselineComment(items: readonly ItemStatus[]): string {
  const pairs = items.filter((i) => i.id.trim() !== "").map((i) => [i.id.trim(), i.status.trim()] as const);
  pairs.sort(([a, s], [b, t]) => (a < b ? -1 : a > b ? 1 : s < t ? -1 : s > t ? 1 : 0));
  return pairs.map(([id, status]) => `${escapeField(id)}=${escapeField(status)}`).join(";");
}

/** A baseline's Comment read back; a part without "=" is left out. */
export function parseBaseline(comment: string): ItemStatus[] {
  return comment
    .split(";")
    .filter((part) => part.includes("="))
    .map((part) => {
      const at = part.indexOf("=");
      return { id: unescapeField(part.slice(0, at)), status: unescapeField(part.slice(at + 1)) };
    });
}

/** How the log's statuses are compared with a cell's: IDs trimmed, ignoring case. */
export const itemKey = (id: string): string => id.trim().toLowerCase();

export interface LoggedStatuses {
  /** Whether the log holds a Baseline: only then must an item it does not name be Draft. */
  readonly baseline: boolean;
  /** By itemKey: the last status the log records (a baseline's, or the last entry's To). */
  readonly statuses: ReadonlyMap<string, string>;
}

/** The statuses the log records, entry by entry in order (a later baseline overrides what came before it). */
export function loggedStatuses(entries: readonly AuditEntry[]): LoggedStatuses {
  const statuses = new Map<string, string>();
  let baseline = false;
  for (const entry of entries) {
    if (entry.action.trim() === BASELINE_ACTION) {
      baseline = true;
      for (const item of parseBaseline(entry.comment)) statuses.set(itemKey(item.id), item.status);
    } else if (entry.planId.trim() !== "" && entry.to.trim() !== "") {
      statuses.set(itemKey(entry.planId), entry.to.trim());
    }
  }
  return { baseline, statuses };
}
