import {
  addKeyEntry,
  approveKeyEntry,
  isSignatureWarning,
  keyIdOf,
  revokeKeyEntry,
  ruleError,
  signEntry,
  signedLogProblemError,
  judgeSignedEntry,
  signedKeyRegistry,
  type AuditEntry,
  type KeyState,
  type KeyRegistry,
  type RuleError,
} from "../rules";
import type { WorkbookTables } from "../workbook";
import { appendAuditEntries, readAuditLog, type AuditWriteOptions, type LogSigner } from "./audit-log";
import { readOutput } from "./tables";

/**
 * Managing signers' keys (issue 12 point 1), each step a signed entry of the log:
 * - publish: the user's own key, before any other step (pending, unless the log trusts it on
 *   first use: its first key, or its first director's key);
 * - introduce: a new device's key, published with one of its owner's introduced keys;
 * - approve: a director's approval of a pending key (a signer's first key, a lost device's);
 * - revoke: a key revoked by another key of its owner or by a director.
 */
export type KeyStep = { readonly kind: "publish" } | { readonly kind: "introduce"; /** The public key's text, or the key ID of a key the log already published (pending). */ readonly publicKey: string } | { readonly kind: "approve"; readonly keyId: string } | { readonly kind: "revoke"; readonly keyId: string };

export type KeyStepOutcome = { readonly kind: "done"; readonly keyId: string; readonly state: KeyState } | { readonly kind: "refused"; readonly error: RuleError };

type KeyOwnerStep = Exclude<KeyStep, { kind: "publish" }>;

/** What the step should leave the key as. */
const WANTED: Readonly<Record<KeyOwnerStep["kind"], KeyState>> = { introduce: "introduced", approve: "introduced", revoke: "revoked" };

function stepEntry(step: KeyOwnerStep, actor: { readonly name: string; readonly role: string }, time: string): Omit<AuditEntry, "seq"> | undefined {
  if (step.kind === "introduce") return addKeyEntry(actor, step.publicKey.trim(), time);
  return step.kind === "approve" ? approveKeyEntry(step.keyId.trim(), actor, time) : revokeKeyEntry(step.keyId.trim(), actor, time);
}

/**
 * The step, tried first on the log as it is: it is written only when its entry would hold
 * (a valid signature of an introduced key allowed to take it) and would change the key, so
 * that the log never holds a step that does nothing.
 */
export async function takeKeyStep(tables: WorkbookTables, step: KeyStep, actor: { readonly name: string; readonly role: string }, options: AuditWriteOptions & { readonly now?: Date }): Promise<KeyStepOutcome> {
  const { signer } = options;
  if (!signer) return { kind: "refused", error: ruleError("value", "keyStepUnsigned") };
  const entries = (await readAuditLog(tables, options)).map((r) => r.entry);
  const before = await signedKeyRegistry(entries);
  if (step.kind === "publish") return publishKey(tables, before, actor, { ...options, signer });
  if (!before.has(signer.keyId)) return { kind: "refused", error: ruleError("value", "keyStepUnknownSigner", { keyId: signer.keyId }) };
  // A key the new device already published (pending) is introduced by its ID, as the Signers table shows it.
  const published = step.kind === "introduce" ? before.get(step.publicKey.trim()) : undefined;
  if (published) step = { kind: "introduce", publicKey: published.key };
  const entry = stepEntry(step, actor, (options.now ?? new Date()).toISOString());
  const keyId = step.kind === "introduce" ? keyIdOf(step.publicKey.trim()) : step.keyId.trim();
  if (!entry || !keyId) return { kind: "refused", error: ruleError("value", "keyStepBadKey") };
  const trial = await judgeSignedEntry(before, await signEntry(entry, entries.at(-1), signer), entries.length);
  const { problem } = trial;
  if (problem && !(isSignatureWarning(problem) && problem.kind === "notIntroduced")) return { kind: "refused", error: signedLogProblemError(problem) };
  const state = trial.registry.get(keyId)?.state;
  if (state !== WANTED[step.kind] || before.get(keyId)?.state === state) return { kind: "refused", error: ruleError("value", "keyStepNoChange", { keyId, state: before.get(keyId)?.state ?? "" }) };
  const language = (await readOutput(tables, "AuditLog", options))?.ref.language ?? "en";
  await appendAuditEntries(tables, [entry], language, options);
  return { kind: "done", keyId, state };
}

/**
 * The user's key published on its own, by the addKey entry their first step would write: a
 * director can then approve it, or, as the log's first key or its first director's key, it is
 * introduced at once.
 */
async function publishKey(tables: WorkbookTables, before: KeyRegistry, actor: { readonly name: string; readonly role: string }, options: AuditWriteOptions & { readonly now?: Date; readonly signer: LogSigner }): Promise<KeyStepOutcome> {
  const { signer } = options;
  const published = before.get(signer.keyId);
  if (published) return { kind: "refused", error: ruleError("value", "keyStepNoChange", { keyId: signer.keyId, state: published.state }) };
  const entry = addKeyEntry(actor, signer.publicKey, (options.now ?? new Date()).toISOString());
  if (!entry) return { kind: "refused", error: ruleError("value", "keyStepBadKey") };
  const language = (await readOutput(tables, "AuditLog", options))?.ref.language ?? "en";
  // Its state from the registry before it and the entry as written (a Baseline written before it changes no key).
  const [written] = await appendAuditEntries(tables, [entry], language, options);
  const after = await judgeSignedEntry(before, written, written.seq - 1);
  return { kind: "done", keyId: signer.keyId, state: after.registry.get(signer.keyId)?.state ?? "pending" };
}
