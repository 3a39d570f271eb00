import type { Language } from "../i18n";
import { isRole, type Role } from "../rules";
import type { TableNames } from "../services";
import type { TableKind } from "../workbook";
import type { SettingsStore } from "./settings-store";

/** What the user chooses in Settings; kept in a SettingsStore (settings-store.ts). */
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

/**
 * The one key the settings are stored under, as JSON. In Excel the store is
 * OfficeRuntime.storage, which the custom functions (same shared runtime) can read too.
 */
export const SETTINGS_KEY = "mkt-rulebook.settings";

/**
 * What was found in the store at start-up: nothing (the first run), settings, or a store that
 * could not be read (the detail says why; the pane starts from empty settings and says so).
 */
export type LoadedSettings =
  | { readonly status: "none"; readonly settings: PaneSettings }
  | { readonly status: "loaded"; readonly settings: PaneSettings }
  | { readonly status: "failed"; readonly settings: PaneSettings; readonly detail: string };

/** A stored value as settings; a field of the wrong type or an unknown role or language is left at its default. */
export function parseSettings(raw: string): PaneSettings {
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== "object") return EMPTY_SETTINGS;
  const values = parsed as Partial<Record<keyof PaneSettings, unknown>>;
  const tableNames = values.tableNames && typeof values.tableNames === "object" ? (values.tableNames as Record<string, unknown>) : {};
  return {
    name: typeof values.name === "string" ? values.name : "",
    role: typeof values.role === "string" && isRole(values.role) ? values.role : "",
    language: values.language === "en" || values.language === "zh" ? values.language : undefined,
    tableNames: Object.fromEntries(Object.entries(tableNames).filter(([, v]) => typeof v === "string")),
  };
}

/** A storage failure in one line, for the user: the store's own message. */
export function failureDetail(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * Never rejects: a store that fails, or a value that is not JSON, gives status "failed".
 * With nothing in `store`, settings found in `previous` (where an earlier version kept them)
 * are loaded and copied into `store`, as far as it takes them; `previous` failing counts as
 * nothing found there.
 */
export async function loadSettings(store: SettingsStore, previous?: SettingsStore): Promise<LoadedSettings> {
  try {
    const raw = await store.getItem(SETTINGS_KEY);
    if (raw !== null) return { status: "loaded", settings: parseSettings(raw) };
  } catch (error) {
    return { status: "failed", settings: EMPTY_SETTINGS, detail: failureDetail(error) };
  }
  const old = previous && (await previous.getItem(SETTINGS_KEY).catch(() => null));
  if (!old) return { status: "none", settings: EMPTY_SETTINGS };
  try {
    const settings = parseSettings(old);
    await store.setItem(SETTINGS_KEY, JSON.stringify(settings)).catch(() => undefined);
    return { status: "loaded", settings };
  } catch {
    return { status: "none", settings: EMPTY_SETTINGS };
  }
}

/** Resolves once the store holds `settings`; rejects with the store's error when it could not keep them. */
export async function saveSettings(store: SettingsStore, settings: PaneSettings): Promise<void> {
  await store.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/** The Settings form as the user is filling it in: untrimmed text, a language always chosen. */
export interface SettingsDraft {
  readonly name: string;
  readonly role: Role | "";
  readonly language: Language;
  readonly tableNames: Partial<Readonly<Record<TableKind, string>>>;
}

/** The form showing `settings`; a language not chosen yet shows as the one the pane speaks. */
export function draftOf(settings: PaneSettings, paneLanguage: Language): SettingsDraft {
  return { name: settings.name, role: settings.role, language: settings.language ?? paneLanguage, tableNames: { ...settings.tableNames } };
}

/** What saving the form would keep: the name and table names trimmed, blank table names dropped. */
export function settingsOf(draft: SettingsDraft): PaneSettings {
  const tableNames = Object.fromEntries(
    Object.entries(draft.tableNames)
      .map(([kind, name]) => [kind, (name ?? "").trim()])
      .filter(([, name]) => name !== ""),
  );
  return { name: draft.name.trim(), role: draft.role, language: draft.language, tableNames };
}

/**
 * True when saving the form would change nothing the pane uses: a language left to Office
 * equals that language chosen, surrounding spaces and blank table names do not count.
 */
export function draftUnchanged(draft: SettingsDraft, settings: PaneSettings, paneLanguage: Language): boolean {
  const next = settingsOf(draft);
  const names = (n: TableNames) => JSON.stringify(Object.entries(n).filter(([, v]) => v && v.trim() !== "").map(([k, v]) => [k, v?.trim()]).sort());
  return next.name === settings.name.trim() && next.role === settings.role && next.language === (settings.language ?? paneLanguage) && names(next.tableNames) === names(settings.tableNames);
}
