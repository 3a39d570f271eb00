import { describeRuleError } from "../../src/i18n";
import { refreshRebates, type RefreshRebatesOptions } from "../../src/services";
import type { TableRow, WorkbookTables } from "../../src/workbook";
import { makeXlsxHarness, makeOfficeHarness, type MakeHarness } from "../workbook/harness";
import { d, PURCHASE_ROWS, REBATE_HEADERS, rebateBook, rowsOf, table } from "./fixtures";

const YEAR_2025: RefreshRebatesOptions = { year: 2025 };

const byDealer = (rows: readonly TableRow[], dealer: string) => rows.find((r) => r.values.Dealer === dealer)?.values;

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 })],
])("refreshRebates on %s", (_name, make) => {
  it("nets returns (by Type or by sign), applies the reached tier and writes one row per dealer", async () => {
    const harness = await make(rebateBook());
    const outcome = await refreshRebates(harness.tables, YEAR_2025);
    expect(outcome).toMatchObject({ kind: "written", summary: { dealers: 2, total: 12400, mode: "retroactive" } });
    const rows = await rowsOf(await harness.reopen(), "Rebates");
    expect(rows).toHaveLength(2);
    expect(byDealer(rows, "华东商贸")).toEqual({ Dealer: "华东商贸", Year: 2025, Gross: 650000, Returns: 30000, Net: 620000, Tier: 500000, Rate: 0.02, Rebate: 12400, Status: "Calculated", Note: null, PolicyFrom: null });
    expect(byDealer(rows, "Beta Ltd")).toMatchObject({ Gross: 80000, Returns: 5000, Net: 75000, Tier: null, Rate: 0, Rebate: 0 });
  });

  it("reads the mode from the cell named RebateMode, or from the cell beside a Mode label", async () => {
    const named = await make(rebateBook({ modeName: "累进" }));
    expect(await refreshRebates(named.tables, YEAR_2025)).toMatchObject({ summary: { mode: "incremental", total: 6400 } });
    const labelled = await make(rebateBook({ modeLabel: "incremental" }));
    expect(await refreshRebates(labelled.tables, YEAR_2025)).toMatchObject({ summary: { mode: "incremental", total: 6400 } });
    const unknown = await make(rebateBook({ modeName: "sometimes" }));
    const outcome = await refreshRebates(unknown.tables, YEAR_2025);
    expect(outcome).toMatchObject({ kind: "problems", problems: [{ error: { code: "unknownChoice", params: { arg: "RebateMode", value: "sometimes" } } }] });
  });

  it("year to date counts purchases up to the given day only", async () => {
    const harness = await make(rebateBook());
    const outcome = await refreshRebates(harness.tables, { year: 2025, through: new Date(2025, 2, 15) });
    // 华东商贸 650,000 by 15 March (the return is in April): retroactive 2% of 650,000.
    expect(outcome).toMatchObject({ kind: "written", summary: { dealers: 2, total: 13000 } });
  });

  it("a second refresh on unchanged data writes nothing and says so", async () => {
    const harness = await make(rebateBook());
    await refreshRebates(harness.tables, YEAR_2025);
    const replaceRows = jest.spyOn(harness.tables, "replaceRows");
    const again = await refreshRebates(harness.tables, YEAR_2025);
    expect(again).toMatchObject({ kind: "unchanged", summary: { dealers: 2, changes: [] } });
    expect(replaceRows).not.toHaveBeenCalled();
  });

  it("keeps Status and Note; an amount that changes after Reviewed goes back to Calculated with old → new", async () => {
    const existing = table("Rebates", "A1", [
      REBATE_HEADERS,
      ["Gamma Co", 2024, 900000, 0, 900000, 500000, 0.02, 18000, "Paid", "2024 stays"],
      ["华东商贸", 2025, 600000, 0, 600000, 500000, 0.02, 12000, "Reviewed", "checked by 王总"],
      ["Beta Ltd", 2025, 75000, 5000, 75000, null, 0, 0, "Calculated", "small"],
    ]);
    const harness = await make(rebateBook({ extraSheets: [{ name: "Rebates", tables: [existing] }] }));
    const outcome = await refreshRebates(harness.tables, YEAR_2025);
    expect(outcome).toMatchObject({ kind: "written", summary: { changes: [{ dealer: "华东商贸", kind: "reopened", oldAmount: 12000, newAmount: 12400 }] } });
    const rows = await rowsOf(await harness.reopen(), "Rebates");
    // Other years first, as they were; then this year's dealers.
    expect(rows.map((r) => r.values.Dealer)).toEqual(["Gamma Co", expect.any(String), expect.any(String)]);
    expect(byDealer(rows, "Gamma Co")).toMatchObject({ Year: 2024, Status: "Paid", Note: "2024 stays" });
    expect(byDealer(rows, "Beta Ltd")).toMatchObject({ Status: "Calculated", Note: "small" });
    expect(byDealer(rows, "华东商贸")).toMatchObject({ Status: "Calculated", Note: "checked by 王总; 12,000.00 → 12,400.00 (Reviewed)" });
  });

  it("a paid rebate of a dealer without purchases any more is kept as it was, and reported", async () => {
    const existing = table("Rebates", "A1", [REBATE_HEADERS, ["Gone Ltd", 2025, 200000, 0, 200000, 100000, 0.01, 2000, "Paid", "paid in March"]]);
    const harness = await make(rebateBook({ extraSheets: [{ name: "Rebates", tables: [existing] }] }));
    const outcome = await refreshRebates(harness.tables, YEAR_2025);
    expect(outcome).toMatchObject({ kind: "written", summary: { changes: expect.arrayContaining([{ dealer: "Gone Ltd", kind: "kept", oldAmount: 2000, status: "Paid" }]) } });
    const rows = await rowsOf(await harness.reopen(), "Rebates");
    expect(byDealer(rows, "Gone Ltd")).toMatchObject({ Rebate: 2000, Status: "Paid", Note: "paid in March" });
    expect(rows).toHaveLength(3);
    expect(await refreshRebates(harness.tables, YEAR_2025)).toMatchObject({ kind: "unchanged" });
  });

  it("writes RebateLines whose shares add up to each dealer's rebate", async () => {
    const harness = await make(rebateBook());
    await refreshRebates(harness.tables, { ...YEAR_2025, lines: true });
    const lines = await rowsOf(await harness.reopen(), "RebateLines");
    expect(lines).toHaveLength(5);
    const east = lines.filter((l) => l.values.Dealer === "华东商贸");
    expect(east.map((l) => l.values.Amount)).toEqual([600000, 50000, -30000]);
    expect(east.reduce((sum, l) => sum + (l.values.Share as number), 0)).toBeCloseTo(12400, 2);
    expect(east[0].values).toMatchObject({ Date: d("2025-01-10"), Sheet: "Purchases", Row: 2 });
  });

  it("writes Chinese headers when Purchases has Chinese headers", async () => {
    const zhPurchases = [["经销商", "日期", "金额", "类型"], ...PURCHASE_ROWS.slice(1)];
    const harness = await make(rebateBook({ purchases: zhPurchases }));
    await refreshRebates(harness.tables, YEAR_2025);
    const ref = await (await harness.reopen()).findTable("Rebates");
    expect(ref?.headers).toEqual(["经销商", "年度", "进货额", "退货额", "净进货额", "档位", "返利率", "返利金额", "状态", "备注", "政策版本"]);
    expect(ref?.sheet).toBe("返利");
  });

  it("lists every unreadable row of the year with its sheet and row, and writes nothing", async () => {
    const purchases = [
      ...PURCHASE_ROWS,
      ["Delta", d("2025-06-01"), "about 5000", "purchase"],
      ["Delta", d("2025-06-02"), 100, "gift"],
      [null, d("2025-06-03"), 100, "purchase"],
      ["Delta", "someday", 100, "purchase"],
      ["Delta", d("2025-06-05"), { error: "#REF!" }, "purchase"],
    ];
    const harness = await make(rebateBook({ purchases }));
    const outcome = await refreshRebates(harness.tables, YEAR_2025);
    expect(outcome.kind).toBe("problems");
    const problems = outcome.kind === "problems" ? outcome.problems : [];
    expect(problems.map((p) => [p.sheet, p.row, p.error.code])).toEqual([
      ["Purchases", 9, "notANumber"],
      ["Purchases", 10, "unknownChoice"],
      ["Purchases", 11, "missingArgument"],
      ["Purchases", 12, "notADate"],
      ["Purchases", 13, "notANumber"],
    ]);
    expect(await harness.sheetNames()).toEqual(["Purchases", "Policy"]);
  });

  it("a date that cannot be real (two-digit year, serial 45, year 10000) is a problem of its row, not a date outside 2025", async () => {
    const purchases = [
      ...PURCHASE_ROWS,
      ["Delta", "25-3-15", 100000, "purchase"],
      ["Delta", 45, 100000, "purchase"],
      ["Delta", new Date(Date.UTC(10000, 0, 1)), 100000, "purchase"],
      ["Delta", "25-3", 100000, "purchase"],
    ];
    const harness = await make(rebateBook({ purchases }));
    const outcome = await refreshRebates(harness.tables, YEAR_2025);
    const problems = outcome.kind === "problems" ? outcome.problems : [];
    expect(problems.map((p) => [p.sheet, p.row, p.error.code, p.error.params])).toEqual([
      ["Purchases", 9, "implausibleDate", { arg: "Date", value: "25-3-15" }],
      // Serial 45 is 14 February 1900, the day Excel shows for it.
      ["Purchases", 10, "implausibleDate", { arg: "Date", value: "1900-02-14" }],
      ["Purchases", 11, "implausibleDate", { arg: "Date", value: "10000-01-01" }],
      ["Purchases", 12, "implausibleDate", { arg: "Date", value: "25-3" }],
    ]);
    expect(describeRuleError(problems[0].error, "en")).toBe(
      "Date: “25-3-15” cannot be a real date here: dates run from 1900-03-01 to 9999-12-31 and the year is written with four digits (2025-03-15, not 25-3-15). Correct the cell.",
    );
    expect(describeRuleError(problems[2].error, "zh")).toBe(
      "Date：“10000-01-01”不可能是有效日期：日期应在 1900-03-01 至 9999-12-31 之间，年份须写成四位数（如 2025-03-15，而不是 25-3-15）。请更正该单元格。",
    );
    expect(await harness.sheetNames()).toEqual(["Purchases", "Policy"]);
  });

  it("names the column by the workbook's own header when the date is implausible", async () => {
    const zhPurchases = [["经销商", "日期", "金额", "类型"], ["华东商贸", "25年3月15日", 1000, "进货"]];
    const harness = await make(rebateBook({ purchases: zhPurchases }));
    const outcome = await refreshRebates(harness.tables, YEAR_2025);
    expect(outcome).toMatchObject({ kind: "problems", problems: [{ sheet: "Purchases", row: 2, error: { code: "implausibleDate", params: { arg: "日期", value: "25年3月15日" } } }] });
  });

  it("a bad tier table is reported at its row", async () => {
    const harness = await make(rebateBook({ policy: [["Threshold", "Rate"], [100000, 0.01], [50000, 2]] }));
    expect(await refreshRebates(harness.tables, YEAR_2025)).toMatchObject({ kind: "problems", problems: [{ sheet: "Policy", row: 3, error: { code: "rateLooksLikePercent" } }] });
  });

  it("reads formula results and merged-cell blanks as the workbook shows them", async () => {
    const purchases = [
      ["Dealer", "Date", "Amount", "Type"],
      ["华东商贸", d("2025-01-10"), { formula: "300000*2", result: 600000 }, "purchase"],
      [null, d("2025-01-11"), 100, "purchase"],
    ];
    const harness = await make(rebateBook({ purchases }));
    expect(await refreshRebates(harness.tables, YEAR_2025)).toMatchObject({ kind: "problems", problems: [{ row: 3, error: { code: "missingArgument", params: { arg: "Dealer" } } }] });
  });

  it("refuses to rewrite a Rebates table holding columns of the user's own, rather than blank them", async () => {
    const own = table("Rebates", "A1", [[...REBATE_HEADERS, "跟进人"], ["华东商贸", 2025, 1, 0, 1, null, 0, 0, "Reviewed", "", "小王"]]);
    const harness = await make(rebateBook({ extraSheets: [{ name: "Out", tables: [own] }] }));
    await expect(refreshRebates(harness.tables, YEAR_2025)).rejects.toMatchObject({ code: "foreignColumns", params: { headers: ["跟进人"] } });
    expect((await rowsOf(await harness.reopen(), "Rebates"))[0].values).toMatchObject({ Rebate: 0, Status: "Reviewed" });
  });

  it("names the missing column and the missing table", async () => {
    const noAmount = await make(rebateBook({ purchases: [["Dealer", "Date", "Type"], ["x", d("2025-01-01"), null]] }));
    await expect(refreshRebates(noAmount.tables, YEAR_2025)).rejects.toMatchObject({ code: "missingColumn", params: { column: "Amount" } });
    const duplicate = await make(rebateBook({ purchases: [["Dealer", "Date", "Amount", "金额"], ["x", d("2025-01-01"), 1, 2]] }));
    await expect(refreshRebates(duplicate.tables, YEAR_2025)).rejects.toMatchObject({ code: "duplicateColumn" });
    const noPolicy = await make({ sheets: [{ name: "Purchases", tables: [table("Purchases", "A1", PURCHASE_ROWS)] }] });
    await expect(refreshRebates(noPolicy.tables, YEAR_2025)).rejects.toMatchObject({ code: "tableNotFound", params: { table: "RebatePolicy" } });
  });

  it("an empty Purchases table, or a year without purchases, is a problem: no year's rows are wiped", async () => {
    const empty = await make(rebateBook({ purchases: [["Dealer", "Date", "Amount", "Type"]] }));
    expect(await refreshRebates(empty.tables, YEAR_2025)).toMatchObject({ kind: "problems", problems: [{ sheet: "Purchases", row: 0, error: { code: "tableEmpty" } }] });
    const wrongYear = await make(rebateBook());
    expect(await refreshRebates(wrongYear.tables, { year: 2019 })).toMatchObject({ kind: "problems", problems: [{ error: { code: "noRowsInPeriod", params: { period: "2019" } } }] });
    expect(await wrongYear.sheetNames()).toEqual(["Purchases", "Policy"]);
  });

  it("an empty tier table is a problem, not a zero rebate", async () => {
    const harness = await make(rebateBook({ policy: [["Threshold", "Rate"]] }));
    expect(await refreshRebates(harness.tables, YEAR_2025)).toMatchObject({ kind: "problems", problems: [{ error: { code: "tableEmpty" } }] });
  });

  it("all or nothing: a failure at any write step leaves the old Rebates and RebateLines whole", async () => {
    const oldRebates = table("Rebates", "A1", [REBATE_HEADERS, ["Old", 2025, 1, 0, 1, null, 0, 0, "Reviewed", "keep"]]);
    const oldLines = table("RebateLines", "A1", [["Dealer", "Date", "Amount", "Share", "Sheet", "Row"], ["Old", d("2025-01-01"), 1, 0, "Purchases", 2]]);
    const fixture = rebateBook({ extraSheets: [{ name: "Out", tables: [oldRebates] }, { name: "Lines", tables: [oldLines] }] });
    const snapshot = async (tables: WorkbookTables) => ({ rebates: (await rowsOf(tables, "Rebates")).map((r) => r.values), lines: (await rowsOf(tables, "RebateLines")).map((r) => r.values) });
    const clean = await make(fixture);
    const before = await snapshot(clean.tables);
    const start = clean.stepsTaken();
    await refreshRebates(clean.tables, { ...YEAR_2025, lines: true });
    const steps = clean.stepsTaken() - start;
    const after = await snapshot(await clean.reopen());
    expect(steps).toBeGreaterThan(1);
    for (let step = 0; step < steps; step++) {
      for (const variant of clean.faultVariants) {
        const harness = await make(fixture);
        harness.failAt(step, variant);
        const result = await refreshRebates(harness.tables, { ...YEAR_2025, lines: true }).then(() => "written", () => "failed");
        expect({ step, variant, tables: await snapshot(await harness.reopen()) }).toEqual({ step, variant, tables: result === "written" ? after : before });
      }
    }
  });
});
