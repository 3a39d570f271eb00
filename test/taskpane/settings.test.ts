import { EMPTY_SETTINGS, loadSettings, saveSettings, type SettingsStore } from "../../src/taskpane/settings";

function memoryStore(): SettingsStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("pane settings in browser storage", () => {
  test("what is saved is loaded again", () => {
    const store = memoryStore();
    const settings = { name: "王建华", role: "director" as const, language: "zh" as const, tableNames: { Plans: "营销计划表" } };
    saveSettings(store, settings);
    expect(loadSettings(store)).toEqual(settings);
  });

  test("missing, unreadable or foreign values fall back to the defaults", () => {
    expect(loadSettings(undefined)).toEqual(EMPTY_SETTINGS);
    const store = memoryStore();
    expect(loadSettings(store)).toEqual(EMPTY_SETTINGS);
    store.data.set("mkt-rulebook.settings", "{not json");
    expect(loadSettings(store)).toEqual(EMPTY_SETTINGS);
    store.data.set("mkt-rulebook.settings", JSON.stringify({ name: 7, role: "emperor", language: "fr", tableNames: null }));
    expect(loadSettings(store)).toEqual(EMPTY_SETTINGS);
  });

  test("a store that throws does not stop the pane", () => {
    const broken: SettingsStore = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("full");
      },
    };
    expect(loadSettings(broken)).toEqual(EMPTY_SETTINGS);
    expect(() => saveSettings(broken, EMPTY_SETTINGS)).not.toThrow();
  });
});
