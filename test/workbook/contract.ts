/**
 * The WorkbookTables contract, run against every implementation: what the services may
 * rely on, whichever host they run in.
 */
import { WORKBOOK_ID_NAME, WorkbookError, type TableRef, type WorkbookTables } from "../../src/workbook";
import { d, one, OLD_REBATES, PURCHASES, REBATES, rebateRow, SALES_EN } from "./fixtures";
import type { MakeHarness } from "./harness";

async function found(tables: WorkbookTables, kind: Parameters<WorkbookTables["findTable"]>[0], name?: string): Promise<TableRef> {
  const ref = await tables.findTable(kind, name ? { name } : undefined);
  if (!ref) throw new Error(`${kind} not found`);
  return ref;
}

async function valuesOf(tables: WorkbookTables, kind: Parameters<WorkbookTables["findTable"]>[0], name?: string) {
  return (await tables.readTable(await found(tables, kind, name))).rows.map((r) => r.values);
}

async function problem(promise: Promise<unknown>): Promise<WorkbookError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof WorkbookError)) throw new Error(`expected a WorkbookError, got ${String(error)}`);
  return error;
}

export function describeWorkbookContract(label: string, make: MakeHarness): void {
  describe(`${label}: finding tables`, () => {
    it("finds a table by its Excel name and reports sheet, headers and language", async () => {
      const { tables } = await make(one("销售", SALES_EN));
      expect(await tables.findTable("Sales")).toEqual({ kind: "Sales", name: "Sales", sheet: "销售", headers: ["Rep", "Date", "Amount"], language: "en" });
    });

    it("finds a table by English headers, and by Chinese headers, whatever it is named", async () => {
      const en = await make(one("S", { ...SALES_EN, name: "Table1" }));
      expect(await en.tables.findTable("Sales")).toMatchObject({ name: "Table1", language: "en" });
      const zh = await make(one("销售", { name: "表1", at: "A1", rows: [["业务员", "日期", "金额"], ["张伟", d("2026-03-05"), 1]] }));
      expect(await zh.tables.findTable("Sales")).toMatchObject({ name: "表1", sheet: "销售", language: "zh" });
    });

    it("matches headers regardless of case, spaces and full-width letters", async () => {
      const { tables } = await make(one("S", { name: "T9", at: "A1", rows: [[" rep ", "DATE", "Ａｍｏｕｎｔ"], ["a", d("2026-01-01"), 1]] }));
      const ref = await found(tables, "Sales");
      expect((await tables.readTable(ref)).rows[0].values).toEqual({ Rep: "a", Date: d("2026-01-01"), Amount: 1 });
    });

    it("uses a table name chosen in Settings, and nothing else when it is missing", async () => {
      const { tables } = await make(one("S", { ...SALES_EN, name: "MySales" }));
      expect(await tables.findTable("Sales", { name: "mysales" })).toMatchObject({ name: "MySales" });
      expect(await tables.findTable("Sales", { name: "Other" })).toBeUndefined();
    });

    it("returns undefined when no table looks like the one asked for", async () => {
      const { tables } = await make(one("S", SALES_EN));
      expect(await tables.findTable("Budget")).toBeUndefined();
    });

    it("does not mistake the add-in's RebateLines table for Purchases", async () => {
      const lines = { name: "Lines", at: "A1", rows: [["Dealer", "Date", "Amount", "Share", "Sheet", "Row"], ["x", d("2025-01-01"), 1, 0, "P", 2]] };
      const { tables } = await make({ sheets: [{ name: "L", tables: [lines] }, { name: "P", tables: [{ ...PURCHASES, name: "Table7" }] }] });
      expect(await tables.findTable("Purchases")).toMatchObject({ name: "Table7" });
    });

    it("two tables that both hold Purchases' headers, neither named Purchases, are ambiguous: both are named", async () => {
      const fixture = { sheets: [{ name: "Jan", tables: [{ ...PURCHASES, name: "Table1" }] }, { name: "Feb", tables: [{ ...PURCHASES, name: "Table2" }] }] };
      const error = await problem((await make(fixture)).tables.findTable("Purchases"));
      expect(error).toMatchObject({ code: "ambiguousTable", params: { table: "Purchases", wantedName: "Purchases", tableName: "Table1", sheet: "Jan", otherTableName: "Table2", otherSheet: "Feb" } });
      expect(error.message).toBe(
        "Table1 (sheet Jan) and Table2 (sheet Feb) could both be the Purchases table, so neither was used. Give the one to use the name Purchases, and no other table that name in any mix of upper and lower case.",
      );
    });

    it("is not ambiguous when one of them is named Purchases, nor over the add-in's RebateLines", async () => {
      const lines = { name: "RebateLines", at: "A1", rows: [["Dealer", "Date", "Amount", "Share", "Sheet", "Row"], ["x", d("2025-01-01"), 1, 0, "P", 2]] };
      const linesRenamed = { ...lines, name: "Lines" };
      const { tables } = await make({
        sheets: [{ name: "Jan", tables: [{ ...PURCHASES, name: "Table1" }] }, { name: "P", tables: [PURCHASES] }, { name: "L", tables: [lines] }, { name: "L2", tables: [linesRenamed] }],
      });
      expect(await tables.findTable("Purchases")).toMatchObject({ name: "Purchases", sheet: "P" });
      const alone = await make({ sheets: [{ name: "Jan", tables: [{ ...PURCHASES, name: "Table1" }] }, { name: "L", tables: [lines] }, { name: "L2", tables: [linesRenamed] }] });
      expect(await alone.tables.findTable("Purchases")).toMatchObject({ name: "Table1", sheet: "Jan" });
      expect(await alone.tables.findTable("RebateLines")).toMatchObject({ name: "RebateLines", sheet: "L" });
    });

    it("names the table and the missing column in both languages", async () => {
      const { tables } = await make(one("进货", { name: "Purchases", at: "A1", rows: [["经销商", "日期", "类型"], ["x", d("2025-01-01"), "进货"]] }));
      const error = await problem(tables.findTable("Purchases"));
      expect(error.code).toBe("missingColumn");
      expect(error.params).toMatchObject({ table: "Purchases", tableName: "Purchases", sheet: "进货", column: "Amount", headers: ["Amount", "金额"] });
      expect(error.message).toMatch(/Amount.*金额/);
    });

    it("reports a table that looks like Purchases but lacks a column, instead of not finding it", async () => {
      const { tables } = await make(one("P", { name: "Table3", at: "A1", rows: [["Dealer", "Date", "Type"], ["x", d("2025-01-01"), "purchase"]] }));
      expect((await problem(tables.findTable("Purchases"))).params).toMatchObject({ column: "Amount", tableName: "Table3" });
    });

    it("rejects a column given twice, in two languages", async () => {
      const { tables } = await make(one("S", { name: "Sales", at: "A1", rows: [["Rep", "Date", "Amount", "金额"], ["a", d("2026-01-01"), 1, 2]] }));
      const error = await problem(tables.findTable("Sales"));
      expect(error).toMatchObject({ code: "duplicateColumn", params: { column: "Amount", headers: ["Amount", "金额"] } });
    });
  });

  describe(`${label}: reading`, () => {
    it("gives every row its sheet and worksheet row number", async () => {
      const { tables } = await make(one("Data", SALES_EN));
      const data = await tables.readTable(await found(tables, "Sales"));
      expect(data.rows.map((r) => [r.sheet, r.row])).toEqual([["Data", 4], ["Data", 5]]);
      expect(data.rows[0].values).toEqual({ Rep: "张伟", Date: d("2026-03-05"), Amount: 12000 });
      expect(data.columnMap).toEqual({ Rep: 0, Date: 1, Amount: 2 });
    });

    it("skips blank rows and keeps the numbering of the rows after them", async () => {
      const rows = [["Rep", "Date", "Amount"], ["a", d("2026-01-01"), 1], [null, null, null], ["", " ", null], ["b", d("2026-01-02"), 2]];
      const { tables } = await make(one("S", { name: "Sales", at: "A1", rows }));
      expect((await tables.readTable(await found(tables, "Sales"))).rows.map((r) => [r.row, r.values.Rep])).toEqual([[2, "a"], [5, "b"]]);
    });

    it("reads formulas as their results and error cells as error values", async () => {
      const rows = [["Rep", "Date", "Amount"], ["a", d("2026-01-01"), { formula: "1+2", result: 3 }], ["b", d("2026-01-02"), { error: "#N/A" }]];
      const { tables } = await make(one("S", { name: "Sales", at: "A1", rows }));
      expect((await valuesOf(tables, "Sales")).map((v) => v.Amount)).toEqual([3, { error: "#N/A" }]);
    });

    it("reads dates as dates and leaves text months as text", async () => {
      const rows = [["Category", "Month", "Budget", "Actual"], ["广告投放", d("2026-03-01"), 1000, 900], ["市场调研", "2026-04", 500, 0]];
      const { tables } = await make(one("B", { name: "Budget", at: "A1", rows }));
      expect((await valuesOf(tables, "Budget")).map((v) => v.Month)).toEqual([d("2026-03-01"), "2026-04"]);
    });

    it("leaves optional columns a table lacks out of its rows", async () => {
      const { tables } = await make(one("P", { ...PURCHASES, rows: PURCHASES.rows.map((r) => r.slice(0, 3)) }));
      expect((await valuesOf(tables, "Purchases"))[0]).toEqual({ Dealer: "华东商贸", Date: d("2025-02-01"), Amount: 100000 });
    });
  });

  describe(`${label}: what the add-in may write (schema WRITABLE)`, () => {
    it("whole rows only of its own tables, and only the Status cell of a plan", async () => {
      const { tables } = await make({ sheets: [{ name: "P", tables: [PURCHASES] }, { name: "R", tables: [REBATES] }] });
      const purchases = await found(tables, "Purchases");
      expect(await problem(tables.replaceRows(purchases, []))).toMatchObject({ code: "notWritable", params: { table: "Purchases" } });
      expect(await problem(tables.appendRows(purchases, [{ Dealer: "x" }]))).toMatchObject({ code: "notWritable" });
      const [first] = (await tables.readTable(purchases)).rows;
      expect(await problem(tables.updateRow(purchases, first, { Amount: 1 }))).toMatchObject({ code: "notWritable", params: { column: "Amount" } });
      await tables.replaceRows(await found(tables, "Rebates"), [rebateRow("A", 1)]);
      expect((await valuesOf(tables, "Purchases")).map((v) => v.Amount)).toEqual([100000, 5000]);
    });
  });

  describe(`${label}: writing`, () => {
    it("replaces rows, growing the table", async () => {
      const harness = await make(one("R", REBATES));
      const ref = await found(harness.tables, "Rebates");
      const rows = [rebateRow("A", 1), rebateRow("B", 2), rebateRow("C", 3), rebateRow("D", 4)];
      await harness.tables.replaceRows(ref, rows);
      const data = await (await harness.reopen()).readTable(ref);
      expect(data.rows.map((r) => [r.row, r.values.Dealer, r.values.Rebate])).toEqual([[2, "A", 1], [3, "B", 2], [4, "C", 3], [5, "D", 4]]);
    });

    it("replaces rows, shrinking the table and clearing what it left", async () => {
      const harness = await make({ sheets: [{ name: "R", tables: [REBATES], cells: [{ at: "A10", rows: [["below"]] }] }] });
      const ref = await found(harness.tables, "Rebates");
      await harness.tables.replaceRows(ref, [rebateRow("Only", 9)]);
      const reopened = await harness.reopen();
      expect((await reopened.readTable(ref)).rows.map((r) => r.values.Dealer)).toEqual(["Only"]);
      await reopened.appendRows(ref, [rebateRow("Next", 1)]);
      expect((await reopened.readTable(ref)).rows.map((r) => [r.row, r.values.Dealer])).toEqual([[2, "Only"], [3, "Next"]]);
    });

    it("replaces with no rows, leaving an empty table that appending fills from the top", async () => {
      const harness = await make(one("R", REBATES));
      const ref = await found(harness.tables, "Rebates");
      await harness.tables.replaceRows(ref, []);
      expect((await harness.tables.readTable(ref)).rows).toEqual([]);
      await harness.tables.appendRows(ref, [rebateRow("A", 1)]);
      expect((await (await harness.reopen()).readTable(ref)).rows.map((r) => [r.row, r.values.Dealer])).toEqual([[2, "A"]]);
    });

    it("appends rows below the last one", async () => {
      const harness = await make(one("R", REBATES));
      const ref = await found(harness.tables, "Rebates");
      await harness.tables.appendRows(ref, [rebateRow("X", 5), rebateRow("Y", 6)]);
      const data = await (await harness.reopen()).readTable(ref);
      expect(data.rows.map((r) => [r.row, r.values.Dealer])).toEqual([[2, "华东商贸"], [3, "华南贸易"], [4, "X"], [5, "Y"]]);
    });

    it("writes text that looks like a formula, number or date as text", async () => {
      const harness = await make(one("R", REBATES));
      const ref = await found(harness.tables, "Rebates");
      const notes = ["=1+1", "+86 138", "-5% 折让", "@张伟", "00123", "2026-03-05", "=HYPERLINK(\"http://x\")"];
      await harness.tables.replaceRows(ref, notes.map((note, i) => rebateRow(`D${i}`, i, note)));
      expect((await (await harness.reopen()).readTable(ref)).rows.map((r) => r.values.Note)).toEqual(notes);
      for (let i = 0; i < notes.length; i++) expect(await harness.cellIsText("R", `J${i + 2}`)).toBe(true);
    });

    it("writes dates, booleans, blanks and error values back as they were", async () => {
      const harness = await make(one("B", { name: "Bonuses", at: "A1", rows: [["Rep", "Month", "SalesBy20th", "MonthSales", "SponsoredSales", "SponsoredCount", "Rank", "Base", "MorningStar", "OpeningStar", "Override", "Total", "PayDate", "RankDiffers"], ["x", d("2026-01-01"), 0, 0, 0, 0, "PC", 0, 0, 0, 0, 0, d("2026-03-10"), false]] }));
      const ref = await found(harness.tables, "Bonuses");
      const row = { Rep: "张伟", Month: d("2026-03-01"), SalesBy20th: 15000, MonthSales: 20000, SponsoredSales: null, SponsoredCount: 0, Rank: "SR", Base: 3076.92, MorningStar: 1500, OpeningStar: 1000, Override: { error: "#N/A" }, Total: 5576.92, PayDate: d("2026-05-10"), RankDiffers: true };
      await harness.tables.replaceRows(ref, [row]);
      expect((await (await harness.reopen()).readTable(ref)).rows[0].values).toEqual(row);
    });

    it("refuses values a cell cannot hold, and columns the table does not know, before writing", async () => {
      const harness = await make(one("R", REBATES));
      const ref = await found(harness.tables, "Rebates");
      expect(await problem(harness.tables.replaceRows(ref, [{ ...rebateRow("A", 1), Rebate: Number.NaN }]))).toMatchObject({ code: "invalidCellValue", params: { row: 1, column: "Rebate" } });
      expect(await problem(harness.tables.replaceRows(ref, [{ ...rebateRow("A", 1), Colour: "red" }]))).toMatchObject({ code: "unknownColumn" });
      expect(await valuesOf(await harness.reopen(), "Rebates")).toEqual(OLD_REBATES);
    });

    it("will not grow a table over cells that hold data", async () => {
      const harness = await make({ sheets: [{ name: "R", tables: [REBATES], cells: [{ at: "C5", rows: [["keep me"]] }] }] });
      const ref = await found(harness.tables, "Rebates");
      const error = await problem(harness.tables.replaceRows(ref, [1, 2, 3, 4].map((n) => rebateRow(`D${n}`, n))));
      expect(error.code).toBe("noRoomBelowTable");
      expect(await valuesOf(await harness.reopen(), "Rebates")).toEqual(OLD_REBATES);
    });

    it("adds a schema column the rows carry and the table lacks, at its right, in the table's language", async () => {
      const harness = await make({ sheets: [{ name: "R", tables: [REBATES] }, { name: "返利", tables: [{ name: "返利表", at: "B2", rows: [["经销商", "年度", "进货额", "退货额", "净进货额", "档位", "返利率", "返利金额", "状态", "备注"], ["甲", 2025, 1, 0, 1, null, 0, 0, "Calculated", null]] }] }] });
      const ref = await found(harness.tables, "Rebates");
      const rows = [{ ...rebateRow("A", 1), PolicyFrom: d("2025-01-01") }, { ...rebateRow("B", 2), PolicyFrom: null }];
      await harness.tables.replaceRows(ref, rows);
      const reopened = await harness.reopen();
      const after = await found(reopened, "Rebates");
      expect(after.headers).toEqual([...REBATES.rows[0], "PolicyFrom"]);
      expect((await reopened.readTable(after)).rows.map((r) => r.values)).toEqual(rows);
      // Found and rewritten again as any table holding the column.
      await reopened.replaceRows(after, [rows[1]]);
      expect(await valuesOf(reopened, "Rebates")).toEqual([rows[1]]);
      const zh = await found(harness.tables, "Rebates", "返利表");
      await harness.tables.replaceRows(zh, [{ ...rebateRow("乙", 3), PolicyFrom: d("2019-04-01") }]);
      const zhAfter = await found(await harness.reopen(), "Rebates", "返利表");
      expect(zhAfter.headers.slice(-2)).toEqual(["备注", "政策版本"]);
      expect(await valuesOf(await harness.reopen(), "Rebates", "返利表")).toEqual([{ ...rebateRow("乙", 3), PolicyFrom: d("2019-04-01") }]);
    });

    it("will not add a column over cells that hold data, and writes nothing", async () => {
      const harness = await make({ sheets: [{ name: "R", tables: [REBATES], cells: [{ at: "K3", rows: [["keep me"]] }] }] });
      const ref = await found(harness.tables, "Rebates");
      const error = await problem(harness.tables.replaceRows(ref, [{ ...rebateRow("A", 1), PolicyFrom: null }]));
      expect(error).toMatchObject({ code: "noRoomBesideTable", params: { headers: ["PolicyFrom"], address: expect.stringMatching(/(^|!)\$?K\$?1:\$?K\$?3$/) } });
      const reopened = await harness.reopen();
      expect(await valuesOf(reopened, "Rebates")).toEqual(OLD_REBATES);
      expect((await found(reopened, "Rebates")).headers).toEqual(REBATES.rows[0]);
      expect(await harness.cellIsText("R", "K3")).toBe(true);
    });

    it("creates its own sheet and table with Chinese headers, and finds it afterwards", async () => {
      const harness = await make(one("进货", PURCHASES));
      const ref = await harness.tables.ensureTable("Rebates", { sheetName: "返利", tableName: "Rebates", language: "zh" });
      expect(ref).toMatchObject({ name: "Rebates", sheet: "返利", language: "zh", headers: ["经销商", "年度", "进货额", "退货额", "净进货额", "档位", "返利率", "返利金额", "状态", "备注", "政策版本"] });
      await harness.tables.replaceRows(ref, [rebateRow("华东商贸", 10)]);
      const reopened = await harness.reopen();
      expect(await reopened.findTable("Rebates")).toEqual(ref);
      expect((await reopened.readTable(ref)).rows[0].values).toEqual({ ...rebateRow("华东商贸", 10), PolicyFrom: null });
      expect(await harness.tables.ensureTable("Rebates", { sheetName: "返利", tableName: "Rebates", language: "en" })).toEqual(ref);
    });

    it("will not create a table on a sheet that holds data, nor under an invalid name", async () => {
      const harness = await make({ sheets: [{ name: "Busy", cells: [{ at: "D4", rows: [["x"]] }] }] });
      expect((await problem(harness.tables.ensureTable("Bonuses", { sheetName: "Busy", tableName: "Bonuses", language: "en" }))).code).toBe("sheetNotEmpty");
      expect((await problem(harness.tables.ensureTable("Bonuses", { sheetName: "New", tableName: "A1", language: "en" }))).code).toBe("invalidTableName");
      expect(await harness.sheetNames()).toEqual(["Busy"]);
    });

    it("updates one row only when it still holds what was read", async () => {
      const harness = await make(one("R", REBATES));
      const ref = await found(harness.tables, "Rebates");
      const [, second] = (await harness.tables.readTable(ref)).rows;
      const result = await harness.tables.updateRow(ref, second, { Status: "Verified" });
      expect(result).toEqual({ ok: true, row: { ...second, values: { ...second.values, Status: "Verified" } } });
      const conflict = await harness.tables.updateRow(ref, second, { Status: "Approved" });
      expect(conflict).toEqual({ ok: false, conflict: { current: { ...second, values: { ...second.values, Status: "Verified" } } } });
      expect((await valuesOf(await harness.reopen(), "Rebates"))[1].Status).toBe("Verified");
    });
  });

  describe(`${label}: names and labels`, () => {
    const policy = {
      sheets: [{ name: "Policy", tables: [{ name: "RebatePolicy", at: "A1", rows: [["Threshold", "Rate"], [0, 0], [100000, 0.01]] }], cells: [{ at: "D1", rows: [["模式：", "累进"]] }, { at: "F3", rows: [["retroactive"]] }] }],
      names: [{ name: "RebateMode", sheet: "Policy", at: "F3" }],
    };

    it("reads a workbook-level name, whatever its case, and undefined when absent", async () => {
      const { tables } = await make(policy);
      expect(await tables.readNamedValue("rebatemode")).toBe("retroactive");
      expect(await tables.readNamedValue("Nothing")).toBeUndefined();
    });

    it("defines the workbook ID as hidden text, rewrites it in place, keeps other names, and defines no name of the user's", async () => {
      const harness = await make(policy);
      await harness.tables.writeNamedText(WORKBOOK_ID_NAME, 'wb-1 "quoted" 中文');
      expect(await (await harness.reopen()).readNamedValue("mkt_workbookid")).toBe('wb-1 "quoted" 中文');
      await harness.tables.writeNamedText("mkt_WORKBOOKID", "wb-2");
      const reopened = await harness.reopen();
      expect(await reopened.readNamedValue(WORKBOOK_ID_NAME)).toBe("wb-2");
      expect(await reopened.readNamedValue("RebateMode")).toBe("retroactive");
      const refused = await problem(harness.tables.writeNamedText("RebateMode", "incremental"));
      expect(refused.code).toBe("notWritable");
      expect(await (await harness.reopen()).readNamedValue("RebateMode")).toBe("retroactive");
    });

    it("finds the value beside a label such as 模式", async () => {
      const { tables } = await make(policy);
      expect(await tables.findLabelledValue(["Mode", "模式"])).toEqual({ sheet: "Policy", row: 1, column: 5, value: "累进" });
      expect(await tables.findLabelledValue(["Mode", "模式"], { sheet: "Policy" })).toMatchObject({ value: "累进" });
      expect(await tables.findLabelledValue(["Nothing"])).toBeUndefined();
    });
  });

  describe(`${label}: all or nothing`, () => {
    const cases = {
      "replace, growing": (t: WorkbookTables, ref: TableRef) => t.replaceRows(ref, [1, 2, 3, 4, 5].map((n) => rebateRow(`N${n}`, n, "=not a formula"))),
      "replace, shrinking": (t: WorkbookTables, ref: TableRef) => t.replaceRows(ref, [rebateRow("Only", 1)]),
      "replace, emptying": (t: WorkbookTables, ref: TableRef) => t.replaceRows(ref, []),
      "replace, adding a column": (t: WorkbookTables, ref: TableRef) => t.replaceRows(ref, [1, 2, 3].map((n) => ({ ...rebateRow(`N${n}`, n), PolicyFrom: d("2025-01-01") }))),
      append: (t: WorkbookTables, ref: TableRef) => t.appendRows(ref, [1, 2, 3, 4, 5].map((n) => rebateRow(`N${n}`, n))),
    };

    for (const [name, write] of Object.entries(cases)) {
      it(`${name}: a failure at any write step leaves the old table whole`, async () => {
        const fixture = one("R", REBATES);
        const clean = await make(fixture);
        const cleanRef = await found(clean.tables, "Rebates");
        const start = clean.stepsTaken();
        await write(clean.tables, cleanRef);
        const steps = clean.stepsTaken() - start;
        expect(steps).toBeGreaterThan(0);
        const written = await valuesOf(await clean.reopen(), "Rebates");
        for (let step = 0; step < steps; step++) {
          for (const variant of clean.faultVariants) {
            const harness = await make(fixture);
            const ref = await found(harness.tables, "Rebates");
            harness.failAt(step, variant);
            const outcome = await write(harness.tables, ref).then(() => "written", () => "failed");
            const after = await valuesOf(await harness.reopen(), "Rebates");
            expect({ step, variant, after }).toEqual({ step, variant, after: outcome === "written" ? written : OLD_REBATES });
            if (outcome === "failed") expect(await harness.sheetNames()).toEqual(["R"]);
            // Not even the header of a column the write would have added.
            if (outcome === "failed") expect({ step, variant, header: await harness.cellIsText("R", "K1") }).toEqual({ step, variant, header: false });
          }
        }
      });
    }
  });
}
