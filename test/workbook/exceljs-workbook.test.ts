import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { ExcelJsWorkbookTables, WorkbookError } from "../../src/workbook";
import { loadWorkbookFromBuffer, loadWorkbookFromFile, saveWorkbookToFile } from "../../src/workbook/node";
import { describeWorkbookContract } from "./contract";
import { one, PURCHASES, rebateRow, REBATES, SALES_EN } from "./fixtures";
import { buildExcelJsWorkbook, makeExcelJsHarness } from "./harness";

describeWorkbookContract("ExcelJS", makeExcelJsHarness);

describe("ExcelJS files", () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), "mkt-workbook-"))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it("saves through a temporary file and a rename, leaving nothing else behind", async () => {
    const path = join(dir, "book.xlsx");
    await saveWorkbookToFile(buildExcelJsWorkbook(one("R", REBATES)), path);
    const workbook = await loadWorkbookFromFile(path);
    const tables = new ExcelJsWorkbookTables(workbook);
    const ref = await tables.findTable("Rebates");
    if (!ref) throw new Error("no Rebates");
    await tables.replaceRows(ref, [rebateRow("=cmd|' /C calc'!A0", 1)]);
    await saveWorkbookToFile(workbook, path);
    expect(await readdir(dir)).toEqual(["book.xlsx"]);
    const reloaded = await loadWorkbookFromFile(path);
    const cell = reloaded.getWorksheet("R")?.getCell("A2");
    expect(cell?.value).toBe("=cmd|' /C calc'!A0");
    expect(cell?.formula).toBeUndefined();
  });

  it("leaves no temporary file when saving fails", async () => {
    await expect(saveWorkbookToFile(buildExcelJsWorkbook(one("R", REBATES)), join(dir, "missing", "book.xlsx"))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps the header row of tables saved by Excel, which omits headerRowCount", async () => {
    const zip = await JSZip.loadAsync(await buildExcelJsWorkbook(one("S", SALES_EN)).xlsx.writeBuffer());
    const tablePath = Object.keys(zip.files).find((f) => f.startsWith("xl/tables/") && f.endsWith(".xml")) as string;
    const xml = await zip.file(tablePath)?.async("string");
    zip.file(tablePath, (xml as string).replace(/ headerRowCount="1"/, ""));
    const workbook = await loadWorkbookFromBuffer(await zip.generateAsync({ type: "uint8array" }));
    const tables = new ExcelJsWorkbookTables(workbook);
    const ref = await tables.findTable("Sales");
    expect((await tables.readTable(ref as NonNullable<typeof ref>)).rows.map((r) => r.row)).toEqual([4, 5]);
    const saved = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    expect(await saved.file(tablePath)?.async("string")).toContain('headerRowCount="1"');
  });
});

describe("ExcelJS: tables Excel itself would not allow", () => {
  // Excel refuses two table names equal but for case; a file made by another tool can hold them.
  const twoPurchases = { sheets: [{ name: "Jan", tables: [PURCHASES] }, { name: "Feb", tables: [{ ...PURCHASES, name: "purchases" }] }] };

  it("two tables named Purchases and purchases are ambiguous, and both are named", async () => {
    const { tables } = await makeExcelJsHarness(twoPurchases);
    await expect(tables.findTable("Purchases")).rejects.toMatchObject({
      code: "ambiguousTable",
      params: { table: "Purchases", tableName: "Purchases", sheet: "Jan", otherTableName: "purchases", otherSheet: "Feb" },
    });
  });

  it("so is a table name chosen in Settings that two tables answer to", async () => {
    const { tables } = await makeExcelJsHarness({ sheets: [{ name: "Jan", tables: [{ ...PURCHASES, name: "Buys" }] }, { name: "Feb", tables: [{ ...PURCHASES, name: "BUYS" }] }] });
    await expect(tables.findTable("Purchases", { name: "buys" })).rejects.toMatchObject({
      code: "ambiguousTable",
      params: { wantedName: "buys", tableName: "Buys", sheet: "Jan", otherTableName: "BUYS", otherSheet: "Feb" },
    });
  });
});

describe("ExcelJS writes", () => {
  it("puts back every cell when a write fails half-way", async () => {
    let step = 0;
    const workbook = buildExcelJsWorkbook(one("R", REBATES));
    const tables = new ExcelJsWorkbookTables(workbook, { onWriteStep: () => { if (step++ === 2) throw new Error("disk on fire"); } });
    const ref = await tables.findTable("Rebates");
    const error = await tables.replaceRows(ref as NonNullable<typeof ref>, [1, 2, 3, 4].map((n) => rebateRow(`N${n}`, n))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error).toMatchObject({ code: "writeFailed", params: { cause: "disk on fire" } });
    expect(workbook.getWorksheet("R")?.getCell("A4").value).toBeNull();
    expect(workbook.getWorksheet("R")?.getCell("A3").value).toBe("华南贸易");
  });
});
