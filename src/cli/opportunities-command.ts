import { formatMoney, formatPercent, translate } from "../i18n";
import { dayLabel, daysLeft, monthLabel, monthsAfter, parseBusinessNumber, parseMonth, parseYear, type MonthPeriod } from "../rules";
import {
  bonusOpportunities,
  rebateOpportunities,
  writeOpportunitySheet,
  type BonusOpportunity,
  type BonusOpportunityList,
  type RebateOpportunity,
  type RebateOpportunityList,
} from "../services";
import { EXIT_OK, field, periodOption, reportProblems, saveIfAsked, type CommandContext } from "./commands";
import { usageProblem } from "./files/problem";

/**
 * `opportunities FILE --month YYYY-MM | --year YYYY [--within 10%] [--out F | --in-place]`
 * (issue 11 point 3): the reps near the next award, base rate or rank in a month, or the
 * dealers near the next rebate tier in a year; one key=value line each on stdout, in words on
 * stderr. With --out or --in-place the list is also written as a table on a sheet of its own.
 */

const DEFAULT_WITHIN = 0.1;

/** "10%", "0.1", "１０％": a share from 0 to 1. A bare number above 1 ("10") is refused: it is most likely a percentage without %. */
export function parseWithin(text: string): number | undefined {
  const value = parseBusinessNumber(text);
  return value !== undefined && value >= 0 && value <= 1 ? value : undefined;
}

function withinOption(options: Record<string, unknown>): number {
  if (options.within === undefined) return DEFAULT_WITHIN;
  const within = parseWithin(String(options.within));
  if (within === undefined) throw usageProblem("badWithin", { value: String(options.within) });
  return within;
}

const amount = (value: number | undefined) => (value === undefined ? undefined : value.toFixed(2));

export async function runOpportunities(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const hasMonth = options.month !== undefined;
  if (hasMonth === (options.year !== undefined)) throw usageProblem("opportunitiesPeriod");
  const within = withinOption(options);
  const today = context.now();
  if (hasMonth) return bonusList(context, periodOption(parseMonth(String(options.month), "--month", today), context), within);
  return rebateList(context, periodOption(parseYear(String(options.year), "--year", today), context), within);
}

async function bonusList(context: CommandContext, month: MonthPeriod, within: number): Promise<number> {
  const now = context.now();
  const label = monthLabel(month.year, month.month);
  // A month that is over is looked back on: who came close, with no deadline to count down to.
  const over = monthsAfter(now, month) > 0;
  const today = over ? undefined : new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const outcome = await bonusOpportunities(context.tables, { ...month, within, today });
  if (outcome.kind === "problems") return reportProblems(context, outcome.problems);
  const list = outcome.summary;
  context.print([field("month", label), field("within", within), field("reps", list.reps), field("opportunities", list.opportunities.length), field("today", today && dayLabel(today))].join(" "));
  context.say("opportunitiesBonus", { count: list.opportunities.length, within: formatPercent(within, context.lang), reps: list.reps, month: label });
  if (today) sayDaysLeft(context, list, today);
  else context.say("opportunitiesMonthOver", { month: label });
  for (const o of list.opportunities) {
    context.print(bonusLine(o));
    sayBonus(context, o);
  }
  return writeIfAsked(context, list);
}

/** Today's deadlines: days left to the morning-star day (or that it has passed) and to the month's end. */
function sayDaysLeft(context: CommandContext, list: BonusOpportunityList, today: Date): void {
  const days = daysLeft(today, list, list.policy.bonus);
  const params = { today: dayLabel(today), morning: days.morning, monthEnd: days.monthEnd };
  context.say(days.morning === undefined ? "opportunitiesAsOfAfterMorning" : "opportunitiesAsOf", params);
}

function bonusLine(o: BonusOpportunity): string {
  return [
    field("rep", o.rep),
    field("rank", o.rank),
    field("kind", o.kind),
    field("target", o.target),
    field("threshold", amount(o.threshold)),
    field("shortfall", amount(o.shortfall)),
    field("sponsoredSales", amount(o.sponsoredSalesShortfall)),
    field("sponsoredCount", o.sponsoredCountShortfall),
    field("extraBonus", amount(o.extraBonus)),
    field("daysLeft", o.daysLeft),
  ].join(" ");
}

