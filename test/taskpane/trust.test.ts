/**
 * What the pane trusts (issue 12, points 1–3 and 5), over the in-memory store: one signing key
 * per user and role, made on first use and never exportable; the keys each client has seen
 * (pinned on first use, as SSH pins host keys); the longest log head it has seen of each
 * workbook, which shows a workbook rolled back; and a store that cannot be used, which refuses
 * to act rather than write unsigned. The IndexedDB store is exercised in the browser
 * (test/browser/signed-log.test.ts); here only how it fails.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { uiText } from "../../src/i18n";
import { GENESIS_HASH, signerKey, type AuditEntry } from "../../src/rules";
import { appendAuditEntry, readAuditLog, type AuditWriteOptions } from "../../src/services";
import { describe as describeFailure, makePane } from "../../src/taskpane/pane";
import { findingLines, memoryTrustRecords, memoryTrustStore, openIndexedDbTrustStore, PaneTrust, proofLines, recordTrustStore, signatureText, TrustError, type TrustRecords, type TrustStore } from "../../src/taskpane/trust";
import { WORKBOOK_ID_NAME, type WorkbookTables } from "../../src/workbook";
import type { WorkbookSession } from "../../src/workbook/session";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

const SAMPLE = readFileSync(join(__dirname, "..", "..", "assets", "sample-workbook.xlsx"));

/** The sample workbook as the preview holds it: a session over its tables, and its bytes as a user would save them. */
async function openBook(bytes: Uint8Array = SAMPLE): Promise<{ session: WorkbookSession; tables: WorkbookTables; save: () => Promise<Uint8Array> }> {
  const workbook = await XlsxWorkbook.open(new Uint8Array(bytes), { file: "sample.xlsx" });
  return { session: { kind: "preview", run: (fn) => fn(workbook.tables) }, tables: workbook.tables, save: () => workbook.save() };
}

const step = (actor: string, role: string, planId: string): Omit<AuditEntry, "seq"> => ({ time: "2025-12-05T02:00:00.000Z", planId, action: "approve", from: "Draft", to: "DeptApproved", actor, role, comment: "" });

/** One step written through the pane's trust, as a page writes one. */
function act(trust: PaneTrust, session: WorkbookSession, actor: string, role: string, planId = "R2025-001") {
  return trust.write(session, { name: actor, role }, {}, (tables, options: AuditWriteOptions) => appendAuditEntry(tables, step(actor, role, planId), "en", options));
}

const pane = (lang: "en" | "zh" = "en") => makePane(lang, { kind: "preview", run: () => new Promise(() => undefined) }, { name: "", role: "", tableNames: {} });

