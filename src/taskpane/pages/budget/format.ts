import type { Language } from "../../../i18n";
import { money } from "../../pane";

const LOCALE: Readonly<Record<Language, string>> = { en: "en-US", zh: "zh-CN" };

/** A variance with its sign ("+8,380.38", "-6,464.88"), so that an overspend reads as one; "—" when there is none. */
export function signedMoney(amount: number | undefined, lang: Language): string {
  return amount !== undefined && amount > 0 ? `+${money(amount, lang)}` : money(amount, lang);
}

/** Variance ÷ budget to one decimal, signed ("+2.1%", "-0.7%"); "—" when there is none. */
export function percentText(rate: number | undefined, lang: Language): string {
  if (rate === undefined || !Number.isFinite(rate)) return "—";
  return rate.toLocaleString(LOCALE[lang], { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });
}
