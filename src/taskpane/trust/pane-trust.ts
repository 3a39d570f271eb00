import { signerKey } from "../../rules";
import type { AuditWriteOptions, LogSigner, TableOptions } from "../../services";
import type { WorkbookTables } from "../../workbook";
import type { WorkbookSession } from "../../workbook/session";
import { checkLogTrust, storeSigner, trustKey, workbookIdOf, type LogTrust } from "./log-trust";
import { TrustError } from "./trust-error";
import type { TrustStore } from "./trust-store";

/** Whether the pane can sign: the store opened, or why not. */
export type TrustAvailability = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/**
 * What the pane trusts, for as long as it is open: the store (opened on first use; a failure
 * is kept, since a private window stays private), the signers made from it, and the workbooks
 * the user marked as older copies in this session. Every write of the pane goes through
 * `write`: signed, or refused.
 */
export class PaneTrust {
  private opened?: Promise<TrustStore>;
  private readonly signers = new Map<string, Promise<LogSigner>>();
  private readonly olderCopies = new Set<string>();

  constructor(private readonly open: () => Promise<TrustStore>) {}

  /** The store; rejects with a TrustError when it cannot be used. */
  private store(): Promise<TrustStore> {
    this.opened ??= this.open().catch((error: unknown) => {
      throw error instanceof TrustError ? error : TrustError.storage(error);
    });
    return this.opened;
  }

  async availability(): Promise<TrustAvailability> {
    try {
      await this.store();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: (error as TrustError).detail };
    }
  }

  /** The user's signer as `name` in `role`; rejects with a TrustError when the key cannot be kept or used. */
  signer(name: string, role: string): Promise<LogSigner> {
    const key = signerKey(name.trim(), role.trim());
    let found = this.signers.get(key);
    if (!found) {
      found = this.store().then((store) => storeSigner(store, name, role));
      this.signers.set(key, found);
      // A failure is not kept: the next step tries again.
      found.catch(() => this.signers.delete(key));
    }
    return found;
  }

  /** The log checked against what this client remembers (see checkLogTrust), the head seen remembered. */
  async check(session: WorkbookSession, tableOptions: TableOptions = {}): Promise<LogTrust> {
    const store = await this.store().catch((error: TrustError) => error);
    const failed = store instanceof TrustError ? store : undefined;
    const trust = await session.run((tables) => checkLogTrust(tables, failed ? undefined : (store as TrustStore), { tableOptions }));
    return failed ? { ...trust, storeFailure: failed.detail } : trust;
  }

  /**
   * A write of the pane, signed with the acting user's key: `write` gets the options to pass
   * to the service (the signer, and a new workbook ID for a workbook marked as an older copy).
   * Refused with a TrustError, before anything is written, when the key cannot be kept: once
   * signed, always signed. Afterwards the log is checked again, so the head written is the
   * head seen (`trust`; undefined if that check failed, which does not undo the write).
   */
  async write<T>(session: WorkbookSession, actor: { readonly name: string; readonly role: string }, tableOptions: TableOptions, write: (tables: WorkbookTables, options: AuditWriteOptions) => Promise<T>): Promise<{ value: T; trust?: LogTrust }> {
    const signer = await this.signer(actor.name, actor.role);
    const value = await session.run(async (tables) => {
      const id = await workbookIdOf(tables);
      const copy = id !== undefined && this.olderCopies.has(id);
      const result = await write(tables, { ...tableOptions, signer, ...(copy ? { newWorkbookId: true } : {}) });
      // Its own ID from now on: the mark has done its work.
      if (copy && (await workbookIdOf(tables)) !== id) this.olderCopies.delete(id);
      return result;
    });
    const trust = await this.check(session, tableOptions).catch(() => undefined);
    return { value, trust };
  }

  /** The user trusts a key the check warned of. */
  async trustKey(check: LogTrust, keyId: string): Promise<LogTrust> {
    return trustKey(await this.store(), check, keyId);
  }

  /**
   * The user says the workbook is an older copy: its rollback is not reported again in this
   * session, the witness of the log they saw is kept, and the first write gives the copy an
   * ID of its own.
   */
  markOlderCopy(workbookId: string): void {
    this.olderCopies.add(workbookId);
  }

  isOlderCopy(workbookId: string | undefined): boolean {
    return workbookId !== undefined && this.olderCopies.has(workbookId);
  }
}
