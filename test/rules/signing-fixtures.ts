import {
  addKeyEntry,
  approveKeyEntry,
  chainEntry,
  generateSigningKeyPair,
  keyPairSigner,
  publicKeyText,
  revokeKeyEntry,
  signEntry,
  type AuditEntry,
  type HashedAuditEntry,
  type KeyOwner,
  type Signer,
} from "../../src/rules";

/** A signer's device: its key pair, its Signer, and whose it is. */
export interface Device {
  readonly owner: KeyOwner;
  readonly signer: Signer;
  readonly keyId: string;
  readonly key: string;
  readonly pair: CryptoKeyPair;
}

export async function device(name: string, role: string): Promise<Device> {
  const pair = await generateSigningKeyPair();
  const signer = await keyPairSigner(pair);
  return { owner: { name, role }, signer, keyId: signer.keyId, key: await publicKeyText(pair.publicKey), pair };
}

let clock = 0;
const nextTime = () => new Date(Date.UTC(2026, 3, 1, 8, clock++)).toISOString();

/** A log written the way the add-in writes it: each call appends one entry, signed with `by` (or not). */
export class LogBuilder {
  readonly entries: HashedAuditEntry[] = [];

  async sign(entry: Omit<AuditEntry, "seq" | "keyId">, by: Device): Promise<HashedAuditEntry> {
    const signed = await signEntry(entry, this.entries.at(-1), by.signer);
    this.entries.push(signed);
    return signed;
  }

  unsigned(entry: Omit<AuditEntry, "seq" | "keyId">): HashedAuditEntry {
    const hashed = chainEntry(entry, this.entries.at(-1));
    this.entries.push(hashed);
    return hashed;
  }

  /** `of` publishes its own key, signed with `by` (itself by default). */
  publish(of: Device, by: Device = of) {
    return this.sign(addKeyEntry(of.owner, of.key, nextTime()) as Omit<AuditEntry, "seq" | "keyId">, by);
  }

  approve(keyId: string, by: Device) {
    return this.sign(approveKeyEntry(keyId, by.owner, nextTime()), by);
  }

  revoke(keyId: string, by: Device) {
    return this.sign(revokeKeyEntry(keyId, by.owner, nextTime()), by);
  }

  /** A plan step by `by`, in its owner's name unless `as` says otherwise. */
  act(by: Device, planId = "P-001", as: KeyOwner = by.owner) {
    return this.sign({ time: nextTime(), planId, action: "approve", from: "Draft", to: "Reviewed", actor: as.name, role: as.role, comment: "" }, by);
  }

  step(planId = "P-001", as: KeyOwner = { name: "王芳", role: "marketingAssistant" }) {
    return this.unsigned({ time: nextTime(), planId, action: "approve", from: "Draft", to: "Reviewed", actor: as.name, role: as.role, comment: "" });
  }
}
