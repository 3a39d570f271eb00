import { describeError } from "../../src/i18n";
import { checkWorkbook } from "../../src/services";
import { dateCell } from "../../src/services/cells";
import { makeXlsxHarness, makeOfficeHarness, type MakeHarness } from "../workbook/harness";
import { d, PURCHASE_ROWS, rebateBook, table } from "./fixtures";

/** Date.UTC would read year 25 as 1925. */
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

const ymd = (date: unknown) => (date instanceof Date ? [date.getFullYear(), date.getMonth() + 1, date.getDate()] : date);

describe("dateCell: data dates must be plausible", () => {
  it.each<[string, Parameters<typeof dateCell>[0], string]>([
    ["a two-digit year", "25-3-15", "25-3-15"],
    ["a two-digit year month", "25-3", "25-3"],
    ["serial 60 (Excel's 1900-02-29)", 60, "60"],
    ["serial 0", 0, "0"],
    ["the serial after 9999-12-31", 2958466, "2958466"],
    ["a date cell before 1900-03-01", d("1900-02-28"), "1900-02-28"],
    ["a date cell in year 10000", new Date(Date.UTC(10000, 0, 1)), "10000-01-01"],
    ["a four-digit year before 1900", "1899-12-31", "1899-12-31"],
    ["a date cell in year 25 (not 1925)", utcDate(25, 3, 15), "0025-03-15"],
  ])("%s is implausibleDate", (_what, value, shown) => {
    expect(dateCell(value, "Date")).toEqual({ kind: "value", code: "implausibleDate", params: { arg: "Date", value: shown } });
  });

  it.each<[Parameters<typeof dateCell>[0], number[]]>([
    [61, [1900, 3, 1]],
    [2958465, [9999, 12, 31]],
    [d("1900-03-01"), [1900, 3, 1]],
    ["2025-03-15", [2025, 3, 15]],
    ["2025-03", [2025, 3, 1]],
  ])("%s is a date", (value, expected) => expect(ymd(dateCell(value, "Date"))).toEqual(expected));

  it("anyDate (a policy's From date) accepts early dates, but never guesses a two-digit year", () => {
    expect(ymd(dateCell("1899-12-31", "From", { anyDate: true }))).toEqual([1899, 12, 31]);
    expect(ymd(dateCell(d("1900-01-01"), "From", { anyDate: true }))).toEqual([1900, 1, 1]);
    expect(dateCell("25-3-15", "From", { anyDate: true })).toMatchObject({ code: "implausibleDate" });
  });

  it("text that is no date at all stays notADate", () => {
    expect(dateCell("someday", "Date")).toMatchObject({ code: "notADate", params: { value: "someday" } });
  });
});

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness()],
])("checkWorkbook on %s", (_name, make) => {
  it("lists implausible data dates of Purchases, Budget and Sales with their rows", async () => {
    const purchases = [...PURCHASE_ROWS, ["Delta", "25-3-15", 100, "purchase"], ["Delta", 45, 100, "purchase"], ["Delta", new Date(Date.UTC(10000, 0, 1)), 100, "purchase"]];
    const budget = table("Budget", "A1", [
      ["Category", "Month", "Budget", "Actual"],
      ["Advertising", "2026-03", 1000, 0],
      ["Advertising", "26-04", 1000, 0],
      // A number in a month column not formatted as a date stays a number: serial 45.
      ["Advertising", 45, 1000, 0],
    ]);
    const sales = table("Sales", "A1", [["Rep", "Date", "Amount"], ["张伟", d("2026-03-05"), 100], ["李娜", "26/3/5", 100]]);
    const harness = await make(rebateBook({ purchases, extraSheets: [{ name: "Budget", tables: [budget] }, { name: "Sales", tables: [sales] }] }));
    const check = await checkWorkbook(harness.tables);
    expect(check.unusable).toEqual([]);
    const implausible = check.problems.filter((p) => p.error.code === "implausibleDate").map((p) => [p.sheet, p.row, p.error.params.value]);
    expect(implausible).toEqual([
      ["Sales", 3, "26/3/5"],
      ["Purchases", 9, "25-3-15"],
      ["Purchases", 10, "1900-02-14"],
      ["Purchases", 11, "10000-01-01"],
      ["Budget", 3, "26-04"],
      ["Budget", 4, "45"],
    ]);
  });

  it("two tables that could both be Purchases make it unusable, naming both, in English and Chinese", async () => {
    const harness = await make({
      sheets: [
        { name: "一月", tables: [table("Table1", "A1", PURCHASE_ROWS)] },
        { name: "二月", tables: [table("Table2", "A1", PURCHASE_ROWS)] },
      ],
    });
    const check = await checkWorkbook(harness.tables);
    const purchases = check.unusable.find((u) => u.kind === "Purchases");
    expect(purchases?.error).toMatchObject({ code: "ambiguousTable", params: { tableName: "Table1", sheet: "一月", otherTableName: "Table2", otherSheet: "二月" } });
    expect(describeError(purchases?.error, "en")).toBe(
      "Table1 (sheet 一月) and Table2 (sheet 二月) could both be the Purchases table, so neither was used. Give the one to use the name Purchases, and no other table that name in any mix of upper and lower case.",
    );
    expect(describeError(purchases?.error, "zh")).toBe(
      "Table1（工作表 一月）和 Table2（工作表 二月）都可能是 Purchases 表，因此都未使用。请把要使用的那个表命名为 Purchases，并确保其他表都不叫这个名字（不区分大小写）。",
    );
    expect(check.found.map((f) => f.kind)).not.toContain("Purchases");
  });
});
