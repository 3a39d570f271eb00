import fc from "fast-check";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import {
  base64url,
  chainEntry,
  entryHash,
  fromBase64url,
  generateSigningKeyPair,
  GENESIS_HASH,
  importPublicKey,
  keyIdOf,
  publicKeyText,
  signatureChecker,
  signEntry,
  verifyChain,
  verifySignature,
  type Signer,
} from "../../src/rules";
import { device } from "./signing-fixtures";

const row = { time: "2026-04-01T08:00:00.000Z", planId: "P-001", action: "approve", from: "Draft", to: "Reviewed", actor: "王芳", role: "marketingAssistant", comment: "预算合理" };

describe("base64url, no padding (RFC 4648 §5)", () => {
  it.each([
    ["", ""],
    ["f", "Zg"],
    ["fo", "Zm8"],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg"],
    ["fooba", "Zm9vYmE"],
    ["foobar", "Zm9vYmFy"],
  ])("the RFC's vector %j is %j, and reads back", (plain, encoded) => {
    expect(base64url(new TextEncoder().encode(plain))).toBe(encoded);
    expect(new TextDecoder().decode(fromBase64url(encoded))).toBe(plain);
  });

  it("uses - and _ for 62 and 63", () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
    expect(fromBase64url("-_8")).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  // A length of 4n + 1 leaves 6 bits, too few for a byte, even when they are zero ("A").
  it.each([["Zg=="], ["Z"], ["A"], ["Zh"], ["Zm9"], ["a+b/"], ["Zm 9v"], ["Zm9vY"], ["Zm9vA"]])("%j is not text base64url writes", (text) => {
    expect(fromBase64url(text)).toBeUndefined();
  });

  it("agrees with Node's encoder and reads back any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = base64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(fromBase64url(text)).toEqual(new Uint8Array(bytes));
      }),
    );
  });
});

describe("keys", () => {
  it("a public key's text is base64url of its 65-byte raw form; its keyId the first 16 hex digits of SHA-256 of those bytes", async () => {
    const { key, keyId } = await device("王芳", "marketingAssistant");
    const raw = fromBase64url(key) as Uint8Array;
    expect(key).toMatch(/^[A-Za-z0-9_-]{87}$/u);
    expect(raw).toHaveLength(65);
    expect(raw[0]).toBe(4);
    expect(keyId).toBe(bytesToHex(sha256(raw)).slice(0, 16));
    expect(keyIdOf(key)).toBe(keyId);
  });

  it("a text that is not a P-256 public key has no keyId and does not import", async () => {
    const { key } = await device("王芳", "marketingAssistant");
    const raw = fromBase64url(key) as Uint8Array;
    const compressed = base64url(new Uint8Array([2, ...raw.slice(1, 33)]));
    // 65 bytes, but the first is not 4, the tag of an uncompressed point.
    const untagged = base64url(new Uint8Array([2, ...raw.slice(1)]));
    for (const text of ["", "not a key", key.slice(1), `${key}A`, compressed, untagged]) {
      expect(keyIdOf(text)).toBeUndefined();
      expect(await importPublicKey(text)).toBeUndefined();
    }
    // 65 bytes starting with 4, but not a point on the curve.
    const offCurve = base64url(new Uint8Array([4, ...new Array(64).fill(1)]));
    expect(keyIdOf(offCurve)).toMatch(/^[0-9a-f]{16}$/u);
    expect(await importPublicKey(offCurve)).toBeUndefined();
    expect(await importPublicKey(key)).toBeDefined();
  });

  it("an imported public key reads back as the same text", async () => {
    const { key } = await device("王芳", "marketingAssistant");
    expect(await publicKeyText((await importPublicKey(key)) as CryptoKey)).toBe(key);
  });

  it("a new key pair's private key is not extractable, unless the command line asks to save it", async () => {
    const paneKeys = await generateSigningKeyPair();
    expect(paneKeys.privateKey.extractable).toBe(false);
    expect(paneKeys.privateKey.usages).toEqual(["sign"]);
    expect((await generateSigningKeyPair(true)).privateKey.extractable).toBe(true);
  });

  it("without WebCrypto, making a key says signing needs a secure context", async () => {
    const withoutCrypto = jest.replaceProperty(globalThis, "crypto", undefined as unknown as Crypto);
    try {
      await expect(generateSigningKeyPair()).rejects.toThrow("WebCrypto (crypto.subtle) is not available: signing needs a secure context (https) or Node 20.");
    } finally {
      withoutCrypto.restore();
    }
  });
});

