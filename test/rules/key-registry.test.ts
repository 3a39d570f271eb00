import fc from "fast-check";
import { describeRuleError } from "../../src/i18n";
import {
  addKeyEntry,
  approveKeyEntry,
  chainEntry,
  entryHash,
  GENESIS_HASH,
  isSignatureWarning,
  isSigned,
  keyRegistry,
  loggedStatuses,
  revokeKeyEntry,
  signEntry,
  signedLogProblemError,
  verifyChain,
  verifySignedLog,
  type AuditEntry,
  type HashedAuditEntry,
  type SignedLogProblem,
} from "../../src/rules";
import { device, LogBuilder, type Device } from "./signing-fixtures";

/** Who signs in these stories: a director with two devices, 王芳 with three, 李四 with one. */
async function cast() {
  return {
    zhang: await device("张总", "director"),
    zhang2: await device("张总", "director"),
    wang: await device("王芳", "marketingAssistant"),
    wang2: await device("王芳", "marketingAssistant"),
    wang3: await device("王芳", "marketingAssistant"),
    li: await device("李四", "marketingManager"),
  };
}

/** The log's first key is the director's, trusted on first use. */
async function startedBy(zhang: Device) {
  const log = new LogBuilder();
  await log.publish(zhang);
  return log;
}

const problemsOf = async (log: LogBuilder) => (await verifySignedLog(log.entries)).problems;

