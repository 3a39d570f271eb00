/**
 * `mkt-rulebook opportunities FILE --month YYYY-MM | --year YYYY [--within 10%] [--out F | --in-place]`
 * (issue 11 point 3) on real files: the workbooks and figures of test/services/opportunities-fixture.ts.
 */
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { parseWithin } from "../../src/cli/opportunities-command";
import { cliSandbox } from "../support/cli-sandbox";
import { openXlsx } from "../support/xlsx-files";
import { rebateBook } from "../services/fixtures";
import { bonusBook, REBATE_PURCHASES } from "../services/opportunities-fixture";
import { buildExcelJsWorkbook, type Fixture } from "../workbook/harness";
import { linesOf, runBin } from "./run-bin";

const sandbox = cliSandbox("mkt-opportunities-");
const { stderr } = sandbox;
const ZH = { LANG: "zh_CN.UTF-8" };
const EN = { LANG: "en_US.UTF-8" };

const stdoutLines = () =>
  ((process.stdout.write as unknown as jest.Mock).mock.calls as unknown[][])
    .map((c) => String(c[0]))
    .join("")
    .split("\n")
    .filter((line) => line !== "");
const errorLines = () => linesOf(stderr.join(""));

async function write(fixture: Fixture, name = "book.xlsx"): Promise<string> {
  const path = join(sandbox.dir, name);
  await writeFile(path, new Uint8Array((await buildExcelJsWorkbook(fixture).xlsx.writeBuffer()) as ArrayBuffer));
  return path;
}

/** The clock: a day of March 2026, or one after it. */
const at = (iso: string) => ({ now: () => new Date(`${iso}T09:00:00`) });
const AFTER = at("2026-06-01");

const AMY = "rep=Amy rank=SR";
const BONUS_LINES = [
  `${AMY} kind=morning target=morningStar threshold=15000.00 shortfall=1000.00 sponsoredSales=0.00 sponsoredCount=0 extraBonus=2153.85`,
  `${AMY} kind=step target=baseStep threshold=15000.00 shortfall=1000.00 sponsoredSales=0.00 sponsoredCount=0 extraBonus=653.85`,
  `${AMY} kind=rank target=SE threshold= shortfall=1000.00 sponsoredSales=0.00 sponsoredCount=0 extraBonus=653.85`,
  "rep=Bo rank=SE kind=opening target=openingStar threshold=20000.00 shortfall=1000.00 sponsoredSales=0.00 sponsoredCount=0 extraBonus=1884.61",
  "rep=Bo rank=SE kind=step target=baseStep threshold=20000.00 shortfall=1000.00 sponsoredSales=0.00 sponsoredCount=0 extraBonus=1884.61",
  "rep=Cy rank=PC kind=step target=baseStep threshold=13000.00 shortfall=1000.00 sponsoredSales=0.00 sponsoredCount=0 extraBonus=1000.00",
  "rep=Cy rank=PC kind=rank target=DS threshold= shortfall=1000.00 sponsoredSales=0.00 sponsoredCount=0 extraBonus=1000.00",
  "rep=Di rank=SSE kind=rank target=SM threshold= shortfall=0.00 sponsoredSales=3000.00 sponsoredCount=1 extraBonus=4500.00",
];

