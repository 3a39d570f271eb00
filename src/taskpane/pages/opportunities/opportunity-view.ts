import { monthsAfter, parseBusinessNumber, rankIndex, type MonthPeriod, type RankLadder } from "../../../rules";
import { BONUS_OPPORTUNITY_KINDS, type BonusOpportunity, type BonusOpportunityList, type RebateOpportunityList } from "../../../services";

/*
 * What the Opportunities page shows, worked out without React (issue 11 point 2): the Within
 * field read as a share, where today stands against the chosen month, the order of the "Next"
 * column, what a rank still needs besides the rep's own sales, and whether a list recomputed at
 * write time is the one the user looked at.
 */

/** The Within field's default: 10%, as the command line's --within. */
export const DEFAULT_WITHIN_PERCENT = "10";

/** The Within field, a percentage ("10", "12.5", "10%", "１０％"), as a share above 0 and at most 1; undefined otherwise. */
export function parseWithinPercent(text: string): number | undefined {
  const body = text.normalize("NFKC").trim().replace(/%$/, "").trim();
  // One % at most: the rest must be a plain number (parseBusinessNumber would read a second % as a share).
  if (body === "" || body.includes("%")) return undefined;
  const percent = parseBusinessNumber(body);
  return percent !== undefined && percent > 0 && percent <= 100 ? percent / 100 : undefined;
}

/**
 * Where `now` stands against the month: in it (then `today`, the calendar day, is what the
 * service counts days left from and drops passed deadlines by), after it (how close each rep
 * came) or before it (how far each rep is now). Only a month that is on gets days left.
 */
export type MonthStanding = { readonly kind: "current"; readonly today: Date } | { readonly kind: "past" } | { readonly kind: "future" };

export function monthStanding(month: MonthPeriod, now: Date): MonthStanding {
  const after = monthsAfter(now, month);
  if (after > 0) return { kind: "past" };
  if (after < 0) return { kind: "future" };
  return { kind: "current", today: new Date(now.getFullYear(), now.getMonth(), now.getDate()) };
}

/** The month's deadlines as calendar days: the morning-star day and the month's last day. */
export function monthDeadlines(month: MonthPeriod, morningStarDay: number): { readonly morning: Date; readonly monthEnd: Date } {
  return { morning: new Date(month.year, month.month - 1, morningStarDay), monthEnd: new Date(month.year, month.month, 0) };
}

/** The "Next" column's order: by deadline as the service lists them (morning, opening, step, rank), ranks along the ladder. */
export function nextSortKey(o: BonusOpportunity, ladder: RankLadder): number {
  const kind = BONUS_OPPORTUNITY_KINDS.indexOf(o.kind) * 100;
  return o.kind === "rank" ? kind + Math.max(0, rankIndex(o.target, ladder)) : kind;
}

/** What a rank still needs besides the rep's own sales (the Sales needed column): sponsored SRs and their sales. */
export interface RankNeeds {
  readonly sponsoredCount: number;
  readonly sponsoredSales: number;
}

export function rankNeeds(o: BonusOpportunity): RankNeeds | undefined {
  if (o.kind !== "rank" || (o.sponsoredCountShortfall === 0 && o.sponsoredSalesShortfall === 0)) return undefined;
  return { sponsoredCount: o.sponsoredCountShortfall, sponsoredSales: o.sponsoredSalesShortfall };
}

/** The same rep list: the write recomputes it, and the page says so when the workbook changed since it was shown. */
export function sameBonusList(a: BonusOpportunityList, b: BonusOpportunityList): boolean {
  return a.policyFrom?.getTime() === b.policyFrom?.getTime() && a.reps === b.reps && JSON.stringify(a.opportunities) === JSON.stringify(b.opportunities);
}

/** The same dealer list (as sameBonusList). */
export function sameRebateList(a: RebateOpportunityList, b: RebateOpportunityList): boolean {
  return a.mode === b.mode && a.policyFrom?.getTime() === b.policyFrom?.getTime() && a.dealers === b.dealers && JSON.stringify(a.opportunities) === JSON.stringify(b.opportunities);
}
