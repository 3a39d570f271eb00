import { appendAuditEntries, readAuditLog, takeKeyStep, verifyAuditLog, type LogSigner } from "../../src/services";
import { generateSigningKeyPair, keyPairSigner, publicKeyText, verifySignedLog } from "../../src/rules";
import { makeXlsxHarness, makeOfficeHarness, type MakeHarness } from "../workbook/harness";
import { rebateBook, rowsOf } from "./fixtures";

async function newSigner(): Promise<LogSigner> {
  const pair = await generateSigningKeyPair();
  return { ...(await keyPairSigner(pair)), publicKey: await publicKeyText(pair.publicKey) };
}

const DIRECTOR = { name: "王建华", role: "director" };
const FINANCE = { name: "李娜", role: "finance" };
const NOW = new Date("2025-12-05T02:00:00.000Z");
const step = (who: { name: string; role: string }, planId: string) => ({ time: NOW.toISOString(), planId, action: "advance", from: "Calculated", to: "Reviewed", actor: who.name, role: who.role, comment: "" });

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 })],
])("key steps on %s", (_name, make) => {
  /** The director (first key, trusted on first use) and finance (first key, pending) have each taken a step. */
  async function book() {
    const harness = await make(rebateBook());
    const [director, finance] = [await newSigner(), await newSigner()];
    await appendAuditEntries(harness.tables, [step(DIRECTOR, "REBATE/2025/A")], "en", { signer: director });
    await appendAuditEntries(harness.tables, [step(FINANCE, "REBATE/2025/B")], "en", { signer: finance });
    return { harness, director, finance };
  }

  const states = async (harness: Awaited<ReturnType<typeof book>>["harness"]) => (await rowsOf(await harness.reopen(), "Signers")).map((r) => [r.values.Name, r.values.State]);

  it("a director approves finance's first key: finance's later entries carry no warning, and Signers says introduced", async () => {
    const { harness, director, finance } = await book();
    const warned = (await verifyAuditLog(await harness.reopen())).signatures ?? [];
    expect(warned.map((f) => [f.row, f.warning])).toEqual([[6, true]]);
    expect(await takeKeyStep(harness.tables, { kind: "approve", keyId: finance.keyId }, DIRECTOR, { signer: director, now: NOW })).toEqual({ kind: "done", keyId: finance.keyId, state: "introduced" });
    await appendAuditEntries(harness.tables, [step(FINANCE, "REBATE/2025/C")], "en", { signer: finance });
    const result = await verifyAuditLog(await harness.reopen());
    // The entry signed while the key was pending keeps its warning: the log says what held when it was written.
    expect(result.signatures).toEqual(warned);
    expect(result.break).toBeUndefined();
    expect(await states(harness)).toEqual([
      ["王建华", "introduced"],
      ["李娜", "introduced"],
    ]);
  });

  it("finance may not approve a key, and a step that changes nothing is refused: nothing is written", async () => {
    const { harness, director, finance } = await book();
    const count = (await readAuditLog(await harness.reopen())).length;
    expect(await takeKeyStep(harness.tables, { kind: "approve", keyId: finance.keyId }, FINANCE, { signer: finance, now: NOW })).toMatchObject({ kind: "refused", error: { code: "auditKeyNotAllowed" } });
    expect(await takeKeyStep(harness.tables, { kind: "approve", keyId: director.keyId }, DIRECTOR, { signer: director, now: NOW })).toMatchObject({ kind: "refused", error: { code: "keyStepNoChange", params: { state: "introduced" } } });
    expect(await takeKeyStep(harness.tables, { kind: "approve", keyId: "0123456789abcdef" }, DIRECTOR, { signer: director, now: NOW })).toMatchObject({ kind: "refused" });
    expect(await takeKeyStep(harness.tables, { kind: "introduce", publicKey: "not a key" }, DIRECTOR, { signer: director, now: NOW })).toMatchObject({ kind: "refused", error: { code: "keyStepBadKey" } });
    expect((await readAuditLog(await harness.reopen())).length).toBe(count);
  });

  it("the director's second device is introduced by the first key, then signs without a warning; a lost device's key is revoked by a director and its later entries break", async () => {
    const { harness, director, finance } = await book();
    const laptop = await newSigner();
    expect(await takeKeyStep(harness.tables, { kind: "introduce", publicKey: laptop.publicKey }, DIRECTOR, { signer: director, now: NOW })).toMatchObject({ kind: "done", state: "introduced" });
    await appendAuditEntries(harness.tables, [step(DIRECTOR, "REBATE/2025/C")], "en", { signer: laptop });
    expect((await verifyAuditLog(await harness.reopen())).signatures?.filter((f) => !f.warning)).toEqual([]);

    expect(await takeKeyStep(harness.tables, { kind: "revoke", keyId: laptop.keyId }, DIRECTOR, { signer: director, now: NOW })).toMatchObject({ kind: "done", state: "revoked" });
    await appendAuditEntries(harness.tables, [step(DIRECTOR, "REBATE/2025/D")], "en", { signer: laptop });
    const log = (await readAuditLog(await harness.reopen())).map((r) => r.entry);
    const signed = await verifySignedLog(log);
    expect(signed.problems.filter((p) => p.kind === "revokedKey").map((p) => p.index)).toEqual([log.length - 1]);
    expect(finance.keyId).not.toBe(laptop.keyId);
  });

  it("in a log begun by finance, an assistant's published key is pending; a director publishes a key without acting, introduced at once, and approves it; publishing again changes nothing", async () => {
    const harness = await make(rebateBook());
    const [finance, analyst, director] = [await newSigner(), await newSigner(), await newSigner()];
    await appendAuditEntries(harness.tables, [step(FINANCE, "REBATE/2025/A")], "en", { signer: finance });
    const ANALYST = { name: "周敏", role: "marketingAssistant" };
    expect(await takeKeyStep(harness.tables, { kind: "publish" }, ANALYST, { signer: analyst, now: NOW })).toEqual({ kind: "done", keyId: analyst.keyId, state: "pending" });
    expect(await takeKeyStep(harness.tables, { kind: "publish" }, DIRECTOR, { signer: director, now: NOW })).toEqual({ kind: "done", keyId: director.keyId, state: "introduced" });
    expect(await takeKeyStep(harness.tables, { kind: "approve", keyId: analyst.keyId }, DIRECTOR, { signer: director, now: NOW })).toMatchObject({ kind: "done", state: "introduced" });
    const count = (await readAuditLog(await harness.reopen())).length;
    expect(await takeKeyStep(harness.tables, { kind: "publish" }, DIRECTOR, { signer: director, now: NOW })).toMatchObject({ kind: "refused", error: { code: "keyStepNoChange", params: { state: "introduced" } } });

    const log = (await readAuditLog(await harness.reopen())).map((r) => r.entry);
    expect(log.length).toBe(count);
    // Each key published once: finance's with its step, the others by their publish steps alone.
    expect(log.filter((e) => e.action === "addKey").map((e) => e.actor)).toEqual(["李娜", "周敏", "王建华"]);
    expect((await verifySignedLog(log)).problems).toEqual([]);
    expect(await states(harness)).toEqual([
      ["李娜", "introduced"],
      ["周敏", "introduced"],
      ["王建华", "introduced"],
    ]);
  });

  it("a key not yet in the log cannot take a key step", async () => {
    const { harness } = await book();
    const stranger = await newSigner();
    expect(await takeKeyStep(harness.tables, { kind: "revoke", keyId: stranger.keyId }, DIRECTOR, { signer: stranger, now: NOW })).toMatchObject({ kind: "refused", error: { code: "keyStepUnknownSigner" } });
  });
});
