import { dateToSerial, isDateFormat, serialToDate } from "../../src/workbook/cells";
import { chunkRows, rowBytes } from "../../src/workbook/office-chunks";
import { chooseTable, labelMatches, matchHeaders } from "../../src/workbook/headers";
import { normalizeHeader, TABLE_KINDS, tableSpec, WRITABLE } from "../../src/workbook/schema";
import { writeMatrix } from "../../src/workbook/write-cells";
import fc from "fast-check";

describe("header normaliser", () => {
  it.each([
    [" sales BY20th ", "salesby20th"],
    ["Ａｍｏｕｎｔ", "amount"],
    ["金　额", "金额"],
    ["Sponsored\tSales\n", "sponsoredsales"],
    ["\u200BRep", "rep"],
  ])("%j → %j", (header, key) => expect(normalizeHeader(header)).toBe(key));

  it("recognises every column of every table by its English and its Chinese header", () => {
    for (const kind of TABLE_KINDS) {
      const columns = tableSpec(kind).columns;
      for (const language of ["en", "zh"] as const) {
        const match = matchHeaders(kind, columns.map((c) => ` ${c[language].toUpperCase()} `));
        expect({ kind, language, missing: match.missing, duplicates: match.duplicates, lang: match.language }).toEqual({ kind, language, missing: [], duplicates: [], lang: language });
      }
    }
  });

  it("gives no two columns of a table the same header", () => {
    for (const kind of TABLE_KINDS) {
      const keys = tableSpec(kind).columns.flatMap((c) => [c.en, c.zh, ...(c.aliases ?? [])].map(normalizeHeader));
      expect({ kind, duplicates: keys.filter((k, i) => keys.indexOf(k) !== i) }).toEqual({ kind, duplicates: [] });
    }
  });

  it("marks Reps.Rank and Purchases.Type optional", () => {
    expect(tableSpec("Reps").columns.find((c) => c.id === "Rank")?.required).toBe(false);
    expect(tableSpec("Purchases").columns.find((c) => c.id === "Type")?.required).toBe(false);
  });

  it("Requests (SPEC §5.2) and Workflows (§5.3) are optional input tables; of Requests only the Status cell may be written", () => {
    expect(tableSpec("Requests").columns.map((c) => `${c.en} ${c.zh}${c.required ? "" : "?"}`)).toEqual([
      "ID 编号", "Type 类型", "Title 标题", "Region 区域?", "Owner 提交人", "Submitted 提交日期", "Dealer 经销商?", "Product 产品?", "Quantity 数量?",
      "Category 费用类别?", "Amount 金额?", "Payment 支付方式?", "Reason 事由?", "Link 关联编号?", "Status 状态",
    ]);
    expect(tableSpec("Workflows").columns.map((c) => `${c.en} ${c.zh}${c.required ? "" : "?"}`)).toEqual(["Type 类型", "Step 步骤", "From 原状态", "To 新状态", "Role 角色"]);
    expect([tableSpec("Requests").optional, tableSpec("Workflows").optional, tableSpec("Plans").optional]).toEqual([true, true, false]);
    expect(WRITABLE.Requests).toEqual(["Status"]);
    expect(WRITABLE.Workflows).toBeUndefined();
  });

  it("tells Plans, Requests, Workflows and AuditLog apart by their headers alone", () => {
    const plans = { name: "Table1", sheet: "A", headers: tableSpec("Plans").columns.map((c) => c.zh) };
    const requests = { name: "Table2", sheet: "B", headers: tableSpec("Requests").columns.map((c) => c.en) };
    const workflows = { name: "Table3", sheet: "C", headers: tableSpec("Workflows").columns.map((c) => c.zh) };
    const log = { name: "Table4", sheet: "D", headers: tableSpec("AuditLog").columns.map((c) => c.zh) };
    const all = [plans, requests, workflows, log];
    expect((["Plans", "Requests", "Workflows", "AuditLog"] as const).map((kind) => chooseTable(kind, all)?.name)).toEqual(["Table1", "Table2", "Table3", "Table4"]);
    expect(chooseTable("Requests", [plans])).toBeUndefined();
    expect(chooseTable("Plans", [requests])).toBeUndefined();
  });

  it("matches labels with a trailing colon, full-width or not", () => {
    expect(labelMatches("模式：", ["Mode", "模式"])).toBe(true);
    expect(labelMatches(" mode: ", ["Mode"])).toBe(true);
    expect(labelMatches("Model", ["Mode"])).toBe(false);
  });

  it("prefers the table a header set fits best (Bonuses is not Reps, RebateLines is not Purchases)", () => {
    const candidates = [
      { name: "Lines", sheet: "L", headers: ["Dealer", "Date", "Amount", "Share", "Sheet", "Row"] },
      { name: "Table2", sheet: "P", headers: ["Dealer", "Date", "Amount"] },
    ];
    expect(chooseTable("Purchases", candidates)?.name).toBe("Table2");
    expect(chooseTable("RebateLines", candidates)?.name).toBe("Lines");
  });
});

