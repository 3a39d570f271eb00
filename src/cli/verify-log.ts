/**
 * `verify-log FILE [--trust KEYID]… [--older-copy] [--witness HEAD.json] [--export-head]`
 * (issue 12): the chain and its head, every signature, the Signers table, the log against
 * what this computer saw of the workbook (and against a head finance keeps), the keys that
 * sign it pinned on first use; then every Status cell the log does not bear out (SPEC §5.4)
 * and every policy version edited since it was approved (§4.2).
 */
import { readFile } from "node:fs/promises";
import { advanceWitness, compareWithWitness, parseWitness, rememberKeys, witnessBreakError, type HashedAuditEntry, type KeyRegistry, type KnownKeys, type PinWarning, type Witness } from "../rules";
import { mismatchProblem, readAuditLog, statusAudit, verifyAuditLog, versionAudit, type AuditFinding, type AuditVerification } from "../services";
import { EXIT_DATA, EXIT_OK, reportProblems, type CommandContext } from "./commands";
import { errorCode, fileProblem, usageProblem } from "./files/problem";
import { cliText, pinLog, roleText, sayPinWarnings, seenText, witnessReason, workbookIdOf } from "./log-trust";
import { readMemory, saveKnownKeys, saveWitnesses, type ProfileMemory } from "./profile";

const KEY_ID = /^[0-9a-f]{16}$/u;

/** --trust, given once or more: each a keyId (16 hex digits, as verify-log prints it). */
function trustOption(value: unknown): string[] {
  const given = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => String(v).trim().toLowerCase());
  for (const keyId of given) if (!KEY_ID.test(keyId)) throw usageProblem("badKeyId", { value: keyId });
  return [...new Set(given)];
}

/** A head finance keeps (`--export-head`'s JSON); a file that cannot be read or is not one is one line, exit 1. */
async function readWitnessFile(path: string): Promise<Witness> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = errorCode(error);
    throw code === "ENOENT" ? fileProblem("inputMissing", { path }, error) : fileProblem("witnessFileUnreadable", { path, code: code ?? "unknown" }, error);
  }
  let witness: Witness | undefined;
  try {
    witness = parseWitness(JSON.parse(text));
  } catch {
    witness = undefined;
  }
  if (!witness) throw fileProblem("witnessFileInvalid", { path });
  return witness;
}

const knows = (known: KnownKeys, keyId: string) => Object.values(known).some((keys) => keys.includes(keyId));

interface Trust {
  /** The known keys, with those the log introduced properly and those trusted now. */
  readonly known: KnownKeys;
  /** Keys still waiting for the user's word. */
  readonly waiting: readonly PinWarning[];
  /** Trusted by this run's --trust. */
  readonly trustedNow: readonly string[];
}

/** --trust applied to the keys waiting for it; a keyId that signs nothing in this log is a usage mistake. */
function applyTrust(keyIds: readonly string[], pinnedKnown: KnownKeys, registry: KeyRegistry, warnings: readonly PinWarning[]): Trust {
  const waitingIds = new Set(warnings.map((w) => w.keyId));
  for (const keyId of keyIds) {
    if (!waitingIds.has(keyId) && !(registry.has(keyId) && knows(pinnedKnown, keyId))) {
      throw usageProblem("trustUnknownKey", { keyId, waiting: warnings.map((w) => w.keyId).join(", ") || "—" });
    }
  }
  const trustedNow = keyIds.filter((k) => waitingIds.has(k));
  return { known: rememberKeys(pinnedKnown, registry, trustedNow), waiting: warnings.filter((w) => !trustedNow.includes(w.keyId)), trustedNow };
}

/** The log against a head from a file; a head of another workbook (or of one when this has no ID) is a problem too. */
function fileWitnessLine(context: CommandContext, witness: Witness, workbookId: string | undefined, entries: readonly HashedAuditEntry[], path: string): string | undefined {
  if (witness.workbookId !== workbookId) return cliText(context.lang, "witnessFileOther", { path, witnessId: witness.workbookId, workbookId: workbookId ?? "—" });
  const found = compareWithWitness(witness, entries);
  return found ? witnessReason(witnessBreakError(found), context.lang) : undefined;
}

