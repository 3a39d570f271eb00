/**
 * `mkt-rulebook policy FILE [--date YYYY-MM-DD] [--json]` (SPEC §4.3): the policy in force on
 * a date, rule by rule, with the From of the version each row comes from; and what the
 * other commands make of policy versions on real files.
 */
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { POLICY_RULES } from "../../src/rules";
import { cliSandbox } from "../support/cli-sandbox";
import { openXlsx } from "../support/xlsx-files";
import { rowsOf } from "../services/fixtures";
import { e, LOG_HEADERS, logRows } from "../services/flows-fixture";
import { buildExcelJsWorkbook, type Fixture, type FixtureValue } from "../workbook/harness";
import { d } from "../workbook/fixtures";

const FIXTURES = join(__dirname, "..", "fixtures", "workbooks");
const sandbox = cliSandbox("mkt-policy-");
const { stderr } = sandbox;

function stdout(): string {
  const calls = (process.stdout.write as unknown as jest.Mock).mock.calls as unknown[][];
  return calls.map((c) => String(c[0])).join("");
}

const stdoutLines = () => stdout().split("\n").filter((line) => line !== "");

async function write(fixture: Fixture, name = "book.xlsx"): Promise<string> {
  const path = join(sandbox.dir, name);
  await writeFile(path, new Uint8Array((await buildExcelJsWorkbook(fixture).xlsx.writeBuffer()) as ArrayBuffer));
  return path;
}

const POLICY_HEADERS = ["Rule", "Rank", "Threshold", "Value", "From", "Status"];

/** The VAT history of SPEC §4: 16% from 2018-05-01, 13% from 2019-04-01 (with the morning-star day moved to the 25th); a later draft. */
const HISTORY: FixtureValue[][] = [
  ["VatRate", null, null, 0.16, d("2018-05-01"), "Approved"],
  ["增值税率", null, null, "13%", d("2019-04-01"), "已批准"],
  ["MorningStarDay", null, null, 25, d("2019-04-01"), "Approved"],
  ["MorningStar", "SM", 25000, 5000, d("2019-04-01"), "Approved"],
  ["VatRate", null, null, 0.1, d("2026-01-01"), "Draft"],
];

const withPolicy = (rows: FixtureValue[][], headers = POLICY_HEADERS): Fixture => ({ sheets: [{ name: "制度参数", tables: [{ name: "Policy", at: "A1", rows: [headers, ...rows] }] }] });

const SEED_VAT = [{ rank: null, threshold: null, value: 0.17, from: null }];
const SEED_BASE_RATE = [
  { rank: null, threshold: 13000, value: 0.1, from: null },
  { rank: null, threshold: 15000, value: 0.15, from: null },
  { rank: null, threshold: 20000, value: 0.2, from: null },
];