describe("cells", () => {
  it("converts Excel serials to UTC dates and back", () => {
    expect(serialToDate(46086)).toEqual(new Date("2026-03-05T00:00:00Z"));
    expect(serialToDate(1)).toEqual(new Date("1900-01-01T00:00:00Z"));
    expect(serialToDate(61)).toEqual(new Date("1900-03-01T00:00:00Z"));
    expect(serialToDate(46086.5)).toEqual(new Date("2026-03-05T12:00:00Z"));
    const realDay = fc.integer({ min: 1, max: 2_958_465 }).filter((serial) => serial !== 60); // 60 is Excel's fictional 1900-02-29
    fc.assert(fc.property(realDay, (serial) => Math.abs(dateToSerial(serialToDate(serial)) - serial) < 1e-9));
  });

  it.each([["yyyy-mm-dd", true], ["m/d/yy h:mm", true], ["[$-804]yyyy\"年\"m\"月\"", true], ["#,##0.00", false], ["0.00%", false], ["@", false], ["General", false], ['"days"0', false]])(
    "%s is a date format: %s",
    (format, expected) => expect(isDateFormat(format)).toBe(expected),
  );
});

describe("write chunks", () => {
  const ref = { kind: "RebateLines" as const, name: "RebateLines", sheet: "L", headers: ["Dealer", "Date", "Amount", "Share", "Sheet", "Row"], language: "en" as const };
  const columnMap = { Dealer: 0, Date: 1, Amount: 2, Share: 3, Sheet: 4, Row: 5 };

  it("keeps every chunk within the byte and row limits, in order, covering every row", () => {
    const rows = writeMatrix(ref, columnMap, Array.from({ length: 5000 }, (_, i) => ({ Dealer: "经".repeat(i % 50), Date: new Date(0), Amount: i, Share: 0.5, Sheet: "P", Row: i })));
    const chunks = chunkRows(rows, { maxBytes: 50_000, maxRows: 700 });
    expect(chunks[0].start).toBe(0);
    expect(chunks.at(-1)?.end).toBe(5000);
    chunks.forEach((c, i) => {
      if (i > 0) expect(c.start).toBe(chunks[i - 1].end);
      expect(c.end - c.start).toBeLessThanOrEqual(700);
      const bytes = rows.slice(c.start, c.end).reduce((n, r) => n + rowBytes(r), 0);
      expect(bytes).toBeLessThanOrEqual(50_000);
      expect(bytes).toBeGreaterThanOrEqual(JSON.stringify(rows.slice(c.start, c.end).map((r) => r.map((cell) => cell.value))).length / 2);
    });
  });

  it("counts Chinese text as its escaped size, an upper bound of what Office.js sends", () => {
    const [row] = writeMatrix(ref, columnMap, [{ Dealer: "华东商贸" }]);
    expect(rowBytes(row)).toBeGreaterThan(JSON.stringify(["\\u534e\\u4e1c\\u5546\\u8d38"]).length);
  });
});
