import { ADD_KEY_ACTION, KEY_PLAN_PREFIX, addKeyEntry, advanceWitness, compareWithWitness, isSignatureWarning, signedLogProblemError, signersProblemError, signersTableProblems, witnessBreakError, type KeyRegistry, type KeyState, type Witness, type WitnessBreak, BASELINE_ACTION, baselineComment, chainBreakError, chainEntry, ruleError, signEntry, signersRows, signedKeyRegistry, verifySignedLog, type Signer, itemKey, loggedStatuses, parseBaseline, parseWorkflowStatus, verifyChain, type AuditEntry, type ItemStatus, type ChainBreak, type ChainHead, type HashedAuditEntry, type RuleError } from "../rules";
import { baselineHashPairs, readVersionTables, tableVersions } from "./policy";
import { WORKBOOK_ID_NAME, type CellValue, type HeaderLanguage, type RowValues, type TableData, type TableRow, type WorkbookTables } from "../workbook";
import { cellText } from "./cells";
import { outputTable, readOutput, readRewritable, sameRows, type TableOptions } from "./tables";

/** The tamper-evident AuditLog (3.1): append with the chain hash, verify, a plan's history. */
export interface AuditLogRow {
  readonly entry: HashedAuditEntry;
  readonly sheet: string;
  readonly row: number;
}

function entryOf(row: TableRow): HashedAuditEntry {
  const v = row.values;
  const text = (id: string) => cellText(v[id]);
  // A Seq that is not a number cannot chain: NaN makes verifyChain report the row.
  const seq = typeof v.Seq === "number" ? v.Seq : Number(text("Seq").trim() || Number.NaN);
  const signed = text("KeyId").trim() !== "" ? { keyId: text("KeyId").trim(), signature: text("Signature").trim() } : {};
  return { seq, time: text("Time"), planId: text("PlanID"), action: text("Action"), from: text("From"), to: text("To"), actor: text("Actor"), role: text("Role"), comment: text("Comment"), hash: text("Hash"), ...signed };
}

export function auditRows(data: TableData | undefined): AuditLogRow[] {
  return (data?.rows ?? []).map((row) => ({ entry: entryOf(row), sheet: row.sheet, row: row.row }));
}

export async function readAuditLog(tables: WorkbookTables, options: TableOptions = {}): Promise<AuditLogRow[]> {
  return auditRows(await readOutput(tables, "AuditLog", options));
}

function entryRow(e: HashedAuditEntry): RowValues {
  const signed: RowValues = e.keyId ? { KeyId: e.keyId, Signature: e.signature ?? "" } : {};
  return { Seq: e.seq, Time: e.time, PlanID: e.planId, Action: e.action, From: e.from, To: e.to, Actor: e.actor, Role: e.role, Comment: e.comment, Hash: e.hash, ...signed };
}

function chainHead(headData: TableData | undefined): ChainHead | undefined {
  const values = headData?.rows[0]?.values;
  return values && { count: typeof values.Count === "number" ? values.Count : Number.NaN, lastHash: cellText(values.LastHash) };
}

/** A Status cell as the log compares it: blank is Draft, a status by its code (草稿 is Draft), other text as typed. */
export function statusOfCell(value: CellValue | undefined): string {
  const text = cellText(value).trim() || "Draft";
  return parseWorkflowStatus(text) ?? text;
}

/** Every row of Plans and Requests with an ID, and its status (SPEC §5.4). */
export function itemStatuses(...data: readonly (TableData | undefined)[]): ItemStatus[] {
  return data.flatMap((d) => (d?.rows ?? []).map((row) => ({ id: cellText(row.values.ID).trim(), status: statusOfCell(row.values.Status) }))).filter((i) => i.id !== "");
}

/**
 * The Baseline entry written before `entry` (SPEC §5.4): every item's status as it stands
 * before `entry` (the item `entry` moves is at its From, whatever its cell says now). An item
 * an older log already names keeps the status the log gives it, not its cell's: the log is
 * the truth, so a status typed in by hand before the baseline is not laundered into it.
 */