describe("the key registry, folded from the log's key entries", () => {
  it("the very first key of the log is trusted on first use", async () => {
    const { zhang } = await cast();
    const log = await startedBy(zhang);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([]);
    expect(result.signedFrom).toBe(0);
    expect(result.registry.get(zhang.keyId)).toEqual({
      keyId: zhang.keyId,
      key: zhang.key,
      name: "张总",
      role: "director",
      firstSeen: log.entries[0].time,
      state: "introduced",
      introduction: "firstUse",
      introducedBy: undefined,
      row: 0,
    });
  });

  it("in a log begun by someone else, the first director's key is trusted on first use; the next director's key is pending", async () => {
    const { zhang, zhang2, wang, li } = await cast();
    const log = new LogBuilder();
    await log.publish(wang);
    await log.publish(li);
    await log.publish(zhang);
    await log.approve(li.keyId, zhang);
    const otherDirector = await device("赵总", "director");
    await log.publish(otherDirector);
    await log.publish(zhang2);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([]);
    expect(result.registry.get(wang.keyId)).toMatchObject({ state: "introduced", introduction: "firstUse" });
    expect(result.registry.get(li.keyId)).toMatchObject({ state: "introduced", introduction: "director", introducedBy: zhang.keyId });
    expect(result.registry.get(zhang.keyId)).toMatchObject({ state: "introduced", introduction: "firstUse", row: 2 });
    expect(result.registry.get(otherDirector.keyId)).toMatchObject({ state: "pending" });
    expect(result.registry.get(zhang2.keyId)).toMatchObject({ state: "pending" });
  });

  it("a director's key published with itself is pending once the log introduced a director's key, revoked or not", async () => {
    const { zhang, zhang2, wang } = await cast();
    const log = new LogBuilder();
    await log.publish(wang);
    await log.publish(zhang);
    const spare = await device("张总", "director");
    await log.publish(spare, zhang);
    await log.revoke(zhang.keyId, spare);
    await log.publish(zhang2);
    const result = await verifySignedLog(log.entries);
    expect(result.registry.get(zhang.keyId)).toMatchObject({ state: "revoked", introduction: "firstUse" });
    expect(result.registry.get(zhang2.keyId)).toMatchObject({ state: "pending" });
  });

  it("a pending key whose owner is not a director gains nothing from the director rule", async () => {
    const { wang, li } = await cast();
    const log = new LogBuilder();
    await log.publish(wang);
    await log.publish(li);
    expect((await verifySignedLog(log.entries)).registry.get(li.keyId)).toMatchObject({ state: "pending" });
  });

  it("a key published with itself after the first is pending: its entries warn until a director approves it", async () => {
    const { zhang, wang } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.act(wang);
    const before = await verifySignedLog(log.entries);
    expect(before.registry.get(wang.keyId)).toMatchObject({ state: "pending", row: 1 });
    expect(before.registry.get(wang.keyId)?.introduction).toBeUndefined();
    // Its own addKey is not a warning; the step it signs is.
    expect(before.problems).toEqual([{ kind: "notIntroduced", index: 2, keyId: wang.keyId, name: "王芳", role: "marketingAssistant" }]);
    expect(before.problems.every(isSignatureWarning)).toBe(true);

    await log.approve(wang.keyId, zhang);
    await log.act(wang, "P-002");
    const after = await verifySignedLog(log.entries);
    expect(after.registry.get(wang.keyId)).toMatchObject({ state: "introduced", introduction: "director", introducedBy: zhang.keyId });
    expect(after.problems).toEqual(before.problems);
  });

  it("a new device's key published with one of its owner's introduced keys is introduced", async () => {
    const { zhang, wang, wang2, wang3 } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.publish(wang2, wang);
    await log.publish(wang3, wang2);
    await log.act(wang3);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([]);
    expect(result.registry.get(wang2.keyId)).toMatchObject({ state: "introduced", introduction: "ownKey", introducedBy: wang.keyId, name: "王芳", row: 3, firstSeen: log.entries[3].time });
    expect(result.registry.get(wang3.keyId)).toMatchObject({ state: "introduced", introducedBy: wang2.keyId });
    expect([...result.registry.keys()]).toEqual([zhang.keyId, wang.keyId, wang2.keyId, wang3.keyId]);
  });

  it("a key published with a pending key of its owner stays pending; a later addKey with an introduced key introduces it", async () => {
    const { zhang, wang, wang2 } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.publish(wang2, wang);
    expect((await verifySignedLog(log.entries)).registry.get(wang2.keyId)).toMatchObject({ state: "pending" });
    expect(await problemsOf(log)).toEqual([{ kind: "notIntroduced", index: 2, keyId: wang.keyId, name: "王芳", role: "marketingAssistant" }]);
    await log.approve(wang.keyId, zhang);
    await log.publish(wang2, wang);
    expect((await verifySignedLog(log.entries)).registry.get(wang2.keyId)).toMatchObject({ state: "introduced", introduction: "ownKey", introducedBy: wang.keyId, row: 2 });
  });

  it("a key revoked by another key of its owner signs nothing from then on; what it signed before stands", async () => {
    const { zhang, wang, wang2 } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.act(wang);
    await log.publish(wang2, wang);
    await log.revoke(wang.keyId, wang2);
    await log.act(wang, "P-002");
    const result = await verifySignedLog(log.entries);
    expect(result.registry.get(wang.keyId)).toMatchObject({ state: "revoked", revokedAt: 5, introduction: "director" });
    expect(result.problems).toEqual([{ kind: "revokedKey", index: 6, keyId: wang.keyId, revokedAt: 5 }]);
  });

  it("a director's key revokes anyone's key; a key of someone else, or a pending one, may not", async () => {
    const { zhang, wang, li } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.publish(li);
    await log.approve(li.keyId, zhang);
    await log.revoke(li.keyId, wang);
    expect(await problemsOf(log)).toEqual([{ kind: "keyNotAllowed", index: 5, keyId: wang.keyId }]);
    expect((await verifySignedLog(log.entries)).registry.get(li.keyId)).toMatchObject({ state: "introduced" });
    await log.revoke(li.keyId, zhang);
    expect((await verifySignedLog(log.entries)).registry.get(li.keyId)).toMatchObject({ state: "revoked", revokedAt: 6 });
  });

  it("a key may not revoke itself, and only a director's introduced key approves", async () => {
    const { zhang, wang, li } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.revoke(wang.keyId, wang);
    await log.publish(li);
    await log.approve(li.keyId, wang);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([
      { kind: "keyNotAllowed", index: 3, keyId: wang.keyId },
      { kind: "keyNotAllowed", index: 5, keyId: wang.keyId },
    ]);
    expect(result.problems.every(isSignatureWarning)).toBe(true);
    expect(result.registry.get(wang.keyId)?.state).toBe("introduced");
    expect(result.registry.get(li.keyId)?.state).toBe("pending");
  });

  it("a director's pending key does not approve", async () => {
    const { zhang, zhang2, li } = await cast();
    const log = await startedBy(zhang);
    await log.publish(zhang2);
    await log.publish(li);
    await log.approve(li.keyId, zhang2);
    expect(await problemsOf(log)).toEqual([{ kind: "keyNotAllowed", index: 3, keyId: zhang2.keyId }]);
  });

  it("approving a key already introduced or revoked changes nothing; a second revocation keeps the first one's row", async () => {
    const { zhang, wang, wang2, li } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.publish(wang2, wang);
    await log.approve(wang2.keyId, zhang);
    await log.publish(li);
    await log.approve(li.keyId, zhang);
    await log.revoke(li.keyId, zhang);
    await log.revoke(li.keyId, zhang);
    await log.approve(li.keyId, zhang);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([]);
    expect(result.registry.get(wang2.keyId)).toMatchObject({ state: "introduced", introduction: "ownKey", introducedBy: wang.keyId });
    expect(result.registry.get(li.keyId)).toMatchObject({ state: "revoked", revokedAt: 7, introduction: "director", introducedBy: zhang.keyId });
  });

  it("a pending key is introduced only by an introduced key of the same name and role", async () => {
    const { zhang, wang } = await cast();
    const liu = await device("刘洋", "marketingAssistant");
    const wangAsManager = await device("王芳", "marketingManager");
    const log = await startedBy(zhang);
    await log.publish(liu);
    await log.approve(liu.keyId, zhang);
    await log.publish(wangAsManager);
    await log.approve(wangAsManager.keyId, zhang);
    await log.publish(wang);
    // 刘洋, in the same role, publishes 王芳's pending key in his own name, then 王芳 does with her key of another role: neither is her key of this role.
    await log.sign(addKeyEntry(liu.owner, wang.key, "2026-04-02T00:00:00.000Z") as Omit<AuditEntry, "seq" | "keyId">, liu);
    await log.sign(addKeyEntry(wangAsManager.owner, wang.key, "2026-04-02T00:01:00.000Z") as Omit<AuditEntry, "seq" | "keyId">, wangAsManager);
    await log.act(wang);
    const result = await verifySignedLog(log.entries);
    expect(result.registry.get(wang.keyId)).toMatchObject({ state: "pending", name: "王芳", role: "marketingAssistant", row: 5 });
    expect(result.problems).toEqual([{ kind: "notIntroduced", index: 8, keyId: wang.keyId, name: "王芳", role: "marketingAssistant" }]);
  });

  it("an addKey for a key already known changes its state only to introduce a pending key of the same owner", async () => {
    const { zhang, wang, wang2, wang3 } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.publish(wang2, wang);
    await log.publish(wang3);
    // Published again by another of 王芳's keys: an introduced key keeps how it was introduced, a revoked one stays revoked.
    await log.publish(wang, wang2);
    await log.revoke(wang2.keyId, wang);
    await log.publish(wang2, wang);
    // 王芳's pending key publishing her other pending key introduces neither.
    const wang4 = await device("王芳", "marketingAssistant");
    await log.publish(wang4);
    await log.publish(wang3, wang4);
    const result = await verifySignedLog(log.entries);
    expect(result.registry.get(wang.keyId)).toMatchObject({ state: "introduced", introduction: "director", introducedBy: zhang.keyId });
    expect(result.registry.get(wang2.keyId)).toMatchObject({ state: "revoked", revokedAt: 6 });
    expect(result.registry.get(wang3.keyId)).toMatchObject({ state: "pending" });
    expect(result.registry.get(wang4.keyId)).toMatchObject({ state: "pending" });
    expect(result.problems).toEqual([{ kind: "notIntroduced", index: 9, keyId: wang4.keyId, name: "王芳", role: "marketingAssistant" }]);
  });

  it("key entries read back with spaces around Action, PlanID, Comment, Actor and Role still publish the key, in the trimmed name", async () => {
    const { zhang, wang } = await cast();
    const log = await startedBy(zhang);
    const addWang = addKeyEntry(wang.owner, wang.key, "2026-04-02T00:00:00.000Z") as Omit<AuditEntry, "seq" | "keyId">;
    await log.sign({ ...addWang, action: " addKey ", planId: ` ${addWang.planId} `, comment: ` ${addWang.comment} `, actor: " 王芳 ", role: " marketingAssistant " }, wang);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([]);
    expect(result.registry.get(wang.keyId)).toMatchObject({ state: "pending", name: "王芳", role: "marketingAssistant", row: 1 });
  });
});