interface Request {
  readonly trust: readonly string[];
  /** --witness: the file and the head it holds. */
  readonly witnessFile?: { readonly path: string; readonly witness: Witness };
  readonly olderCopy: boolean;
  readonly exportHead: boolean;
}

async function requestOf(options: Record<string, unknown>): Promise<Request> {
  const path = options.witness === undefined ? undefined : String(options.witness);
  return {
    trust: trustOption(options.trust),
    witnessFile: path === undefined ? undefined : { path, witness: await readWitnessFile(path) },
    olderCopy: Boolean(options.olderCopy),
    exportHead: Boolean(options.exportHead),
  };
}

/** Everything verify-log finds in the log, judged against the profile. */
interface Findings {
  readonly memory: ProfileMemory;
  readonly workbookId?: string;
  readonly entries: readonly HashedAuditEntry[];
  readonly result: AuditVerification;
  readonly registry: KeyRegistry;
  /** Whether the log introduced keys the profile did not know. */
  readonly learned: boolean;
  readonly trusted: Trust;
  /** Signature problems (not warnings). */
  readonly errors: readonly AuditFinding[];
  readonly warnings: readonly AuditFinding[];
  /** Warnings about keys the profile does not trust. */
  readonly untrusted: readonly AuditFinding[];
  /** The log against the --witness file, in words; undefined when it continues it. */
  readonly fromFile?: string;
}

async function examine(context: CommandContext, request: Request): Promise<Findings> {
  const memory = await readMemory(context.profile);
  const workbookId = await workbookIdOf(context.tables);
  const seen = workbookId && !request.olderCopy ? memory.witnesses[workbookId] : undefined;
  const result = await verifyAuditLog(context.tables, { witness: seen, observe: true, now: context.now().toISOString() });
  const entries = (await readAuditLog(context.tables)).map((r) => r.entry);
  const pinned = await pinLog(entries, memory.knownKeys);
  const trusted = applyTrust(request.trust, pinned.known, pinned.registry, pinned.warnings);
  const warnings = (result.signatures ?? []).filter((f) => f.warning);
  const file = request.witnessFile;
  return {
    memory,
    workbookId,
    entries,
    result,
    registry: pinned.registry,
    learned: pinned.learned,
    trusted,
    errors: (result.signatures ?? []).filter((f) => !f.warning),
    warnings,
    untrusted: warnings.filter((f) => !knows(trusted.known, String(f.error.params.keyId))),
    fromFile: file && fileWitnessLine(context, file.witness, workbookId, entries, file.path),
  };
}

function sayFindings(context: CommandContext, request: Request, found: Findings): void {
  const { lang, say } = context;
  const { result } = found;
  if (result.break) reportProblems(context, [{ sheet: result.break.sheet, row: result.break.row, error: result.break.error }], "logBroken");
  else say("logOk", { count: result.count });
  saySignedPart(context, result);
  if (found.errors.length > 0) reportProblems(context, found.errors, "signatureProblems");
  if (result.signers) reportProblems(context, result.signers, "signersProblems");
  if (result.witness) {
    say("witnessBroken", { line: witnessReason(result.witness.error, lang) });
    if (result.witness.kind === "rolledBack") say("olderCopyHint", { file: context.file });
  }
  if (found.fromFile) say("witnessFileBroken", { path: request.witnessFile?.path, line: found.fromFile });
  if (found.untrusted.length > 0) reportProblems(context, found.untrusted, "signatureWarnings");
  sayPinWarnings(say, found.trusted.waiting, lang, context.file);
  sayTrusted(context, found.warnings, found.trusted, found.registry);
  const kept = request.olderCopy && found.workbookId ? found.memory.witnesses[found.workbookId] : undefined;
  if (kept) say("olderCopyKept", { count: kept.count, seenAt: seenText(kept.seenAt) });
}

