/**
 * Workbooks written by real programs (test/fixtures/workbooks, made by LibreOffice, openpyxl
 * and by hand, see its README): after refresh-rebates, bonus and budget, every part the
 * add-in does not own is byte for byte the input's, the values are the ones worked out by
 * hand in expected.json, and a second, independent reader (SheetJS) reads the same.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from "@zip.js/zip.js";
import { SaxesParser } from "saxes";
import * as SheetJS from "xlsx";
import { bonusStatements, budgetReport, refreshRebates } from "../../src/services";
import { XlsxWorkbook } from "../../src/workbook/xlsx";

const DIR = join(__dirname, "..", "fixtures", "workbooks");
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));

interface Dealer {
  dealer: string;
  net: number;
  rate: number;
  rebate: number;
}

async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  const map = new Map<string, Uint8Array>();
  for (const entry of await reader.getEntries()) if (!entry.directory) map.set(entry.filename, await entry.getData(new Uint8ArrayWriter()));
  await reader.close();
  return map;
}

/** Parts the add-in may change in a workbook it adds its sheets to. */
const OWNED = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]);

function sheetRows(book: SheetJS.WorkBook, sheet: string): Record<string, unknown>[] {
  return SheetJS.utils.sheet_to_json(book.Sheets[sheet], { defval: null });
}

/** Each command whose tables the fixture holds (inline-strings.xlsx has only the rebate tables). */
async function runAll(file: string, dataset: { budgetVariance?: unknown; salesMarch2025?: unknown }): Promise<{ input: Uint8Array; output: Uint8Array }> {
  const input = new Uint8Array(readFileSync(join(DIR, file)));
  const workbook = await XlsxWorkbook.open(input, { file });
  const rebates = await refreshRebates(workbook.tables, { year: 2025 });
  expect(rebates.kind).toBe("written");
  if (dataset.salesMarch2025) expect((await bonusStatements(workbook.tables, { year: 2025, month: 3 })).kind).toBe("written");
  if (dataset.budgetVariance) expect((await budgetReport(workbook.tables, { year: 2025 })).kind).toBe("written");
  return { input, output: await workbook.save() };
}

const GOOD = Object.entries(expected.files as Record<string, { dataset: string; headers: "en" | "zh" }>);

