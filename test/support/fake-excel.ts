/**
 * A fake Excel for Office.js tests: a real in-memory workbook (fake-excel-model.ts) behind
 * Office.js-shaped proxies, with what office-addin-mock alone cannot give (STACK-NOTES: it
 * is a property bag): queued operations that run at sync, ranges over shared cells, a
 * sync counter, request/response size limits, and fault injection. `context.application`
 * is an office-addin-mock OfficeMockObject, completed at every sync.
 */
import { OfficeMockObject } from "office-addin-mock";
import { FakeError, FakeWorkbook } from "./fake-excel-model";
import { workbookProxies } from "./fake-excel-objects";
import type { Op, ProxyHost } from "./fake-excel-proxies";

export { FakeWorkbook, FakeError } from "./fake-excel-model";

/** Excel on the web refuses requests and responses over 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SyncRecord {
  readonly index: number;
  readonly ops: string[];
  requestBytes: number;
  responseBytes: number;
  calculationSuspended: boolean;
  failed: boolean;
}

export interface Fault {
  /** 1-based number of the sync to fail (counted over the context's life). */
  readonly atSync: number;
  /** How many queued operations run before the failure: Excel applies a batch's operations up to the failing one. */
  readonly afterOps?: number;
}

export class FakeExcelContext implements ProxyHost {
  readonly workbook: ReturnType<typeof workbookProxies>;
  readonly application: OfficeMockObject;
  readonly syncs: SyncRecord[] = [];
  private queued: Op[] = [];
  private faults: Fault[] = [];
  private current: SyncRecord | undefined;
  /** Runs at the start of every sync, before its operations: simulates someone else editing meanwhile. */
  beforeSync: ((index: number) => void) | undefined;

  constructor(readonly model: FakeWorkbook = new FakeWorkbook()) {
    this.workbook = workbookProxies(this, { entity: model });
    this.application = new OfficeMockObject({
      calculationMode: "Automatic",
      suspendApiCalculationUntilNextSync: () => this.enqueue({ label: "application.suspendApiCalculationUntilNextSync", requestBytes: 0, run: () => this.noteSuspended() }),
    });
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  /** The Office.js type the code under test expects. */
  asRequestContext(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }

  enqueue(op: Op): void {
    this.queued.push(op);
  }

  failAtSync(atSync: number, afterOps = 0): void {
    this.faults.push({ atSync, afterOps });
  }

  private noteSuspended(): number {
    if (this.current) this.current.calculationSuspended = true;
    return 0;
  }

  async sync(): Promise<void> {
    const ops = this.queued;
    this.queued = [];
    const record: SyncRecord = { index: this.syncs.length + 1, ops: ops.map((o) => o.label), requestBytes: 0, responseBytes: 0, calculationSuspended: false, failed: true };
    this.syncs.push(record);
    this.current = record;
    this.beforeSync?.(record.index);
    await this.application.sync();
    record.requestBytes = ops.reduce((n, op) => n + op.requestBytes, 0);
    if (record.requestBytes > PAYLOAD_LIMIT_BYTES) throw new FakeError("RequestPayloadSizeLimitExceeded", `${record.requestBytes} bytes`);
    const fault = this.faults.find((f) => f.atSync === record.index);
    this.faults = this.faults.filter((f) => f !== fault);
    for (const [i, op] of ops.entries()) {
      if (fault && i >= (fault.afterOps ?? 0)) throw new FakeError("GeneralException", `injected fault at sync ${record.index} before ${op.label}`);
      record.responseBytes += op.run();
    }
    if (fault) throw new FakeError("GeneralException", `injected fault at sync ${record.index} after all operations`);
    if (record.responseBytes > PAYLOAD_LIMIT_BYTES) throw new FakeError("ResponsePayloadSizeLimitExceeded", `${record.responseBytes} bytes`);
    record.failed = false;
  }
}

/** A fresh context over `model`, as Excel.run would hand one out. */
export function fakeExcel(model: FakeWorkbook = new FakeWorkbook()): FakeExcelContext {
  return new FakeExcelContext(model);
}
