/** The fake Excel behaves like Office.js where the workbook layer depends on it. */
import { fakeExcel, FakeWorkbook, PAYLOAD_LIMIT_BYTES } from "../support/fake-excel";

function workbook(): FakeWorkbook {
  const model = new FakeWorkbook();
  model.addTable("S", "Sales", "A1", [["Rep", "Amount"], ["a", 1], ["b", 2]]);
  return model;
}

describe("fake Excel", () => {
  it("queues calls until sync, and refuses to read what was not loaded", async () => {
    const context = fakeExcel(workbook());
    const range = context.workbook.tables.getItem("Sales").getDataBodyRange().load("values");
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    await context.sync();
    expect(range.values).toEqual([["a", 1], ["b", 2]]);
    expect(() => range.address).toThrow(/PropertyNotLoaded/);
    expect(context.syncCount).toBe(1);
  });

  it("reports missing items at sync, or as null objects", async () => {
    const context = fakeExcel(workbook());
    const missing = context.workbook.tables.getItemOrNullObject("Nope");
    await context.sync();
    expect(missing.isNullObject).toBe(true);
    context.workbook.tables.getItem("Nope").load("name");
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("parses typed-in text like Excel unless the cell is formatted as text", async () => {
    const model = workbook();
    const context = fakeExcel(model);
    const sheet = context.workbook.worksheets.getItem("S");
    sheet.getRange("D1:D4").values = [["=1+1"], ["00123"], ["2026-03-05"], ["TRUE"]];
    const text = sheet.getRange("E1");
    text.numberFormat = [["@"]];
    text.values = [["=1+1"]];
    await context.sync();
    expect(model.cellAt("S", "D1")).toMatchObject({ formula: "=1+1", error: "#NAME?" });
    expect([model.cellAt("S", "D2")?.value, model.cellAt("S", "D3")?.value, model.cellAt("S", "D4")?.value]).toEqual([123, 46086, true]);
    expect(model.cellAt("S", "E1")).toMatchObject({ value: "=1+1", numberFormat: "@" });
  });

  it("applies a failing batch's operations up to the failure, as Excel does", async () => {
    const model = workbook();
    const context = fakeExcel(model);
    const sheet = context.workbook.worksheets.getItem("S");
    sheet.getRange("D1").values = [["first"]];
    sheet.getRange("D2").values = [["second"]];
    context.failAtSync(1, 3); // the sheet lookup, the first range and its write run
    await expect(context.sync()).rejects.toThrow(/injected fault/);
    expect([model.cellAt("S", "D1")?.value, model.cellAt("S", "D2")?.value]).toEqual(["first", undefined]);
  });

  it("refuses requests over Excel on the web's 5 MB limit", async () => {
    const context = fakeExcel(workbook());
    const rows = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
    context.workbook.worksheets.getItem("S").getRange(`D1:D${rows.length}`).values = rows;
    await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(context.syncs[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });

  it("serves context.application through office-addin-mock", async () => {
    const context = fakeExcel(workbook());
    context.application.load("calculationMode");
    await context.sync();
    expect(context.application.calculationMode).toBe("Automatic");
  });
});
