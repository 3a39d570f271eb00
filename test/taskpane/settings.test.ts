import {
  draftOf,
  draftUnchanged,
  EMPTY_SETTINGS,
  loadSettings,
  saveSettings,
  settingsOf,
  SETTINGS_KEY,
  type PaneSettings,
} from "../../src/taskpane/settings";
import { browserStore, memoryStore, officeRuntimeStorage, officeStore, type OfficeRuntimeStorage, type SettingsStore, type WebStorage } from "../../src/taskpane/settings-store";

const SETTINGS: PaneSettings = { name: "王建华", role: "director", language: "zh", tableNames: { Plans: "营销计划表" } };

/** OfficeRuntime.storage as Office answers: asynchronously, strings in, strings or null out. */
function fakeOfficeStorage(data = new Map<string, string>()): OfficeRuntimeStorage & { data: Map<string, string> } {
  return {
    data,
    getItem: async (key) => data.get(key) ?? null,
    setItem: async (key, value) => void data.set(key, value),
  };
}

/** window.localStorage as the browser has it: synchronous, throwing when full. */
function fakeLocalStorage(data = new Map<string, string>()): WebStorage & { data: Map<string, string> } {
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const quotaExceeded = () => Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });

/** The promises every store keeps (settings-store.ts), proved for each implementation. */
describe.each<[string, () => SettingsStore]>([
  ["OfficeRuntime.storage", () => officeStore(fakeOfficeStorage())],
  [
    "localStorage",
    () => {
      const local = fakeLocalStorage();
      return browserStore(() => local);
    },
  ],
  ["memory", () => memoryStore()],
])("the %s store", (_, make) => {
  test("what is saved is loaded again; nothing saved is the first run", async () => {
    const store = make();
    expect(await loadSettings(store)).toEqual({ status: "none", settings: EMPTY_SETTINGS });
    await saveSettings(store, SETTINGS);
    expect(await loadSettings(store)).toEqual({ status: "loaded", settings: SETTINGS });
  });
});

describe("the OfficeRuntime.storage store", () => {
  test("keeps the settings as one JSON string under the shared key, where the functions runtime finds them", async () => {
    const storage = fakeOfficeStorage();
    await saveSettings(officeStore(storage), SETTINGS);
    expect([...storage.data.keys()]).toEqual([SETTINGS_KEY]);
    expect(JSON.parse(storage.data.get(SETTINGS_KEY) ?? "")).toEqual(SETTINGS);
  });

  test("a storage that rejects: loading says why and starts empty; saving rejects with the storage's error", async () => {
    const storage: OfficeRuntimeStorage = {
      getItem: () => Promise.reject(new Error("Storage is not available")),
      setItem: () => Promise.reject(new Error("The storage limit of 10 MB was reached")),
    };
    expect(await loadSettings(officeStore(storage))).toEqual({ status: "failed", settings: EMPTY_SETTINGS, detail: "Storage is not available" });
    await expect(saveSettings(officeStore(storage), SETTINGS)).rejects.toThrow("The storage limit of 10 MB was reached");
  });

  test("a storage that throws instead of rejecting, or rejects with a non-Error, still gives a rejection", async () => {
    const throwing: OfficeRuntimeStorage = {
      getItem: () => {
        throw new Error("not in this context");
      },
      setItem: () => Promise.reject("denied"),
    };
    expect(await loadSettings(officeStore(throwing))).toMatchObject({ status: "failed", detail: "not in this context" });
    await expect(saveSettings(officeStore(throwing), SETTINGS)).rejects.toThrow("OfficeRuntime.storage.setItem: denied");
  });

  test("a storage that never answers fails after the timeout, so the pane still opens", async () => {
    const silent: OfficeRuntimeStorage = { getItem: () => new Promise(() => undefined), setItem: () => new Promise(() => undefined) };
    expect(await loadSettings(officeStore(silent, 20))).toEqual({ status: "failed", settings: EMPTY_SETTINGS, detail: "OfficeRuntime.storage.getItem: no answer within 0.02 s" });
    await expect(saveSettings(officeStore(silent, 20), SETTINGS)).rejects.toThrow("OfficeRuntime.storage.setItem: no answer within 0.02 s");
  });

  test("no storage (an Office without SharedRuntime 1.1): every call rejects and says so", async () => {
    expect(await loadSettings(officeStore(undefined))).toMatchObject({ status: "failed", detail: "OfficeRuntime.storage is not available in this Office" });
    await expect(saveSettings(officeStore(undefined), SETTINGS)).rejects.toThrow("not available");
  });

  test("a value that is not a string (some hosts answer undefined) reads as nothing stored", async () => {
    const storage: OfficeRuntimeStorage = { getItem: async () => undefined, setItem: async () => undefined };
    expect(await officeStore(storage).getItem(SETTINGS_KEY)).toBeNull();
  });

  test("officeRuntimeStorage finds OfficeRuntime.storage only when Office.js provides it", () => {
    const global = globalThis as { OfficeRuntime?: unknown };
    expect(officeRuntimeStorage()).toBeUndefined();
    const storage = fakeOfficeStorage();
    try {
      global.OfficeRuntime = { storage };
      expect(officeRuntimeStorage()).toBe(storage);
      global.OfficeRuntime = {};
      expect(officeRuntimeStorage()).toBeUndefined();
    } finally {
      delete global.OfficeRuntime;
    }
  });

  test("settings an earlier version kept in localStorage are taken over once, then read from Office", async () => {
    const local = fakeLocalStorage(new Map([[SETTINGS_KEY, JSON.stringify(SETTINGS)]]));
    const office = fakeOfficeStorage();
    expect(await loadSettings(officeStore(office), browserStore(() => local))).toEqual({ status: "loaded", settings: SETTINGS });
    expect(JSON.parse(office.data.get(SETTINGS_KEY) ?? "")).toEqual(SETTINGS);
    // Office's own settings win over what localStorage still holds.
    await saveSettings(officeStore(office), { ...SETTINGS, name: "李会计" });
    expect((await loadSettings(officeStore(office), browserStore(() => local))).settings.name).toBe("李会计");
    // Nothing to take over, or an unreadable localStorage: the first run.
    const blocked = browserStore(() => {
      throw new Error("blocked");
    });
    expect(await loadSettings(officeStore(fakeOfficeStorage()), blocked)).toEqual({ status: "none", settings: EMPTY_SETTINGS });
  });
});

