// The period rules (src/rules/periods.ts) as a table of cases, worked by hand: what the pane's
// Year and Month fields and the command line's --year, --month and --ytd accept, what they
// refuse and why, what "year to date" covers, and where a page or command starts by default.
import { describeRuleError } from "../../src/i18n";
import {
  dayLabel,
  defaultMonth,
  defaultYear,
  latestMonth,
  latestMonthOf,
  parseMonth,
  parseMonthNumber,
  parseYear,
  periodYears,
  yearToDate,
  yearToDateMonth,
  type RuleError,
} from "../../src/rules";

/** The day these cases are worked on: years run from 1900 to 2027. */
const TODAY = new Date(2026, 10, 30);
const d = (y: number, m: number, day = 1) => new Date(y, m - 1, day);
const code = (value: unknown) => (value as RuleError).code;

describe("the years a period may fall in", () => {
  it("1900 (workbook dates begin) to next year (budgets are planned a year ahead)", () => {
    expect(periodYears(TODAY)).toEqual({ first: 1900, last: 2027 });
    expect(periodYears(new Date(2027, 0, 1))).toEqual({ first: 1900, last: 2028 });
  });
});

describe("parseYear: a year typed with four digits, 1900 to next year", () => {
  it.each([
    ["2025", 2025],
    [" 2025 ", 2025],
    ["２０２５", 2025], // full-width digits from a Chinese input method
    ["1900", 1900],
    ["2027", 2027],
  ])("%j → %d", (text, year) => expect(parseYear(text, "--year", TODAY)).toBe(year));

  it.each([
    ["twenty", "notAYear"],
    ["", "notAYear"],
    ["25", "notAYear"], // 1925 or 2025? not guessed
    ["20255", "notAYear"],
    ["2025.5", "notAYear"],
    ["-2025", "notAYear"],
    ["1899", "yearOutOfRange"],
    ["2028", "yearOutOfRange"],
    ["2205", "yearOutOfRange"],
  ])("%j is refused: %s", (text, expected) => expect(code(parseYear(text, "--year", TODAY))).toBe(expected));

  it("says what was typed and the years allowed, in both languages", () => {
    const error = parseYear("2205", "Year", TODAY) as RuleError;
    expect(error).toEqual({ kind: "num", code: "yearOutOfRange", params: { arg: "Year", value: 2205, first: 1900, last: 2027 } });
    expect(describeRuleError(error, "en")).toBe("Year: 2205 is outside the years that can be chosen, 1900 to 2027 (workbook dates begin in 1900; budgets are planned at most a year ahead).");
    expect(describeRuleError(error, "zh")).toBe("Year：2205 超出可选年份范围 1900 至 2027（工作簿日期始于 1900 年；预算最多提前一年编制）。");
    expect(describeRuleError(parseYear("twenty", "--year", TODAY) as RuleError, "en")).toBe("--year: “twenty” is not a year. Write it with four digits, such as 2025.");
  });
});

describe("parseMonthNumber: the pane's Month field, 1 to 12", () => {
  it.each([
    ["1", 1],
    ["12", 12],
    ["06", 6],
    [" 3 ", 3],
    ["１１", 11],
  ])("%j → %d", (text, month) => expect(parseMonthNumber(text, "Month")).toBe(month));

  it.each(["13", "0", "", "-1", "1.5", "June", "99"])("%j is not a month", (text) => {
    expect(parseMonthNumber(text, "Month")).toEqual({ kind: "num", code: "monthOutOfRange", params: { arg: "Month", value: text } });
  });

  it("month 13 is refused in words, in both languages", () => {
    const error = parseMonthNumber("13", "Month") as RuleError;
    expect(describeRuleError(error, "en")).toBe("Month: “13” is not a month: months run from 1 to 12.");
    expect(describeRuleError({ ...error, params: { ...error.params, arg: "月份" } }, "zh")).toBe("月份：“13”不是月份：月份为 1 到 12。");
  });
});