async function baselineBefore(tables: WorkbookTables, entry: Omit<AuditEntry, "seq">, earlier: readonly AuditEntry[], options: TableOptions): Promise<Omit<AuditEntry, "seq">> {
  const plans = await readOutput(tables, "Plans", options);
  const requests = await readOutput(tables, "Requests", options);
  const versions = tableVersions(await readVersionTables(tables, options));
  const moved = itemKey(entry.planId);
  const logged = loggedStatuses(earlier).statuses;
  const versionStatuses = versions.flatMap((v) => (v.status ? [{ id: v.id, status: v.status }] : []));
  const items = [...itemStatuses(plans, requests), ...versionStatuses].map((i) => {
    if (moved !== "" && entry.from.trim() !== "" && itemKey(i.id) === moved) return { ...i, status: statusOfCell(entry.from) };
    const known = logged.get(itemKey(i.id));
    return known === undefined ? i : { ...i, status: known };
  });
  // A version approved before the log started keeps the hash of its rows then (SPEC §4.2).
  const hashes = baselineHashPairs(versions.filter((v) => itemKey(v.id) !== moved));
  return { time: entry.time, planId: "", action: BASELINE_ACTION, from: "", to: "", actor: entry.actor, role: entry.role, comment: baselineComment([...items, ...hashes]) };
}

/** The acting user's key (the pane's IndexedDB key, the command line's key file): it signs what the add-in appends. */
export interface LogSigner extends Signer {
  /** The public key's text (rules/signing.ts `publicKeyText`), published in the log by an addKey entry on first use. */
  readonly publicKey: string;
}

export interface AuditWriteOptions extends TableOptions {
  /** Signs every entry appended, the Baseline and the key's own addKey entry included; without it, entries are unsigned as before. */
  readonly signer?: LogSigner;
  /** A copy (--out, Save As): the workbook gets a new ID before its log grows, so that witnesses of the original do not take it for a rollback. */
  readonly newWorkbookId?: boolean;
}

/**
 * Chains the entry to the log's last row and appends it, then records the new head; creates
 * both tables when missing. A log without a Baseline entry gets one first, in the same
 * append (SPEC §5.4). If the head cannot be written, the log is put back as it was.
 */
export async function appendAuditEntry(tables: WorkbookTables, entry: Omit<AuditEntry, "seq">, language: HeaderLanguage, options: AuditWriteOptions = {}): Promise<HashedAuditEntry> {
  const [hashed] = await appendAuditEntries(tables, [entry], language, options);
  return hashed;
}

/**
 * The addKey entry that publishes the signer's key, when the log does not hold it yet; a key
 * the log gives to someone else is refused (keyOwnedByOther): one key, one owner.
 */
async function keyIntroduction(earlier: readonly HashedAuditEntry[], signer: LogSigner, actor: Omit<AuditEntry, "seq">): Promise<Omit<AuditEntry, "seq"> | undefined> {
  // The entry is the key's own publication (a publish step): nothing to add before it.
  if (actor.action === ADD_KEY_ACTION && actor.planId === KEY_PLAN_PREFIX + signer.keyId) return undefined;
  const known = (await signedKeyRegistry(earlier)).get(signer.keyId);
  if (known) {
    if (known.name !== actor.actor.trim() || known.role !== actor.role.trim()) throw ruleError("value", "keyOwnedByOther", { keyId: signer.keyId, name: known.name, role: known.role });
    return undefined;
  }
  const entry = addKeyEntry({ name: actor.actor.trim(), role: actor.role.trim() }, signer.publicKey, actor.time);
  if (!entry) throw ruleError("value", "unexpected", { detail: "the signer's public key is not a P-256 key" });
  return entry;
}

/** Chained after `last`, each signed when there is a signer. */
async function chainAll(entries: readonly Omit<AuditEntry, "seq">[], last: HashedAuditEntry | undefined, signer: LogSigner | undefined): Promise<HashedAuditEntry[]> {
  const chained: HashedAuditEntry[] = [];
  for (const entry of entries) chained.push(signer ? await signEntry(entry, chained.at(-1) ?? last, signer) : chainEntry(entry, chained.at(-1) ?? last));
  return chained;
}

/** The workbook's ID (WORKBOOK_ID_NAME), given one on the add-in's first write to its log, or a new one for a copy. */
async function ensureWorkbookId(tables: WorkbookTables, fresh: boolean): Promise<void> {
  const id = await tables.readNamedValue(WORKBOOK_ID_NAME);
  if (fresh || typeof id !== "string" || id.trim() === "") await tables.writeNamedText(WORKBOOK_ID_NAME, globalThis.crypto.randomUUID());
}

/**
 * Several entries in one append, each chained to the one before (a bulk step: one entry per
 * row moved). With a signer, each is signed, after the addKey entry that publishes its key
 * when the log does not hold it yet, and the Signers table is rewritten from the log. The
 * log, its head and Signers change together: if a later write fails, the earlier are put back.
 */