describe("the localStorage store (preview only)", () => {
  test("a full storage: saving rejects with the browser's error, and what was stored stays", async () => {
    const local = fakeLocalStorage(new Map([[SETTINGS_KEY, JSON.stringify(SETTINGS)]]));
    local.setItem = () => {
      throw quotaExceeded();
    };
    await expect(saveSettings(browserStore(() => local), { ...SETTINGS, name: "李会计" })).rejects.toThrow("The quota has been exceeded.");
    expect(await loadSettings(browserStore(() => local))).toEqual({ status: "loaded", settings: SETTINGS });
  });

  test("a blocked storage (reading window.localStorage throws) or none at all: loading fails and says why", async () => {
    const blocked = browserStore(() => {
      throw Object.assign(new Error("Access is denied for this document."), { name: "SecurityError" });
    });
    expect(await loadSettings(blocked)).toEqual({ status: "failed", settings: EMPTY_SETTINGS, detail: "Access is denied for this document." });
    await expect(saveSettings(browserStore(() => undefined), SETTINGS)).rejects.toThrow("this browser keeps no local storage");
  });
});

describe("reading stored settings", () => {
  test("unknown or mistyped fields fall back to their defaults, one by one", async () => {
    const store = memoryStore(new Map([[SETTINGS_KEY, JSON.stringify({ name: 7, role: "emperor", language: "fr", tableNames: null })]]));
    expect(await loadSettings(store)).toEqual({ status: "loaded", settings: EMPTY_SETTINGS });
    const partly = memoryStore(new Map([[SETTINGS_KEY, JSON.stringify({ name: "王建华", role: "finance", tableNames: { Plans: "P", Sales: 3 } })]]));
    expect((await loadSettings(partly)).settings).toEqual({ name: "王建华", role: "finance", language: undefined, tableNames: { Plans: "P" } });
    expect((await loadSettings(memoryStore(new Map([[SETTINGS_KEY, "null"]])))).settings).toEqual(EMPTY_SETTINGS);
  });

  test("a value that is not JSON is a failure the user is told of, not silently the first run", async () => {
    const loaded = await loadSettings(memoryStore(new Map([[SETTINGS_KEY, "{not json"]])));
    expect(loaded.status).toBe("failed");
    expect(loaded.settings).toEqual(EMPTY_SETTINGS);
  });
});

describe("the Settings form", () => {
  test("shows the settings, with the pane's language when none was chosen", () => {
    expect(draftOf(EMPTY_SETTINGS, "zh")).toEqual({ name: "", role: "", language: "zh", tableNames: {} });
    expect(draftOf(SETTINGS, "en").language).toBe("zh");
  });

  test("saving trims the name and the table names and drops blank ones", () => {
    expect(settingsOf({ name: "  王建华 ", role: "director", language: "en", tableNames: { Plans: " P2 ", Sales: "  " } })).toEqual({
      name: "王建华",
      role: "director",
      language: "en",
      tableNames: { Plans: "P2" },
    });
  });

  test("is unchanged until an edit would change what the pane uses", () => {
    const draft = draftOf(SETTINGS, "en");
    expect(draftUnchanged(draft, SETTINGS, "zh")).toBe(true);
    expect(draftUnchanged({ ...draft, name: " 王建华 ", tableNames: { ...draft.tableNames, Sales: " " } }, SETTINGS, "zh")).toBe(true);
    expect(draftUnchanged({ ...draft, name: "李会计" }, SETTINGS, "zh")).toBe(false);
    expect(draftUnchanged({ ...draft, role: "finance" }, SETTINGS, "zh")).toBe(false);
    expect(draftUnchanged({ ...draft, language: "en" }, SETTINGS, "zh")).toBe(false);
    expect(draftUnchanged({ ...draft, tableNames: { Plans: "Other" } }, SETTINGS, "zh")).toBe(false);
    // A language left to Office equals that language chosen in the form.
    expect(draftUnchanged(draftOf(EMPTY_SETTINGS, "zh"), EMPTY_SETTINGS, "zh")).toBe(true);
    expect(draftUnchanged({ ...draftOf(EMPTY_SETTINGS, "zh"), language: "en" }, EMPTY_SETTINGS, "zh")).toBe(false);
  });
});
