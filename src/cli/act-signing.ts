/**
 * What `act` does with the profile (issue 12): it signs with the profile's key, and only for
 * that key's owner; it acts only on a log whose keys the user has acknowledged and that
 * continues what this computer saw of the workbook; afterwards the profile remembers the
 * new head (of the copy, for --out: a copy has its own workbook ID).
 */
import { listChoices } from "../i18n";
import { advanceWitness, compareWithWitness, parseRole, ROLES, witnessBreakError, type HashedAuditEntry, type KnownKeys, type Role, type Witness } from "../rules";
import { readAuditLog, type LogSigner } from "../services";
import type { WorkbookTables } from "../workbook";
import type { CommandContext } from "./commands";
import { usageProblem } from "./files/problem";
import { pinLog, roleText, sayPinWarnings, seenText, withKnownKey, witnessReason, workbookIdOf } from "./log-trust";
import { readMemory, saveKnownKeys, saveWitnesses, type ProfileMemory } from "./profile";
import { loadSigningKey, newSigningKey, saveSigningKey, type SigningKey } from "./signing-key";

export interface Actor {
  readonly name: string;
  readonly role: Role;
}

/** `--as` and `--role` of a step that writes (act, key), which needs --out or --in-place: usage mistakes otherwise. */
export function actorOf(context: CommandContext, options: Record<string, unknown>): Actor {
  const role = parseRole(String(options.role ?? ""));
  if (!role) throw usageProblem("badRole", { value: String(options.role ?? ""), choices: listChoices([...ROLES], context.lang) });
  const name = String(options.as ?? "").trim();
  if (name === "") throw usageProblem("badName");
  if (!context.save) throw usageProblem("actNeedsOutput");
  return { name, role };
}

/**
 * The profile's key for `actor`: the one key.json holds (refused, exit 2, when it is another
 * person's or role's), or a new one, not saved until the step is taken.
 */
export async function keyFor(context: CommandContext, actor: Actor): Promise<{ key: SigningKey; isNew: boolean }> {
  const saved = await loadSigningKey(context.profile);
  if (!saved) return { key: await newSigningKey(actor.name, actor.role, context.now()), isNew: true };
  const owner = saved.file;
  if (owner.name !== actor.name || owner.role !== actor.role) {
    const { lang } = context;
    throw usageProblem("keyOtherOwner", { keyId: owner.keyId, name: owner.name, role: roleText(owner.role, lang), created: seenText(owner.created), asName: actor.name, asRole: roleText(actor.role, lang), profile: context.profile });
  }
  return { key: saved, isNew: false };
}

export interface LogBefore {
  readonly memory: ProfileMemory;
  readonly workbookId?: string;
  readonly entries: readonly HashedAuditEntry[];
  /** The profile's known keys, the log's properly introduced keys and this profile's own key added. */
  readonly known: KnownKeys;
  /** What this computer saw of the workbook, unless --older-copy. */
  readonly witness?: Witness;
}

/**
 * The log as `act` finds it; undefined, the reasons said, to refuse the step when a key signs it that
 * the user has not acknowledged (as verify-log would warn), or when it does not continue
 * what this computer saw of the workbook, unless the user says it is an older copy.
 */
export async function checkLogBefore(context: CommandContext, actor: Actor, key: SigningKey, olderCopy: boolean): Promise<LogBefore | undefined> {
  const memory = await readMemory(context.profile);
  const entries = (await readAuditLog(context.tables)).map((r) => r.entry);
  const workbookId = await workbookIdOf(context.tables);
  const pinned = await pinLog(entries, withKnownKey(memory.knownKeys, actor.name, actor.role, key.file.keyId));
  if (pinned.warnings.length > 0) {
    sayPinWarnings(context.say, pinned.warnings, context.lang, context.file);
    context.say("actUntrusted");
    return undefined;
  }
  const witness = workbookId && !olderCopy ? memory.witnesses[workbookId] : undefined;
  const found = witness && compareWithWitness(witness, entries);
  if (found) {
    context.say("actWitnessBroken", { line: witnessReason(witnessBreakError(found), context.lang) });
    if (found.kind === "rolledBack") context.say("actOlderCopyHint");
    return undefined;
  }
  return { memory, workbookId, entries, known: pinned.known, witness };
}

/** Before the workbook is saved: a new key is written first, so that no saved entry is signed by a key nobody keeps. */
export async function keepNewKey(context: CommandContext, key: { key: SigningKey; isNew: boolean }): Promise<void> {
  if (key.isNew) {
    await saveSigningKey(context.profile, key.key);
    context.say("keyCreated", { keyId: key.key.file.keyId, name: key.key.file.name, role: roleText(key.key.file.role, context.lang), path: context.profile });
  }
}

/**
 * After the workbook is saved: the profile knows its own key and the log's, and the heads it
 * saw: the input's (unless an older copy) and the result's, under the result's workbook ID.
 */
export async function rememberAfter(context: CommandContext, tables: WorkbookTables, actor: Actor, signer: LogSigner, before: LogBefore, olderCopy: boolean): Promise<void> {
  const now = context.now().toISOString();
  const known = withKnownKey(before.known, actor.name, actor.role, signer.keyId);
  if (JSON.stringify(known) !== JSON.stringify(before.memory.knownKeys)) await saveKnownKeys(context.profile, known);
  const witnesses: Witness[] = [];
  const inputSeen = before.workbookId && !olderCopy && before.entries.length > 0 ? advanceWitness(before.witness, before.workbookId, before.entries, now) : undefined;
  if (inputSeen) witnesses.push(inputSeen);
  const workbookId = await workbookIdOf(tables);
  const entries = (await readAuditLog(tables)).map((r) => r.entry);
  if (workbookId && !(olderCopy && workbookId === before.workbookId)) {
    const previous = workbookId === before.workbookId ? inputSeen : before.memory.witnesses[workbookId];
    witnesses.push(advanceWitness(previous, workbookId, entries, now));
  }
  await saveWitnesses(context.profile, witnesses);
}
