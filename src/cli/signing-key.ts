/**
 * The profile's one signing key (issue 12, point 1), in key.json (mode 0600):
 * `{ name, role, keyId, publicKey, privateJwk, created }`. It is made on the first `act`, for
 * the name and role that act gives, and signs every entry `act` writes from then on; it
 * signs for that person in that role only. The private key is generated extractable only to
 * be written to the file; it signs as a non-extractable key imported from it.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fromBase64url, generateSigningKeyPair, importPublicKey, keyIdOf, keyPairSigner, parseRole, publicKeyText, type Role } from "../rules";
import type { LogSigner } from "../services";
import { errorCode, fileProblem, isCliProblem } from "./files/problem";
import { KEY_FILE, parseProfileJson, readProfileFile, writeProfileFile } from "./profile";

export interface KeyFile {
  readonly name: string;
  readonly role: Role;
  readonly keyId: string;
  /** rules/signing.ts `publicKeyText`. */
  readonly publicKey: string;
  /** The private key as WebCrypto exports it (JWK, EC P-256). */
  readonly privateJwk: JsonWebKey;
  /** ISO 8601. */
  readonly created: string;
}

export interface SigningKey {
  readonly file: KeyFile;
  readonly signer: LogSigner;
}

const CURVE = { name: "ECDSA", namedCurve: "P-256" } as const;

export const keyPath = (dir: string) => join(dir, KEY_FILE);

function readKeyFile(value: unknown): KeyFile | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { name, role, keyId, publicKey, privateJwk, created } = value as Record<string, unknown>;
  if (typeof name !== "string" || name.trim() === "" || typeof role !== "string" || parseRole(role) !== role) return undefined;
  if (typeof publicKey !== "string" || typeof keyId !== "string" || keyIdOf(publicKey) !== keyId || typeof created !== "string") return undefined;
  if (typeof privateJwk !== "object" || privateJwk === null) return undefined;
  const jwk = privateJwk as JsonWebKey;
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || typeof jwk.d !== "string" || !samePoint(jwk, publicKey)) return undefined;
  return { name, role: role as Role, keyId, publicKey, privateJwk: jwk, created };
}

/** Whether the JWK's public point (x, y) is the public key's: a file whose two halves do not belong together is damaged. */
function samePoint(jwk: JsonWebKey, publicKey: string): boolean {
  const [x, y, raw] = [fromBase64url(jwk.x ?? ""), fromBase64url(jwk.y ?? ""), fromBase64url(publicKey)];
  if (!x || !y || !raw || x.length !== 32 || y.length !== 32) return false;
  return raw.length === 65 && raw[0] === 4 && raw.slice(1, 33).every((b, i) => b === x[i]) && raw.slice(33).every((b, i) => b === y[i]);
}

async function signerOf(file: KeyFile): Promise<LogSigner> {
  const privateKey = await globalThis.crypto.subtle.importKey("jwk", file.privateJwk, CURVE, false, ["sign"]);
  const publicKey = await importPublicKey(file.publicKey);
  if (!publicKey) throw new Error("not a P-256 public key");
  return { ...(await keyPairSigner({ privateKey, publicKey })), publicKey: file.publicKey };
}

/**
 * The profile's key, or undefined when it has none yet. A key file that others may read
 * (as ssh refuses such a private key), cannot be read, or is not one this tool wrote is
 * refused, naming the file.
 */
export async function loadSigningKey(dir: string): Promise<SigningKey | undefined> {
  const path = keyPath(dir);
  const text = await readProfileFile(path);
  if (text === undefined) return undefined;
  if (process.platform !== "win32") {
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) !== 0) throw fileProblem("keyFileOpen", { path, mode: `0${mode.toString(8)}` });
  }
  const file = parseProfileJson(text, path, readKeyFile);
  try {
    return { file, signer: await signerOf(file) };
  } catch (error) {
    throw fileProblem("profileDamaged", { path }, error);
  }
}

/** A new key for `name` in `role`, not saved yet: `saveSigningKey` once there is something to sign. */
export async function newSigningKey(name: string, role: Role, now: Date): Promise<SigningKey> {
  const pair = await generateSigningKeyPair(true);
  const publicKey = await publicKeyText(pair.publicKey);
  const privateJwk = await globalThis.crypto.subtle.exportKey("jwk", pair.privateKey);
  const file: KeyFile = { name, role, keyId: keyIdOf(publicKey) as string, publicKey, privateJwk, created: now.toISOString() };
  return { file, signer: await signerOf(file) };
}

/** Writes the key file (0600); never over an existing one: a key made meanwhile by another run is refused. */
export async function saveSigningKey(dir: string, key: SigningKey): Promise<void> {
  const path = keyPath(dir);
  try {
    await writeProfileFile(path, `${JSON.stringify(key.file, null, 2)}\n`, { exclusive: true });
  } catch (error) {
    if (errorCode(error) === "EEXIST") throw fileProblem("keyMadeMeanwhile", { path }, error);
    if (isCliProblem(error) && error.key === "profileWriteFailed") throw fileProblem("keyNotSaved", error.params, error.cause);
    throw error;
  }
}