export async function runVerifyLog(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const request = await requestOf(options);
  const found = await examine(context, request);
  const { result } = found;
  if (!request.exportHead) context.print(`entries=${result.count} intact=${!result.break}${result.signedFrom !== undefined ? ` signedFrom=${result.signedFrom}` : ""}`);
  sayFindings(context, request, found);

  const broken = Boolean(result.break || found.errors.length > 0 || result.signers || result.witness || found.fromFile);
  const waiting = found.untrusted.length > 0 || found.trusted.waiting.length > 0;
  const witnessed = request.olderCopy || waiting ? undefined : result.witnessed;
  await remember(context, found.memory, { trusted: found.trusted, learned: found.learned, clean: !broken, witnessed });
  const exported = request.exportHead ? exportHead(context, found.workbookId, found.entries, !broken && !waiting) : true;

  const mismatches = [...(await statusAudit(context.tables)).map(mismatchProblem), ...(await versionAudit(context.tables))];
  if (mismatches.length > 0) reportProblems(context, mismatches, "statusMismatches");
  return broken || waiting || !exported || mismatches.length > 0 ? EXIT_DATA : EXIT_OK;
}

/** Issue 12 point 5: what the signatures vouch for, and what only the chain does. */
function saySignedPart(context: CommandContext, result: AuditVerification): void {
  if (result.count === 0) return;
  if (result.signedFrom === undefined) context.say("logUnsigned", { count: result.count });
  else if (result.signedFrom === 1) context.say("logSignedAll");
  else if (result.signedFrom === 2) context.say("logSignedFromSecond");
  else context.say("logSignedFrom", { last: result.signedFrom - 1, from: result.signedFrom });
}

/** Warnings about keys this profile trusts: one line per key, not one per entry. */
function sayTrusted(context: CommandContext, warnings: readonly AuditFinding[], trusted: Trust, registry: KeyRegistry): void {
  const byKey = new Map<string, number>();
  for (const finding of warnings) {
    const keyId = String(finding.error.params.keyId);
    if (knows(trusted.known, keyId)) byKey.set(keyId, (byKey.get(keyId) ?? 0) + 1);
  }
  const owner = (keyId: string) => {
    const key = registry.get(keyId);
    return { keyId, name: key?.name ?? "?", role: roleText(key?.role ?? "?", context.lang) };
  };
  for (const keyId of trusted.trustedNow) context.say("keyTrusted", owner(keyId));
  for (const [keyId, count] of byKey) context.say("trustedKeyNote", { ...owner(keyId), count });
}

/**
 * What this computer remembers: keys trusted with --trust always; keys the log introduced
 * properly, and the head seen, only from a log with no break or problem (the head also only
 * with no key waiting for the user's word, and never from an older copy).
 */
async function remember(context: CommandContext, memory: ProfileMemory, seen: { trusted: Trust; learned: boolean; clean: boolean; witnessed?: Witness }): Promise<void> {
  const { trusted, learned, clean } = seen;
  if (clean && (learned || trusted.trustedNow.length > 0)) await saveKnownKeys(context.profile, trusted.known);
  else if (trusted.trustedNow.length > 0) await saveKnownKeys(context.profile, withTrusted(memory.knownKeys, trusted));
  if (clean && seen.witnessed) await saveWitnesses(context.profile, [seen.witnessed]);
}

/** The profile's known keys with only the keys trusted now added (their owners as `trusted.known` holds them). */
function withTrusted(known: KnownKeys, trusted: Trust): KnownKeys {
  const next: Record<string, readonly string[]> = { ...known };
  for (const [signer, keys] of Object.entries(trusted.known)) {
    const added = keys.filter((k) => trusted.trustedNow.includes(k) && !(next[signer] ?? []).includes(k));
    if (added.length > 0) next[signer] = [...(next[signer] ?? []), ...added];
  }
  return next;
}

/** --export-head: the log's head as JSON on stdout (rules/witness.ts Witness), for finance to keep and give back with --witness. */
function exportHead(context: CommandContext, workbookId: string | undefined, entries: readonly HashedAuditEntry[], clean: boolean): boolean {
  if (!workbookId || entries.length === 0) {
    context.say("exportNothing");
    return false;
  }
  if (!clean) {
    context.say("exportRefused");
    return false;
  }
  context.print(JSON.stringify(advanceWitness(undefined, workbookId, entries, context.now().toISOString()), null, 2));
  return true;
}
