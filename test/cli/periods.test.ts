// The command line's periods (issue 10 point 1), by the rules the pane uses too
// (src/rules/periods.ts): a month or year out of range is a usage mistake (exit 2, the rule's
// words and the command's usage line), year to date runs through a month end, and a period left
// out is the latest the sample workbook has data for (2025; December's budget not booked yet).
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { cliSandbox } from "../support/cli-sandbox";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");
/** The day these runs are on: years may run from 1900 to 2027. */
const TODAY = new Date(2026, 10, 30, 9, 0, 0);
const io = { now: () => TODAY };

jest.setTimeout(60_000);

const sandbox = cliSandbox("mkt-periods-");
const { stderr } = sandbox;
let input: string;
beforeEach(async () => {
  input = join(sandbox.dir, "book.xlsx");
  await copyFile(SAMPLE, input);
});

const errorLines = () => stderr.join("").split("\n").filter((line) => line !== "");
/** What the runs printed on stdout (the sandbox silences it; its calls are kept). */
const printed = () => (process.stdout.write as unknown as jest.Mock).mock.calls.map(([chunk]) => String(chunk).trim());
const run = (...argv: string[]) => main([argv[0], input, ...argv.slice(1)], {}, io);

describe("a month or a year out of range: exit 2, one line in the rule's words, then the usage line", () => {
  it.each([
    [["budget", "--month", "2025-13", "--ytd"], "--month: “2025-13” is not a month: months run from 1 to 12.", "budget"],
    [["budget", "--month", "2025-00"], "--month: “2025-00” is not a month: months run from 1 to 12.", "budget"],
    [["bonus", "--month", "2025-13"], "--month: “2025-13” is not a month: months run from 1 to 12.", "bonus"],
    [["bonus", "--month", "25-03"], "--month: “25-03” is not a month. Write it as YYYY-MM, such as 2025-03.", "bonus"],
    [["refresh-rebates", "--year", "1899"], "--year: 1899 is outside the years that can be chosen, 1900 to 2027 (workbook dates begin in 1900; budgets are planned at most a year ahead).", "refresh-rebates"],
    [["refresh-rebates", "--year", "2205", "--ytd"], "--year: 2205 is outside the years that can be chosen, 1900 to 2027", "refresh-rebates"],
    [["budget", "--year", "2028"], "--year: 2028 is outside the years that can be chosen, 1900 to 2027", "budget"],
    [["refresh-rebates", "--year", "twenty"], "--year: “twenty” is not a year. Write it with four digits, such as 2025.", "refresh-rebates"],
    [["refresh-rebates", "--ytd", "--month", "2025-13"], "--month: “2025-13” is not a month", "refresh-rebates"],
    [["refresh-rebates", "--month", "2025-06"], "--month goes with --ytd: a rebate is for a whole year, and --month says where its year to date ends.", "refresh-rebates"],
    [["budget", "--year", "2024", "--month", "2025-06"], "--year 2024 and --month 2025-06 name different years: give one of them, or the same year in both.", "budget"],
  ])("%j", async (argv, message, command) => {
    expect(await run(...argv, "--lang", "en")).toBe(2);
    const lines = errorLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(message);
    expect(lines[1]).toMatch(new RegExp(`^Usage: mkt-rulebook ${command} \\[options\\] <file>`));
  });

  it("in Chinese too", async () => {
    expect(await run("budget", "--month", "2025-13", "--ytd", "--lang", "zh")).toBe(2);
    expect(errorLines()).toEqual(["--month：“2025-13”不是月份：月份为 1 到 12。", expect.stringMatching(/^用法：mkt-rulebook budget \[options\] <file>/)]);
    stderr.length = 0;
    expect(await run("refresh-rebates", "--year", "2205", "--lang", "zh")).toBe(2);
    expect(errorLines()[0]).toBe("--year：2205 超出可选年份范围 1900 至 2027（工作簿日期始于 1900 年；预算最多提前一年编制）。");
  });
});

describe("year to date: 1 January through the end of a month, the same as the pane's", () => {
  it("refresh-rebates --year 2025 --ytd runs through the latest month of 2025 with purchases, not into 2026", async () => {
    expect(await run("refresh-rebates", "--year", "2025", "--ytd", "--lang", "en")).toBe(0);
    expect(errorLines()[0]).toBe("Year to date 2025-01…2025-12: data up to and including 2025-12-31.");
    const [ytd] = printed();
    expect(ytd).toMatch(/^year=2025 dealers=40 total=[\d.]+ changes=40 through=2025-12-31$/);
    // Through December, 2025's year to date is the whole year's purchases: the same total as without --ytd.
    expect(await run("refresh-rebates", "--year", "2025", "--lang", "en")).toBe(0);
    expect(printed()[1]).toBe(ytd.replace(" through=2025-12-31", ""));
  });

  it("--ytd alone takes the latest year with purchases; --month ends it earlier, with a smaller accrual", async () => {
    expect(await run("refresh-rebates", "--ytd", "--lang", "en")).toBe(0);
    expect(await run("refresh-rebates", "--ytd", "--month", "2025-06", "--lang", "en")).toBe(0);
    const [whole, june] = printed();
    expect(whole).toMatch(/ through=2025-12-31$/);
    expect(june).toMatch(/^year=2025 dealers=\d+ total=[\d.]+ changes=\d+ through=2025-06-30$/);
    const total = (line: string) => Number(/total=([\d.]+)/.exec(line)?.[1]);
    expect(total(june)).toBeLessThan(total(whole));
    expect(errorLines()).toContain("Year to date 2025-01…2025-06: data up to and including 2025-06-30.");
  });

  it("budget --year 2025 --ytd runs through the latest month booked, November, and lists what is not booked in it", async () => {
    expect(await run("budget", "--year", "2025", "--ytd", "--lang", "en")).toBe(0);
    // Six categories compared from January; November's two late categories not booked yet.
    expect(printed()).toEqual([expect.stringMatching(/^rows=8 over=\d+ notBooked=2$/)]);
    expect(errorLines()).toEqual(expect.arrayContaining([expect.stringMatching(/^8 report rows; \d+ over budget; 2 not booked yet\.$/)]));
  });
});

describe("periods left out are the latest with data", () => {
  it("bonus without --month writes December 2025, the latest month with sales", async () => {
    expect(await run("bonus", "--lang", "en")).toBe(0);
    expect(printed()[0]).toMatch(/^month=2025-12 statements=\d+ total=[\d.]+$/);
  });

  it("budget --month 2025-12: December's budget rows, Actual blank, are six NOT BOOKED rows, not “no rows fall in 2025-12”", async () => {
    expect(await run("budget", "--month", "2025-12", "--lang", "en")).toBe(0);
    expect(printed()).toEqual(["rows=6 over=0 notBooked=6"]);
  });

  it("budget without a period reports 2025, the latest year booked, keeping its 8 months not booked", async () => {
    expect(await run("budget", "--lang", "en")).toBe(0);
    const [line] = printed();
    expect(line).toMatch(/^rows=\d+ over=\d+ notBooked=8$/);
    // Twelve months of six categories: every Budget row of 2025 is in the report, booked or not.
    expect(Number(/rows=(\d+)/.exec(line)?.[1])).toBe(72);
  });
});
