import { monthLabel } from "./dates";
import { isRuleError, ruleError, type RuleError } from "./errors";

/**
 * The periods a refresh or report is asked for (SPEC §3.2–3.4), validated and resolved in one
 * place for the task pane and the command line, so both accept, refuse and mean the same:
 *
 * - A month is 1–12. Written as YYYY-MM (the command line, the Bonuses page) its year has four digits.
 * - A year runs from 1900, where workbook dates begin (nothing earlier can hold data), to next
 *   year, the furthest ahead budgets and plans are made. Anything later is a typing slip
 *   (2205, 20255) and is refused as such rather than reported as "no rows".
 * - Year to date is 1 January through the end of a month of that year: the month chosen, or,
 *   when none is, the latest month of that year the data reaches. Month ends are when finance
 *   accrues (SPEC §3.2's "accrual estimate"), and a result that ends on a month, not on the day
 *   it was run, can be run again and give the same figures.
 * - A period left to its default is the latest the workbook has data for; the services supply
 *   the dates. Dates outside the years above are ignored, so one mistyped date does not move it.
 */
export interface MonthPeriod {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
}

export interface YearRange {
  readonly first: number;
  readonly last: number;
}

export const FIRST_PERIOD_YEAR = 1900;

/** The years a period may fall in, on `today`: 1900 to next year. */
export function periodYears(today: Date): YearRange {
  return { first: FIRST_PERIOD_YEAR, last: today.getFullYear() + 1 };
}

/** Full-width digits (typed with a Chinese input method) read as digits; surrounding spaces ignored. */
const normalized = (text: string) => text.normalize("NFKC").trim();

function checkYear(year: number, arg: string, today: Date): number | RuleError {
  const { first, last } = periodYears(today);
  return year < first || year > last ? ruleError("num", "yearOutOfRange", { arg, value: year, first, last }) : year;
}

/** A year typed with four digits ("2025"), within periodYears. `arg` names the field or option in messages. */
export function parseYear(text: string, arg: string, today: Date): number | RuleError {
  const digits = normalized(text);
  if (!/^\d{4}$/.test(digits)) return ruleError("value", "notAYear", { arg, value: text });
  return checkYear(Number(digits), arg, today);
}

/** A month typed as its number (the pane's Month field): 1–12. */
export function parseMonthNumber(text: string, arg: string): number | RuleError {
  const digits = normalized(text);
  const month = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  return month >= 1 && month <= 12 ? month : ruleError("num", "monthOutOfRange", { arg, value: text });
}

/** A month written YYYY-MM ("2025-03", "2025-3"), its year within periodYears. */
export function parseMonth(text: string, arg: string, today: Date): MonthPeriod | RuleError {
  const match = /^(\d{4})-(\d{1,2})$/.exec(normalized(text));
  if (!match) return ruleError("value", "notAMonth", { arg, value: text });
  const month = Number(match[2]);
  if (month < 1 || month > 12) return ruleError("num", "monthOutOfRange", { arg, value: text });
  const year = checkYear(Number(match[1]), arg, today);
  return isRuleError(year) ? year : { year, month };
}

export interface YearToDate extends MonthPeriod {
  /** The last day of `month`, a local calendar date: data up to and including it count. */
  readonly through: Date;
  /** "2025-01…2025-06", as reports label the period. */
  readonly label: string;
}

/** 1 January of `year` through the last day of `month` (1–12). */
export function yearToDate(year: number, month: number): YearToDate {
  const through = new Date(year, month, 0);
  return { year, month, through, label: `${monthLabel(year, 1)}…${monthLabel(year, month)}` };
}

/** `month` when one was chosen, else the latest month of `year` the dates reach (December when none does). */
export function yearToDateMonth(dates: Iterable<Date>, year: number, month?: number): number {
  return month ?? latestMonthOf(dates, year) ?? 12;
}

const inRange = (date: Date, years: YearRange) => !Number.isNaN(date.getTime()) && date.getFullYear() >= years.first && date.getFullYear() <= years.last;

/** The latest month among the dates (local calendar dates), ignoring those outside periodYears; undefined without any. */
export function latestMonth(dates: Iterable<Date>, today: Date): MonthPeriod | undefined {
  const years = periodYears(today);
  let latest: MonthPeriod | undefined;
  for (const date of dates) {
    if (!inRange(date, years)) continue;
    const at = { year: date.getFullYear(), month: date.getMonth() + 1 };
    if (!latest || at.year > latest.year || (at.year === latest.year && at.month > latest.month)) latest = at;
  }
  return latest;
}

/** The latest month of `year` among the dates; undefined when none falls in it. */
export function latestMonthOf(dates: Iterable<Date>, year: number): number | undefined {
  let latest: number | undefined;
  for (const date of dates) {
    if (date.getFullYear() === year && (latest === undefined || date.getMonth() + 1 > latest)) latest = date.getMonth() + 1;
  }
  return latest;
}

/** The month a page or command starts on: the latest with data, else (no data at all) the month before today's. */
export function defaultMonth(dates: Iterable<Date>, today: Date): MonthPeriod {
  const latest = latestMonth(dates, today);
  if (latest) return latest;
  // Day 1, not today's day: 31 March minus a month would overflow into March.
  const before = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  return { year: before.getFullYear(), month: before.getMonth() + 1 };
}

/** The year a page or command starts on: the latest with data, else (no data at all) last year. */
export function defaultYear(dates: Iterable<Date>, today: Date): number {
  return latestMonth(dates, today)?.year ?? today.getFullYear() - 1;
}