describe("mkt-rulebook opportunities", () => {
  it("a month that is over: every rep near a threshold, key=value on stdout, in words on stderr, nothing written", async () => {
    const input = await write(bonusBook());
    expect(await main(["opportunities", input, "--month", "2026-03"], EN, AFTER)).toBe(0);
    expect(stdoutLines()).toEqual(["month=2026-03 within=0.1 reps=7 opportunities=8 today=", ...BONUS_LINES.map((line) => `${line} daysLeft=`)]);
    expect(errorLines()).toEqual([
      "8 opportunity(ies) within 10% of the next star award, base rate or rank, among 7 reps in 2026-03:",
      "2026-03 is over: the list shows how close each rep came.",
      "  Amy (SR): morning star award, 1,000.00 more sales by the morning-star day; bonus +2,153.85",
      "  Amy (SR): base rate 15% from 15,000.00, 1,000.00 more sales; bonus +653.85",
      "  Amy (SR): rank SE, 1,000.00 more sales; bonus +653.85",
      "  Bo (SE): opening star award, 1,000.00 more sales this month; bonus +1,884.61",
      "  Bo (SE): base rate 20% from 20,000.00, 1,000.00 more sales; bonus +1,884.61",
      "  Cy (PC): base rate 10% from 13,000.00, 1,000.00 more sales; bonus +1,000.00",
      "  Cy (PC): rank DS, 1,000.00 more sales; bonus +1,000.00",
      "  Di (SSE): rank SM, 3,000.00 more sales of sponsored SRs and 1 more sponsored SR; bonus +4,500.00",
      "Not written: add --out FILE or --in-place to write the list as a table on a sheet of its own.",
    ]);
    await expect((await openXlsx(input)).tables.findTable("BonusOpportunities", { name: "BonusOpportunities_2026_03" })).resolves.toBeUndefined();
  });

  it("the month still open: the days left to the 20th and to the month's end, and no morning star once the 20th has passed", async () => {
    const input = await write(bonusBook());
    expect(await main(["opportunities", input, "--month", "2026-03"], EN, at("2026-03-18"))).toBe(0);
    const lines = stdoutLines();
    expect(lines[0]).toBe("month=2026-03 within=0.1 reps=7 opportunities=8 today=2026-03-18");
    expect(lines.slice(1)).toEqual(BONUS_LINES.map((line, i) => `${line} daysLeft=${i === 0 ? 3 : 14}`));
    expect(errorLines()[1]).toBe("As of 2026-03-18: 3 day(s) left to the morning-star day, 14 to the month's end.");
    expect(errorLines()[2]).toBe("  Amy (SR): morning star award, 1,000.00 more sales by the morning-star day; bonus +2,153.85; 3 day(s) left");

    (process.stdout.write as unknown as jest.Mock).mockClear();
    stderr.length = 0;
    expect(await main(["opportunities", input, "--month", "2026-03"], EN, at("2026-03-21"))).toBe(0);
    expect(stdoutLines()[0]).toBe("month=2026-03 within=0.1 reps=7 opportunities=7 today=2026-03-21");
    expect(stdoutLines().slice(1)).toEqual(BONUS_LINES.slice(1).map((line) => `${line} daysLeft=11`));
    expect(errorLines()[1]).toBe("As of 2026-03-21: the morning-star day has passed; 11 day(s) left to the month's end.");
  });

  it("--within takes a percentage or a fraction: 5% and 0.05 give the same list", async () => {
    const input = await write(bonusBook());
    expect(await main(["opportunities", input, "--month", "2026-03", "--within", "5%"], EN, AFTER)).toBe(0);
    const percent = stdoutLines();
    (process.stdout.write as unknown as jest.Mock).mockClear();
    expect(await main(["opportunities", input, "--month", "2026-03", "--within", "0.05"], EN, AFTER)).toBe(0);
    expect(stdoutLines()).toEqual(percent);
    expect(percent.map((line) => line.split(" ").slice(0, 3).join(" "))).toEqual([
      "month=2026-03 within=0.05 reps=7",
      "rep=Bo rank=SE kind=opening",
      "rep=Bo rank=SE kind=step",
      "rep=Cy rank=PC kind=rank",
      "rep=Di rank=SSE kind=rank",
    ]);
  });

  it("the dealers near the next rebate tier of the year, in Chinese", async () => {
    const input = await write(rebateBook({ purchases: REBATE_PURCHASES }));
    expect(await main(["opportunities", input, "--year", "2025"], ZH, AFTER)).toBe(0);
    expect(stdoutLines()).toEqual([
      "year=2025 within=0.1 mode=retroactive dealers=6 opportunities=4",
      'dealer="Back Co" net=490000.00 nextThreshold=500000.00 needed=10000.00 rebateAtNext=10000.00 extra=5100.00 costShare=0.51',
      'dealer="Edge Co" net=450000.00 nextThreshold=500000.00 needed=50000.00 rebateAtNext=10000.00 extra=5500.00 costShare=0.11',
      'dealer="Near Co" net=460000.00 nextThreshold=500000.00 needed=40000.00 rebateAtNext=10000.00 extra=5400.00 costShare=0.135',
      'dealer="Small Co" net=95000.00 nextThreshold=100000.00 needed=5000.00 rebateAtNext=1000.00 extra=1000.00 costShare=0.2',
    ]);
    expect(errorLines()).toEqual([
      "2025 年有进货的 6 家经销商中，距下一返利档位在 10% 以内的有 4 家（全额）：",
      "  Back Co：还需进货 10,000.00 达到 500,000.00（净进货额 490,000.00）；返利 10,000.00，增加 5,100.00，占这部分进货的 51%",
      "  Edge Co：还需进货 50,000.00 达到 500,000.00（净进货额 450,000.00）；返利 10,000.00，增加 5,500.00，占这部分进货的 11%",
      "  Near Co：还需进货 40,000.00 达到 500,000.00（净进货额 460,000.00）；返利 10,000.00，增加 5,400.00，占这部分进货的 13.5%",
      "  Small Co：还需进货 5,000.00 达到 100,000.00（净进货额 95,000.00）；返利 1,000.00，增加 1,000.00，占这部分进货的 20%",
      "未写入：加上 --out 文件名 或 --in-place，把列表写成单独工作表上的表格。",
    ]);
  });

  it("--out writes the list as a table on a sheet of its own; a second run in place finds it unchanged and leaves the file alone", async () => {
    const input = await write(bonusBook());
    const out = join(sandbox.dir, "out.xlsx");
    expect(await main(["opportunities", input, "--month", "2026-03", "--out", out], EN, AFTER)).toBe(0);
    expect(errorLines().slice(-2)).toEqual(["The list: table BonusOpportunities_2026_03 on sheet Bonus opportunities 2026-03.", `Written to ${out}.`]);
    const tables = (await openXlsx(out)).tables;
    const ref = await tables.findTable("BonusOpportunities", { name: "BonusOpportunities_2026_03" });
    const rows = ref ? (await tables.readTable(ref)).rows.map((r) => [r.values.Rep, r.values.Kind, r.values.Shortfall, r.values.ExtraBonus]) : [];
    expect(rows).toEqual([
      ["Amy", "Morning star award", 1000, 2153.85],
      ["Amy", "Next base rate", 1000, 653.85],
      ["Amy", "Next rank", 1000, 653.85],
      ["Bo", "Opening star award", 1000, 1884.61],
      ["Bo", "Next base rate", 1000, 1884.61],
      ["Cy", "Next base rate", 1000, 1000],
      ["Cy", "Next rank", 1000, 1000],
      ["Di", "Next rank", 0, 4500],
    ]);

    stderr.length = 0;
    const again = join(sandbox.dir, "again.xlsx");
    await copyFile(out, again);
    expect(await main(["opportunities", again, "--month", "2026-03", "--in-place"], EN, AFTER)).toBe(0);
    expect(errorLines().slice(-2)).toEqual(["The list: table BonusOpportunities_2026_03 on sheet Bonus opportunities 2026-03.", "Nothing changed since the last run; nothing was written."]);
  });

  it("--out writes the dealers' list too", async () => {
    const input = await write(rebateBook({ purchases: REBATE_PURCHASES }));
    const out = join(sandbox.dir, "out.xlsx");
    expect(await main(["opportunities", input, "--year", "2025", "--within", "5%", "--out", out], EN, AFTER)).toBe(0);
    const tables = (await openXlsx(out)).tables;
    const ref = await tables.findTable("RebateOpportunities", { name: "RebateOpportunities_2025" });
    expect(ref?.sheet).toBe("Rebate opportunities 2025");
    expect(ref ? (await tables.readTable(ref)).rows.map((r) => [r.values.Dealer, r.values.Needed, r.values.CostShare]) : []).toEqual([
      ["Back Co", 10000, 0.51],
      ["Small Co", 5000, 0.2],
    ]);
  });

  it("rows that cannot be read: exit 1, naming them, nothing written", async () => {
    const input = await write(bonusBook());
    expect(await main(["opportunities", input, "--month", "2026-05", "--out", join(sandbox.dir, "out.xlsx")], EN, AFTER)).toBe(1);
    expect(errorLines()).toEqual(["1 row(s) could not be read; nothing was written:", "  Sales: Sales (Sales): no rows fall in 2026-05; check the year or month chosen."]);
  });

  describe("usage mistakes: exit 2, one line naming the option, and the usage line", () => {
    const USAGE = "Usage: mkt-rulebook opportunities [options] <file>  (--help for every option)";
    const mistake = async (args: string[], line: string) => {
      const input = await write(bonusBook());
      stderr.length = 0;
      expect(await main(["opportunities", input, ...args], EN, AFTER)).toBe(2);
      expect(errorLines()).toEqual([line, USAGE]);
    };
    const badWithin = (value: string) => `--within: “${value}” is not a share: write a percentage or a fraction of 1, such as 10% or 0.1 (at most 100%).`;
    const onePeriod = "Give --month YYYY-MM (reps near a bonus threshold) or --year YYYY (dealers near a rebate tier): one of them.";

    it.each(["10", "abc", "-5%", "150%", ""])("--within %j", async (value) => mistake(["--month", "2026-03", "--within", value], badWithin(value)));
    it("neither --month nor --year", async () => mistake([], onePeriod));
    it("both --month and --year", async () => mistake(["--month", "2026-03", "--year", "2026"], onePeriod));
    it("a month that is not one", async () => mistake(["--month", "2026-13"], "--month: “2026-13” is not a month: months run from 1 to 12."));
  });

  it("parseWithin: a percentage or a fraction from 0 to 1, full-width digits too", () => {
    expect(["10%", "0.1", " 10 % ", "１０％", "0", "100%", "1"].map(parseWithin)).toEqual([0.1, 0.1, 0.1, 0.1, 0, 1, 1]);
    expect(["10", "1.5", "-0.1", "x", "", "101%"].map(parseWithin)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it("the built command lists opportunities in the user's language", () => {
    const result = runBin(["opportunities", "--help"], { env: ZH });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--within <share>");
    expect(result.stdout).toContain("接近的程度");
  });
});