describe("mkt-rulebook policy", () => {
  it("prints each rule in force on the date with the version it comes from (key=value on stdout, words on stderr)", async () => {
    const input = await write(withPolicy(HISTORY));
    expect(await main(["policy", input, "--date", "2019-04-01", "--lang", "en"])).toBe(0);
    const lines = stdoutLines();
    expect(lines[0]).toBe("asOf=2019-04-01");
    expect(lines).toContain("rule=VatRate rank= threshold= value=0.13 from=2019-04-01");
    expect(lines).toContain("rule=MorningStarDay rank= threshold= value=25 from=2019-04-01");
    expect(lines).toContain("rule=BaseRate rank= threshold=13000 value=0.1 from=");
    // Only SM's morning star changed: SR's and SD's stay the seed's.
    expect(lines.filter((l) => l.startsWith("rule=MorningStar "))).toEqual([
      "rule=MorningStar rank=SR threshold=15000 value=1500 from=",
      "rule=MorningStar rank=SM threshold=25000 value=5000 from=2019-04-01",
      "rule=MorningStar rank=SD threshold=30000 value=4000 from=",
    ]);
    expect(lines).toContain("rule=RankMinMonthSales rank=PC threshold= value= from=");
    const said = stderr.join("");
    expect(said).toContain("Policy in force on 2019-04-01:");
    expect(said).toContain("  VAT rate: 13% (version from 2019-04-01)\n");
    expect(said).toContain("  Base rate ≥ 13,000: 10% (built-in seed)\n");
    expect(said).toContain("  Morning star SM ≥ 25,000: 5,000.00 (version from 2019-04-01)\n");
    expect(said).toContain("  Rank min month sales PC: no minimum (built-in seed)\n");
  });

  it("--json gives SPEC §4.3's shape: every rule in the seed table's order, from null for the seed", async () => {
    const input = await write(withPolicy(HISTORY));
    expect(await main(["policy", input, "--date", "2019-03-31", "--json"])).toBe(0);
    const json = JSON.parse(stdout());
    expect(json.asOf).toBe("2019-03-31");
    expect(Object.keys(json.rules)).toEqual([...POLICY_RULES]);
    expect(json.rules.VatRate).toEqual([{ rank: null, threshold: null, value: 0.16, from: "2018-05-01" }]);
    expect(json.rules.MorningStarDay).toEqual([{ rank: null, threshold: null, value: 20, from: null }]);
    expect(json.rules.BaseRate).toEqual(SEED_BASE_RATE);
    expect(json.rules.OverrideRate).toEqual([{ rank: "SM", threshold: null, value: 0.05, from: null }]);
    expect(json.rules.BudgetTolerance).toEqual([{ rank: null, threshold: null, value: 0.05, from: null }]);
    expect(stderr.join("")).toBe("");
  });

  it("defaults to today, in Chinese with --lang zh", async () => {
    const input = await write(withPolicy(HISTORY));
    expect(await main(["policy", input, "--lang", "zh"], {}, { now: () => new Date(2019, 3, 15, 23, 30) })).toBe(0);
    expect(stdoutLines()[0]).toBe("asOf=2019-04-15");
    const said = stderr.join("");
    expect(said).toContain("2019-04-15 生效的制度参数：");
    expect(said).toContain("  增值税率：13%（2019-04-01 起的版本）\n");
    expect(said).toContain("  基本奖金比例 ≥ 13,000：10%（内置种子版本）\n");
  });

  it("without a Policy table, the seed (a file saved by openpyxl)", async () => {
    const input = join(sandbox.dir, "openpyxl.xlsx");
    await copyFile(join(FIXTURES, "openpyxl.xlsx"), input);
    expect(await main(["policy", input, "--date", "2025-03-01", "--json"])).toBe(0);
    const json = JSON.parse(stdout());
    expect(json.rules.VatRate).toEqual(SEED_VAT);
    expect(json.rules.BaseRate).toEqual(SEED_BASE_RATE);
    expect(Object.values(json.rules).flat().every((row) => (row as { from: unknown }).from === null)).toBe(true);
    expect(Object.values(json.rules).flat()).toHaveLength(57);
  });

  it("a problem of a version in force on the date is exit 1 naming its row; a broken draft or a later version is not", async () => {
    const broken = [...HISTORY, ["BaseRate", null, 20000, 1.5, d("2019-04-01"), "Approved"], ["Nonsense", null, null, 1, d("2026-01-01"), "Draft"]];
    const input = await write(withPolicy(broken));
    expect(await main(["policy", input, "--date", "2019-04-01", "--lang", "en"])).toBe(1);
    expect(stdout()).toBe("");
    const said = stderr.join("");
    expect(said).toContain("The policy in force on 2019-04-01 has 1 problem(s)");
    expect(said).toContain("制度参数!row 7: ");
    stderr.length = 0;
    expect(await main(["policy", input, "--date", "2019-03-31", "--lang", "en"])).toBe(0);
  });

  it("a version approved without the log bearing it out is exit 1 too, once the log has started", async () => {
    const withLog = (comment: string): Fixture => ({ sheets: [...withPolicy(HISTORY.slice(0, 1)).sheets, { name: "AuditLog", tables: [{ name: "AuditLog", at: "A1", rows: [LOG_HEADERS, ...logRows([e("", "Baseline", "", "", comment)])] }] }] });
    expect(await main(["policy", await write(withLog("POLICY-2018-05-01=Approved"), "logged.xlsx"), "--date", "2019-01-01", "--json"])).toBe(0);
    expect(await main(["policy", await write(withLog("X-1=Draft"), "unlogged.xlsx"), "--date", "2019-01-01", "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain("制度参数!row 2: ");
    // Before that version's From it does not count, so neither does what the log says of it.
    expect(await main(["policy", await write(withLog("X-1=Draft"), "before.xlsx"), "--date", "2018-04-30", "--json"])).toBe(0);
  });

  it("a date that is not YYYY-MM-DD, or not a real day, is a usage error (exit 2)", async () => {
    const input = await write(withPolicy(HISTORY));
    for (const date of ["2019-02-30", "2019-4-1", "20190401", "today"]) {
      stderr.length = 0;
      expect(await main(["policy", input, "--date", date, "--lang", "en"])).toBe(2);
      expect(stderr.join("")).toContain(`--date: “${date}” is not a date written YYYY-MM-DD.`);
      expect(stderr.join("")).toContain("Usage: mkt-rulebook policy");
    }
    expect(await main(["policy", input, "--date", "2019-04-01", "--lang", "zh", "--colour"])).toBe(2);
  });
});

describe("policy versions in the other commands", () => {
  it("check lists the problems of the Policy table and of a versioned RebatePolicy, drafts included", async () => {
    const rebate = { name: "RebatePolicy", at: "A1", rows: [["Threshold", "Rate", "From", "Status"], [0, 0, null, "Approved"], [100000, 0.01, null, "Approved"], [0, 1.5, d("2026-01-01"), "Draft"]] };
    const fixture = withPolicy([...HISTORY, ["Nonsense", null, null, 1, d("2026-01-01"), "Draft"]]);
    const input = await write({ sheets: [...fixture.sheets, { name: "RebatePolicy", tables: [rebate] }] });
    expect(await main(["check", input, "--lang", "en"])).toBe(1);
    const said = stderr.join("");
    expect(said).toContain("2 problem(s) found");
    expect(said).toContain("制度参数!row 7: ");
    expect(said).toContain("RebatePolicy!row 4: ");
  });

  it("status shows a marketing activity's lead time on the policy in force at its start, or a failed policy check naming the rows", async () => {
    const plans = {
      name: "Plans",
      at: "A1",
      rows: [
        ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Start", "Purpose", "Audience", "Channels", "Category", "Budget", "Status"],
        ["MA-A", "Marketing activity", "Summer roadshow", "South", "Tom", d("2026-04-20"), d("2026-06-15"), "Awareness", "Dealers", "Events", "Market events", 1000, "Draft"],
      ],
    };
    const book = (value: FixtureValue): Fixture => ({ sheets: [{ name: "Plans", tables: [plans] }, ...withPolicy([["PlanLeadMonths", null, null, value, d("2026-06-01"), "Approved"]]).sheets] });
    expect(await main(["status", await write(book(2), "two.xlsx"), "--id", "MA-A", "--lang", "en"])).toBe(0);
    expect(stderr.join("")).toContain("✗ lead time: submit by 2026-04-15");
    stderr.length = 0;
    expect(await main(["status", await write(book(1.5), "broken.xlsx"), "--id", "MA-A", "--lang", "en"])).toBe(0);
    expect(stdoutLines().at(-1)).toContain("checks=requiredFields:ok,policy:failed,budget:failed");
    expect(stderr.join("")).toContain("✗ policy: problems in 制度参数!2");
  });

  it("bonus and refresh-rebates write PolicyFrom, blank on the seed, into a file saved by LibreOffice", async () => {
    const input = join(sandbox.dir, "libreoffice.xlsx");
    await copyFile(join(FIXTURES, "libreoffice.xlsx"), input);
    expect(await main(["bonus", input, "--month", "2025-03", "--in-place", "--lang", "en"])).toBe(0);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    const { tables } = await openXlsx(input);
    for (const kind of ["Bonuses", "Rebates"] as const) {
      expect((await tables.findTable(kind))?.headers).toContain("PolicyFrom");
      expect((await rowsOf(tables, kind)).every((r) => r.values.PolicyFrom === null)).toBe(true);
    }
  }, 60_000);
});
