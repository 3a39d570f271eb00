import { generateSigningKeyPair, parseWitness, signerKey, type KnownKeys, type Witness } from "../../rules";
import { TrustError } from "./trust-error";

/**
 * What this client trusts (issue 12, points 1–3), kept on this computer, never in the
 * workbook: per signer ("name|role") the signing key pair made on first use and the keys it
 * has seen, and per workbook ID the longest log head it has seen.
 *
 * Every method settles: it resolves, or rejects with a TrustError saying why the storage
 * cannot be used (IndexedDB blocked in a private window, full, or missing).
 */
export interface TrustStore {
  /**
   * This client's key pair for the signer: the same pair every time, made on the first call
   * with a private key that cannot be exported (WebCrypto `extractable: false`). Two calls at
   * once get the same pair.
   */
  keyPair(name: string, role: string): Promise<CryptoKeyPair>;
  /** The keys this client has seen, by signer ("name|role"). */
  knownKeys(): Promise<KnownKeys>;
  /** Adds keys to those known under each signer (a union: nothing is forgotten). */
  addKnownKeys(additions: KnownKeys): Promise<void>;
  /** The head this client last saw of the workbook; undefined for a workbook it never saw. */
  witness(workbookId: string): Promise<Witness | undefined>;
  /** Keeps `witness` as the head seen of its workbook, in place of the one before. */
  saveWitness(witness: Witness): Promise<void>;
}

/** The record stores a TrustStore keeps: key pairs and known keys by signer, witnesses by workbook ID. */
export type TrustStoreName = "keys" | "known" | "witnesses";
export const TRUST_STORE_NAMES: readonly TrustStoreName[] = ["keys", "known", "witnesses"];

/**
 * Records by store and key, kept as the structured clone algorithm keeps them, so a
 * CryptoKeyPair is kept as it is (its private key stays unexportable). Each call is one
 * transaction; every promise settles, rejecting with an Error when the storage fails.
 */
export interface TrustRecords {
  get<T>(store: TrustStoreName, key: string): Promise<T | undefined>;
  /** Every record of the store, in key order. */
  all<T>(store: TrustStoreName): Promise<[string, T][]>;
  /** Keeps `value` under `key` unless a record is there already; resolves to the record kept (the first one). */
  addOnce<T>(store: TrustStoreName, key: string, value: T): Promise<T>;
  /** Replaces the record under `key` by `change(record)`, read and written in one transaction. */
  update<T>(store: TrustStoreName, key: string, change: (current: T | undefined) => T): Promise<void>;
}

const isKeyPair = (value: unknown): value is CryptoKeyPair => typeof value === "object" && value !== null && "privateKey" in value && "publicKey" in value;

/** A storage failure as a TrustError (its detail: the storage's own message). */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw TrustError.storage(error);
  }
}

/** The TrustStore over any TrustRecords: IndexedDB in the pane (indexeddb.ts), memory in tests. */
export function recordTrustStore(records: TrustRecords): TrustStore {
  return {
    keyPair: (name, role) =>
      guarded(async () => {
        const key = signerKey(name.trim(), role.trim());
        const found = await records.get<unknown>("keys", key);
        if (found !== undefined) {
          if (!isKeyPair(found)) throw TrustError.storage(new Error(`the key pair kept for ${key} cannot be read`));
          return found;
        }
        // Generated before the transaction (WebCrypto is not IndexedDB: awaiting it would end one); the first pair kept wins.
        const kept = await records.addOnce<unknown>("keys", key, await generateSigningKeyPair(false));
        if (!isKeyPair(kept)) throw TrustError.storage(new Error(`the key pair kept for ${key} cannot be read`));
        return kept;
      }),
    knownKeys: () =>
      guarded(async () => {
        const known: Record<string, readonly string[]> = {};
        for (const [signer, keyIds] of await records.all<unknown>("known")) {
          if (Array.isArray(keyIds)) known[signer] = keyIds.filter((k): k is string => typeof k === "string");
        }
        return known;
      }),
    addKnownKeys: (additions) =>
      guarded(async () => {
        for (const [signer, keyIds] of Object.entries(additions)) {
          if (keyIds.length === 0) continue;
          await records.update<string[]>("known", signer, (current) => [...new Set([...(Array.isArray(current) ? current : []), ...keyIds])]);
        }
      }),
    witness: (workbookId) => guarded(async () => parseWitness(await records.get<unknown>("witnesses", workbookId))),
    saveWitness: (witness) => guarded(() => records.update<Witness>("witnesses", witness.workbookId, () => ({ ...witness }))),
  };
}

/** TrustRecords in this page's memory (unit tests; values kept as given, not cloned). */
export function memoryTrustRecords(): TrustRecords {
  const stores = new Map<TrustStoreName, Map<string, unknown>>(TRUST_STORE_NAMES.map((name) => [name, new Map()]));
  const of = (store: TrustStoreName) => stores.get(store) as Map<string, unknown>;
  return {
    get: async <T>(store: TrustStoreName, key: string) => of(store).get(key) as T | undefined,
    all: async <T>(store: TrustStoreName) => [...of(store)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) as [string, T][],
    addOnce: async <T>(store: TrustStoreName, key: string, value: T) => {
      const records = of(store);
      if (!records.has(key)) records.set(key, value);
      return records.get(key) as T;
    },
    update: async <T>(store: TrustStoreName, key: string, change: (current: T | undefined) => T) => {
      of(store).set(key, change(of(store).get(key) as T | undefined));
    },
  };
}

/** A TrustStore in memory: unit tests, and the pane where no workbook can be acted on. */
export function memoryTrustStore(records: TrustRecords = memoryTrustRecords()): TrustStore {
  return recordTrustStore(records);
}
