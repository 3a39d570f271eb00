/**
 * One rep's statement on a sheet of its own (issue 10 point 4), on both implementations of
 * the table interface. The amounts are the policy's (src/rules/bonus.ts defaults) worked by
 * hand: base = month sales × 90% ÷ 1.17 × the rate of the month's sales (10% from 13,000,
 * 15% from 15,000, 20% from 20,000); star awards by rank group; override 5% of the sales of the
 * SRs a manager sponsored; paid on the 10th two months later.
 */
import { writeStatementSheet, statementTableName, type StatementSheetOptions } from "../../src/services";
import { MAX_SHEET_NAME, sheetNameChoices, tableNameFor, WorkbookError, type WorkbookTables } from "../../src/workbook";
import { checkTableName } from "../../src/workbook/new-table";
import { makeOfficeHarness, makeXlsxHarness, type Fixture, type Harness, type MakeHarness } from "../workbook/harness";
import { d, table } from "./fixtures";

const FORMULA_REP = "=1+1";
const ODD_REP = "Li/Wang: [North]*?";
const QUOTED_REP = "'Quote'";
const LONG_REP = "Someone With A Very Long Name Indeed";
const RECRUITS = ["甲", "乙", "丙", "丁"];

/**
 * March 2026. 经理 (SPEC 1.2): 20,000 by the 20th and 10,000 on the 21st, four sponsored SRs of
 * 20,000 each. "=1+1": 16,000 on the 5th. Li/Wang: 13,000 on the 25th. The long name: 13,000.
 * 'Quote': 1,000. Sales row 8 (A8:C8) is "=1+1"'s.
 */
function book(language: "en" | "zh" = "en", extraSheets: Fixture["sheets"] = []): Fixture {
  const headers = language === "zh" ? ["业务员", "日期", "金额"] : ["Rep", "Date", "Amount"];
  return {
    sheets: [
      {
        name: "Sales",
        tables: [
          table("Sales", "A1", [
            headers,
            ["经理", d("2026-03-20"), 20000],
            ["经理", d("2026-03-21"), 10000],
            ...RECRUITS.map((r) => [r, d("2026-03-05"), 20000]),
            [FORMULA_REP, d("2026-03-05"), 16000],
            [ODD_REP, d("2026-03-25"), 13000],
            [LONG_REP, d("2026-03-10"), 13000],
            [QUOTED_REP, d("2026-03-10"), 1000],
          ]),
        ],
      },
      {
        name: "Reps",
        tables: [table("Reps", "A1", [["Rep", "Sponsor"], ["经理", null], ...RECRUITS.map((r) => [r, "经理"]), [FORMULA_REP, null], [ODD_REP, null], [LONG_REP, null], [QUOTED_REP, null]])],
      },
      ...extraSheets,
    ],
  };
}

const march = (rep: string): StatementSheetOptions => ({ year: 2026, month: 3, rep });

/** 2026-05-10 as an Excel serial: 46,023 is 2026-01-01, and 31 + 28 + 31 + 30 + 9 days later. */
const PAY_DATE_SERIAL = 46152;

async function statementValues(tables: WorkbookTables, rep: string) {
  const ref = await tables.findTable("Statement", { name: statementTableName(rep, "2026-03") });
  if (!ref) return undefined;
  return { sheet: ref.sheet, headers: ref.headers, rows: (await tables.readTable(ref)).rows.map((r) => r.values) };
}