describe("parseMonth: YYYY-MM (--month, the Bonuses page)", () => {
  it.each([
    ["2025-03", { year: 2025, month: 3 }],
    ["2025-3", { year: 2025, month: 3 }],
    ["2025-12", { year: 2025, month: 12 }],
    ["２０２５-１２", { year: 2025, month: 12 }],
    ["2027-01", { year: 2027, month: 1 }],
  ])("%j → %j", (text, period) => expect(parseMonth(text, "--month", TODAY)).toEqual(period));

  it.each([
    ["2025-13", "monthOutOfRange"],
    ["2025-00", "monthOutOfRange"],
    ["2025", "notAMonth"],
    ["25-03", "notAMonth"],
    ["2025/03", "notAMonth"],
    ["March 2025", "notAMonth"],
    ["2025-003", "notAMonth"],
    ["1899-12", "yearOutOfRange"],
    ["2028-01", "yearOutOfRange"],
  ])("%j is refused: %s", (text, expected) => expect(code(parseMonth(text, "--month", TODAY))).toBe(expected));

  it("month 13 names the text as typed", () => {
    expect(describeRuleError(parseMonth("2025-13", "--month", TODAY) as RuleError, "en")).toBe("--month: “2025-13” is not a month: months run from 1 to 12.");
  });
});

describe("yearToDate: 1 January through the last day of the month", () => {
  it.each([
    [2025, 1, "2025-01-31", "2025-01…2025-01"],
    [2025, 6, "2025-06-30", "2025-01…2025-06"],
    [2024, 2, "2024-02-29", "2024-01…2024-02"], // a leap year
    [2025, 2, "2025-02-28", "2025-01…2025-02"],
    [2025, 12, "2025-12-31", "2025-01…2025-12"],
  ])("%d through month %d: up to and including %s, labelled %s", (year, month, through, label) => {
    const ytd = yearToDate(year, month);
    expect([ytd.year, ytd.month, dayLabel(ytd.through), ytd.label]).toEqual([year, month, through, label]);
  });
});

// The sample's shape: sales through December 2025, actuals booked through November, a budget row for next year.
const SALES = [d(2024, 7, 3), d(2025, 1, 15), d(2025, 12, 20), d(2025, 6, 30)];

describe("latestMonth and latestMonthOf", () => {
  it.each([
    ["the latest month among the dates", SALES, { year: 2025, month: 12 }],
    ["no dates", [], undefined],
    ["a date typed as 2205 is ignored", [...SALES, d(2205, 3)], { year: 2025, month: 12 }],
    ["a date before 1900 is ignored", [d(1899, 12)], undefined],
    ["next year counts (a budget planned ahead)", [...SALES, d(2027, 2)], { year: 2027, month: 2 }],
    ["an invalid date is ignored", [new Date(Number.NaN), d(2025, 4)], { year: 2025, month: 4 }],
  ])("%s", (_case, dates, expected) => expect(latestMonth(dates, TODAY)).toEqual(expected));

  it.each([
    [2025, 12],
    [2024, 7],
    [2023, undefined],
  ])("the latest month of %d: %s", (year, month) => expect(latestMonthOf(SALES, year)).toBe(month));
});

describe("defaults: the latest period with data, else the one before today", () => {
  it.each([
    ["sales through 2025-12", SALES, { year: 2025, month: 12 }, 2025],
    ["no data: last month and last year", [], { year: 2026, month: 10 }, 2025],
  ])("%s", (_case, dates, month, year) => {
    expect(defaultMonth(dates, TODAY)).toEqual(month);
    expect(defaultYear(dates, TODAY)).toBe(year);
  });

  it("no data on 31 March: February, not a month that overflows into March", () => {
    expect(defaultMonth([], new Date(2026, 2, 31))).toEqual({ year: 2026, month: 2 });
    expect(defaultMonth([], new Date(2026, 0, 15))).toEqual({ year: 2025, month: 12 });
  });

  it.each([
    ["a month chosen", 2025, 6, 6],
    ["none: the latest month of the year with data", 2025, undefined, 12],
    ["none, in an earlier year", 2024, undefined, 7],
    ["none, and no data that year: the whole year", 2023, undefined, 12],
  ])("year to date's last month, %s", (_case, year, chosen, month) => expect(yearToDateMonth(SALES, year, chosen)).toBe(month));
});
