import { describeRuleError } from "../../src/i18n";
import { pinCheck, pinWarningError, rememberKeys, signerKey, verifySignedLog, type KeyRegistry, type KnownKeys, type PinWarning, type RegisteredKey } from "../../src/rules";
import { device, LogBuilder } from "./signing-fixtures";

const WANG = { name: "王芳", role: "marketingAssistant" };
let row = 0;
function key(keyId: string, fields: Partial<RegisteredKey> = {}): RegisteredKey {
  return { keyId, key: `key-${keyId}`, ...WANG, firstSeen: "2026-04-01", state: "introduced", introduction: "ownKey", row: row++, ...fields };
}
const registryOf = (...keys: RegisteredKey[]): KeyRegistry => new Map(keys.map((k) => [k.keyId, k]));
const knowsA: KnownKeys = { [signerKey(WANG.name, WANG.role)]: ["a"] };

describe("keys pinned on first use, as SSH pins hosts", () => {
  it.each([
    ["the log's first key", key("b", { introduction: "firstUse" })],
    ["a key introduced by another key of its owner", key("b", { introducedBy: "x" })],
    ["a key a director approved", key("b", { introduction: "director", introducedBy: "d" })],
    ["a key introduced, then revoked", key("b", { state: "revoked", revokedAt: 9 })],
  ])("a signer the client never saw: %s is remembered silently", (_name, k) => {
    expect(pinCheck({}, registryOf(k), ["b"])).toEqual({ accept: ["b"], warn: [] });
  });

  it("a signer the client never saw: a pending key warns, revoked or not", () => {
    const pending = key("b", { state: "pending", introduction: undefined });
    const revokedPending = key("c", { state: "revoked", introduction: undefined, revokedAt: 3 });
    expect(pinCheck({}, registryOf(pending, revokedPending), ["b", "c"])).toEqual({
      accept: [],
      warn: [
        { ...WANG, keyId: "b", reason: "notIntroduced" },
        { ...WANG, keyId: "c", reason: "notIntroduced" },
      ],
    });
  });

  it("a key the client knows: nothing to say", () => {
    expect(pinCheck(knowsA, registryOf(key("a", { introduction: "firstUse" })), ["a"])).toEqual({ accept: [], warn: [] });
  });

  it("a known signer's new key introduced by a key the client knows, or approved by a director, is remembered silently", () => {
    const registry = registryOf(key("a"), key("b", { introducedBy: "a" }), key("c", { introduction: "director", introducedBy: "d" }));
    expect(pinCheck(knowsA, registry, ["a", "b", "c"])).toEqual({ accept: ["b", "c"], warn: [] });
  });

  it("a chain of new devices is followed link by link, in the order the log published them", () => {
    const registry = registryOf(key("a"), key("b", { introducedBy: "a" }), key("c", { introducedBy: "b" }));
    expect(pinCheck(knowsA, registry, ["c", "b"])).toEqual({ accept: ["b", "c"], warn: [] });
  });

  it("a known signer's key that none of the known keys introduced warns: another first key (a rewritten log), or a key introduced by a stranger", () => {
    const registry = registryOf(key("z", { introduction: "firstUse" }), key("y", { introducedBy: "z" }), key("x", { introducedBy: "q" }));
    expect(pinCheck(knowsA, registry, ["z", "y", "x"])).toEqual({
      accept: [],
      warn: ["z", "y", "x"].map((keyId) => ({ ...WANG, keyId, reason: "replacesKnown" })),
    });
  });

  it("a known signer's pending key warns as not introduced", () => {
    expect(pinCheck(knowsA, registryOf(key("b", { state: "pending", introduction: undefined })), ["b"]).warn).toEqual([{ ...WANG, keyId: "b", reason: "notIntroduced" }]);
  });

  it("signers are told apart by name and role; keys not used, or not in the registry, are left out", () => {
    const asDirector = key("b", { name: "王芳", role: "director", introduction: "firstUse" });
    expect(pinCheck(knowsA, registryOf(asDirector, key("unused", { introducedBy: "q" })), ["b", "missing"])).toEqual({ accept: ["b"], warn: [] });
  });

  it("remembers accepted or acknowledged keys under their signers, once, without changing what it was given", () => {
    const registry = registryOf(key("a"), key("b", { role: "director" }), key("c"));
    const next = rememberKeys(knowsA, registry, ["a", "b", "c", "c", "missing"]);
    expect(next).toEqual({ "王芳|marketingAssistant": ["a", "c"], "王芳|director": ["b"] });
    expect(knowsA).toEqual({ "王芳|marketingAssistant": ["a"] });
    expect(rememberKeys({}, registry, [])).toEqual({});
    // Signers the keys added do not belong to are kept as they were.
    expect(rememberKeys({ "李娜|finance": ["f"] }, registry, ["b"])).toEqual({ "李娜|finance": ["f"], "王芳|director": ["b"] });
  });

  it("a story: first look, a new device, then a log rewritten from a forged first key", async () => {
    const zhang = await device("张总", "director");
    const wang = await device("王芳", "marketingAssistant");
    const wang2 = await device("王芳", "marketingAssistant");
    const log = new LogBuilder();
    await log.publish(zhang);
    await log.publish(wang);
    await log.approve(wang.keyId, zhang);
    await log.act(wang);
    const used = (entries: typeof log.entries) => entries.map((e) => e.keyId ?? "").filter(Boolean);

    const first = (await verifySignedLog(log.entries)).registry;
    const firstCheck = pinCheck({}, first, used(log.entries));
    expect(firstCheck).toEqual({ accept: [zhang.keyId, wang.keyId], warn: [] });
    const known = rememberKeys({}, first, firstCheck.accept);

    await log.publish(wang2, wang);
    await log.act(wang2, "P-002");
    const second = (await verifySignedLog(log.entries)).registry;
    expect(pinCheck(known, second, used(log.entries))).toEqual({ accept: [wang2.keyId], warn: [] });

    const forger = await device("张总", "director");
    const rewritten = new LogBuilder();
    await rewritten.publish(forger);
    await rewritten.act(forger);
    const forgedRegistry = (await verifySignedLog(rewritten.entries)).registry;
    expect(pinCheck(known, forgedRegistry, used(rewritten.entries))).toEqual({ accept: [], warn: [{ name: "张总", role: "director", keyId: forger.keyId, reason: "replacesKnown" }] });
  });
});

describe("pinning messages", () => {
  it.each([
    [{ name: "王芳", role: "marketingAssistant", keyId: "0123456789abcdef", reason: "notIntroduced" }, "王芳 (marketingAssistant) signs with key 0123456789abcdef, which no other key", "王芳（marketingAssistant）使用密钥 0123456789abcdef 签名，该密钥既未经"],
    [{ name: "王芳", role: "marketingAssistant", keyId: "0123456789abcdef", reason: "replacesKnown" }, "none of the keys you have seen for them introduced", "可能有人冒用其名义"],
  ] as [PinWarning, string, string][])("%j reads accurately in English and Chinese", (warning, english, chinese) => {
    expect(describeRuleError(pinWarningError(warning), "en")).toContain(english);
    expect(describeRuleError(pinWarningError(warning), "zh")).toContain(chinese);
  });
});