describe("signed entries", () => {
  it("carry the keyId in their hash and a 64-byte signature over the UTF-8 hash hex", async () => {
    const wang = await device("王芳", "marketingAssistant");
    const signed = await signEntry(row, undefined, wang.signer);
    expect(signed).toMatchObject({ ...row, seq: 1, keyId: wang.keyId });
    expect(signed.hash).toBe(entryHash({ ...row, seq: 1, keyId: wang.keyId }, GENESIS_HASH));
    expect(signed.hash).not.toBe(chainEntry(row, undefined).hash);
    expect(signed.signature).toMatch(/^[A-Za-z0-9_-]{86}$/u);
    const publicKey = (await importPublicKey(wang.key)) as CryptoKey;
    const raw = fromBase64url(signed.signature) as Uint8Array<ArrayBuffer>;
    expect(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, raw, new TextEncoder().encode(signed.hash))).toBe(true);
    expect(await verifySignature(signed, wang.key)).toBe(true);
  });

  it("chain like unsigned ones, and an unsigned log may go on signed", async () => {
    const wang = await device("王芳", "marketingAssistant");
    const first = chainEntry(row, undefined);
    const second = await signEntry({ ...row, planId: "P-002" }, first, wang.signer);
    const third = await signEntry({ ...row, planId: "P-003" }, second, wang.signer);
    expect([second.seq, third.seq]).toEqual([2, 3]);
    expect(verifyChain([first, second, third], { count: 3, lastHash: third.hash })).toBeUndefined();
  });

  it("a signature made with one key does not verify with another", async () => {
    const wang = await device("王芳", "marketingAssistant");
    const li = await device("李四", "director");
    const signed = await signEntry(row, undefined, wang.signer);
    expect(await verifySignature(signed, wang.key)).toBe(true);
    expect(await verifySignature(signed, li.key)).toBe(false);
    // Not even when the entry claims the other key: the signature is checked, not the claim.
    expect(await verifySignature({ ...signed, keyId: li.keyId }, li.key)).toBe(false);
  });

  it("does not verify once the hash, the signature or the key is changed", async () => {
    const wang = await device("王芳", "marketingAssistant");
    const signed = await signEntry(row, undefined, wang.signer);
    const other = await signEntry({ ...row, comment: "other" }, undefined, wang.signer);
    const sig = fromBase64url(signed.signature) as Uint8Array;
    const flipped = base64url(sig.map((b, i) => (i === 63 ? b ^ 1 : b)));
    const recomputed = entryHash({ ...signed, to: "Approved" }, GENESIS_HASH);
    for (const changed of [
      { ...signed, hash: recomputed },
      { ...signed, signature: other.signature },
      { ...signed, signature: flipped },
      { ...signed, signature: signed.signature.slice(0, 85) },
      { ...signed, signature: "" },
      { ...signed, signature: undefined },
    ]) {
      expect(await verifySignature(changed, wang.key)).toBe(false);
    }
    expect(await verifySignature(signed, "not a key")).toBe(false);
  });

  it("a signature WebCrypto fails to check does not verify", async () => {
    const wang = await device("王芳", "marketingAssistant");
    const signed = await signEntry(row, undefined, wang.signer);
    const failing = jest.spyOn(crypto.subtle, "verify").mockRejectedValueOnce(new DOMException("operation failed", "OperationError"));
    try {
      expect(await verifySignature(signed, wang.key)).toBe(false);
    } finally {
      failing.mockRestore();
    }
    expect(await verifySignature(signed, wang.key)).toBe(true);
  });

  it("a whole log's signatures are checked with each key imported once", async () => {
    const wang = await device("王芳", "marketingAssistant");
    const li = await device("李四", "director");
    const first = await signEntry(row, undefined, wang.signer);
    const second = await signEntry({ ...row, planId: "P-002" }, first, wang.signer);
    const third = await signEntry({ ...row, planId: "P-003" }, second, li.signer);
    const imports = jest.spyOn(crypto.subtle, "importKey");
    try {
      const check = signatureChecker();
      expect([await check(first, wang.key), await check(second, wang.key), await check(third, li.key), await check(third, wang.key)]).toEqual([true, true, true, false]);
      expect(imports).toHaveBeenCalledTimes(2);
    } finally {
      imports.mockRestore();
    }
  });

  it("sign through any Signer: the pane's IndexedDB key and the command line's key file supply their own", async () => {
    const wang = await device("王芳", "marketingAssistant");
    const seen: string[] = [];
    const signer: Signer = {
      keyId: wang.keyId,
      sign: async (data) => {
        seen.push(new TextDecoder().decode(data));
        return wang.signer.sign(data);
      },
    };
    const signed = await signEntry({ ...row, keyId: "ignored" } as typeof row, undefined, signer);
    expect(seen).toEqual([signed.hash]);
    expect(signed.keyId).toBe(wang.keyId);
    expect(await verifySignature(signed, wang.key)).toBe(true);
  });
});