describe("the trust store (in memory)", () => {
  test("one key pair per user and role, made on first use, its private key not extractable; the same pair after, even when asked twice at once", async () => {
    const store = memoryTrustStore();
    const [first, again] = await Promise.all([store.keyPair("王建华", "director"), store.keyPair(" 王建华 ", "director")]);
    expect(again).toBe(first);
    expect(await store.keyPair("王建华", "director")).toBe(first);
    expect(first.privateKey.extractable).toBe(false);
    expect(first.privateKey.usages).toEqual(["sign"]);
    await expect(globalThis.crypto.subtle.exportKey("pkcs8", first.privateKey)).rejects.toThrow();
    expect(await store.keyPair("王建华", "finance")).not.toBe(first);
  });

  test("known keys grow by signer and forget nothing; witnesses are kept per workbook, anything unreadable is none", async () => {
    const records = memoryTrustRecords();
    const store = recordTrustStore(records);
    await store.addKnownKeys({ "李娜|finance": ["aaaa000000000001"] });
    await store.addKnownKeys({ "李娜|finance": ["aaaa000000000001", "aaaa000000000002"], "王建华|director": ["bbbb000000000001"] });
    expect(await store.knownKeys()).toEqual({ "李娜|finance": ["aaaa000000000001", "aaaa000000000002"], "王建华|director": ["bbbb000000000001"] });
    const witness = { workbookId: "wb-1", count: 3, lastHash: "a".repeat(64), signedFrom: 1, seenAt: "2025-12-05T02:00:00.000Z" };
    await store.saveWitness(witness);
    expect(await store.witness("wb-1")).toEqual(witness);
    expect(await store.witness("wb-2")).toBeUndefined();
    await records.update("witnesses", "wb-3", () => ({ workbookId: "wb-3", count: "three", lastHash: GENESIS_HASH, seenAt: "" }));
    expect(await store.witness("wb-3")).toBeUndefined();
  });

  test("a store that fails rejects with a TrustError, whose refusal reads in the user's language", async () => {
    const broken: TrustRecords = { ...memoryTrustRecords(), get: () => Promise.reject(new DOMException("The operation failed for reasons unrelated to the database itself.", "UnknownError")) };
    const error = await recordTrustStore(broken).keyPair("王建华", "director").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrustError);
    expect((error as TrustError).detail).toBe("The operation failed for reasons unrelated to the database itself.");
    expect(describeFailure(error, "en")).toBe(uiText("en", "trust.actRefused", { detail: (error as TrustError).detail }));
    expect(describeFailure(error, "zh")).toMatch(/^未写入任何内容：此浏览器无法保存您的签名密钥（The operation failed/);
  });
});

describe("IndexedDB that cannot be used (a private window, a sandboxed frame) is a TrustError, never a crash", () => {
  test.each<[string, () => IDBFactory | undefined, RegExp]>([
    ["no IndexedDB", () => undefined, /no IndexedDB/],
    [
      "reading it throws",
      () => {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      },
      /^Access is denied/,
    ],
    [
      "open throws",
      () =>
        ({
          open: () => {
            throw new DOMException("The user denied permission to access the database.", "SecurityError");
          },
        }) as unknown as IDBFactory,
      /denied permission/,
    ],
    [
      "open fails",
      () =>
        ({
          open: () => {
            const request = { error: new DOMException("A mutation operation was attempted on a database that did not allow mutations.", "InvalidStateError") } as unknown as IDBOpenDBRequest;
            setTimeout(() => request.onerror?.(new Event("error")), 0);
            return request;
          },
        }) as unknown as IDBFactory,
      /did not allow mutations/,
    ],
    ["open never answers", () => ({ open: () => ({}) }) as unknown as IDBFactory, /did not open within 0\.05 s/],
  ])("%s", async (_what, factory, detail) => {
    const error = await openIndexedDbTrustStore(factory, 50).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrustError);
    expect((error as TrustError).detail).toMatch(detail);
  });
});

