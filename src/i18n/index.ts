import i18next, { type i18n, type TOptions } from "i18next";
import { isRuleError, REBATE_STATUS_ROLES, roleDuties, type Chains, type Role, type RuleError } from "../rules";
import { isWorkbookError } from "../workbook/errors";
import { en } from "./messages.en";
import { zh } from "./messages.zh";
import { uiEn } from "./ui.en";
import { uiZh } from "./ui.zh";

export type { UiMessages } from "./ui.en";

export type Language = "en" | "zh";
export const LANGUAGES: readonly Language[] = ["en", "zh"];

/**
 * "zh", "zh-CN" (Office, browsers), "zh_CN.UTF-8", "zh@x" (POSIX locales) → Chinese; anything
 * else ("zhx", "C.UTF-8", "") → English. Not /^zh\b/: "_" is a word character, so \b would
 * miss every POSIX Chinese locale.
 */
export function languageFromLocale(locale: string | undefined | null): Language {
  return locale && /^zh(?:$|[-_.@])/i.test(locale.trim()) ? "zh" : "en";
}

const translators = new Map<Language, i18n>();

function translator(lang: Language): i18n {
  let instance = translators.get(lang);
  if (!instance) {
    instance = i18next.createInstance();
    // Texts are never rendered as HTML (React escapes them; Excel shows plain text), so no escaping here.
    void instance.init({
      lng: lang,
      fallbackLng: "en",
      resources: { en: { translation: en, ui: uiEn }, zh: { translation: zh, ui: uiZh } },
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    translators.set(lang, instance);
  }
  return instance;
}

export function translate(lang: Language, key: string, params: TOptions = {}): string {
  return translator(lang).t(key, params) as string;
}

/** A task-pane text (namespace "ui", src/i18n/ui.*.ts), e.g. uiText("zh", "tab.approvals"). */
export function uiText(lang: Language, key: string, params: TOptions = {}): string {
  return translator(lang).t(key, { ...params, ns: "ui" }) as string;
}

export function describeRuleError(error: RuleError, lang: Language): string {
  return translate(lang, `rule.${error.code}`, { ...error.params });
}

const LOCALES: Readonly<Record<Language, string>> = { en: "en-US", zh: "zh-CN" };

/** Money to 0.01 with grouping, as both the pane and the command line show it. */
export function formatMoney(amount: number, lang: Language): string {
  return amount.toLocaleString(LOCALES[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatPercent(rate: number, lang: Language): string {
  return rate.toLocaleString(LOCALES[lang], { style: "percent", maximumFractionDigits: 2 });
}

export function listChoices(choices: readonly string[], lang: Language): string {
  return choices.join(translate(lang, "choices.separator"));
}

/**
 * What `role` may do, in one line (Settings): the steps it takes in `chains` and in the
 * rebate chain (3.2), grouped by the status they lead to, and what else the policy says of it.
 */
export function describeRole(role: Role, chains: Chains, lang: Language): string {
  const rebate = translate(lang, "role.rebate");
  const duties = [
    ...roleDuties(chains, role).map(({ type, to }) => ({ type: uiText(lang, `planType.${type}`), to })),
    ...Object.entries(REBATE_STATUS_ROLES).filter(([, needed]) => needed === role).map(([to]) => ({ type: rebate, to })),
  ];
  const typesByStatus = new Map<string, string[]>();
  // A valid chain leads to each status once, so no type appears twice under one status.
  for (const { type, to } of duties) typesByStatus.set(to, [...(typesByStatus.get(to) ?? []), type]);
  const steps = [...typesByStatus].map(([to, types]) =>
    translate(lang, "role.duty", { types: types.join(translate(lang, "role.typeSeparator")), status: uiText(lang, `status.${to}`) }),
  );
  const line = steps.length > 0 ? translate(lang, "role.duties", { steps: steps.join(translate(lang, "role.dutySeparator")) }) : translate(lang, "role.none");
  return role in en.role.note ? translate(lang, "role.withNote", { line, note: translate(lang, `role.note.${role}`) }) : line;
}

/**
 * Any failure as the user should read it: rule and workbook errors in their language,
 * anything else (a bug, a lost connection) by its own message.
 */
export function describeError(error: unknown, lang: Language): string {
  if (isWorkbookError(error)) {
    const params = Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, Array.isArray(v) ? v.join(" / ") : v]));
    return translate(lang, `workbook.${error.code}`, { tableName: "", sheet: "", ...params });
  }
  if (isRuleError(error)) return describeRuleError(error, lang);
  return translate(lang, "rule.unexpected", { detail: error instanceof Error ? error.message : String(error) });
}
