import { dateToSerial, isPlausibleDate, meetsLeadTime, parseTextDate, payDate, planDeadline, readTextDate, serialToDate } from "../../src/rules";

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
const ymd = (date: Date) => [date.getFullYear(), date.getMonth() + 1, date.getDate()];

describe("Excel date serials", () => {
  it.each([
    [d(1900, 3, 1), 61], [d(2026, 3, 15), 46096], [d(2026, 5, 10), 46152], [d(2024, 2, 29), 45351], [d(9999, 12, 31), 2958465],
  ])("%s is serial %d and back", (date, serial) => {
    expect(dateToSerial(date)).toBe(serial);
    expect(ymd(serialToDate(serial))).toEqual(ymd(date));
  });
  it("a time of day is dropped", () => expect(ymd(serialToDate(46096.75))).toEqual([2026, 3, 15]));
});

describe("payDate: the 10th of the month after next (次次月10日)", () => {
  it.each([
    [d(2026, 3, 1), [2026, 5, 10]], [d(2026, 3, 31), [2026, 5, 10]], [d(2026, 11, 15), [2027, 1, 10]], [d(2026, 12, 31), [2027, 2, 10]],
  ])("%s → %s", (month, expected) => expect(ymd(payDate(month))).toEqual(expected));
});

describe("planDeadline: one calendar month earlier", () => {
  it.each([
    [d(2026, 3, 31), [2026, 2, 28]], [d(2024, 3, 31), [2024, 2, 29]], [d(2026, 3, 15), [2026, 2, 15]],
    [d(2026, 1, 10), [2025, 12, 10]], [d(2026, 5, 31), [2026, 4, 30]],
  ])("%s → %s", (start, expected) => expect(ymd(planDeadline(start))).toEqual(expected));

  it("meetsLeadTime is true on the deadline and false a day after", () => {
    expect(meetsLeadTime(d(2026, 2, 28), d(2026, 3, 31))).toBe(true);
    expect(meetsLeadTime(d(2026, 3, 1), d(2026, 3, 31))).toBe(false);
  });
});

describe("parseTextDate", () => {
  it.each([
    ["2026-03-15", [2026, 3, 15]], ["2026/3/5", [2026, 3, 5]], ["2026年3月15日", [2026, 3, 15]], ["２０２６-03-15", [2026, 3, 15]],
    ["2026-03", [2026, 3, 1]], [" 2026.3.15 ", [2026, 3, 15]],
  ])("%s", (text, expected) => expect(ymd(parseTextDate(text) as Date)).toEqual(expected));
  it.each(["2026-02-30", "next week", "15/03/2026", ""])("rejects %s", (text) => expect(parseTextDate(text)).toBeUndefined());
  it.each(["25-3-15", "25-3", "25/3/15", "25.3.15", "25年3月15日", "025-03-15", "２５-3-15"])("refuses %s: its year is not four digits, so neither year 25 nor 2025 is guessed", (text) => {
    expect(parseTextDate(text)).toBeUndefined();
    expect(readTextDate(text)).toBe("shortYear");
  });
  it("reads a four-digit year however early: plausibility is the caller's question", () => {
    expect(ymd(readTextDate("0025-03-15") as Date)).toEqual([25, 3, 15]);
    expect(ymd(readTextDate("1899-12-31") as Date)).toEqual([1899, 12, 31]);
    expect(readTextDate("10000-01-01")).toBeUndefined();
    expect(readTextDate("soon")).toBeUndefined();
  });
});

describe("isPlausibleDate: 1900-03-01 to 9999-12-31", () => {
  const at = (y: number, m: number, day: number) => {
    const date = new Date(2000, 0, 1);
    date.setFullYear(y, m - 1, day);
    return date;
  };
  it.each([
    [at(1900, 3, 1), true], [at(2026, 3, 15), true], [at(9999, 12, 31), true],
    [at(1900, 2, 28), false], [at(1899, 12, 31), false], [at(25, 3, 15), false], [at(10000, 1, 1), false], [new Date(Number.NaN), false],
  ])("%s → %s", (date, expected) => expect(isPlausibleDate(date)).toBe(expected));
});