describe("the log as each client sees it (two users, each with their own store)", () => {
  test("the first signer's key is trusted on first use; a second user's key, not introduced, asks the first to trust it, once", async () => {
    const [storeA, storeB] = [memoryTrustStore(), memoryTrustStore()];
    const [trustA, trustB] = [new PaneTrust(async () => storeA), new PaneTrust(async () => storeB)];
    const bookA = await openBook();
    const first = await act(trustA, bookA.session, "郑部长", "departmentHead");
    const signerA = await trustA.signer("郑部长", "departmentHead");
    // The sample's Baseline, then A's key and step; A's own key is known to A, and the head A wrote is the head A saw.
    expect(first.trust?.verification).toMatchObject({ count: 3, signedFrom: 2 });
    expect(first.trust?.verification.break).toBeUndefined();
    expect(first.trust?.pins).toEqual([]);
    expect(await storeA.knownKeys()).toEqual({ [signerKey("郑部长", "departmentHead")]: [signerA.keyId] });
    const workbookId = String(await bookA.tables.readNamedValue(WORKBOOK_ID_NAME));
    expect(await storeA.witness(workbookId)).toMatchObject({ workbookId, count: 3, signedFrom: 1 });

    // B opens A's file: A's key was the log's first, so B remembers it without a word; B acts.
    const bookB = await openBook(await bookA.save());
    expect((await trustB.check(bookB.session)).pins).toEqual([]);
    const second = await act(trustB, bookB.session, "钱会计", "finance");
    const signerB = await trustB.signer("钱会计", "finance");
    expect(second.trust?.pins).toEqual([]);
    // Nobody introduced B's key: the step it signed is a warning to everyone, not a break (its own addKey entry is not).
    expect(second.trust?.verification.signatures?.map((f) => [f.row, f.error.code, f.warning])).toEqual([[6, "auditKeyNotIntroduced", true]]);
    expect(await storeB.knownKeys()).toEqual({ [signerKey("郑部长", "departmentHead")]: [signerA.keyId], [signerKey("钱会计", "finance")]: [signerB.keyId] });

    // A opens B's file: B's key is one A must acknowledge; once trusted, it is not asked again.
    const bookA2 = await openBook(await bookB.save());
    const seen = await trustA.check(bookA2.session);
    expect(seen.pins).toEqual([{ name: "钱会计", role: "finance", keyId: signerB.keyId, reason: "notIntroduced" }]);
    expect(seen.verification.witness).toBeUndefined();
    expect((await trustA.trustKey(seen, signerB.keyId)).pins).toEqual([]);
    expect((await trustA.check(bookA2.session)).pins).toEqual([]);
    expect(await storeA.witness(workbookId)).toMatchObject({ count: 5 });

    // B on another computer (a new key under the same name): A knows B's key, and nobody introduced this one: asked again.
    const trustB2 = new PaneTrust(async () => memoryTrustStore());
    await act(trustB2, bookA2.session, "钱会计", "finance", "R2025-002");
    const signerB2 = await trustB2.signer("钱会计", "finance");
    expect((await trustA.check(bookA2.session)).pins).toEqual([{ name: "钱会计", role: "finance", keyId: signerB2.keyId, reason: "notIntroduced" }]);
  });

  test("an older copy reopened is reported as rolled back; marked as such, its first write gives it its own ID, and the head seen of the original is kept", async () => {
    const store = memoryTrustStore();
    const trust = new PaneTrust(async () => store);
    const book = await openBook();
    await act(trust, book.session, "郑部长", "departmentHead");
    const older = await book.save();
    await act(trust, book.session, "郑部长", "departmentHead", "R2025-002");
    const workbookId = String(await book.tables.readNamedValue(WORKBOOK_ID_NAME));
    expect(await store.witness(workbookId)).toMatchObject({ count: 4 });

    const copy = await openBook(older);
    const seen = await trust.check(copy.session);
    expect(seen.workbookId).toBe(workbookId);
    expect(seen.verification.witness?.kind).toBe("rolledBack");
    expect(describeFailure(seen.verification.witness?.error, "en")).toMatch(/^The audit log was rolled back or rewritten since you last saw it on 2\d{3}-\d\d-\d\d \d\d:\d\d \S+: 1 entries are missing\./);
    // The head seen stays the longer one.
    expect(await store.witness(workbookId)).toMatchObject({ count: 4 });

    expect(trust.isOlderCopy(workbookId)).toBe(false);
    trust.markOlderCopy(workbookId);
    expect(trust.isOlderCopy(workbookId)).toBe(true);
    const written = await act(trust, copy.session, "郑部长", "departmentHead", "R2025-003");
    const copyId = String(await copy.tables.readNamedValue(WORKBOOK_ID_NAME));
    expect(copyId).not.toBe(workbookId);
    expect(written.trust?.workbookId).toBe(copyId);
    expect(written.trust?.verification.witness).toBeUndefined();
    expect(trust.isOlderCopy(workbookId)).toBe(false);
    expect(await store.witness(workbookId)).toMatchObject({ count: 4 });
    expect(await store.witness(copyId)).toMatchObject({ workbookId: copyId, count: 4 });
  });

  test("a store that cannot be used: acting is refused before anything is written; the log is still verified, and the pane says why nothing is remembered", async () => {
    const trust = new PaneTrust(() => Promise.reject(new DOMException("The user denied permission to access the database.", "SecurityError")));
    const book = await openBook();
    const before = (await readAuditLog(book.tables)).length;
    const refused = await act(trust, book.session, "郑部长", "departmentHead").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TrustError);
    expect(describeFailure(refused, "en")).toBe("Nothing was written: this browser cannot keep your signing key (The user denied permission to access the database.), and every step must be signed. Open the pane in a normal (not private) window to act.");
    expect((await readAuditLog(book.tables)).length).toBe(before);
    expect(await book.tables.readNamedValue(WORKBOOK_ID_NAME)).toBeUndefined();
    const checked = await trust.check(book.session);
    expect(checked).toMatchObject({ storeFailure: "The user denied permission to access the database.", pins: [] });
    expect(checked.verification).toEqual({ count: 1 });
    expect(await trust.availability()).toEqual({ ok: false, detail: "The user denied permission to access the database." });
  });

  test("a store that fails after opening does not stop the check: the log is verified and the failure said", async () => {
    const store: TrustStore = { ...memoryTrustStore(), knownKeys: () => Promise.reject(TrustError.storage(new Error("QuotaExceededError"))) };
    const book = await openBook();
    const checked = await new PaneTrust(async () => store).check(book.session);
    expect(checked.storeFailure).toBe("QuotaExceededError");
    expect(checked.verification.count).toBe(1);
  });
});

