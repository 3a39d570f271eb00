import { appendAuditEntries, readAuditLog, verifyAuditLog, type LogSigner } from "../../src/services";
import { generateSigningKeyPair, keyPairSigner, publicKeyText, signEntry, verifyChain, verifySignedLog } from "../../src/rules";
import { WORKBOOK_ID_NAME, type WorkbookTables } from "../../src/workbook";
import { makeXlsxHarness, makeOfficeHarness, type MakeHarness } from "../workbook/harness";
import { rebateBook, rowsOf, table } from "./fixtures";

async function newSigner(): Promise<LogSigner> {
  const pair = await generateSigningKeyPair();
  return { ...(await keyPairSigner(pair)), publicKey: await publicKeyText(pair.publicKey) };
}

const step = (actor: string, role: string, planId: string, time = "2025-12-05T01:00:00.000Z") => ({ time, planId, action: "advance", from: "Calculated", to: "Reviewed", actor, role, comment: "" });

/** A log the add-in wrote before entries were signed: no KeyId or Signature column. */
const OLD_LOG_HEADERS = ["Seq", "Time", "PlanID", "Action", "From", "To", "Actor", "Role", "Comment", "Hash"];

async function logOf(tables: WorkbookTables) {
  return (await readAuditLog(tables)).map((r) => r.entry);
}

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 })],
])("signed entries on %s", (_name, make) => {
  it("the first signer's key is published by a signed addKey entry, trusted on first use; every entry after it is signed; Signers and the workbook ID are written", async () => {
    const harness = await make(rebateBook());
    const director = await newSigner();
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/A")], "en", { signer: director });
    const reopened = await harness.reopen();
    const log = await logOf(reopened);
    expect(log.map((e) => [e.action, e.planId, e.keyId])).toEqual([
      ["addKey", `KEY/${director.keyId}`, director.keyId],
      ["Baseline", "", director.keyId],
      ["advance", "REBATE/2025/A", director.keyId],
    ]);
    expect(log.every((e) => /^[A-Za-z0-9_-]{86}$/.test(e.signature ?? ""))).toBe(true);
    expect(verifyChain(log)).toBeUndefined();
    const signed = await verifySignedLog(log);
    expect(signed).toMatchObject({ signedFrom: 0, problems: [] });
    expect(await verifyAuditLog(reopened)).toEqual({ count: 3, signedFrom: 1 });
    expect((await rowsOf(reopened, "Signers")).map((r) => r.values)).toEqual([
      { Name: "王建华", Role: "director", Key: director.publicKey, KeyId: director.keyId, FirstSeen: "2025-12-05T01:00:00.000Z", State: "introduced" },
    ]);
    expect(await reopened.readNamedValue(WORKBOOK_ID_NAME)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a second person's first key is pending until a director approves it; their key entry is published once", async () => {
    const harness = await make(rebateBook());
    const [director, finance] = [await newSigner(), await newSigner()];
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/A")], "en", { signer: director });
    await appendAuditEntries(harness.tables, [step("李娜", "finance", "REBATE/2025/A"), step("李娜", "finance", "REBATE/2025/B")], "en", { signer: finance });
    await appendAuditEntries(harness.tables, [step("李娜", "finance", "REBATE/2025/C")], "en", { signer: finance });
    const log = await logOf(await harness.reopen());
    expect(log.filter((e) => e.action === "addKey").map((e) => e.actor)).toEqual(["王建华", "李娜"]);
    const signed = await verifySignedLog(log);
    expect(signed.registry.get(finance.keyId)?.state).toBe("pending");
    expect(signed.problems.map((p) => p.kind)).toEqual(["notIntroduced", "notIntroduced", "notIntroduced"]);
    expect((await rowsOf(await harness.reopen(), "Signers")).map((r) => [r.values.Name, r.values.State])).toEqual([
      ["王建华", "introduced"],
      ["李娜", "pending"],
    ]);
  });

  it("a key the log gives to someone else is refused, and nothing is written", async () => {
    const harness = await make(rebateBook());
    const director = await newSigner();
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/A")], "en", { signer: director });
    const before = await logOf(await harness.reopen());
    await expect(appendAuditEntries(harness.tables, [step("李娜", "finance", "REBATE/2025/B")], "en", { signer: director })).rejects.toMatchObject({ code: "keyOwnedByOther", params: { name: "王建华", role: "director" } });
    expect(await logOf(await harness.reopen())).toEqual(before);
  });

  it("an old unsigned log keeps verifying; it gains the KeyId and Signature columns, and is signed from the first signed entry on", async () => {
    const oldLog = table("AuditLog", "A1", [OLD_LOG_HEADERS]);
    const harness = await make(rebateBook({ extraSheets: [{ name: "AuditLog", tables: [oldLog] }] }));
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/A")], "en");
    const director = await newSigner();
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/B")], "en", { signer: director });
    const reopened = await harness.reopen();
    const log = await logOf(reopened);
    expect(log.map((e) => [e.action, e.keyId ?? ""])).toEqual([
      ["Baseline", ""],
      ["advance", ""],
      ["addKey", director.keyId],
      ["advance", director.keyId],
    ]);
    expect(await verifySignedLog(log)).toMatchObject({ signedFrom: 2, problems: [] });
    expect(await verifyAuditLog(reopened)).toEqual({ count: 4, signedFrom: 3 });
  });

  it("when Signers cannot be written, the log and its head are put back", async () => {
    const harness = await make(rebateBook());
    const director = await newSigner();
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/A")], "en", { signer: director });
    const before = { log: await logOf(await harness.reopen()), head: (await rowsOf(await harness.reopen(), "AuditHead")).map((r) => r.values) };
    const finance = await newSigner();
    const replaceRows = harness.tables.replaceRows.bind(harness.tables);
    jest.spyOn(harness.tables, "replaceRows").mockImplementation(async (ref, rows, options) => {
      if (ref.kind === "Signers") throw new Error("sheet protected");
      return replaceRows(ref, rows, options);
    });
    await expect(appendAuditEntries(harness.tables, [step("李娜", "finance", "REBATE/2025/B")], "en", { signer: finance })).rejects.toThrow("sheet protected");
    const reopened = await harness.reopen();
    expect(await logOf(reopened)).toEqual(before.log);
    expect((await rowsOf(reopened, "AuditHead")).map((r) => r.values)).toEqual(before.head);
  });
});

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 })],
])("verifyAuditLog against someone who knows how the log works, on %s", (_name, make) => {
  /** Director, then finance (pending key), each with one step: 5 entries (addKey, Baseline, step, addKey, step). */
  async function signedBook() {
    const harness = await make(rebateBook());
    const [director, finance] = [await newSigner(), await newSigner()];
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/A")], "en", { signer: director });
    await appendAuditEntries(harness.tables, [step("李娜", "finance", "REBATE/2025/B")], "en", { signer: finance });
    return { harness, director, finance };
  }

  it("a pending key's entries are warnings to acknowledge, named by row; the log is intact", async () => {
    const { harness } = await signedBook();
    const result = await verifyAuditLog(await harness.reopen());
    expect(result.break).toBeUndefined();
    expect(result.signatures?.map((f) => [f.row, f.error.code, f.warning])).toEqual([[6, "auditKeyNotIntroduced", true]]);
  });

  it("a row re-signed with a key the log never published is named with its row, even with hashes and head recomputed", async () => {
    const { harness } = await signedBook();
    const outsider = await newSigner();
    const log = await logOf(await harness.reopen());
    // The forger rewrites the last entry's comment and re-signs it with their own key, then recomputes the head.
    const { time, planId, action, from, to, actor, role } = log[4];
    const forged = await signEntry({ time, planId, action, from, to, actor, role, comment: "approved by phone" }, log[3], outsider);
    const ref = await harness.tables.findTable("AuditLog");
    const data = await harness.tables.readTable(ref!);
    await harness.tables.replaceRows(ref!, [...data.rows.slice(0, 4).map((r) => r.values), { ...data.rows[4].values, Comment: forged.comment, Hash: forged.hash, KeyId: forged.keyId, Signature: forged.signature }]);
    const headRef = await harness.tables.findTable("AuditHead");
    await harness.tables.replaceRows(headRef!, [{ Count: 5, LastHash: forged.hash }]);
    const result = await verifyAuditLog(await harness.reopen());
    expect(result.break).toBeUndefined();
    expect(result.signatures?.map((f) => [f.row, f.error.code, f.warning ?? false])).toEqual([[6, "auditUnknownKey", false]]);
  });

  it("a Signers row edited outside the add-in is a problem at its row", async () => {
    const { harness } = await signedBook();
    const ref = await harness.tables.findTable("Signers");
    const data = await harness.tables.readTable(ref!);
    await harness.tables.replaceRows(ref!, [data.rows[0].values, { ...data.rows[1].values, State: "introduced" }]);
    const result = await verifyAuditLog(await harness.reopen());
    expect(result.signers?.map((f) => [f.sheet, f.row, f.error.code])).toEqual([[ref!.sheet, data.rows[1].row, "signersRowEdited"]]);
  });

  it("a log deleted whole, head included, in a workbook the add-in gave its ID: a problem, not 0 entries", async () => {
    const { harness } = await signedBook();
    for (const kind of ["AuditLog", "AuditHead"] as const) {
      const ref = await harness.tables.findTable(kind);
      await harness.tables.replaceRows(ref!, []);
    }
    const result = await verifyAuditLog(await harness.reopen());
    expect(result.break?.error.code).toBe("auditLogMissing");
  });

  it("a log rolled back to an older copy is reported against the witness, with how many entries are missing", async () => {
    const { harness, director } = await signedBook();
    const seen = await verifyAuditLog(await harness.reopen(), { observe: true, now: "2025-12-06T08:00:00.000Z" });
    expect(seen.witnessed).toMatchObject({ count: 5, seenAt: "2025-12-06T08:00:00.000Z" });
    await appendAuditEntries(harness.tables, [step("王建华", "director", "REBATE/2025/C")], "en", { signer: director });
    const later = await verifyAuditLog(await harness.reopen(), { witness: seen.witnessed, observe: true });
    expect(later.witness).toBeUndefined();
    expect(later.witnessed?.count).toBe(6);
    // Rolled back to the witnessed 5 entries, then 3: the newer witness sees both.
    const ref = await harness.tables.findTable("AuditLog");
    const rows = (await harness.tables.readTable(ref!)).rows.map((r) => r.values);
    await harness.tables.replaceRows(ref!, rows.slice(0, 3));
    const headRef = await harness.tables.findTable("AuditHead");
    await harness.tables.replaceRows(headRef!, [{ Count: 3, LastHash: String(rows[2].Hash) }]);
    const rolled = await verifyAuditLog(await harness.reopen(), { witness: later.witnessed });
    expect(rolled.break).toBeUndefined();
    expect(rolled.witness).toMatchObject({ kind: "rolledBack", error: { code: "auditRolledBack", params: { missing: 3 } } });
  });
});
