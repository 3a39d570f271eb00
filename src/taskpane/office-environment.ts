import { languageFromLocale, type Language } from "../i18n";

export type PaneTheme = "light" | "dark";

export interface PaneEnvironment {
  readonly language: Language;
  readonly theme: PaneTheme;
}

/** Opened in a plain browser (no Office.js, or not inside Office): English on a light theme. */
export const OUTSIDE_OFFICE: PaneEnvironment = { language: "en", theme: "light" };

/** The parts of Office.context the pane reads; every field may be missing outside Office. */
export interface OfficeContextLike {
  readonly displayLanguage?: string;
  readonly officeTheme?: { readonly bodyBackgroundColor?: string };
}

function isDark(color: string | undefined): boolean {
  const hex = /^#?([0-9a-f]{6})$/i.exec(color?.trim() ?? "")?.[1];
  if (!hex) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

export function environmentFrom(context: OfficeContextLike | undefined): PaneEnvironment {
  if (!context) return OUTSIDE_OFFICE;
  let background: string | undefined;
  try {
    // Not every host implements officeTheme; reading it can throw.
    background = context.officeTheme?.bodyBackgroundColor;
  } catch {
    background = undefined;
  }
  return { language: languageFromLocale(context.displayLanguage), theme: isDark(background) ? "dark" : "light" };
}

/** Waits for Office when Office.js is present; never rejects, so the pane always renders. */
export async function officeEnvironment(): Promise<PaneEnvironment> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (typeof office?.onReady !== "function") return OUTSIDE_OFFICE;
  try {
    await office.onReady();
    return environmentFrom(office.context);
  } catch {
    return OUTSIDE_OFFICE;
  }
}
