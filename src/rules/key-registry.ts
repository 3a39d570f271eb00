import type { AuditEntry, HashedAuditEntry } from "./audit";
import { ruleError, type RuleError } from "./errors";
import type { Role } from "./roles";
import { keyIdOf, signatureChecker } from "./signing";

/**
 * Signers' keys, published and managed by entries of the log itself (issue 12, point 1), and
 * the check of every signed entry against them.
 *
 * Key entries (PlanID `KEY/<keyId>`, From and To blank, so item statuses ignore them):
 * - `addKey`, Comment `key=<public key text>`, Actor/Role the key's owner: publishes a key.
 *   Signed by an introduced, unrevoked key of the same owner, the new key is introduced (a
 *   new device). Signed by the new key itself, it is pending, unless it is the very first key
 *   of the whole log, or the first director's key of a log that never introduced one: those
 *   are trusted on first use. A log rewritten whole from its first key on is therefore
 *   self-consistent; only a witness (witness.ts) catches it, and pinning (pinning.ts) warns of
 *   a first-use key for a name the client already knows.
 * - `approveKey`, signed by an introduced director's key: a pending key becomes introduced
 *   (a signer's first key, or the key of a lost device).
 * - `revokeKey`, signed by another introduced key of the same name, or by an introduced
 *   director's key: the key is revoked, and every entry after this one signed with it is a
 *   break (entries before stay valid).
 * Only an entry with no problem (see `SignedLogProblem`) changes the registry.
 */
export const ADD_KEY_ACTION = "addKey";
export const APPROVE_KEY_ACTION = "approveKey";
export const REVOKE_KEY_ACTION = "revokeKey";
export const KEY_PLAN_PREFIX = "KEY/";
export const KEY_COMMENT_PREFIX = "key=";
/** The role whose introduced key approves a pending key or revokes any key. */
export const KEY_APPROVER_ROLE: Role = "director";

export type KeyState = "introduced" | "pending" | "revoked";
/** How a key came to be introduced: the log's first key, by another key of its owner, or approved by a director. */
export type KeyIntroduction = "firstUse" | "ownKey" | "director";

export interface RegisteredKey {
  readonly keyId: string;
  /** The public key's text (signing.ts `publicKeyText`). */
  readonly key: string;
  /** The owner, as the addKey entry's Actor and Role name them. */
  readonly name: string;
  readonly role: string;
  /** The addKey entry's Time. */
  readonly firstSeen: string;
  readonly state: KeyState;
  /** The key that introduced it (ownKey) or the director's key that approved it. */
  readonly introducedBy?: string;
  /** How it was introduced; kept once revoked, so the entries it signed before still count as introduced. */
  readonly introduction?: KeyIntroduction;
  /** The addKey entry's position in the log (0-based). */
  readonly row: number;
  /** The revokeKey entry's position. */
  readonly revokedAt?: number;
}

/** By keyId, in the order the keys were published. */
export type KeyRegistry = ReadonlyMap<string, RegisteredKey>;

export interface KeyOwner {
  readonly name: string;
  readonly role: string;
}

type KeyEntry = Omit<AuditEntry, "seq" | "keyId">;

/** The entry that publishes `publicKeyText` for its owner; undefined when the text is not a public key. */
export function addKeyEntry(owner: KeyOwner, publicKeyText: string, time: string): KeyEntry | undefined {
  const keyId = keyIdOf(publicKeyText);
  return keyId === undefined ? undefined : { time, planId: KEY_PLAN_PREFIX + keyId, action: ADD_KEY_ACTION, from: "", to: "", actor: owner.name, role: owner.role, comment: KEY_COMMENT_PREFIX + publicKeyText };
}

/** A director's approval of a pending key. */
export function approveKeyEntry(keyId: string, director: KeyOwner, time: string, comment = ""): KeyEntry {
  return { time, planId: KEY_PLAN_PREFIX + keyId, action: APPROVE_KEY_ACTION, from: "", to: "", actor: director.name, role: director.role, comment };
}

export function revokeKeyEntry(keyId: string, by: KeyOwner, time: string, comment = ""): KeyEntry {
  return { time, planId: KEY_PLAN_PREFIX + keyId, action: REVOKE_KEY_ACTION, from: "", to: "", actor: by.name, role: by.role, comment };
}

export const isSigned = (entry: AuditEntry): boolean => (entry.keyId ?? "").trim() !== "";

