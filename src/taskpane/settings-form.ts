import { useCallback, useRef, useState } from "react";
import type { Language } from "../i18n";
import { draftOf, draftUnchanged, failureDetail, isIdentified, saveSettings, settingsOf, type LoadedSettings, type PaneSettings, type SettingsDraft } from "./settings";
import type { SettingsStore } from "./settings-store";

/**
 * What the Settings page last has to say. Kept as data, not text, so that it is shown in the
 * language the pane speaks now: a confirmation of a new language reads in that language.
 */
export type SettingsNotice =
  | { readonly kind: "saved" }
  /** Saved in the pane for this session, but the store refused them. */
  | { readonly kind: "notStored"; readonly detail: string }
  /** The store could not be read at start-up: the pane began from empty settings. */
  | { readonly kind: "notRead"; readonly detail: string };

/**
 * The settings in force and the Settings form, held by App so that the form's unsaved
 * entries survive a change of tab (the page itself is unmounted).
 */
export interface SettingsForm {
  /** In force: what every page uses. */
  readonly settings: PaneSettings;
  readonly draft: SettingsDraft;
  /** The form differs from the settings in force. */
  readonly changed: boolean;
  readonly saving: boolean;
  /** Nothing says who the user is yet, and the store did not fail: the first run. */
  readonly welcome: boolean;
  readonly notice: SettingsNotice | undefined;
  /** Grows with each notice, so that the same confirmation twice is announced twice. */
  readonly noticeCount: number;
  edit(change: Partial<SettingsDraft>): void;
  /** Stores the form and puts it in force; never rejects (a failure becomes the notice). */
  save(): Promise<void>;
  /** The form back to the settings in force. */
  discard(): void;
  /** The page is left: a confirmation has been read (a failure stays). */
  leave(): void;
}

export function useSettingsForm(loaded: LoadedSettings, store: SettingsStore, officeLanguage: Language): SettingsForm {
  const [settings, setSettings] = useState(loaded.settings);
  const [draft, setDraft] = useState(() => draftOf(loaded.settings, loaded.settings.language ?? officeLanguage));
  const [saving, setSaving] = useState(false);
  const [notice, setNoticeState] = useState<SettingsNotice | undefined>(loaded.status === "failed" ? { kind: "notRead", detail: loaded.detail } : undefined);
  const [noticeCount, setNoticeCount] = useState(0);
  const [storeFailed] = useState(loaded.status === "failed");
  const savingNow = useRef(false);
  const paneLanguage = settings.language ?? officeLanguage;

  const setNotice = useCallback((next: SettingsNotice | undefined) => {
    setNoticeState(next);
    setNoticeCount((n) => n + 1);
  }, []);

  const edit = (change: Partial<SettingsDraft>) => {
    setDraft((old) => ({ ...old, ...change }));
    if (notice) setNotice(undefined);
  };

  const save = async () => {
    if (savingNow.current) return;
    savingNow.current = true;
    setSaving(true);
    const next = settingsOf(draft);
    let failure: SettingsNotice | undefined;
    try {
      await saveSettings(store, next);
    } catch (error) {
      failure = { kind: "notStored", detail: failureDetail(error) };
    }
    // Put in force even when the store refused them: the user can work for this session, and is told.
    setSettings(next);
    setDraft(draftOf(next, next.language ?? officeLanguage));
    setNotice(failure ?? { kind: "saved" });
    savingNow.current = false;
    setSaving(false);
  };

  return {
    settings,
    draft,
    changed: !draftUnchanged(draft, settings, paneLanguage),
    saving,
    welcome: !storeFailed && !isIdentified(settings),
    notice,
    noticeCount,
    edit,
    save,
    discard: () => {
      setDraft(draftOf(settings, paneLanguage));
      setNotice(undefined);
    },
    leave: () => {
      if (notice?.kind === "saved") setNotice(undefined);
    },
  };
}