describe("key entries", () => {
  const time = "2026-04-02T00:00:00.000Z";

  it("publish, approve and revoke under the key's PlanID, with From and To blank so item statuses ignore them", async () => {
    const { zhang, wang } = await cast();
    const plan = `KEY/${wang.keyId}`;
    const entries = [
      addKeyEntry(wang.owner, wang.key, time),
      approveKeyEntry(wang.keyId, zhang.owner, time),
      approveKeyEntry(wang.keyId, zhang.owner, time, "新电脑"),
      revokeKeyEntry(wang.keyId, zhang.owner, time),
      revokeKeyEntry(wang.keyId, zhang.owner, time, "lost laptop"),
    ] as Omit<AuditEntry, "seq" | "keyId">[];
    expect(entries).toEqual([
      { time, planId: plan, action: "addKey", from: "", to: "", actor: "王芳", role: "marketingAssistant", comment: `key=${wang.key}` },
      { time, planId: plan, action: "approveKey", from: "", to: "", actor: "张总", role: "director", comment: "" },
      { time, planId: plan, action: "approveKey", from: "", to: "", actor: "张总", role: "director", comment: "新电脑" },
      { time, planId: plan, action: "revokeKey", from: "", to: "", actor: "张总", role: "director", comment: "" },
      { time, planId: plan, action: "revokeKey", from: "", to: "", actor: "张总", role: "director", comment: "lost laptop" },
    ]);
    expect(loggedStatuses(entries.map((e, i) => ({ ...e, seq: i + 1 }))).statuses.size).toBe(0);
  });

  it("a text that is not a public key publishes nothing", async () => {
    const { wang } = await cast();
    expect(addKeyEntry(wang.owner, "not a key", time)).toBeUndefined();
    expect(addKeyEntry(wang.owner, wang.key.slice(1), time)).toBeUndefined();
  });

  it("an entry is signed when its keyId holds more than spaces", () => {
    const entry = { seq: 1, time, planId: "P-001", action: "approve", from: "Draft", to: "Reviewed", actor: "王芳", role: "marketingAssistant", comment: "" };
    expect(isSigned(entry)).toBe(false);
    expect(isSigned({ ...entry, keyId: "" })).toBe(false);
    expect(isSigned({ ...entry, keyId: "   " })).toBe(false);
    expect(isSigned({ ...entry, keyId: "0123456789abcdef" })).toBe(true);
  });
});