export async function appendAuditEntries(tables: WorkbookTables, entries: readonly Omit<AuditEntry, "seq">[], language: HeaderLanguage, options: AuditWriteOptions = {}): Promise<HashedAuditEntry[]> {
  if (entries.length === 0) return [];
  const existing = await readOutput(tables, "AuditLog", options);
  const rows = auditRows(existing);
  const earlier = rows.map((r) => r.entry);
  const { signer } = options;
  const keyEntry = signer ? await keyIntroduction(earlier, signer, entries[0]) : undefined;
  const hasBaseline = rows.some((r) => r.entry.action.trim() === BASELINE_ACTION);
  const baseline = hasBaseline ? undefined : await baselineBefore(tables, entries[0], earlier, options);
  const added = await chainAll([...(keyEntry ? [keyEntry] : []), ...(baseline ? [baseline] : []), ...entries], rows.at(-1)?.entry, signer);
  await ensureWorkbookId(tables, options.newWorkbookId === true);
  const logRef = await outputTable(tables, "AuditLog", language, existing, options);
  const headData = await readRewritable(tables, "AuditHead", options);
  const signersData = signer ? await readRewritable(tables, "Signers", options) : undefined;
  const putBack: (() => Promise<void>)[] = [];
  try {
    // A log from before signing lacks KeyId and Signature: rewriting it whole adds them (appendRows adds no column).
    if (signer && existing && !("KeyId" in existing.columnMap)) await tables.replaceRows(logRef, [...existing.rows.map((r) => r.values), ...added.map(entryRow)]);
    else await tables.appendRows(logRef, added.map(entryRow));
    putBack.push(() => tables.replaceRows(logRef, (existing?.rows ?? []).map((r) => r.values)));
    const headRef = await outputTable(tables, "AuditHead", language, headData, options);
    await tables.replaceRows(headRef, [{ Count: rows.length + added.length, LastHash: (added.at(-1) as HashedAuditEntry).hash }]);
    putBack.push(() => tables.replaceRows(headRef, (headData?.rows ?? []).map((r) => r.values)));
    if (signer) await writeSigners(tables, [...earlier, ...added], language, signersData, options);
  } catch (error) {
    for (const undo of putBack.reverse()) await undo();
    throw error;
  }
  return added.slice(-entries.length);
}

/** The Signers table as the log's key entries leave it (rules/signers.ts). */
async function writeSigners(tables: WorkbookTables, log: readonly HashedAuditEntry[], language: HeaderLanguage, existing: TableData | undefined, options: TableOptions): Promise<void> {
  const rows = signersRows(await signedKeyRegistry(log)).map((r) => ({ Name: r.name, Role: r.role, Key: r.key, KeyId: r.keyId, FirstSeen: r.firstSeen, State: r.state }));
  if (sameRows("Signers", existing, rows)) return;
  await tables.replaceRows(await outputTable(tables, "Signers", language, existing, options), rows);
}

/** A finding named by its row: a signature problem (or, when `warning`, one to acknowledge), or a Signers row edited outside the add-in. */
export interface AuditFinding {
  readonly sheet: string;
  readonly row: number;
  readonly error: RuleError;
  readonly warning?: boolean;
}

export interface AuditVerification {
  readonly count: number;
  /** The first row where the log stops being the one the add-in wrote. */
  readonly break?: { readonly kind: ChainBreak["kind"]; readonly sheet: string; readonly row: number; readonly error: RuleError };
  /** The first signed entry, numbered from 1: the entries before it are unsigned, vouched for by the chain alone. Absent for a log unsigned throughout. */
  readonly signedFrom?: number;
  /** Every signature problem and warning, in log order (present only when there are some). */
  readonly signatures?: readonly AuditFinding[];
  /** Rows of the Signers table that differ from the keys the log publishes (present only when there are some). */
  readonly signers?: readonly AuditFinding[];
  /** The head as the log stands, to remember as the new witness (asked for by `observe`; present when the log has entries and a workbook ID). */
  readonly witnessed?: Witness;
  /** The log against the witness given (present only when it was rolled back or rewritten since). */
  readonly witness?: { readonly kind: WitnessBreak["kind"]; readonly error: RuleError };
}

export interface VerifyOptions extends TableOptions {
  /** The head a client saw before (the pane's storage, a CLI profile, `verify-log --witness`). */
  readonly witness?: Witness;
  /** Also give the head to remember (`witnessed`), seen at `now` (ISO 8601). */
  readonly observe?: boolean;
  readonly now?: string;
}

/**
 * The whole check: the chain and its head (required: a log without its head is a problem, not
 * "0 entries"), every signature against the keys the log publishes, the Signers table against
 * them, a log gone although the add-in once wrote it (the workbook has its ID), and the log
 * against a witness.
 */