describe.each(GOOD)("%s after refresh-rebates, bonus and budget", (file, info) => {
  const dataset = expected.datasets[info.dataset];
  let result: { input: Uint8Array; output: Uint8Array };
  beforeAll(async () => {
    result = await runAll(file, dataset);
  });

  it("keeps every part it does not own byte for byte", async () => {
    const before = await parts(result.input);
    const after = await parts(result.output);
    for (const [name, bytes] of before) {
      expect({ name, present: after.has(name) }).toEqual({ name, present: true });
      if (!OWNED.has(name)) expect({ name, same: Buffer.compare(Buffer.from(bytes), Buffer.from(after.get(name) as Uint8Array)) === 0 }).toEqual({ name, same: true });
    }
    const added = [...after.keys()].filter((name) => !before.has(name));
    expect(added.every((name) => /^xl\/(worksheets\/(sheet\d+\.xml|_rels\/sheet\d+\.xml\.rels)|tables\/table\d+\.xml|styles\.xml)$/.test(name))).toBe(true);
  });

  it("writes every part it changes or adds as well-formed XML with every prefix bound (LibreOffice refuses less)", async () => {
    const before = await parts(result.input);
    for (const [name, bytes] of await parts(result.output)) {
      const same = before.has(name) && Buffer.compare(Buffer.from(before.get(name) as Uint8Array), Buffer.from(bytes)) === 0;
      if (same || !/\.(xml|rels)$/.test(name)) continue;
      const parser = new SaxesParser({ xmlns: true });
      const errors: string[] = [];
      parser.on("error", (e) => errors.push(e.message));
      parser.write(new TextDecoder().decode(bytes)).close();
      expect({ name, errors }).toEqual({ name, errors: [] });
    }
  });

  it("asks Excel to recalculate on open, since values changed", async () => {
    const workbookXml = new TextDecoder().decode((await parts(result.output)).get("xl/workbook.xml"));
    expect(workbookXml).toMatch(/<(\w+:)?calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("computes the rebates worked out by hand, and SheetJS reads the same", async () => {
    const book = SheetJS.read(result.output, { type: "array" });
    const sheet = info.headers === "zh" ? "返利" : "Rebates";
    const [dealer, net, rate, rebate] = info.headers === "zh" ? ["经销商", "净进货额", "返利率", "返利金额"] : ["Dealer", "Net", "Rate", "Rebate"];
    const rows = sheetRows(book, sheet).map((r) => ({ dealer: r[dealer], net: r[net], rate: r[rate], rebate: r[rebate] }));
    const wanted = (dataset.rebates.dealers as Dealer[]).map((d) => ({ dealer: d.dealer, net: d.net, rate: d.rate, rebate: d.rebate }));
    expect(rows.sort((a, b) => String(a.dealer).localeCompare(String(b.dealer)))).toEqual(wanted.sort((a, b) => a.dealer.localeCompare(b.dealer)));
    const again = await XlsxWorkbook.open(result.output);
    const ref = await again.tables.findTable("Rebates");
    const total = (await again.tables.readTable(ref as NonNullable<typeof ref>)).rows.reduce((sum, r) => sum + Number(r.values.Rebate), 0);
    expect(Math.round(total * 100)).toBe(Math.round(dataset.rebates.total * 100));
  });

  it("computes each category's monthly variance, and SheetJS reads the same", async () => {
    if (!dataset.budgetVariance) return;
    const book = SheetJS.read(result.output, { type: "array" });
    const sheet = info.headers === "zh" ? "预算报告" : "BudgetReport";
    const [category, period, variance] = info.headers === "zh" ? ["类别", "期间", "差异"] : ["Category", "Period", "Variance"];
    const rows = sheetRows(book, sheet).map((r) => `${r[category]} ${r[period]} ${Number(r[variance]).toFixed(2)}`);
    for (const v of dataset.budgetVariance as { category: string; month: string; variance: number }[]) expect(rows).toContain(`${v.category} ${v.month} ${v.variance.toFixed(2)}`);
  });

  it("writes March's sales by the 20th and for the month into the statements", async () => {
    if (!dataset.salesMarch2025) return;
    const book = SheetJS.read(result.output, { type: "array" });
    const sheet = info.headers === "zh" ? "奖金" : "Bonuses";
    const [rep, by20, month] = info.headers === "zh" ? ["业务员", "20日前业绩", "月度业绩"] : ["Rep", "SalesBy20th", "MonthSales"];
    const rows = sheetRows(book, sheet).map((r) => [r[rep], r[by20], r[month]]);
    for (const s of dataset.salesMarch2025 as { rep: string; salesBy20th: number; monthSales: number }[]) {
      if (s.monthSales > 0) expect(rows).toContainEqual([s.rep, s.salesBy20th, s.monthSales]);
    }
  });
});

describe("the layer's own guarantees on a real file", () => {
  it("writes text that looks like a formula as text, never as a formula", async () => {
    const workbook = await XlsxWorkbook.open(new Uint8Array(readFileSync(join(DIR, "openpyxl.xlsx"))));
    const ref = await workbook.tables.ensureTable("BudgetReport", { sheetName: "Report", tableName: "BudgetReport", language: "en" });
    const texts = ['=HYPERLINK("http://x")', "+1+1", "@SUM(1)", "-2+3", "_x0001_", "a\u0001b"];
    await workbook.tables.replaceRows(ref, texts.map((t) => ({ Category: t, Period: "2025" })));
    const saved = await workbook.save();
    const before = await parts(new Uint8Array(readFileSync(join(DIR, "openpyxl.xlsx"))));
    const [, reportXml] = [...(await parts(saved))].find(([n]) => n.startsWith("xl/worksheets/sheet") && !before.has(n)) as [string, Uint8Array];
    expect(new TextDecoder().decode(reportXml)).not.toMatch(/<(\w+:)?f[\s>]/);
    const again = await XlsxWorkbook.open(saved);
    const back = await again.tables.readTable((await again.tables.findTable("BudgetReport")) as NonNullable<Awaited<ReturnType<typeof again.tables.findTable>>>);
    expect(back.rows.map((r) => r.values.Category)).toEqual(texts);
    const book = SheetJS.read(saved, { type: "array", cellFormula: true });
    expect(book.Sheets.Report.A2.f).toBeUndefined();
    expect(book.Sheets.Report.A2.v).toBe('=HYPERLINK("http://x")');
  });

  it("reads a macro workbook as macro-enabled and keeps its VBA project", async () => {
    const input = new Uint8Array(readFileSync(join(DIR, "macro.xlsm")));
    const workbook = await XlsxWorkbook.open(input);
    expect(workbook.macroEnabled).toBe(true);
    await refreshRebates(workbook.tables, { year: 2025 });
    const after = await parts(await workbook.save());
    expect(Buffer.compare(Buffer.from((await parts(input)).get("xl/vbaProject.bin") as Uint8Array), Buffer.from(after.get("xl/vbaProject.bin") as Uint8Array))).toBe(0);
    expect(new TextDecoder().decode(after.get("[Content_Types].xml"))).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  });

  it("says an .xlsx from openpyxl is not macro-enabled", async () => {
    expect((await XlsxWorkbook.open(new Uint8Array(readFileSync(join(DIR, "openpyxl.xlsx"))))).macroEnabled).toBe(false);
  });
});

describe("bad packages, opened by the layer itself (as the pane would): an error of ours naming the file", () => {
  const open = (file: string) => XlsxWorkbook.open(new Uint8Array(readFileSync(join(DIR, "bad", file))), { file });

  it.each(["not-a-workbook.xlsx", "sheet.ods", "legacy.xls", "encrypted.xlsx", "data.csv"])("%s is not a workbook", async (file) => {
    await expect(open(file)).rejects.toMatchObject({ code: "notAWorkbook", params: { file } });
  });

  it.each(["truncated.xlsx", "corrupt-deflate.xlsx"])("%s (cut off, or its workbook part not inflatable) is damaged", async (file) => {
    await expect(open(file)).rejects.toMatchObject({ code: "damagedWorkbook", params: { file } });
  });

  it("a part whose checksum fails is reported when it is read, and nothing is computed from it", async () => {
    const workbook = await open("corrupt.xlsx");
    await expect(refreshRebates(workbook.tables, { year: 2025 })).rejects.toMatchObject({ code: "damagedWorkbook", params: { file: "corrupt.xlsx" } });
  });
});

describe.each(GOOD)("%s: the workbook ID, a hidden defined name", (file) => {
  it("is defined where ECMA-376 puts it, read back by us and by SheetJS, with every other name and part kept", async () => {
    const input = new Uint8Array(readFileSync(join(DIR, file)));
    const workbook = await XlsxWorkbook.open(input, { file });
    const before = await parts(input);
    await workbook.tables.writeNamedText("MKT_WorkbookId", "8c1f-wb");
    const output = await workbook.save();
    const after = await parts(output);
    for (const [name, bytes] of before) if (name !== "xl/workbook.xml") expect([name, Buffer.from(after.get(name) ?? []).equals(Buffer.from(bytes))]).toEqual([name, true]);

    const xml = new TextDecoder().decode(after.get("xl/workbook.xml"));
    const order = ["sheets", "definedNames", "calcPr"].map((tag) => xml.search(new RegExp(`<(\\w+:)?${tag}[\\s>/]`)));
    expect(order[1]).toBeGreaterThan(order[0]);
    if (order[2] !== -1) expect(order[2]).toBeGreaterThan(order[1]);
    expect(xml).toMatch(/<(\w+:)?definedName name="MKT_WorkbookId" hidden="1">"8c1f-wb"<\/(\w+:)?definedName>/);
    const oldNames = new TextDecoder().decode(before.get("xl/workbook.xml")).match(/<(\w+:)?definedName\b[^>]*>[^<]*<\/(\w+:)?definedName>/g) ?? [];
    for (const name of oldNames) expect(xml).toContain(name);

    expect(await (await XlsxWorkbook.open(output, { file })).tables.readNamedValue("MKT_WorkbookId")).toBe("8c1f-wb");
    const sheetJs = SheetJS.read(output, { type: "array", bookVBA: false });
    expect(sheetJs.Workbook?.Names?.find((n) => n.Name === "MKT_WorkbookId")).toMatchObject({ Ref: '"8c1f-wb"', Hidden: true });
  });
});
