import { advanceRebates, readAuditLog, refreshRebates, verifyAuditLog, type RefreshRebatesOptions } from "../../src/services";
import type { TableData, WorkbookTables } from "../../src/workbook";
import { makeXlsxHarness, makeOfficeHarness, type MakeHarness } from "../workbook/harness";
import { REBATE_HEADERS, rebateBook, rowsOf, table } from "./fixtures";

const YEAR_2025: RefreshRebatesOptions = { year: 2025 };
const DIRECTOR = { name: "王建华", role: "director" as const };
const FINANCE = { name: "李娜", role: "finance" as const };
const NOW = new Date("2025-12-05T01:00:00Z");

/** 华东商贸 Calculated, Beta Ltd Reviewed, Gamma Co (2024) Paid. */
const rebatesSheet = () => ({
  name: "Rebates",
  tables: [
    table("Rebates", "A1", [
      REBATE_HEADERS,
      ["华东商贸", 2025, 620000, 30000, 620000, 500000, 0.02, 12400, "Calculated", null],
      ["Beta Ltd", 2025, 80000, 5000, 75000, null, 0, 0, "Reviewed", null],
      ["Gamma Co", 2024, 900000, 0, 900000, 500000, 0.02, 18000, "Paid", null],
    ]),
  ],
});

async function readRebates(tables: WorkbookTables): Promise<TableData> {
  const ref = await tables.findTable("Rebates");
  if (!ref) throw new Error("no Rebates table");
  return tables.readTable(ref);
}

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 })],
])("compute, look, then write, on %s", (_name, make) => {
  it("a preview computes the year's rows, says it is the first refresh, and writes nothing", async () => {
    const harness = await make(rebateBook());
    const replaceRows = jest.spyOn(harness.tables, "replaceRows");
    const outcome = await refreshRebates(harness.tables, { ...YEAR_2025, preview: true });
    expect(outcome).toMatchObject({ kind: "preview", upToDate: false, summary: { first: true, dealers: 2, total: 12400 } });
    if (outcome.kind !== "preview") throw new Error(outcome.kind);
    expect(outcome.summary.rebates.map((r) => [r.dealer, r.net, r.rebate, r.status])).toEqual([
      ["华东商贸", 620000, 12400, "Calculated"],
      ["Beta Ltd", 75000, 0, "Calculated"],
    ]);
    expect(replaceRows).not.toHaveBeenCalled();
    expect(await rowsOf(await harness.reopen(), "Rebates")).toEqual([]);

    expect(await refreshRebates(harness.tables, YEAR_2025)).toMatchObject({ kind: "written", summary: { first: true } });
    expect(await refreshRebates(harness.tables, { ...YEAR_2025, preview: true })).toMatchObject({ kind: "preview", upToDate: true, summary: { first: false } });
  });

  it("a year with rows of its own is not a first refresh, even when other years have rows", async () => {
    const harness = await make(rebateBook({ extraSheets: [{ name: "Rebates", tables: [table("Rebates", "A1", [REBATE_HEADERS, ["Gamma Co", 2024, 1, 0, 1, null, 0, 0, "Paid", null]])] }] }));
    expect(await refreshRebates(harness.tables, { ...YEAR_2025, preview: true })).toMatchObject({ summary: { first: true } });
    await refreshRebates(harness.tables, YEAR_2025);
    expect(await refreshRebates(harness.tables, { ...YEAR_2025, preview: true })).toMatchObject({ summary: { first: false } });
  });
});

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 })],
])("advanceRebates on %s", (_name, make) => {
  it("moves every row the role may move one step, with one chained audit entry per row", async () => {
    const harness = await make(rebateBook({ extraSheets: [rebatesSheet()] }));
    const data = await readRebates(harness.tables);
    const outcome = await advanceRebates(harness.tables, data.ref, data.rows, FINANCE, { now: NOW });
    // Finance takes Reviewed → Verified; Calculated waits for the director, Paid for nobody.
    expect(outcome.moved).toEqual([{ dealer: "Beta Ltd", row: 3, from: "Reviewed", to: "Verified" }]);
    expect(outcome.refused.map((r) => [r.dealer, r.error.code])).toEqual([
      ["华东商贸", "roleNotAllowed"],
      ["Gamma Co", "statusFinal"],
    ]);
    expect(outcome.conflicts).toEqual([]);

    const reopened = await harness.reopen();
    expect((await rowsOf(reopened, "Rebates")).map((r) => r.values.Status)).toEqual(["Calculated", "Verified", "Paid"]);
    const log = await readAuditLog(reopened);
    // A log started here opens with its Baseline, then the step.
    expect(log.map((r) => [r.entry.action, r.entry.planId, r.entry.from, r.entry.to, r.entry.actor, r.entry.role, r.entry.time])).toEqual([
      ["Baseline", "", "", "", "李娜", "finance", NOW.toISOString()],
      ["advance", "REBATE/2025/Beta Ltd", "Reviewed", "Verified", "李娜", "finance", NOW.toISOString()],
    ]);
    expect(await verifyAuditLog(reopened)).toEqual({ count: 2 });
  });

  it("several rows in one step: one entry each, in row order, chained to each other", async () => {
    const harness = await make(rebateBook({ extraSheets: [rebatesSheet()] }));
    await refreshRebates(harness.tables, { year: 2025 });
    const data = await readRebates(harness.tables);
    const calculated = data.rows.filter((r) => r.values.Status === "Calculated");
    expect(calculated).toHaveLength(1);
    await advanceRebates(harness.tables, data.ref, calculated, DIRECTOR, { now: NOW });
    const again = await readRebates(harness.tables);
    const outcome = await advanceRebates(harness.tables, again.ref, again.rows.filter((r) => r.values.Year === 2025), FINANCE, { now: NOW });
    expect(outcome.moved.map((m) => [m.dealer, m.from, m.to])).toEqual([
      ["华东商贸", "Reviewed", "Verified"],
      ["Beta Ltd", "Reviewed", "Verified"],
    ]);
    const log = await readAuditLog(await harness.reopen());
    expect(log.map((r) => r.entry.planId)).toEqual(["", "REBATE/2025/华东商贸", "REBATE/2025/华东商贸", "REBATE/2025/Beta Ltd"]);
    expect(log.map((r) => r.entry.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyAuditLog(await harness.reopen())).toEqual({ count: 4 });
  });

  it("a row changed since it was read is not moved and gets no entry; the others are", async () => {
    const harness = await make(rebateBook({ extraSheets: [rebatesSheet()] }));
    const data = await readRebates(harness.tables);
    const [first] = data.rows;
    await harness.tables.updateRow(data.ref, first, { Note: "edited meanwhile" });
    const outcome = await advanceRebates(harness.tables, data.ref, data.rows.slice(0, 1), DIRECTOR, { now: NOW });
    expect(outcome).toEqual({ moved: [], refused: [], conflicts: [{ dealer: "华东商贸", row: 2 }] });
    expect(await readAuditLog(await harness.reopen())).toEqual([]);
  });

  it("when the log cannot be written, every row moved is put back", async () => {
    const harness = await make(rebateBook({ extraSheets: [rebatesSheet()] }));
    const data = await readRebates(harness.tables);
    jest.spyOn(harness.tables, "appendRows").mockRejectedValueOnce(new Error("disk full"));
    await expect(advanceRebates(harness.tables, data.ref, data.rows, FINANCE, { now: NOW })).rejects.toThrow("disk full");
    expect((await rowsOf(await harness.reopen(), "Rebates")).map((r) => r.values.Status)).toEqual(["Calculated", "Reviewed", "Paid"]);
  });
});
