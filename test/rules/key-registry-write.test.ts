import { judgeSignedEntry, signedKeyRegistry, verifySignedLog, type HashedAuditEntry } from "../../src/rules";
import { device, LogBuilder, type Device } from "./signing-fixtures";

/** Who signs in these stories: a director with a log begun by his key, 王芳 with two devices, 李四 with one. */
async function cast() {
  return {
    zhang: await device("张总", "director"),
    wang: await device("王芳", "marketingAssistant"),
    wang2: await device("王芳", "marketingAssistant"),
    li: await device("李四", "marketingManager"),
  };
}

async function startedBy(zhang: Device) {
  const log = new LogBuilder();
  await log.publish(zhang);
  return log;
}

/** The registry and one more entry's verdict without checking every signature of the log: what a write needs, as verifySignedLog would give it. */
describe("the key registry for a write", () => {
  it("signedKeyRegistry checks only the key entries' signatures, and gives verifySignedLog's registry: a forged approval counts for nothing, a forged step changes no key", async () => {
    const { zhang, wang, wang2, li } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.publish(li);
    // Signatures moved from other entries: each covers another hash, so neither holds.
    const forge = (index: number, signature: string | undefined) => (log.entries[index] = { ...log.entries[index], signature });
    await log.approve(li.keyId, zhang);
    forge(4, (await log.approve(wang2.keyId, zhang)).signature);
    log.entries.pop();
    await log.publish(wang2, wang);
    await log.act(wang, "P-002");
    forge(6, log.entries[4].signature);
    await log.revoke(wang2.keyId, wang);
    const full = await verifySignedLog(log.entries);
    expect(full.problems.map((p) => [p.kind, p.index])).toEqual([
      ["badSignature", 4],
      ["badSignature", 6],
    ]);
    const registry = await signedKeyRegistry(log.entries);
    expect(registry).toEqual(full.registry);
    expect(registry.get(li.keyId)?.state).toBe("pending");
    expect(registry.get(wang2.keyId)).toMatchObject({ state: "revoked", revokedAt: 7 });
  });

  it("judgeSignedEntry judges one more entry as verifySignedLog would judge it at the end of the log", async () => {
    const { zhang, wang, li } = await cast();
    const log = await startedBy(zhang);
    await log.publish(wang);
    const before = log.entries.slice();
    const registry = await signedKeyRegistry(before);
    const judged = async (sign: () => Promise<HashedAuditEntry>) => {
      const entry = await sign();
      log.entries.splice(before.length);
      const whole = await verifySignedLog([...before, entry]);
      const one = await judgeSignedEntry(registry, entry, before.length);
      expect(one.registry).toEqual(whole.registry);
      return [one.problem, whole.problems.find((p) => p.index === before.length)];
    };
    const [approval, approvalInLog] = await judged(() => log.approve(wang.keyId, zhang));
    expect(approval).toBeUndefined();
    expect(approvalInLog).toBeUndefined();
    const [notAllowed, notAllowedInLog] = await judged(() => log.approve(wang.keyId, wang));
    expect(notAllowed).toEqual(notAllowedInLog);
    expect(notAllowed).toEqual({ kind: "keyNotAllowed", index: 2, keyId: wang.keyId });
    const [unknown, unknownInLog] = await judged(() => log.act(li));
    expect(unknown).toEqual({ kind: "unknownKey", index: 2, keyId: li.keyId });
    expect(unknownInLog).toEqual(unknown);
    const [forged, forgedInLog] = await judged(async () => ({ ...(await log.act(zhang)), signature: before[0].signature }));
    expect(forged).toEqual({ kind: "badSignature", index: 2, keyId: zhang.keyId });
    expect(forgedInLog).toEqual(forged);
    // The registry given is left as it was.
    expect(registry.get(wang.keyId)?.state).toBe("pending");
  });

});

/** WebCrypto's verify, counted: how many signatures a check asks for, and how many at once. */
function countVerifies() {
  const subtle = globalThis.crypto.subtle;
  const verify = subtle.verify.bind(subtle);
  const counts = { calls: 0, inFlight: 0, mostInFlight: 0 };
  const spy = jest.spyOn(subtle, "verify").mockImplementation(async (...args: Parameters<SubtleCrypto["verify"]>) => {
    counts.calls++;
    counts.mostInFlight = Math.max(counts.mostInFlight, ++counts.inFlight);
    try {
      return await verify(...args);
    } finally {
      counts.inFlight--;
    }
  });
  return { counts, restore: () => spy.mockRestore() };
}

describe("how many signatures are checked", () => {
  /** An unsigned step, then 张总's key and 70 steps of his: 71 signed entries, one of them a key entry. */
  async function longLog() {
    const zhang = await device("张总", "director");
    const log = new LogBuilder();
    log.step();
    await log.publish(zhang);
    for (let i = 0; i < 70; i++) await log.act(zhang, `P-${i}`);
    return log;
  }

  it("verifySignedLog checks every signed entry once, at most 64 at a time, and no unsigned one", async () => {
    const log = await longLog();
    const { counts, restore } = countVerifies();
    try {
      expect((await verifySignedLog(log.entries)).problems).toEqual([]);
    } finally {
      restore();
    }
    expect(counts.calls).toBe(71);
    expect(counts.mostInFlight).toBe(64);
  });

  it("signedKeyRegistry checks the key entries' signatures only", async () => {
    const log = await longLog();
    const { counts, restore } = countVerifies();
    try {
      expect((await signedKeyRegistry(log.entries)).size).toBe(1);
    } finally {
      restore();
    }
    expect(counts.calls).toBe(1);
  });
});
