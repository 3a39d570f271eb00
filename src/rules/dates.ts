import { addMonths, isValid, parse, startOfMonth, subMonths } from "date-fns";

/**
 * Dates of the policy: the bonus pay day (奖金发放在次次月10日) and the activity plan lead time
 * (营销活动策划应提前至少一个月提交), both from 001.
 */
export interface SchedulePolicy {
  /** The bonus is paid this many months after the month it is for… */
  readonly payMonthsAfter: number;
  /** …on this day of that month. */
  readonly payDayOfMonth: number;
  /** Activity plans are submitted at least this many calendar months before they start. */
  readonly planLeadMonths: number;
}

export const DEFAULT_SCHEDULE_POLICY: SchedulePolicy = { payMonthsAfter: 2, payDayOfMonth: 10, planLeadMonths: 1 };

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 in the 1900 date system (after its 1900 leap-year quirk, which we do not reproduce). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/** The first serial whose date is right: serials before 1 March 1900 are off by Excel's quirk. */
export const FIRST_SUPPORTED_SERIAL = 61;
export const LAST_SUPPORTED_SERIAL = 2_958_465; // 9999-12-31

/**
 * Calendar dates are handled as local-midnight Date objects so that date-fns's month
 * arithmetic applies; only the year, month and day are ever read back.
 */
export function serialToDate(serial: number): Date {
  const utc = new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * MS_PER_DAY);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
}

export function dateToSerial(date: Date): number {
  return Math.round((Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) - EXCEL_EPOCH_UTC) / MS_PER_DAY);
}

export function isSupportedSerial(serial: number): boolean {
  return serial >= FIRST_SUPPORTED_SERIAL && serial <= LAST_SUPPORTED_SERIAL;
}

const TEXT_DATE_FORMATS = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyy-MM", "yyyy/M", "yyyy年M月"];

/**
 * A date typed as text: the date, "shortYear" when the text has the shape of a date but its
 * year is not written with four digits ("25-3-15", "25-3": year 25 or 2025? neither is
 * guessed), or undefined when it is not a date at all. Every accepted format starts with the year.
 */
export function readTextDate(text: string): Date | "shortYear" | undefined {
  const trimmed = text.normalize("NFKC").trim();
  for (const format of TEXT_DATE_FORMATS) {
    const date = parse(trimmed, format, new Date(2000, 0, 1));
    if (isValid(date)) return /^\d{4}\D/.test(trimmed) ? date : "shortYear";
  }
  return undefined;
}

/** Dates typed as text: ISO, slashes, dots, or 2026年3月15日; a bare month means its 1st. The year has four digits. */
export function parseTextDate(text: string): Date | undefined {
  const date = readTextDate(text);
  return date instanceof Date ? date : undefined;
}

/**
 * A calendar date that business data can hold: from 1900-03-01 (Excel's first serial that
 * is right, 61) to 9999-12-31 (its last, 2958465). Anything else in a data table is a
 * typing slip (a two-digit year, a small number in a date column), never a real date.
 * Reads the local calendar fields, so years below 100 are not mistaken for 19xx.
 */
export function isPlausibleDate(date: Date): boolean {
  const year = date.getFullYear();
  if (Number.isNaN(year)) return false;
  return year <= 9999 && (year > 1900 || (year === 1900 && date.getMonth() >= 2));
}

const twoDigits = (n: number) => String(n).padStart(2, "0");

/** "2026-03": how months are labelled in reports, statements and messages. */
export function monthLabel(year: number, month: number): string {
  return `${year}-${twoDigits(month)}`;
}

/** "2026-03-15" for a local calendar date. */
export function dayLabel(date: Date): string {
  return `${monthLabel(date.getFullYear(), date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}

export function payDate(month: Date, policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): Date {
  const payMonth = addMonths(startOfMonth(month), policy.payMonthsAfter);
  return new Date(payMonth.getFullYear(), payMonth.getMonth(), policy.payDayOfMonth);
}

/** One calendar month earlier; 31 March gives the last day of February. */
export function planDeadline(startDate: Date, policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): Date {
  return subMonths(startDate, policy.planLeadMonths);
}

/** True when a plan submitted on `submitted` respects the lead time for an activity starting on `start`. */
export function meetsLeadTime(submitted: Date, start: Date, policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): boolean {
  return dateToSerial(submitted) <= dateToSerial(planDeadline(start, policy));
}
