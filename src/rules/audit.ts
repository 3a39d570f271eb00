import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * The approvals' tamper-evident log (3.1): each entry's hash covers the entry and the hash
 * of the entry before it, so editing, inserting or deleting a row breaks the chain from
 * there on. Identity is declared, not proven: the chain shows that the log was changed
 * after the fact, not who changed it.
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
}

export interface HashedAuditEntry extends AuditEntry {
  readonly hash: string;
}

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = "0".repeat(64);

export function entryHash(entry: AuditEntry, previousHash: string): string {
  // A JSON array keeps the fields apart: "ab"+"c" and "a"+"bc" hash differently.
  const canonical = JSON.stringify([previousHash, entry.seq, entry.time, entry.planId, entry.action, entry.from, entry.to, entry.actor, entry.role, entry.comment]);
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

/** The next entry of a log whose last entry is `last` (undefined for an empty log). */
export function chainEntry(entry: Omit<AuditEntry, "seq">, last: HashedAuditEntry | undefined): HashedAuditEntry {
  const seq = last ? last.seq + 1 : 1;
  const full = { ...entry, seq };
  return { ...full, hash: entryHash(full, last ? last.hash : GENESIS_HASH) };
}

export type ChainBreak =
  | { readonly kind: "altered"; readonly index: number }
  | { readonly kind: "inserted"; readonly index: number }
  | { readonly kind: "deleted"; readonly index: number; readonly missingFrom: number; readonly missingTo: number }
  | { readonly kind: "truncated"; readonly expectedCount: number; readonly actualCount: number };

export interface ChainHead {
  readonly count: number;
  readonly lastHash: string;
}

/**
 * The first place where the log stops being the one the add-in wrote, by position in
 * `entries` (0-based), or undefined when the whole chain holds. `head`, kept apart from the
 * log, also catches rows cut off the end.
 */
export function verifyChain(entries: readonly HashedAuditEntry[], head?: ChainHead): ChainBreak | undefined {
  let previousHash = GENESIS_HASH;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const expectedSeq = index === 0 ? 1 : entries[index - 1].seq + 1;
    if (entry.seq > expectedSeq) return { kind: "deleted", index, missingFrom: expectedSeq, missingTo: entry.seq - 1 };
    if (entry.seq < expectedSeq) return { kind: "inserted", index };
    if (entryHash(entry, previousHash) !== entry.hash) return hashBreak(entries, index, previousHash);
    previousHash = entry.hash;
  }
  if (head && (head.count !== entries.length || (entries.length > 0 && head.lastHash !== previousHash))) {
    return { kind: "truncated", expectedCount: head.count, actualCount: entries.length };
  }
  return undefined;
}

/**
 * A row whose own hash no longer matches was either edited (the next row still chains to
 * its stored hash) or slipped in with a forged sequence number (the next row chains to the
 * row before it instead).
 */
function hashBreak(entries: readonly HashedAuditEntry[], index: number, previousHash: string): ChainBreak {
  const next = entries[index + 1];
  if (next && entryHash(next, previousHash) === next.hash) return { kind: "inserted", index };
  return { kind: "altered", index };
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
