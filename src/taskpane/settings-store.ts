/**
 * Where the pane keeps the user's settings. In Excel: OfficeRuntime.storage, the add-in's
 * own persistent store, which the custom functions see too (one shared runtime, manifest
 * `SharedRuntime 1.1`). In the preview page: the browser's localStorage. Outside both (the
 * pane opened in a plain browser): memory, for as long as the page is open.
 */

/**
 * One string per key, asynchronous as OfficeRuntime.storage is. Every promise settles:
 * getItem resolves to the stored string or null when nothing is stored under the key;
 * setItem resolves once the value is stored. Both reject, with an Error saying why, when the
 * storage cannot be used (blocked, full, missing, or no answer in time).
 */
export interface SettingsStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

/** The part of OfficeRuntime.storage used here (API set SharedRuntime 1.1; @types/office-runtime is not installed). */
export interface OfficeRuntimeStorage {
  getItem(key: string): Promise<string | null | undefined>;
  setItem(key: string, value: string): Promise<void>;
}

/** OfficeRuntime.storage when Office.js provides it (inside Excel, after Office.onReady), else undefined. */
export function officeRuntimeStorage(): OfficeRuntimeStorage | undefined {
  try {
    const storage = (globalThis as { OfficeRuntime?: { storage?: OfficeRuntimeStorage } }).OfficeRuntime?.storage;
    return typeof storage?.getItem === "function" && typeof storage.setItem === "function" ? storage : undefined;
  } catch {
    return undefined;
  }
}

/** How long Office may take to answer before a call counts as failed: the pane must not wait forever to open. */
export const OFFICE_STORAGE_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(`${what}: ${String(error)}`));
      },
    );
  });
}

/**
 * OfficeRuntime.storage (inside Excel). Each call costs one round trip to Office and fails
 * after `timeoutMs`; without a storage (an Office too old for SharedRuntime 1.1) every call
 * rejects. A value that is not a string reads as nothing stored.
 */
export function officeStore(storage: OfficeRuntimeStorage | undefined, timeoutMs = OFFICE_STORAGE_TIMEOUT_MS): SettingsStore {
  const call = <T>(what: string, run: (s: OfficeRuntimeStorage) => Promise<T>): Promise<T> => {
    if (!storage) return Promise.reject(new Error("OfficeRuntime.storage is not available in this Office"));
    try {
      return withTimeout(run(storage), timeoutMs, `OfficeRuntime.storage.${what}`);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    getItem: (key) => call("getItem", (s) => s.getItem(key)).then((value) => (typeof value === "string" ? value : null)),
    setItem: (key, value) => call("setItem", (s) => s.setItem(key, value)).then(() => undefined),
  };
}

/** The part of the Web Storage API used here. */
export type WebStorage = Pick<Storage, "getItem" | "setItem">;

/**
 * The browser's localStorage (the preview page only). `storage` is asked for on each call:
 * reading window.localStorage itself throws where the browser blocks storage. A throw, such
 * as QuotaExceededError, becomes a rejection.
 */
export function browserStore(storage: () => WebStorage | undefined = () => globalThis.localStorage): SettingsStore {
  const use = <T>(run: (s: WebStorage) => T): Promise<T> => {
    try {
      const s = storage();
      if (!s) throw new Error("this browser keeps no local storage");
      return Promise.resolve(run(s));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    getItem: (key) => use((s) => s.getItem(key)),
    setItem: (key, value) => use((s) => s.setItem(key, value)),
  };
}

/** Kept in memory only: the pane outside Excel and the preview, and tests. */
export function memoryStore(data = new Map<string, string>()): SettingsStore {
  return {
    getItem: async (key) => data.get(key) ?? null,
    setItem: async (key, value) => void data.set(key, value),
  };
}