describe("verifySignedLog: each problem, named with its row", () => {
  it("an old unsigned log is unsigned throughout, with no problem", async () => {
    const log = new LogBuilder();
    log.step("P-001");
    log.step("P-002");
    expect(await verifySignedLog(log.entries)).toEqual({ signedFrom: undefined, problems: [], registry: new Map() });
    expect(await verifySignedLog([])).toEqual({ signedFrom: undefined, problems: [], registry: new Map() });
    // A keyId cell holding only spaces, in a log read back from the workbook, is no signature either.
    const blankKeyIds = [chainEntry({ ...log.entries[0], keyId: "  " }, undefined)];
    expect(await verifySignedLog(blankKeyIds)).toEqual({ signedFrom: undefined, problems: [], registry: new Map() });
  });

  it("unsigned up to row N, then signed: an unsigned entry after the first signed one is a break", async () => {
    const { zhang } = await cast();
    const log = new LogBuilder();
    log.step("P-001");
    log.step("P-002");
    await log.publish(zhang);
    await log.act(zhang, "P-003");
    log.step("P-004");
    const result = await verifySignedLog(log.entries);
    expect(result.signedFrom).toBe(2);
    expect(result.problems).toEqual([{ kind: "unsigned", index: 4, signedFrom: 2 }]);
    expect(verifyChain(log.entries)).toBeUndefined();
  });

  it("an entry signed with a key no earlier entry published: unknown, even when it is published later", async () => {
    const { zhang, li } = await cast();
    const log = await startedBy(zhang);
    await log.act(li);
    await log.publish(li);
    await log.act(li, "P-002");
    expect(await problemsOf(log)).toEqual([
      { kind: "unknownKey", index: 1, keyId: li.keyId },
      { kind: "notIntroduced", index: 3, keyId: li.keyId, name: "李四", role: "marketingManager" },
    ]);
  });

  it("the first row signed with an unknown key, the last row forged", async () => {
    const { zhang, li } = await cast();
    const log = new LogBuilder();
    await log.act(li);
    await log.publish(zhang);
    await log.act(zhang, "P-002");
    const last = log.entries.length - 1;
    log.entries[last] = { ...log.entries[last], signature: log.entries[1].signature };
    expect(await problemsOf(log)).toEqual([
      { kind: "unknownKey", index: 0, keyId: li.keyId },
      { kind: "badSignature", index: last, keyId: zhang.keyId },
    ]);
  });

  it("the adversary's edit: the last row changed, its hash and the head recomputed; the chain holds, the signature does not", async () => {
    const { zhang } = await cast();
    const log = await startedBy(zhang);
    await log.act(zhang);
    const last = log.entries[1];
    const forged: HashedAuditEntry = { ...last, to: "Rejected", hash: entryHash({ ...last, to: "Rejected" }, log.entries[0].hash) };
    const entries = [log.entries[0], forged];
    expect(verifyChain(entries, { count: 2, lastHash: forged.hash })).toBeUndefined();
    expect((await verifySignedLog(entries)).problems).toEqual([{ kind: "badSignature", index: 1, keyId: zhang.keyId }]);
  });

  it("an entry naming another actor or role than its key's owner", async () => {
    const { zhang, wang } = await cast();
    const log = await startedBy(zhang);
    await log.act(zhang, "P-001", { name: "王芳", role: "director" });
    await log.act(zhang, "P-002", { name: "张总", role: "marketingAssistant" });
    await log.act(zhang, "P-003", { name: " 张总 ", role: "director " });
    // Publishing someone else's key with your own: the new key is not theirs.
    await log.sign(addKeyEntry(wang.owner, wang.key, "2026-04-02T00:00:00.000Z") as Omit<AuditEntry, "seq" | "keyId">, zhang);
    const result = await verifySignedLog(log.entries);
    const wrong = { kind: "wrongSigner", keyId: zhang.keyId, name: "张总", role: "director" };
    expect(result.problems).toEqual([
      { ...wrong, index: 1 },
      { ...wrong, index: 2 },
      { ...wrong, index: 4 },
    ]);
    expect(result.registry.has(wang.keyId)).toBe(false);
  });

  it("key entries that cannot be read, or name a key nobody published", async () => {
    const { zhang, wang } = await cast();
    const log = await startedBy(zhang);
    const addWang = addKeyEntry(wang.owner, wang.key, "2026-04-02T00:00:00.000Z") as Omit<AuditEntry, "seq" | "keyId">;
    await log.sign({ ...addWang, comment: "key=not-a-key" }, wang);
    await log.sign({ ...addWang, planId: "KEY/0000000000000000" }, wang);
    await log.sign({ ...addWang, planId: "KEY/" }, wang);
    await log.sign({ ...addWang, comment: wang.key }, wang);
    await log.approve(wang.keyId, zhang);
    await log.revoke("0123456789abcdef", zhang);
    await log.sign({ time: "t", planId: "P-001", action: "approveKey", from: "", to: "", actor: "张总", role: "director", comment: "" }, zhang);
    expect((await problemsOf(log)).map((p) => [p.kind, p.index])).toEqual([1, 2, 3, 4, 5, 6, 7].map((index) => ["badKeyEntry", index]));
  });

  it("a key entry is unreadable before its signer is looked up: PlanID KEY/ and 16 lower-case hex digits, Comment key= and the key", async () => {
    const { zhang, li } = await cast();
    const log = await startedBy(zhang);
    // Signed with 李四's key, which no entry published: were these entries read, they would be unknownKey.
    const approval = approveKeyEntry("0123456789abcdef", li.owner, "2026-04-02T00:00:00.000Z");
    for (const planId of ["KEY/0123456789abcdef0", "KEY/x0123456789abcdef", "KEY/0123456789ABCDEF", "KEY/0123456789abcde", "KEZ/0123456789abcdef", "0123456789abcdef"]) {
      await log.sign({ ...approval, planId }, li);
    }
    const addLi = addKeyEntry(li.owner, li.key, "2026-04-02T00:00:00.000Z") as Omit<AuditEntry, "seq" | "keyId">;
    await log.sign({ ...addLi, comment: `KEY=${li.key}` }, li);
    expect((await problemsOf(log)).map((p) => [p.kind, p.index])).toEqual([1, 2, 3, 4, 5, 6, 7].map((index) => ["badKeyEntry", index]));
  });

  it("an addKey signed with a key nobody published, other than the one it publishes, is signed with an unknown key", async () => {
    const { zhang, wang, li } = await cast();
    const log = await startedBy(zhang);
    await log.sign(addKeyEntry(li.owner, wang.key, "2026-04-02T00:00:00.000Z") as Omit<AuditEntry, "seq" | "keyId">, li);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([{ kind: "unknownKey", index: 1, keyId: li.keyId }]);
    expect(result.registry.has(wang.keyId)).toBe(false);
  });

  it("a keyId read back with spaces around it names the same key", async () => {
    const { zhang, wang } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.act(wang);
    await log.act(zhang, "P-002");
    const padded = log.entries.map((e) => ({ ...e, keyId: ` ${e.keyId} ` }));
    // Still 王芳's pending key, not a new one, and 张总's introduced key.
    expect((await verifySignedLog(padded)).problems).toEqual([{ kind: "notIntroduced", index: 2, keyId: wang.keyId, name: "王芳", role: "marketingAssistant" }]);
  });

  it("a forged addKey publishes nothing: what its key signs after it is unknown", async () => {
    const { zhang, li } = await cast();
    const log = await startedBy(zhang);
    await log.publish(li);
    log.entries[1] = { ...log.entries[1], signature: log.entries[0].signature };
    await log.act(li);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([
      { kind: "badSignature", index: 1, keyId: li.keyId },
      { kind: "unknownKey", index: 2, keyId: li.keyId },
    ]);
    expect(result.registry.has(li.keyId)).toBe(false);
  });

  it("when the first addKey is forged, the first one that holds is the log's first key", async () => {
    const { zhang, li } = await cast();
    const log = new LogBuilder();
    await log.publish(li);
    log.entries[0] = { ...log.entries[0], signature: "" };
    await log.publish(zhang);
    const result = await verifySignedLog(log.entries);
    expect(result.problems).toEqual([{ kind: "badSignature", index: 0, keyId: li.keyId }]);
    expect(result.registry.get(zhang.keyId)).toMatchObject({ state: "introduced", introduction: "firstUse", row: 1 });
  });

  it("a signed entry is checked against its keyId: a signature moved to another key is caught by the chain and the signature", async () => {
    const { zhang, zhang2 } = await cast();
    const log = await startedBy(zhang);
    await log.publish(zhang2, zhang);
    await log.act(zhang);
    const moved = { ...log.entries[2], keyId: zhang2.keyId };
    const entries = [...log.entries.slice(0, 2), moved];
    expect(verifyChain(entries)).toEqual({ kind: "altered", index: 2 });
    expect((await verifySignedLog(entries)).problems).toEqual([{ kind: "badSignature", index: 2, keyId: zhang2.keyId }]);
  });

  it("keyRegistry is the same fold, for signatures already checked", async () => {
    const { zhang, wang, wang2 } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.publish(wang2, wang);
    const all = keyRegistry(log.entries, () => true);
    expect(all).toEqual((await verifySignedLog(log.entries)).registry);
    // The approval's signature does not hold: 王芳's key stays pending, so 王芳's new device does too.
    const withoutApproval = keyRegistry(log.entries, (index) => index !== 2);
    expect(withoutApproval.get(wang.keyId)?.state).toBe("pending");
    expect(withoutApproval.get(wang2.keyId)?.state).toBe("pending");
    expect(keyRegistry(log.entries, () => false).size).toBe(0);
  });

  it("a signed entry with no signature text is a bad signature; a signature with no keyId is unsigned", async () => {
    const { zhang } = await cast();
    const log = await startedBy(zhang);
    await log.act(zhang);
    const [first, second] = log.entries;
    const stripped = (({ keyId: _keyId, ...fields }: HashedAuditEntry) => fields)(second);
    const resigned = { ...stripped, hash: entryHash(stripped, first.hash) };
    expect((await verifySignedLog([first, { ...second, signature: "" }])).problems).toEqual([{ kind: "badSignature", index: 1, keyId: zhang.keyId }]);
    expect((await verifySignedLog([first, resigned])).problems).toEqual([{ kind: "unsigned", index: 1, signedFrom: 0 }]);
  });
});