describe("what the pane says of the log", () => {
  test("what each part proves: unsigned entries vouched for by the chain alone, then signed ones", () => {
    expect(proofLines({ count: 0 }, pane())).toEqual([]);
    expect(proofLines({ count: 4 }, pane())).toEqual(["All 4 entries are unsigned: only the chain vouches for them, and someone who knows how it is computed could rewrite them unseen."]);
    expect(proofLines({ count: 9, signedFrom: 2 }, pane())).toEqual(["Entries 1–1 are unsigned: only the chain vouches for them.", "From entry 2, every entry is signed: only the holder of the key it names could have written it."]);
    expect(proofLines({ count: 9, signedFrom: 1 }, pane("zh"))).toEqual(["从第 1 条记录起，每条记录都已签名：只有持有其所列密钥的人才能写入。"]);
  });

  test("findings with the same message are one line naming their rows; a table as a whole has no row", () => {
    const notIntroduced = { kind: "value" as const, code: "auditKeyNotIntroduced" as const, params: { keyId: "0123456789abcdef", name: "钱会计", role: "finance" } };
    const removed = { kind: "value" as const, code: "signersRowRemoved" as const, params: { keyId: "0123456789abcdef", name: "钱会计" } };
    const lines = findingLines(
      [
        { sheet: "AuditLog", row: 6, error: notIntroduced, warning: true },
        { sheet: "AuditLog", row: 8, error: notIntroduced, warning: true },
        { sheet: "Signers", row: 0, error: removed },
      ],
      pane(),
    );
    expect(lines).toEqual([
      "AuditLog!rows 6, 8: Warning: this audit log entry is signed with 钱会计's key 0123456789abcdef, which no other key of theirs introduced and no director has approved yet.",
      "Signers: The Signers row of 钱会计's key 0123456789abcdef was removed outside the add-in.",
    ]);
  });

  test("an entry of an item's history says who signed it by the key's short ID, or that it is unsigned, or that its signature does not hold", () => {
    const entry = { ...step("郑部长", "departmentHead", "R2025-001"), seq: 3, hash: "a".repeat(64) };
    expect(signatureText({ ...entry, keyId: "0123456789abcdef", signature: "x" }, false, pane())).toBe("signed with key 01234567");
    expect(signatureText(entry, false, pane("zh"))).toBe("未签名");
    expect(signatureText({ ...entry, keyId: "0123456789abcdef", signature: "x" }, true, pane())).toBe("⚠ signature does not hold");
  });
});