type KeyAction = { readonly action: "addKey"; readonly target: string; readonly key: string } | { readonly action: "approveKey" | "revokeKey"; readonly target: string };

/** A key entry read; "malformed" when its PlanID names no keyId, or an addKey's Comment holds no key whose keyId it is. */
function keyAction(entry: AuditEntry): KeyAction | "malformed" | undefined {
  const action = entry.action.trim();
  if (action !== ADD_KEY_ACTION && action !== APPROVE_KEY_ACTION && action !== REVOKE_KEY_ACTION) return undefined;
  const planId = entry.planId.trim();
  const target = planId.startsWith(KEY_PLAN_PREFIX) ? planId.slice(KEY_PLAN_PREFIX.length) : "";
  if (!/^[0-9a-f]{16}$/u.test(target)) return "malformed";
  if (action !== ADD_KEY_ACTION) return { action, target };
  const comment = entry.comment.trim();
  const key = comment.startsWith(KEY_COMMENT_PREFIX) ? comment.slice(KEY_COMMENT_PREFIX.length) : "";
  return keyIdOf(key) === target ? { action, target, key } : "malformed";
}

/**
 * What is wrong with one signed entry (or an unsigned one in the signed part), by position.
 * - unsigned: not signed, after the log's first signed entry (`signedFrom`): once signed, always signed;
 * - unknownKey: its keyId is not in the registry at that point (an addKey's own new key counts as known for its own entry);
 * - badSignature: the signature does not verify: forged, or the row changed after it was signed;
 * - wrongSigner: its Actor or Role is not the key's owner's;
 * - revokedKey: signed with a key revoked in an earlier entry (`revokedAt`);
 * - badKeyEntry: a key entry that cannot be read, or names a key no earlier entry published;
 * - notIntroduced (warning): signed with a pending key, one that no other key of its owner introduced and no director approved;
 * - keyNotAllowed (warning): a key entry that changes nothing because its signer may not make it (approval by a non-director, revocation by someone else).
 */
export type SignedLogProblem =
  | { readonly kind: "unsigned"; readonly index: number; readonly signedFrom: number }
  | { readonly kind: "unknownKey"; readonly index: number; readonly keyId: string }
  | { readonly kind: "badSignature"; readonly index: number; readonly keyId: string }
  | { readonly kind: "wrongSigner"; readonly index: number; readonly keyId: string; readonly name: string; readonly role: string }
  | { readonly kind: "revokedKey"; readonly index: number; readonly keyId: string; readonly revokedAt: number }
  | { readonly kind: "badKeyEntry"; readonly index: number }
  | { readonly kind: "notIntroduced"; readonly index: number; readonly keyId: string; readonly name: string; readonly role: string }
  | { readonly kind: "keyNotAllowed"; readonly index: number; readonly keyId: string };

/** Problems that do not break the log: shown, acknowledged, not an exit 1. */
export const isSignatureWarning = (problem: SignedLogProblem): boolean => problem.kind === "notIntroduced" || problem.kind === "keyNotAllowed";

/** The key an entry is signed with, as known at its position: registered, or an addKey's own new key. */
function signingKey(keys: ReadonlyMap<string, RegisteredKey>, entry: AuditEntry, index: number, action: KeyAction | undefined): RegisteredKey | undefined {
  const keyId = (entry.keyId ?? "").trim();
  const registered = keys.get(keyId);
  if (registered) return registered;
  if (action?.action !== ADD_KEY_ACTION || action.target !== keyId) return undefined;
  return { keyId, key: action.key, name: entry.actor.trim(), role: entry.role.trim(), firstSeen: entry.time, state: "pending", row: index };
}

/** One signed entry judged against the registry as it stands before it, and, when it has no problem, folded into it. */
function foldSigned(keys: Map<string, RegisteredKey>, entry: AuditEntry, index: number, signatureHolds: (key: RegisteredKey) => boolean): SignedLogProblem | undefined {
  const keyId = (entry.keyId ?? "").trim();
  const action = keyAction(entry);
  if (action === "malformed") return { kind: "badKeyEntry", index };
  const signer = signingKey(keys, entry, index, action);
  if (!signer) return { kind: "unknownKey", index, keyId };
  if (!signatureHolds(signer)) return { kind: "badSignature", index, keyId };
  if (signer.state === "revoked") return { kind: "revokedKey", index, keyId, revokedAt: signer.revokedAt as number };
  if (signer.name !== entry.actor.trim() || signer.role !== entry.role.trim()) return { kind: "wrongSigner", index, keyId, name: signer.name, role: signer.role };
  const ownNewKey = !keys.has(keyId);
  if (action) {
    const problem = applyKeyAction(keys, action, signer, ownNewKey, entry.time, index);
    if (problem) return problem;
  }
  return signer.state === "pending" && !ownNewKey ? { kind: "notIntroduced", index, keyId, name: signer.name, role: signer.role } : undefined;
}

