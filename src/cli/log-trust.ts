/**
 * What `verify-log` and `act` share about trusting a log (issue 12, points 2 and 3): the
 * workbook's ID, the keys that sign the log pinned against the profile's known keys, and
 * the words for a pinning warning or a witness break.
 */
import { describeError, translate, type Language } from "../i18n";
import { dayLabel, isSigned, parseRole, pinCheck, pinWarningError, rememberKeys, ROLE_NAMES, signerKey, signedKeyRegistry, type HashedAuditEntry, type KeyRegistry, type KnownKeys, type PinWarning, type RuleError } from "../rules";
import { WORKBOOK_ID_NAME, type WorkbookTables } from "../workbook";

/** The ID the add-in gave the workbook on its first write to the log; undefined before that. */
export async function workbookIdOf(tables: WorkbookTables): Promise<string | undefined> {
  const value = await tables.readNamedValue(WORKBOOK_ID_NAME);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

export interface PinnedLog {
  /** The keys as the log leaves them. */
  readonly registry: KeyRegistry;
  /** `known` with the keys the log introduced properly, remembered without a word. */
  readonly known: KnownKeys;
  /** Whether `known` holds keys the profile did not know yet. */
  readonly learned: boolean;
  /** Keys to acknowledge (`verify-log --trust KEYID`) before they are remembered. */
  readonly warnings: readonly PinWarning[];
}

/** The keys that sign the log, against what the profile knows (rules/pinning.ts). */
export async function pinLog(entries: readonly HashedAuditEntry[], known: KnownKeys): Promise<PinnedLog> {
  const registry = await signedKeyRegistry(entries);
  const used = entries.filter(isSigned).map((e) => (e.keyId ?? "").trim());
  const check = pinCheck(known, registry, used);
  return { registry, known: rememberKeys(known, registry, check.accept), learned: check.accept.length > 0, warnings: check.warn };
}

/** `known` with one more key for `name` in `role` (the profile's own key). */
export function withKnownKey(known: KnownKeys, name: string, role: string, keyId: string): KnownKeys {
  const signer = signerKey(name, role);
  const keys = known[signer] ?? [];
  return keys.includes(keyId) ? known : { ...known, [signer]: [...keys, keyId] };
}

/** A role's name in the user's language when it is a role; as written otherwise (a forged log may name anything). */
export function roleText(role: string, lang: Language): string {
  const code = parseRole(role);
  return code ? ROLE_NAMES[code][lang] : role;
}

/** Each key to acknowledge, with its owner and keyId, and the command that acknowledges it. */
export function sayPinWarnings(say: (key: string, params?: Record<string, unknown>) => void, warnings: readonly PinWarning[], lang: Language, file: string): void {
  if (warnings.length === 0) return;
  say("pinWarnings", { count: warnings.length });
  for (const warning of warnings) {
    const error = pinWarningError(warning);
    say("pinWarningLine", { reason: describeError({ ...error, params: { ...error.params, role: roleText(warning.role, lang) } }, lang) });
    say("trustHint", { file, keyId: warning.keyId });
  }
}

/** "2025-12-06 16:00" in local time: when the witness last saw the log. */
export function seenText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${dayLabel(date)} ${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

/** A witness break (rules/witness.ts witnessBreakError) in words, its date as local time. */
export function witnessReason(error: RuleError, lang: Language): string {
  const { seenAt } = error.params;
  return describeError({ ...error, params: { ...error.params, ...(typeof seenAt === "string" ? { seenAt: seenText(seenAt) } : {}) } }, lang);
}

export const cliText = (lang: Language, key: string, params: Record<string, unknown> = {}) => translate(lang, `cli.${key}`, params);
