import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter, TextReader } from "@zip.js/zip.js";
import { describeWorkbookContract } from "./contract";
import { one, PURCHASES, SALES_EN } from "./fixtures";
import { buildExcelJsWorkbook, makeXlsxHarness } from "./harness";

describeWorkbookContract("xlsx package", makeXlsxHarness);

/** The fixture's package with one part's text changed, as another program might have written it. */
async function withPart(bytes: Uint8Array, match: RegExp, edit: (xml: string) => string): Promise<Uint8Array> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    const text = new TextDecoder().decode(await entry.getData(new Uint8ArrayWriter()));
    await writer.add(entry.filename, new TextReader(match.test(entry.filename) ? edit(text) : text));
  }
  return writer.close();
}

const bytesOf = async (fixture: Parameters<typeof buildExcelJsWorkbook>[0]) => new Uint8Array((await buildExcelJsWorkbook(fixture).xlsx.writeBuffer()) as ArrayBuffer);

describe("xlsx package: what other programs write", () => {
  it("reads the header row of a table saved by Excel, which omits headerRowCount", async () => {
    const bytes = await withPart(await bytesOf(one("S", SALES_EN)), /^xl\/tables\/.*\.xml$/, (xml) => xml.replace(/ headerRowCount="1"/, ""));
    const { tables } = await XlsxWorkbook.open(bytes);
    const ref = await tables.findTable("Sales");
    expect((await tables.readTable(ref as NonNullable<typeof ref>)).rows.map((r) => r.row)).toEqual([4, 5]);
  });

  // Excel refuses two table names equal but for case; a file made by another tool can hold them.
  it("two tables named Purchases and purchases are ambiguous, and both are named", async () => {
    const { tables } = await makeXlsxHarness({ sheets: [{ name: "Jan", tables: [PURCHASES] }, { name: "Feb", tables: [{ ...PURCHASES, name: "purchases" }] }] });
    await expect(tables.findTable("Purchases")).rejects.toMatchObject({
      code: "ambiguousTable",
      params: { table: "Purchases", tableName: "Purchases", sheet: "Jan", otherTableName: "purchases", otherSheet: "Feb" },
    });
  });

  it("so is a table name chosen in Settings that two tables answer to", async () => {
    const { tables } = await makeXlsxHarness({ sheets: [{ name: "Jan", tables: [{ ...PURCHASES, name: "Buys" }] }, { name: "Feb", tables: [{ ...PURCHASES, name: "BUYS" }] }] });
    await expect(tables.findTable("Purchases", { name: "buys" })).rejects.toMatchObject({
      code: "ambiguousTable",
      params: { wantedName: "buys", tableName: "Buys", sheet: "Jan", otherTableName: "BUYS", otherSheet: "Feb" },
    });
  });
});