describe("sheet and table names for a statement", () => {
  it("keeps Excel's sheet-name rules: none of []:*?/\\, no apostrophe first or last, at most 31 characters with the month whole", () => {
    expect(sheetNameChoices(ODD_REP, " 2026-03")[0]).toBe("Li_Wang_ _North___ 2026-03");
    expect(sheetNameChoices("a\\b", " 2026-03")[0]).toBe("a_b 2026-03");
    expect(sheetNameChoices(QUOTED_REP, " 2026-03")[0]).toBe("Quote' 2026-03");
    expect(sheetNameChoices(LONG_REP, " 2026-03")[0]).toBe("Someone With A Very Lon 2026-03");
    expect(sheetNameChoices(LONG_REP, " 2026-03")[1]).toBe("Someone With A Very 2026-03 (2)");
    expect(sheetNameChoices("'''", " 2026-03")[0]).toBe("_ 2026-03");
    expect(sheetNameChoices("x", "'")[0]).toBe("x");
    for (const name of sheetNameChoices(`${"字".repeat(40)}'`, " 2026-03", 9)) {
      expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
      expect(name).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
    // An astral character is never cut in half.
    expect(sheetNameChoices("𠀀".repeat(20), " 2026-03")[0]).toBe(`${"𠀀".repeat(11)} 2026-03`);
  });

  it("gives a valid table name, the same on every run, and different ones to subjects written alike", () => {
    const name = tableNameFor("Statement", `${ODD_REP} 2026-03`);
    expect(name).toMatch(/^Statement_Li_Wang_North_2026_03_[0-9a-f]{8}$/);
    expect(tableNameFor("Statement", `${ODD_REP} 2026-03`)).toBe(name);
    expect(() => checkTableName("Statement", name)).not.toThrow();
    expect(() => checkTableName("Statement", tableNameFor("Statement", `${FORMULA_REP} 2026-03`))).not.toThrow();
    expect(() => checkTableName("Statement", tableNameFor("Statement", `${"𠀀".repeat(50)} 2026-03`))).not.toThrow();
    expect(tableNameFor("Statement", "A/B 2026-03").toLowerCase()).not.toBe(tableNameFor("Statement", "a:b 2026-03").toLowerCase());
  });
});

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 3 })],
])("writeStatementSheet on %s", (_name, make) => {
  it("writes one rep's statement on its own sheet, the rep's name as text although it looks like a formula, and nothing in Bonuses", async () => {
    const harness = await make(book());
    const outcome = await writeStatementSheet(harness.tables, march(FORMULA_REP));
    expect(outcome).toMatchObject({ kind: "written", summary: { sheet: "=1+1 2026-03", tableName: statementTableName(FORMULA_REP, "2026-03") } });
    expect(await harness.sheetNames()).toEqual(["Sales", "Reps", "=1+1 2026-03"]);
    const reopened = await harness.reopen();
    // 16,000 in the month, all by the 20th: rank SE (15,000 or more). Base 16,000 × 0.9 ÷ 1.17 × 15% = 1,846.15;
    // morning star 1,500 (SE: 15,000 by the 20th); no opening star (SE: 20,000); no override (SE).
    expect(await statementValues(reopened, FORMULA_REP)).toEqual({
      sheet: "=1+1 2026-03",
      headers: ["Item", "Amount", "Detail"],
      rows: [
        { Item: "Rep", Amount: null, Detail: "=1+1" },
        { Item: "Month", Amount: null, Detail: "2026-03" },
        { Item: "Rank", Amount: null, Detail: "SE Sales executive" },
        { Item: "Month sales", Amount: 16000, Detail: null },
        { Item: "Sales by the 20th", Amount: 16000, Detail: null },
        { Item: "Sponsored SRs' sales", Amount: 0, Detail: null },
        { Item: "Sponsored SRs", Amount: null, Detail: 0 },
        { Item: "Base bonus", Amount: 1846.15, Detail: null },
        { Item: "Morning star award", Amount: 1500, Detail: null },
        { Item: "Opening star award", Amount: 0, Detail: null },
        { Item: "Override", Amount: 0, Detail: null },
        { Item: "Total", Amount: 3346.15, Detail: null },
        { Item: "Pay date", Amount: null, Detail: PAY_DATE_SERIAL },
        { Item: "Policy version", Amount: null, Detail: "Built-in policy" },
      ],
    });
    expect(await harness.cellIsText("=1+1 2026-03", "C2")).toBe(true);
    expect(await reopened.findTable("Bonuses")).toBeUndefined();
  });

  it("names the sheet within Excel's rules: forbidden characters replaced, a leading apostrophe dropped, a long name shortened", async () => {
    const harness = await make(book());
    for (const rep of [ODD_REP, QUOTED_REP, LONG_REP]) expect(await writeStatementSheet(harness.tables, march(rep))).toMatchObject({ kind: "written" });
    expect(await harness.sheetNames()).toEqual(["Sales", "Reps", "Li_Wang_ _North___ 2026-03", "Quote' 2026-03", "Someone With A Very Lon 2026-03"]);
    // 13,000 on the 25th: rank SR; base 13,000 × 0.9 ÷ 1.17 × 10% = 1,000.00; nothing by the 20th, so no morning star.
    const odd = await statementValues(await harness.reopen(), ODD_REP);
    expect(odd?.rows.find((r) => r.Item === "Base bonus")?.Amount).toBe(1000);
    expect(odd?.rows.find((r) => r.Item === "Total")?.Amount).toBe(1000);
    expect(odd?.rows[0]).toEqual({ Item: "Rep", Amount: null, Detail: ODD_REP });
  });

  it("rewrites the same sheet's table on a second run, with the workbook's new figures, rather than adding a sheet", async () => {
    const harness = await make(book());
    await writeStatementSheet(harness.tables, march(FORMULA_REP));
    // "=1+1" now sold 20,000: rank SE; base 20,000 × 0.9 ÷ 1.17 × 20% = 3,076.92; morning star 1,500; opening star 1,000.
    const edited = await harness.editByUser("Sales", "C8", 20000);
    // The same sheet: a second table would have gone on a new sheet, "=1+1 2026-03 (2)".
    expect(await writeStatementSheet(edited, march(FORMULA_REP))).toMatchObject({ kind: "written", summary: { sheet: "=1+1 2026-03" } });
    const rows = (await statementValues(edited, FORMULA_REP))?.rows ?? [];
    expect(rows.filter((r) => r.Amount !== null).map((r) => [r.Item, r.Amount])).toEqual([
      ["Month sales", 20000],
      ["Sales by the 20th", 20000],
      ["Sponsored SRs' sales", 0],
      ["Base bonus", 3076.92],
      ["Morning star award", 1500],
      ["Opening star award", 1000],
      ["Override", 0],
      ["Total", 5576.92],
    ]);
    expect(rows).toHaveLength(14);
  });

  it("labels a Chinese workbook's statement in Chinese: SPEC 1.2's sales manager", async () => {
    const harness = await make(book("zh"));
    expect(await writeStatementSheet(harness.tables, march("经理"))).toMatchObject({ kind: "written", summary: { sheet: "经理 2026-03" } });
    // 30,000 in the month, 20,000 by the 20th, four SRs of 20,000: rank SM. Base 30,000 × 0.9 ÷ 1.17 × 20% = 4,615.38;
    // morning star 4,000 (SM: 20,000 by the 20th); opening star 2,000 (SM: 30,000); override 80,000 × 5% = 4,000.
    expect(await statementValues(await harness.reopen(), "经理")).toEqual({
      sheet: "经理 2026-03",
      headers: ["项目", "金额", "说明"],
      rows: [
        { Item: "业务员", Amount: null, Detail: "经理" },
        { Item: "月份", Amount: null, Detail: "2026-03" },
        { Item: "职级", Amount: null, Detail: "SM 销售经理" },
        { Item: "月度业绩", Amount: 30000, Detail: null },
        { Item: "20日前业绩", Amount: 20000, Detail: null },
        { Item: "亲自培训SR业绩", Amount: 80000, Detail: null },
        { Item: "亲自培训SR数量", Amount: null, Detail: 4 },
        { Item: "基本奖金", Amount: 4615.38, Detail: null },
        { Item: "晨星奖", Amount: 4000, Detail: null },
        { Item: "开星奖", Amount: 2000, Detail: null },
        { Item: "季度评估", Amount: 4000, Detail: null },
        { Item: "合计", Amount: 14615.38, Detail: null },
        { Item: "发放日期", Amount: null, Detail: PAY_DATE_SERIAL },
        { Item: "政策版本", Amount: null, Detail: "内置制度" },
      ],
    });
  });

  it("leaves a sheet of the user's with the same name alone and takes the next name", async () => {
    const harness = await make(book("en", [{ name: "经理 2026-03", cells: [{ at: "A1", rows: [["my notes"]] }] }]));
    expect(await writeStatementSheet(harness.tables, march("经理"))).toMatchObject({ kind: "written", summary: { sheet: "经理 2026-03 (2)" } });
    expect(await harness.sheetNames()).toEqual(["Sales", "Reps", "经理 2026-03", "经理 2026-03 (2)"]);
  });

  it("reports a rep who is not in Reps as a problem, and a month without sales, writing nothing", async () => {
    const harness = await make(book());
    expect(await writeStatementSheet(harness.tables, march("Nobody"))).toMatchObject({ kind: "problems", problems: [{ sheet: "Reps", row: 0, error: { code: "repUnknown", params: { rep: "Nobody" } } }] });
    expect(await writeStatementSheet(harness.tables, { year: 2026, month: 7, rep: "经理" })).toMatchObject({ kind: "problems", problems: [{ row: 0, error: { code: "noRowsInPeriod" } }] });
    expect(await harness.sheetNames()).toEqual(["Sales", "Reps"]);
  });

  it("writeSheetTable refuses when every name offered is a sheet's already, and adds nothing", async () => {
    const harness = await make(book());
    const error = await harness.tables.writeSheetTable("Statement", { tableName: "Statement_x", sheetNames: ["sales", "REPS"], language: "en" }, [{ Item: "x", Amount: 1, Detail: null }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error).toMatchObject({ code: "sheetNotEmpty", params: { sheet: "sales" } });
    expect(await harness.sheetNames()).toEqual(["Sales", "Reps"]);
  });

  /**
   * Runs the write once cleanly, then once per write step and fault variant with a failure
   * injected there: each time the sheets and the statement must be wholly as after the clean
   * run (when the write reports success) or wholly as before.
   */
  async function eachFailure(fixture: Fixture): Promise<{ before: unknown; after: unknown }> {
    // replaceRows' hidden staging sheet may outlive a failure of its own removal, after the write (office-write.ts).
    const sheets = async (harness: Harness) => (await harness.sheetNames()).filter((name) => !name.startsWith("MktStaging_"));
    const state = async (harness: Harness) => ({ sheets: await sheets(harness), statement: await statementValues(await harness.reopen(), FORMULA_REP) });
    const act = (tables: WorkbookTables) => writeStatementSheet(tables, march(FORMULA_REP));
    const clean = await make(fixture);
    const before = await state(clean);
    const start = clean.stepsTaken();
    await act(clean.tables);
    const steps = clean.stepsTaken() - start;
    const after = await state(clean);
    expect(steps).toBeGreaterThan(0);
    for (let step = 0; step < steps; step++) {
      for (const variant of clean.faultVariants) {
        const harness = await make(fixture);
        harness.failAt(step, variant);
        const outcome = await act(harness.tables).then(() => "written", () => "failed");
        expect({ step, variant, state: await state(harness) }).toEqual({ step, variant, state: outcome === "written" ? after : before });
      }
    }
    return { before, after };
  }

  it("is all or nothing on a first run: a failure at any step leaves no sheet behind", async () => {
    const { before, after } = await eachFailure(book());
    expect(before).toEqual({ sheets: ["Sales", "Reps"], statement: undefined });
    expect(after).toMatchObject({ sheets: ["Sales", "Reps", "=1+1 2026-03"], statement: { rows: expect.arrayContaining([{ Item: "Total", Amount: 3346.15, Detail: null }]) } });
  });

  it("is all or nothing on a rewrite: a failure at any step leaves the old statement whole", async () => {
    const old = table(statementTableName(FORMULA_REP, "2026-03"), "A1", [["Item", "Amount", "Detail"], ["Total", 1, null], ["Rep", null, "old"]]);
    const { before, after } = await eachFailure(book("en", [{ name: "Moved", tables: [old] }]));
    expect(before).toMatchObject({ sheets: ["Sales", "Reps", "Moved"], statement: { sheet: "Moved", rows: [{ Item: "Total", Amount: 1, Detail: null }, { Item: "Rep", Amount: null, Detail: "old" }] } });
    expect(after).toMatchObject({ sheets: ["Sales", "Reps", "Moved"], statement: { sheet: "Moved", rows: expect.arrayContaining([{ Item: "Total", Amount: 3346.15, Detail: null }]) } });
  });
});