function sayBonus(context: CommandContext, o: BonusOpportunity): void {
  const { lang } = context;
  const money = (value: number) => formatMoney(value, lang);
  const t = (key: string, params: Record<string, unknown> = {}) => translate(lang, `cli.${key}`, params);
  const extra = o.extraBonus === undefined ? t("opportunityExtraUnknown") : `${o.extraBonus < 0 ? "−" : "+"}${money(Math.abs(o.extraBonus))}`;
  const days = o.daysLeft === undefined ? "" : t("opportunityDays", { count: o.daysLeft });
  const common = { rep: o.rep, rank: o.rank, shortfall: money(o.shortfall), extra, days };
  switch (o.kind) {
    case "morning":
    case "opening":
      context.say(o.kind === "morning" ? "opportunityMorning" : "opportunityOpening", common);
      return;
    case "step":
      context.say("opportunityStep", { ...common, rate: formatPercent(o.nextRate ?? 0, lang), threshold: money(o.threshold ?? 0) });
      return;
    case "rank": {
      const needs = [
        ...(o.shortfall > 0 ? [t("opportunityNeedsSales", { amount: money(o.shortfall) })] : []),
        ...(o.sponsoredSalesShortfall > 0 ? [t("opportunityNeedsSponsoredSales", { amount: money(o.sponsoredSalesShortfall) })] : []),
        ...(o.sponsoredCountShortfall > 0 ? [t("opportunityNeedsSponsoredCount", { count: o.sponsoredCountShortfall })] : []),
      ];
      context.say("opportunityRank", { ...common, target: o.target, needs: needs.join(t("opportunitySeparator")) });
    }
  }
}

async function rebateList(context: CommandContext, year: number, within: number): Promise<number> {
  const outcome = await rebateOpportunities(context.tables, { year, within });
  if (outcome.kind === "problems") return reportProblems(context, outcome.problems);
  const list = outcome.summary;
  context.print([field("year", year), field("within", within), field("mode", list.mode), field("dealers", list.dealers), field("opportunities", list.opportunities.length)].join(" "));
  context.say("opportunitiesRebate", { count: list.opportunities.length, within: formatPercent(within, context.lang), year, dealers: list.dealers, mode: translate(context.lang, `cli.rebateMode.${list.mode}`) });
  for (const o of list.opportunities) {
    context.print(rebateLine(o));
    const money = (value: number) => formatMoney(value, context.lang);
    context.say("opportunityTier", {
      dealer: o.dealer, needed: money(o.needed), threshold: money(o.nextThreshold), net: money(o.net), rebate: money(o.rebateAtNext), extra: money(o.extra), share: formatPercent(o.costShare, context.lang),
    });
  }
  return writeIfAsked(context, list);
}

function rebateLine(o: RebateOpportunity): string {
  return [
    field("dealer", o.dealer),
    field("net", amount(o.net)),
    field("nextThreshold", amount(o.nextThreshold)),
    field("needed", amount(o.needed)),
    field("rebateAtNext", amount(o.rebateAtNext)),
    field("extra", amount(o.extra)),
    field("costShare", Number(o.costShare.toFixed(4))),
  ].join(" ");
}

/** Nothing is written unless --out or --in-place asks for it; then the list's own table, and the file. */
async function writeIfAsked(context: CommandContext, list: BonusOpportunityList | RebateOpportunityList): Promise<number> {
  if (!context.save) {
    context.say("opportunitiesNotWritten");
    return EXIT_OK;
  }
  const written = await writeOpportunitySheet(context.tables, list);
  if (written.kind === "problems") return reportProblems(context, written.problems);
  context.say("opportunitiesSheet", { tableName: written.summary.tableName, sheet: written.summary.sheet });
  if (written.kind === "unchanged") {
    context.say("unchanged");
    return EXIT_OK;
  }
  await saveIfAsked(context);
  return EXIT_OK;
}