/**
 * The log's very first key, and the first director's key while the log has never introduced
 * one: without the latter, a log begun by anyone else could never have a director to approve
 * keys, the director's own first key included.
 */
function trustedOnFirstUse(keys: ReadonlyMap<string, RegisteredKey>, key: RegisteredKey): boolean {
  if (keys.size === 0) return true;
  return key.role === KEY_APPROVER_ROLE && ![...keys.values()].some((k) => k.role === KEY_APPROVER_ROLE && k.introduction !== undefined);
}

function applyKeyAction(keys: Map<string, RegisteredKey>, action: KeyAction, signer: RegisteredKey, ownNewKey: boolean, time: string, index: number): SignedLogProblem | undefined {
  const target = keys.get(action.target);
  const introduced = signer.state === "introduced";
  const introduce = (key: RegisteredKey, how: KeyIntroduction, by?: string) => keys.set(key.keyId, { ...key, state: "introduced", introduction: how, introducedBy: by });
  if (action.action === ADD_KEY_ACTION) {
    if (ownNewKey) {
      if (trustedOnFirstUse(keys, signer)) introduce(signer, "firstUse");
      else keys.set(signer.keyId, signer);
    } else if (!target) {
      // Published with another key of the same owner (wrongSigner ruled out another owner).
      const added: RegisteredKey = { keyId: action.target, key: action.key, name: signer.name, role: signer.role, firstSeen: time, state: "pending", row: index };
      if (introduced) introduce(added, "ownKey", signer.keyId);
      else keys.set(added.keyId, added);
    } else if (target.state === "pending" && introduced && target.keyId !== signer.keyId && target.name === signer.name && target.role === signer.role) {
      introduce(target, "ownKey", signer.keyId);
    }
    return undefined;
  }
  if (!target) return { kind: "badKeyEntry", index };
  if (action.action === APPROVE_KEY_ACTION) {
    if (!introduced || signer.role !== KEY_APPROVER_ROLE) return { kind: "keyNotAllowed", index, keyId: signer.keyId };
    if (target.state === "pending") introduce(target, "director", signer.keyId);
    return undefined;
  }
  const sameOwner = target.name === signer.name && target.keyId !== signer.keyId;
  if (!introduced || !(sameOwner || signer.role === KEY_APPROVER_ROLE)) return { kind: "keyNotAllowed", index, keyId: signer.keyId };
  if (target.state !== "revoked") keys.set(target.keyId, { ...target, state: "revoked", revokedAt: index });
  return undefined;
}

export interface SignedLogVerification {
  /** The first signed entry's position; undefined for a log that is unsigned throughout. Entries before it are "unsigned up to row N": the chain alone vouches for them. */
  readonly signedFrom?: number;
  /** In log order, at most one per entry. */
  readonly problems: readonly SignedLogProblem[];
  /** The keys as the whole log leaves them; only entries without problems count. */
  readonly registry: KeyRegistry;
}

/** How many signatures are checked at once: WebCrypto verifies off the main thread, so a long log keeps every core busy. */
const SIGNATURES_IN_FLIGHT = 64;

/**
 * Whether each signed entry's signature holds (`check(index)` says which to check; the others
 * count as not holding), with the key its keyId names. A keyId is the hash of its key's text,
 * so the text is the one any addKey entry for that keyId carries; an entry signed with a key no
 * entry publishes fails here, and the fold reports it as unknown.
 */
