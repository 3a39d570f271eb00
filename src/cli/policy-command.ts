import { formatMoney, formatPercent, translate, type Language } from "../i18n";
import { dayLabel, POLICY_RULE_NAMES, POLICY_RULE_SHAPES, POLICY_RULES, policyRulesInForce, type PolicyRule, type RuleInForce } from "../rules";
import { policyFor, readPolicySource } from "../services";
import { EXIT_OK, reportProblems, type CommandContext } from "./commands";
import { usageProblem } from "./files/problem";

/**
 * `policy FILE [--date YYYY-MM-DD] [--json]` (SPEC §4.3): the policy in force on a date
 * (default today), rule by rule, each row with the From of the version it comes from. The
 * same resolution as the services: the Policy table's approved versions over the seed, and
 * nothing shown when a version in force has a problem or the log does not bear it out.
 */
export async function runPolicy(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const asOf = options.date === undefined ? startOfDay(context.now()) : parseDay(options.date);
  const source = await readPolicySource(context.tables);
  const { problems } = policyFor(source, asOf);
  if (problems.length > 0) return reportProblems(context, problems, "policyProblems", { date: dayLabel(asOf) });
  const rules = policyRulesInForce(source.table?.versions ?? [], asOf);
  if (options.json) {
    context.print(JSON.stringify(policyJson(asOf, rules), null, 2));
    return EXIT_OK;
  }
  context.print(`asOf=${dayLabel(asOf)}`);
  context.say("policyHeading", { date: dayLabel(asOf) });
  for (const rule of POLICY_RULES) {
    for (const row of rules[rule]) {
      context.print([`rule=${rule}`, `rank=${row.rank ?? ""}`, `threshold=${row.threshold ?? ""}`, `value=${row.value ?? ""}`, `from=${row.from ? dayLabel(row.from) : ""}`].join(" "));
      context.say("policyRow", { rule: POLICY_RULE_NAMES[rule][context.lang], scope: scopeText(row, context.lang), value: valueText(rule, row.value, context.lang), from: fromText(row.from, context.lang) });
    }
  }
  return EXIT_OK;
}

/** SPEC §4.3's shape: `from` null is the seed (or a version with a blank From). */
export function policyJson(asOf: Date, rules: Readonly<Record<PolicyRule, readonly RuleInForce[]>>) {
  const json = (row: RuleInForce) => ({ rank: row.rank ?? null, threshold: row.threshold ?? null, value: row.value ?? null, from: row.from ? dayLabel(row.from) : null });
  return { asOf: dayLabel(asOf), rules: Object.fromEntries(POLICY_RULES.map((rule) => [rule, rules[rule].map(json)])) };
}

/** YYYY-MM-DD, a real calendar day, as a local date. */
function parseDay(text: unknown): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
  if (!match || !date || dayLabel(date) !== match[0]) throw usageProblem("badDate", { value: String(text) });
  return date;
}

function startOfDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

const LOCALES: Readonly<Record<Language, string>> = { en: "en-US", zh: "zh-CN" };

/** " SR", " ≥ 13,000", " SR ≥ 15,000": what a row of a rule is for. */
function scopeText(row: RuleInForce, lang: Language): string {
  return `${row.rank ? ` ${row.rank}` : ""}${row.threshold !== undefined ? ` ≥ ${row.threshold.toLocaleString(LOCALES[lang])}` : ""}`;
}

function valueText(rule: PolicyRule, value: number | undefined, lang: Language): string {
  if (value === undefined) return translate(lang, "cli.policyNoMinimum");
  switch (POLICY_RULE_SHAPES[rule].value) {
    case "rate":
    case "tolerance":
      return formatPercent(value, lang);
    case "amount":
      return formatMoney(value, lang);
    case "count":
    case "day":
      return String(value);
  }
}

function fromText(from: Date | undefined, lang: Language): string {
  return from ? translate(lang, "cli.policyFromVersion", { from: dayLabel(from) }) : translate(lang, "cli.policyFromSeed");
}
