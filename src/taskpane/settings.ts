import type { Language } from "../i18n";
import { isRole, type Role } from "../rules";
import type { TableNames } from "../services";

/** What the user chooses in Settings; kept in the browser's storage for this add-in's origin. */
export interface PaneSettings {
  readonly name: string;
  readonly role: Role | "";
  /** undefined: follow Office's display language. */
  readonly language?: Language;
  readonly tableNames: TableNames;
}

export const EMPTY_SETTINGS: PaneSettings = { name: "", role: "", tableNames: {} };

/** The user has said who they are and in which role they act: they may act on plans. */
export function isIdentified(settings: PaneSettings): settings is PaneSettings & { readonly role: Role } {
  return settings.name.trim() !== "" && settings.role !== "";
}

const KEY = "mkt-rulebook.settings";

/** The part of Storage the pane uses (localStorage; a Map in tests). */
export interface SettingsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadSettings(store: SettingsStore | undefined): PaneSettings {
  try {
    const raw = store?.getItem(KEY);
    if (!raw) return EMPTY_SETTINGS;
    const parsed = JSON.parse(raw) as Partial<PaneSettings>;
    return {
      name: typeof parsed.name === "string" ? parsed.name : "",
      role: typeof parsed.role === "string" && isRole(parsed.role) ? parsed.role : "",
      language: parsed.language === "en" || parsed.language === "zh" ? parsed.language : undefined,
      tableNames: parsed.tableNames && typeof parsed.tableNames === "object" ? parsed.tableNames : {},
    };
  } catch {
    // Unreadable or blocked storage: start from defaults rather than fail to open.
    return EMPTY_SETTINGS;
  }
}

export function saveSettings(store: SettingsStore | undefined, settings: PaneSettings): void {
  try {
    store?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage full or blocked (private mode): the settings last for this session only.
  }
}

/** window.localStorage when the browser allows it. */
export function browserStore(): SettingsStore | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
