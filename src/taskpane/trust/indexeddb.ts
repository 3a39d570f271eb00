import { TrustError } from "./trust-error";
import { recordTrustStore, TRUST_STORE_NAMES, type TrustRecords, type TrustStore, type TrustStoreName } from "./trust-store";

/**
 * The pane's TrustStore in IndexedDB (in Excel's web view and in the preview page alike): one
 * database, one object store per TrustStoreName, records under out-of-line keys. IndexedDB
 * keeps values by structured clone, so a CryptoKeyPair is stored as it is: the private key
 * stays a non-extractable CryptoKey, never bytes anyone could copy out of the browser.
 */
export const TRUST_DB_NAME = "mkt-rulebook-trust";
const TRUST_DB_VERSION = 1;
/** How long opening may take before it counts as failed (a connection of another tab blocking an upgrade). */
export const TRUST_DB_TIMEOUT_MS = 5_000;

/** Opens (and on first use creates) the database; rejects when IndexedDB is missing, refused or does not answer in time. */
function openDatabase(factoryOf: () => IDBFactory | undefined, timeoutMs: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let factory: IDBFactory | undefined;
    try {
      // Reading window.indexedDB itself throws where the browser refuses storage to this frame.
      factory = factoryOf();
    } catch (error) {
      reject(error);
      return;
    }
    if (!factory) {
      reject(new Error("this browser offers no IndexedDB"));
      return;
    }
    const timer = setTimeout(() => reject(new Error(`IndexedDB did not open within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof Error || error instanceof DOMException ? error : new Error(String(error)));
    };
    try {
      const request = factory.open(TRUST_DB_NAME, TRUST_DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        for (const name of TRUST_STORE_NAMES) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
      };
      request.onsuccess = () => {
        clearTimeout(timer);
        const db = request.result;
        // A later version opened elsewhere: let it upgrade; this connection fails its next call and says so.
        db.onversionchange = () => db.close();
        resolve(db);
      };
      request.onerror = () => fail(request.error ?? new Error("IndexedDB could not be opened"));
      request.onblocked = () => fail(new Error("IndexedDB is held open by another window of the add-in"));
    } catch (error) {
      // Some browsers throw at once (SecurityError) where storage is refused.
      fail(error);
    }
  });
}

/**
 * One transaction over one store: `body` queues its requests and says what the transaction
 * yields; the promise settles when the transaction completes (the value) or aborts (its error).
 */
function transact<T>(db: IDBDatabase, store: TrustStoreName, mode: IDBTransactionMode, body: (records: IDBObjectStore, yieldValue: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    let value: T | undefined;
    try {
      const transaction = db.transaction(store, mode);
      transaction.oncomplete = () => resolve(value as T);
      transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
      transaction.onerror = () => undefined; // onabort follows and rejects
      body(transaction.objectStore(store), (v) => (value = v));
    } catch (error) {
      reject(error);
    }
  });
}

/** TrustRecords over an open database. */
export function indexedDbRecords(db: IDBDatabase): TrustRecords {
  return {
    get: <T>(store: TrustStoreName, key: string) =>
      transact<T | undefined>(db, store, "readonly", (records, yieldValue) => {
        const found = records.get(key);
        found.onsuccess = () => yieldValue(found.result as T | undefined);
      }),
    all: <T>(store: TrustStoreName) =>
      transact<[string, T][]>(db, store, "readonly", (records, yieldValue) => {
        // Both in key order, in one transaction: the nth key is the nth value's.
        const keys = records.getAllKeys();
        const values = records.getAll();
        values.onsuccess = () => yieldValue((keys.result as IDBValidKey[]).map((k, i) => [String(k), values.result[i] as T]));
      }),
    addOnce: <T>(store: TrustStoreName, key: string, value: T) =>
      transact<T>(db, store, "readwrite", (records, yieldValue) => {
        const found = records.get(key);
        found.onsuccess = () => {
          if (found.result !== undefined) yieldValue(found.result as T);
          else {
            records.add(value, key);
            yieldValue(value);
          }
        };
      }),
    update: <T>(store: TrustStoreName, key: string, change: (current: T | undefined) => T) =>
      transact<void>(db, store, "readwrite", (records) => {
        const found = records.get(key);
        found.onsuccess = () => {
          records.put(change(found.result as T | undefined), key);
        };
      }),
  };
}

/** The pane's TrustStore; rejects with a TrustError when IndexedDB cannot be used here. */
export async function openIndexedDbTrustStore(factory: () => IDBFactory | undefined = () => globalThis.indexedDB, timeoutMs = TRUST_DB_TIMEOUT_MS): Promise<TrustStore> {
  let db: IDBDatabase;
  try {
    db = await openDatabase(factory, timeoutMs);
  } catch (error) {
    throw TrustError.storage(error);
  }
  return recordTrustStore(indexedDbRecords(db));
}