export async function verifyAuditLog(tables: WorkbookTables, options: VerifyOptions = {}): Promise<AuditVerification> {
  const log = await readOutput(tables, "AuditLog", options);
  const head = await readRewritable(tables, "AuditHead", options);
  const chain = verifyAuditTables(log, head);
  const rows = auditRows(log);
  const entries = rows.map((r) => r.entry);
  const idValue = await tables.readNamedValue(WORKBOOK_ID_NAME);
  const workbookId = typeof idValue === "string" && idValue.trim() !== "" ? idValue.trim() : undefined;
  const gone = rows.length === 0 && !chain.break && workbookId !== undefined ? { kind: "truncated" as const, sheet: log?.ref.sheet ?? "AuditLog", row: 0, error: ruleError("value", "auditLogMissing") } : undefined;
  const signed = await verifySignedLog(entries);
  const at = (index: number) => ({ sheet: rows[index].sheet, row: rows[index].row });
  const signatures = signed.problems.map((p) => ({ ...at(p.index), error: signedLogProblemError(p), ...(isSignatureWarning(p) ? { warning: true } : {}) }));
  const signers = await signersFindings(tables, signed.registry, options);
  const witnessBreak = options.witness && compareWithWitness(options.witness, entries);
  return {
    ...chain,
    ...(gone && !chain.break ? { break: gone } : {}),
    ...(signed.signedFrom !== undefined ? { signedFrom: signed.signedFrom + 1 } : {}),
    ...(signatures.length > 0 ? { signatures } : {}),
    ...(signers.length > 0 ? { signers } : {}),
    ...(options.observe && workbookId && rows.length > 0 ? { witnessed: advanceWitness(options.witness, workbookId, entries, options.now ?? new Date().toISOString()) } : {}),
    ...(witnessBreak ? { witness: { kind: witnessBreak.kind, error: witnessBreakError(witnessBreak) } } : {}),
  };
}

/** The Signers table as read against the log's keys: each row edited, added or missing, by its row (a missing one by the table). */
async function signersFindings(tables: WorkbookTables, registry: KeyRegistry, options: TableOptions): Promise<AuditFinding[]> {
  const data = await readRewritable(tables, "Signers", options);
  if (!data && registry.size === 0) return [];
  const text = (row: TableRow, id: string) => cellText(row.values[id]).trim();
  const actual = (data?.rows ?? []).map((row) => ({ name: text(row, "Name"), role: text(row, "Role"), key: text(row, "Key"), keyId: text(row, "KeyId"), firstSeen: text(row, "FirstSeen"), state: text(row, "State") as KeyState }));
  return signersTableProblems(signersRows(registry), actual).map((problem) => {
    const row = "index" in problem ? data?.rows[problem.index] : undefined;
    return { sheet: row?.sheet ?? data?.ref.sheet ?? "Signers", row: row?.row ?? 0, error: signersProblemError(problem) };
  });
}

/** The AuditLog and AuditHead tables as read: the chain and its head, which a log with entries must have. */
export function verifyAuditTables(log: TableData | undefined, headData: TableData | undefined): AuditVerification {
  const rows = auditRows(log);
  const found = verifyChain(rows.map((r) => r.entry), chainHead(headData), { headRequired: true });
  if (!found) return { count: rows.length };
  // Rows cut off the end: the place is the last row left, or the head itself when none is.
  const at = "index" in found ? rows[found.index] : ((found.kind === "headUnreadable" ? headData?.rows[0] : rows.at(-1)) ?? headData?.rows[0] ?? { sheet: log?.ref.sheet ?? "", row: 0 });
  return { count: rows.length, break: { kind: found.kind, sheet: at.sheet, row: at.row, error: chainBreakError(found) } };
}

export interface ItemHistoryRow extends AuditLogRow {
  /** For a Baseline entry: the status it records for the item. */
  readonly baselineStatus?: string;
}

/** The log entries of one item (IDs compared as in the status audit), with the Baselines that record it. */
export async function itemHistory(tables: WorkbookTables, id: string, options: TableOptions = {}): Promise<ItemHistoryRow[]> {
  const wanted = itemKey(id);
  return (await readAuditLog(tables, options)).flatMap((r): ItemHistoryRow[] => {
    if (r.entry.action.trim() !== BASELINE_ACTION) return itemKey(r.entry.planId) === wanted ? [r] : [];
    const recorded = parseBaseline(r.entry.comment).find((item) => itemKey(item.id) === wanted);
    return recorded ? [{ ...r, baselineStatus: recorded.status }] : [];
  });
}
