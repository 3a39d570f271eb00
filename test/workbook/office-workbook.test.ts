import type { RowValues } from "../../src/workbook";
import { PAYLOAD_LIMIT_BYTES } from "../support/fake-excel";
import { describeWorkbookContract } from "./contract";
import { d, one, rebateRow, REBATES } from "./fixtures";
import { makeOfficeHarness, type FixtureValue } from "./harness";

// Small write chunks, so every contract write (and every fault test) crosses chunk boundaries.
describeWorkbookContract("Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 }));

function salesRows(count: number): FixtureValue[][] {
  return [["Rep", "Date", "Amount"], ...Array.from({ length: count }, (_, i) => [`rep${i % 30}`, d("2026-03-01"), 1000 + i])];
}

describe("Office.js batching", () => {
  it("reads a 10-row and a 10,000-row table in the same number of syncs", async () => {
    const counts: number[] = [];
    for (const size of [10, 10_000]) {
      const harness = await makeOfficeHarness()(one("S", { name: "Sales", at: "A1", rows: salesRows(size) }));
      const ref = await harness.tables.findTable("Sales");
      const data = await harness.tables.readTable(ref as NonNullable<typeof ref>);
      expect(data.rows).toHaveLength(size);
      expect(data.rows[size - 1]).toEqual({ sheet: "S", row: size + 1, values: { Rep: `rep${(size - 1) % 30}`, Date: d("2026-03-01"), Amount: 1000 + size - 1 } });
      counts.push(harness.context.syncCount);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  it("reads a table too big for one response in blocks, each under the limit", async () => {
    const harness = await makeOfficeHarness({ maxCellsPerRead: 30_000 })(one("S", { name: "Sales", at: "A1", rows: salesRows(50_000) }));
    const ref = await harness.tables.findTable("Sales");
    expect((await harness.tables.readTable(ref as NonNullable<typeof ref>)).rows).toHaveLength(50_000);
    expect(harness.context.syncs.length).toBe(2 + 5);
    for (const sync of harness.context.syncs) expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it("writes 50,000 rows in several chunks under 5 MB, with calculation suspended, then swaps in one small sync", async () => {
    const harness = await makeOfficeHarness()(one("R", REBATES));
    const ref = await harness.tables.findTable("Rebates");
    const rows: RowValues[] = Array.from({ length: 50_000 }, (_, i) => rebateRow(`经销商${i}`, i, i % 7 === 0 ? "=looks like a formula" : "备注"));
    const progress: number[] = [];
    await harness.tables.replaceRows(ref as NonNullable<typeof ref>, rows, { onProgress: (p) => progress.push(p.done) });
    const chunks = harness.context.syncs.filter((s) => s.ops.some((op) => op.includes("set values")));
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    for (const chunk of chunks) {
      expect(chunk.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(chunk.calculationSuspended).toBe(true);
    }
    const swap = harness.context.syncs.find((s) => s.ops.some((op) => op.includes("resize")));
    expect(swap?.requestBytes).toBeLessThan(10_000);
    expect(progress.at(-1)).toBe(50_000);
    expect(harness.model.tableAddress("Rebates")).toBe("A1:J50001");
    const reread = await (await harness.reopen()).readTable(ref as NonNullable<typeof ref>);
    expect(reread.rows[49_999].values.Dealer).toBe("经销商49999");
    expect(reread.rows[7].values.Note).toBe("=looks like a formula");
    expect(harness.model.sheets.map((s) => s.name)).toEqual(["R"]);
  });

  async function swapSyncIndex(): Promise<number> {
    const clean = await makeOfficeHarness()(one("R", REBATES));
    const ref = await clean.tables.findTable("Rebates");
    const start = clean.context.syncCount;
    await clean.tables.replaceRows(ref as NonNullable<typeof ref>, [1, 2, 3].map((n) => rebateRow(`N${n}`, n)));
    return clean.context.syncs.findIndex((s) => s.ops.some((op) => op.includes("resize"))) + 1 - start;
  }

  it("restores the old rows when the swap fails part-way, from the copy kept on the hidden sheet", async () => {
    const swapAt = await swapSyncIndex();
    const harness = await makeOfficeHarness({ stagingSheetName: () => "Staging" })(one("R", REBATES));
    const ref = await harness.tables.findTable("Rebates");
    const before = harness.model.tableValues("Rebates");
    const start = harness.context.syncCount;
    harness.context.failAtSync(start + swapAt, 1); // after the resize, before the copy
    await expect(harness.tables.replaceRows(ref as NonNullable<typeof ref>, [1, 2, 3].map((n) => rebateRow(`N${n}`, n)))).rejects.toMatchObject({ code: "writeFailed" });
    expect(harness.context.syncs[start + swapAt - 1].ops.some((op) => op.includes("resize"))).toBe(true);
    expect(harness.model.tableValues("Rebates")).toEqual(before);
    expect(harness.model.sheets.map((s) => s.name)).toEqual(["R"]);
  });

  it("gives up, leaving the table alone, when someone changes the table while rows are staged", async () => {
    const swapAt = await swapSyncIndex();
    const harness = await makeOfficeHarness()(one("R", REBATES));
    const ref = await harness.tables.findTable("Rebates");
    const start = harness.context.syncCount;
    harness.context.beforeSync = (index) => {
      if (index !== start + swapAt - 1) return;
      harness.model.setValues("R", "A4", [["刚加的经销商"]]);
      const table = harness.model.findTable("Rebates");
      if (table) table.box = { ...table.box, rows: table.box.rows + 1 };
    };
    const error = await harness.tables.replaceRows(ref as NonNullable<typeof ref>, [1, 2, 3].map((n) => rebateRow(`N${n}`, n))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "writeFailed", params: { cause: expect.stringContaining("changed") } });
    expect(harness.model.tableValues("Rebates").map((r) => r[0])).toEqual(["Dealer", "华东商贸", "华南贸易", "刚加的经销商"]);
    expect(harness.model.sheets.map((s) => s.name)).toEqual(["R"]);
  });

  it("never lets Excel parse a string: every string cell is text-formatted before its value is set", async () => {
    const harness = await makeOfficeHarness()(one("R", REBATES));
    const ref = await harness.tables.findTable("Rebates");
    await harness.tables.appendRows(ref as NonNullable<typeof ref>, [rebateRow("=SUM(A1)", 1, "TRUE")]);
    expect(harness.model.cellAt("R", "A4")).toMatchObject({ value: "=SUM(A1)", numberFormat: "@" });
    expect(harness.model.cellAt("R", "A4")?.formula).toBeUndefined();
    expect(harness.model.cellAt("R", "J4")).toMatchObject({ value: "TRUE" });
  });
});

describe("Office.js staging sheet", () => {
  it("never touches a user's sheet that happens to have the staging sheet's name", async () => {
    const harness = await makeOfficeHarness({ stagingSheetName: () => "Mine" })({ sheets: [{ name: "R", tables: [REBATES] }, { name: "Mine", cells: [{ at: "A1", rows: [["my notes"]] }] }] });
    const ref = await harness.tables.findTable("Rebates");
    await expect(harness.tables.replaceRows(ref as NonNullable<typeof ref>, [rebateRow("N", 1)])).rejects.toMatchObject({ code: "writeFailed" });
    expect(harness.model.cellAt("Mine", "A1")?.value).toBe("my notes");
    expect(harness.model.tableValues("Rebates")).toHaveLength(3);
  });
});