async function signaturesHolding(entries: readonly HashedAuditEntry[], check: (index: number) => boolean): Promise<boolean[]> {
  const keyTexts = new Map<string, string>();
  for (const entry of entries) {
    const action = keyAction(entry);
    if (typeof action === "object" && action.action === ADD_KEY_ACTION && !keyTexts.has(action.target)) keyTexts.set(action.target, action.key);
  }
  const verify = signatureChecker();
  const holds = new Array<boolean>(entries.length).fill(false);
  const wanted = entries.map((_, index) => index).filter((index) => check(index) && isSigned(entries[index]));
  for (let start = 0; start < wanted.length; start += SIGNATURES_IN_FLIGHT) {
    await Promise.all(
      wanted.slice(start, start + SIGNATURES_IN_FLIGHT).map(async (index) => {
        const key = keyTexts.get((entries[index].keyId ?? "").trim());
        holds[index] = key !== undefined && (await verify(entries[index], key));
      }),
    );
  }
  return holds;
}

/**
 * Every signature of the log checked against the keys the log itself publishes, entry by
 * entry in order. Only the signatures: verifyChain checks that each stored hash covers its
 * entry and the ones before it, and that both hold is what makes an entry authentic.
 */
export async function verifySignedLog(entries: readonly HashedAuditEntry[]): Promise<SignedLogVerification> {
  const holds = await signaturesHolding(entries, () => true);
  const keys = new Map<string, RegisteredKey>();
  const problems: SignedLogProblem[] = [];
  let signedFrom: number | undefined;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!isSigned(entry)) {
      if (signedFrom !== undefined) problems.push({ kind: "unsigned", index, signedFrom });
      continue;
    }
    signedFrom ??= index;
    const problem = foldSigned(keys, entry, index, () => holds[index]);
    if (problem) problems.push(problem);
  }
  return { signedFrom, problems, registry: keys };
}

/**
 * The registry as the pure fold, for entries whose signatures were checked already:
 * `verified(index)` says whether entry `index`'s signature holds (verifySignedLog's registry is
 * this fold with the signatures it checked).
 */
export function keyRegistry(entries: readonly AuditEntry[], verified: (index: number) => boolean): KeyRegistry {
  const keys = new Map<string, RegisteredKey>();
  entries.forEach((entry, index) => {
    if (isSigned(entry)) foldSigned(keys, entry, index, () => verified(index));
  });
  return keys;
}

/**
 * The registry verifySignedLog would give, checking only the key entries' signatures: no
 * other entry changes a key, so a write (which needs the signer's key, not a verdict on every
 * row) costs as many signature checks as the log has key entries, not as it has entries.
 */
export async function signedKeyRegistry(entries: readonly HashedAuditEntry[]): Promise<KeyRegistry> {
  const holds = await signaturesHolding(entries, (index) => keyAction(entries[index]) !== undefined);
  return keyRegistry(entries, (index) => holds[index]);
}

/** One more signed entry judged against `registry` (the log's before it, at position `index`): its problem, if any, and the registry after it. */
export async function judgeSignedEntry(registry: KeyRegistry, entry: HashedAuditEntry, index: number): Promise<{ readonly problem?: SignedLogProblem; readonly registry: KeyRegistry }> {
  const keys = new Map(registry);
  const action = keyAction(entry);
  const signer = action === "malformed" ? undefined : signingKey(keys, entry, index, action);
  const holds = signer ? await signatureChecker()(entry, signer.key) : false;
  return { problem: foldSigned(keys, entry, index, () => holds), registry: keys };
}

/** A signed-log problem as the user reads it; entries are numbered from 1, as the add-in numbers them. */
export function signedLogProblemError(problem: SignedLogProblem): RuleError {
  switch (problem.kind) {
    case "unsigned":
      return ruleError("value", "auditUnsigned", { from: problem.signedFrom + 1 });
    case "unknownKey":
      return ruleError("value", "auditUnknownKey", { keyId: problem.keyId });
    case "badSignature":
      return ruleError("value", "auditBadSignature", { keyId: problem.keyId });
    case "wrongSigner":
      return ruleError("value", "auditWrongSigner", { keyId: problem.keyId, name: problem.name, role: problem.role });
    case "revokedKey":
      return ruleError("value", "auditRevokedKey", { keyId: problem.keyId, revokedAt: problem.revokedAt + 1 });
    case "badKeyEntry":
      return ruleError("value", "auditBadKeyEntry");
    case "notIntroduced":
      return ruleError("value", "auditKeyNotIntroduced", { keyId: problem.keyId, name: problem.name, role: problem.role });
    case "keyNotAllowed":
      return ruleError("value", "auditKeyNotAllowed", { keyId: problem.keyId });
  }
}
