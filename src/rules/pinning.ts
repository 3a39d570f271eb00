import { ruleError, type RuleError } from "./errors";
import type { KeyRegistry, RegisteredKey } from "./key-registry";

/**
 * Keys pinned on first use (issue 12, point 2), as SSH pins hosts' keys in known_hosts. Each
 * client (the pane's storage, a CLI profile) remembers the keys it has seen per signer
 * (name and role). A key the log introduced properly is remembered without a word:
 * - for a signer the client never saw, any introduced key (the log's first key, one
 *   introduced by another key of the signer, one a director approved);
 * - for a signer the client knows, a key introduced by one of the keys the client knows for
 *   them (or remembers in the same check), or approved by a director.
 * Any other key warns, and is remembered only once the user acknowledges it:
 * - notIntroduced: a pending key (nobody introduced or approved it);
 * - replacesKnown: a key for a signer the client knows that none of their known keys
 *   introduced (the log's first key included: the whole log may have been rewritten).
 */
export type KnownKeys = Readonly<Record<string, readonly string[]>>;

/** The KnownKeys key of a signer: "name|role". */
export const signerKey = (name: string, role: string): string => `${name}|${role}`;

export interface PinWarning {
  readonly name: string;
  readonly role: string;
  readonly keyId: string;
  readonly reason: "notIntroduced" | "replacesKnown";
}

export interface PinCheck {
  /** KeyIds to remember silently (`rememberKeys`). */
  readonly accept: readonly string[];
  /** Keys the user must acknowledge before they are remembered. */
  readonly warn: readonly PinWarning[];
}

/**
 * The keys used to sign the log (`usedKeyIds`, each once; keys missing from the registry
 * are left to verifySignedLog, which reports them) against what this client knows. Keys are
 * taken in the order the log published them, so a chain of new devices (A introduces B, B
 * introduces C) is accepted link by link.
 */
export function pinCheck(known: KnownKeys, registry: KeyRegistry, usedKeyIds: Iterable<string>): PinCheck {
  const used = new Set(usedKeyIds);
  const remembered = new Map<string, Set<string>>(Object.entries(known).map(([signer, keyIds]) => [signer, new Set(keyIds)]));
  const accept: string[] = [];
  const warn: PinWarning[] = [];
  for (const key of registry.values()) {
    if (!used.has(key.keyId)) continue;
    const signer = signerKey(key.name, key.role);
    const knownKeys = remembered.get(signer) ?? new Set<string>();
    if (knownKeys.has(key.keyId)) continue;
    const reason = pinProblem(key, knownKeys);
    if (reason) {
      warn.push({ name: key.name, role: key.role, keyId: key.keyId, reason });
      continue;
    }
    accept.push(key.keyId);
    remembered.set(signer, knownKeys.add(key.keyId));
  }
  return { accept, warn };
}

function pinProblem(key: RegisteredKey, knownKeys: ReadonlySet<string>): PinWarning["reason"] | undefined {
  if (key.introduction === undefined) return "notIntroduced";
  if (knownKeys.size === 0 || key.introduction === "director") return undefined;
  return key.introduction === "ownKey" && key.introducedBy !== undefined && knownKeys.has(key.introducedBy) ? undefined : "replacesKnown";
}

/** `known` with the registry's keys `keyIds` added under their signers (accepted, or acknowledged by the user). */
export function rememberKeys(known: KnownKeys, registry: KeyRegistry, keyIds: Iterable<string>): KnownKeys {
  const next: Record<string, readonly string[]> = { ...known };
  for (const keyId of keyIds) {
    const key = registry.get(keyId);
    if (!key) continue;
    const signer = signerKey(key.name, key.role);
    const current = next[signer] ?? [];
    if (!current.includes(keyId)) next[signer] = [...current, keyId];
  }
  return next;
}

/** A pinning warning as the user reads it. */
export function pinWarningError(warning: PinWarning): RuleError {
  const params = { name: warning.name, role: warning.role, keyId: warning.keyId };
  return ruleError("value", warning.reason === "notIntroduced" ? "keyNotIntroduced" : "keyReplacesKnown", params);
}
