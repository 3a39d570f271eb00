import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { chainEntry, type AuditEntry, type HashedAuditEntry } from "./audit";

/**
 * Signed audit entries (issue 12, point 1): ECDSA P-256 with SHA-256 through WebCrypto
 * (`globalThis.crypto.subtle`, in the pane and in Node 20 alike).
 *
 * - A key is known by its public key's text: base64url, no padding, of the 65-byte
 *   uncompressed point (`exportKey("raw")`), and by its keyId: the first 16 hex digits of
 *   SHA-256 of those 65 bytes.
 * - A signed entry carries its keyId, which its hash covers (audit.ts `entryHash`), and a
 *   signature: base64url, no padding, of WebCrypto's 64-byte r‖s signature over the UTF-8
 *   bytes of the entry's hash (64 hex digits). The signature signs the hash, which covers the
 *   entry and, through the previous hash, every entry before it.
 * - Signing goes through a `Signer`, so the pane (a non-extractable CryptoKey kept in
 *   IndexedDB) and the command line (a key file in the user's profile) each supply their own.
 *
 * What a signature proves: that the holder of the private key wrote the entry. Someone
 * holding a signer's private key can sign as that signer.
 */
export interface Signer {
  readonly keyId: string;
  /** The 64-byte r‖s ECDSA P-256/SHA-256 signature of `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export type SignedAuditEntry = HashedAuditEntry & { readonly keyId: string; readonly signature: string };

const CURVE = { name: "ECDSA", namedCurve: "P-256" } as const;
const ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;
const RAW_KEY_BYTES = 65;
const SIGNATURE_BYTES = 64;

function subtle(): SubtleCrypto {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new Error("WebCrypto (crypto.subtle) is not available: signing needs a secure context (https) or Node 20.");
  return found;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += ALPHABET[(chunk >> (18 - 6 * c)) & 63];
  }
  return text;
}

/** base64url read back; undefined for any text base64url would not write (other characters, padding, stray bits). */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/u.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  // One text per byte string: the bits left over must be zero.
  return (value & ((1 << bits) - 1)) === 0 ? bytes : undefined;
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** A public key as the log and the Signers table hold it: base64url of its raw 65-byte form. */
export async function publicKeyText(key: CryptoKey): Promise<string> {
  return base64url(new Uint8Array(await subtle().exportKey("raw", key)));
}

/** The first 16 hex digits of SHA-256 of the raw key; undefined when `publicKeyText` is not a P-256 key's text. */
export function keyIdOf(publicKeyText: string): string | undefined {
  const raw = fromBase64url(publicKeyText);
  if (!raw || raw.length !== RAW_KEY_BYTES || raw[0] !== 4) return undefined;
  return bytesToHex(sha256(raw)).slice(0, 16);
}

/** The key to verify with; undefined when the text is not a P-256 public key (a point off the curve included). */
export async function importPublicKey(publicKeyText: string): Promise<CryptoKey | undefined> {
  const raw = fromBase64url(publicKeyText);
  if (!raw || raw.length !== RAW_KEY_BYTES) return undefined;
  try {
    return await subtle().importKey("raw", raw, CURVE, true, ["verify"]);
  } catch {
    return undefined;
  }
}

/** A new key pair. The pane keeps the private key non-extractable; the command line needs it extractable to save it to its key file. */
export async function generateSigningKeyPair(extractable = false): Promise<CryptoKeyPair> {
  return subtle().generateKey(CURVE, extractable, ["sign", "verify"]);
}

/** A Signer over a WebCrypto key pair (the public key gives the keyId). */
export async function keyPairSigner(pair: CryptoKeyPair): Promise<Signer> {
  const keyId = keyIdOf(await publicKeyText(pair.publicKey)) as string;
  return { keyId, sign: async (data) => new Uint8Array(await subtle().sign(ALGORITHM, pair.privateKey, new Uint8Array(data))) };
}

/** The next entry of the log, chained as `chainEntry` does, with the signer's keyId in its hash and its signature over that hash. */
export async function signEntry(entry: Omit<AuditEntry, "seq" | "keyId">, last: HashedAuditEntry | undefined, signer: Signer): Promise<SignedAuditEntry> {
  // Field by field: a keyId, hash or signature the caller's object happens to carry is not copied.
  const { time, planId, action, from, to, actor, role, comment } = entry;
  const hashed = chainEntry({ time, planId, action, from, to, actor, role, comment, keyId: signer.keyId }, last);
  return { ...hashed, keyId: signer.keyId, signature: base64url(await signer.sign(utf8(hashed.hash))) };
}

/**
 * Whether the entry's signature is the key's signature of the entry's stored hash. Only the
 * signature: that the hash covers the entry is verifyChain's part, and that the key is the
 * one the entry names (its keyId) and may sign it is verifySignedLog's.
 */
export async function verifySignature(entry: HashedAuditEntry, publicKeyText: string): Promise<boolean> {
  return signatureChecker()(entry, publicKeyText);
}

/** `verifySignature` for a whole log: each key is imported once. */
export function signatureChecker(): (entry: HashedAuditEntry, publicKeyText: string) => Promise<boolean> {
  const keys = new Map<string, Promise<CryptoKey | undefined>>();
  return async (entry, publicKeyText) => {
    const signature = fromBase64url(entry.signature ?? "");
    if (!signature || signature.length !== SIGNATURE_BYTES) return false;
    let key = keys.get(publicKeyText);
    if (!key) keys.set(publicKeyText, (key = importPublicKey(publicKeyText)));
    const imported = await key;
    if (!imported) return false;
    try {
      return await subtle().verify(ALGORITHM, imported, signature, utf8(entry.hash));
    } catch {
      return false;
    }
  };
}
