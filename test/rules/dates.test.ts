import { dateToSerial, meetsLeadTime, parseTextDate, payDate, planDeadline, serialToDate } from "../../src/rules";

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
});
