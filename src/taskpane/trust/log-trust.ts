import { isSigned, keyPairSigner, keyRegistry, pinCheck, publicKeyText, rememberKeys, signerKey, type HashedAuditEntry, type KeyRegistry, type PinWarning } from "../../rules";
import { readAuditLog, verifyAuditLog, type AuditVerification, type LogSigner, type TableOptions } from "../../services";
import { WORKBOOK_ID_NAME, type WorkbookTables } from "../../workbook";
import { TrustError } from "./trust-error";
import type { TrustStore } from "./trust-store";

/**
 * The audit log as this client sees it (issue 12, points 2, 3 and 5): the whole check of
 * verifyAuditLog against the head this client saw last, and the keys of the log's signers
 * that this client has not seen before and that the log did not introduce properly.
 */
export interface LogTrust {
  /** The workbook's ID (absent until the add-in first writes to its log). */
  readonly workbookId?: string;
  readonly verification: AuditVerification;
  /** Keys the user must acknowledge ("Trust this key"), as SSH asks of a host key it does not know. */
  readonly pins: readonly PinWarning[];
  /** The log's keys, for remembering an acknowledged one under its signer. */
  readonly registry: KeyRegistry;
  /** Why nothing could be remembered or compared: the store's failure, in the browser's words. */
  readonly storeFailure?: string;
}

/** The workbook's ID as the add-in keeps it (a hidden defined name); undefined when it has none. */
export async function workbookIdOf(tables: WorkbookTables): Promise<string | undefined> {
  const value = await tables.readNamedValue(WORKBOOK_ID_NAME);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * The signer of this client for `name` in `role`: its key pair (made on first use, the private
 * key non-extractable), and its own key remembered as known for that signer, so that the
 * user is never asked to trust their own key. Rejects with a TrustError when the store or
 * WebCrypto cannot be used.
 */
export async function storeSigner(store: TrustStore, name: string, role: string): Promise<LogSigner> {
  const pair = await store.keyPair(name, role);
  let signer: LogSigner;
  try {
    const publicKey = await publicKeyText(pair.publicKey);
    signer = { ...(await keyPairSigner(pair)), publicKey };
  } catch (error) {
    throw TrustError.storage(error);
  }
  await store.addKnownKeys({ [signerKey(name.trim(), role.trim())]: [signer.keyId] });
  return signer;
}

/** The keys the log was signed with, each once. */
function usedKeyIds(entries: readonly HashedAuditEntry[]): string[] {
  return [...new Set(entries.filter(isSigned).map((e) => (e.keyId ?? "").trim()))];
}

export interface CheckOptions {
  readonly tableOptions?: TableOptions;
  /** When the head is seen (ISO 8601); now by default. */
  readonly now?: string;
}

/**
 * The log checked against what `store` remembers, and what it has seen remembered: the head
 * (the witness moves on only over a log that continues it) and the keys the log introduced
 * properly (silently, as pinning.ts says). A store that fails is reported in `storeFailure`;
 * the log is still verified, without a witness.
 */
export async function checkLogTrust(tables: WorkbookTables, store: TrustStore | undefined, options: CheckOptions = {}): Promise<LogTrust> {
  const { tableOptions = {}, now = new Date().toISOString() } = options;
  let storeFailure: string | undefined;
  const remembered = async <T>(read: (s: TrustStore) => Promise<T>): Promise<T | undefined> => {
    if (!store || storeFailure !== undefined) return undefined;
    try {
      return await read(store);
    } catch (error) {
      storeFailure = TrustError.storage(error).detail;
      return undefined;
    }
  };
  const workbookId = await workbookIdOf(tables);
  const witness = workbookId === undefined ? undefined : await remembered((s) => s.witness(workbookId));
  const known = (await remembered((s) => s.knownKeys())) ?? {};
  const verification = await verifyAuditLog(tables, { ...tableOptions, ...(witness ? { witness } : {}), observe: true, now });
  const rows = await readAuditLog(tables, tableOptions);
  // The registry as verifyAuditLog folded it: a row whose signature does not hold changes nothing.
  const forged = new Set((verification.signatures ?? []).filter((f) => f.error.code === "auditBadSignature").map((f) => `${f.sheet}!${f.row}`));
  const registry = keyRegistry(
    rows.map((r) => r.entry),
    (index) => !forged.has(`${rows[index].sheet}!${rows[index].row}`),
  );
  const pins = pinCheck(known, registry, usedKeyIds(rows.map((r) => r.entry)));
  if (pins.accept.length > 0) await remembered((s) => s.addKnownKeys(rememberKeys({}, registry, pins.accept)));
  if (verification.witnessed) {
    const witnessed = verification.witnessed;
    await remembered((s) => s.saveWitness(witnessed));
  }
  return { ...(workbookId ? { workbookId } : {}), verification, pins: pins.warn, registry, ...(storeFailure !== undefined ? { storeFailure } : {}) };
}

/** The user acknowledges a key `check` warned of: it is known for its signer from now on. */
export async function trustKey(store: TrustStore, check: LogTrust, keyId: string): Promise<LogTrust> {
  await store.addKnownKeys(rememberKeys({}, check.registry, [keyId]));
  return { ...check, pins: check.pins.filter((p) => p.keyId !== keyId) };
}