describe("signed-log messages", () => {
  const problems: readonly [SignedLogProblem, string, string][] = [
    [{ kind: "unsigned", index: 4, signedFrom: 2 }, "signed from entry 3 on", "从第 3 条起已经签名"],
    [{ kind: "unknownKey", index: 1, keyId: "0123456789abcdef" }, "key 0123456789abcdef, which no earlier entry published", "密钥 0123456789abcdef 签名"],
    [{ kind: "badSignature", index: 1, keyId: "0123456789abcdef" }, "signature does not verify", "签名无法验证"],
    [{ kind: "wrongSigner", index: 1, keyId: "0123456789abcdef", name: "张总", role: "director" }, "key of 张总 (director)", "张总（director）的密钥"],
    [{ kind: "revokedKey", index: 6, keyId: "0123456789abcdef", revokedAt: 5 }, "which entry 6 revoked", "第 6 条记录中被吊销"],
    [{ kind: "badKeyEntry", index: 1 }, "cannot be read", "无法读取"],
    [{ kind: "notIntroduced", index: 2, keyId: "0123456789abcdef", name: "王芳", role: "marketingAssistant" }, "Warning: this audit log entry is signed with 王芳's key 0123456789abcdef", "警告：审计日志的这条记录用 王芳 的密钥"],
    [{ kind: "keyNotAllowed", index: 5, keyId: "0123456789abcdef" }, "Warning: this key entry changes nothing", "警告：这条密钥记录不起作用"],
  ];
  it.each(problems)("%j reads accurately in English and Chinese", (problem, english, chinese) => {
    const error = signedLogProblemError(problem);
    expect(describeRuleError(error, "en")).toContain(english);
    expect(describeRuleError(error, "zh")).toContain(chinese);
    for (const lang of ["en", "zh"] as const) expect(describeRuleError(error, lang)).not.toMatch(/\{\{|NaN|undefined/u);
    // A #VALUE! error in a cell.
    expect(error.kind).toBe("value");
  });

  it("only notIntroduced and keyNotAllowed are warnings", () => {
    expect(problems.filter(([p]) => isSignatureWarning(p)).map(([p]) => p.kind)).toEqual(["notIntroduced", "keyNotAllowed"]);
  });
});

it("signEntry ignores a keyId given with the entry: the signer's is the one hashed", async () => {
  const { zhang } = await cast();
  const signed = await signEntry({ time: "t", planId: "P", action: "a", from: "", to: "", actor: "张总", role: "director", comment: "", keyId: "ffffffffffffffff" } as Omit<AuditEntry, "seq" | "keyId">, undefined, zhang.signer);
  expect(signed.keyId).toBe(zhang.keyId);
  expect(signed.hash).toBe(entryHash({ ...signed }, GENESIS_HASH));
});

describe("a signed log against someone who recomputes every hash and the head (fast-check)", () => {
  let signed: HashedAuditEntry[] = [];
  beforeAll(async () => {
    const { zhang, wang, wang2 } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.act(wang, "P-001");
    await log.publish(wang2, wang);
    await log.act(wang2, "P-002");
    await log.act(zhang, "P-001");
    signed = log.entries;
  });

  const FIELDS = ["time", "planId", "action", "from", "to", "actor", "role", "comment"] as const;

  it("a log the add-in signed is never flagged", async () => {
    expect(verifyChain(signed, { count: signed.length, lastHash: signed[signed.length - 1].hash }, { headRequired: true })).toBeUndefined();
    expect((await verifySignedLog(signed)).problems).toEqual([]);
  });

  it("any single edit of a field, every hash after it recomputed: the chain holds, and the edited row is the first whose signature fails", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom(...FIELDS), fc.string({ minLength: 1, maxLength: 4 }), async (at, field, suffix) => {
        const index = at % signed.length;
        const rechained: HashedAuditEntry[] = signed.slice(0, index);
        signed.slice(index).forEach((e, i) => {
          const changed = i === 0 ? { ...e, [field]: `${e[field]}${suffix}` } : e;
          rechained.push({ ...changed, hash: entryHash(changed, rechained.at(-1)?.hash ?? GENESIS_HASH) });
        });
        expect(verifyChain(rechained, { count: rechained.length, lastHash: rechained[rechained.length - 1].hash })).toBeUndefined();
        const problems = (await verifySignedLog(rechained)).problems;
        expect(problems[0]).toMatchObject({ index });
        expect(problems.every((p) => p.index >= index && !isSignatureWarning(p))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
