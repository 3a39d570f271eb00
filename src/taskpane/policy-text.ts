import { formatPercent, type Language } from "../i18n";
import { POLICY_RULE_NAMES, POLICY_RULE_SHAPES, type PolicyChange, type PolicyEntry, type PolicyRule } from "../rules";

/** A policy's numbers as people read them: rates as percentages, amounts with separators. */

const formatNumber = (value: number, lang: Language) => value.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 2 });

export function policyValueText(rule: PolicyRule, value: number | undefined, lang: Language): string {
  if (value === undefined) return "—";
  const kind = POLICY_RULE_SHAPES[rule].value;
  return kind === "rate" || kind === "tolerance" ? formatPercent(value, lang) : formatNumber(value, lang);
}

/** One row of a rule: "SM ≥ 20,000: 4,000", "≥ 13,000: 10%", "17%". */
export function policyEntryText(rule: PolicyRule, entry: PolicyEntry, lang: Language): string {
  const rank = entry.rank ? `${entry.rank} ` : "";
  const threshold = entry.threshold !== undefined ? `≥ ${formatNumber(entry.threshold, lang)}: ` : rank ? ": " : "";
  return `${rank}${threshold}${policyValueText(rule, entry.value, lang)}`;
}

export function policyRuleName(rule: PolicyRule, rank: string | undefined, lang: Language): string {
  return `${POLICY_RULE_NAMES[rule][lang]}${rank ? ` (${rank})` : ""}`;
}

/** A change's sides, each its rows joined; "none" for a pair the version adds. */
export function policyChangeSides(change: PolicyChange, lang: Language, none: string): { before: string; after: string } {
  const side = (entries: readonly PolicyEntry[]) => (entries.length === 0 ? none : entries.map((e) => policyEntryText(change.rule, e, lang)).join(lang === "zh" ? "；" : "; "));
  return { before: side(change.before), after: side(change.after) };
}
