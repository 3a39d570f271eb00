import { describeError } from "../../src/i18n";
import { actOnWorkItem, checkWorkbook, listItems, statusAudit, verifyAuditLog } from "../../src/services";
import type { WorkbookTables } from "../../src/workbook";
import { makeOfficeHarness, makeXlsxHarness, type MakeHarness } from "../workbook/harness";
import { eachWriteFailure, rowsOf } from "./fixtures";
import { BASELINED, book, e, item, NOW, REQUESTS, withLog } from "./flows-fixture";


describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness()],
])("the log is the truth (SPEC §5.4) on %s", (_name, make) => {
  it("statusAudit names every row whose Status is not the logged one, and every unlogged item that is not Draft", async () => {
    const harness = await make(BASELINED);
    expect(await statusAudit(harness.tables)).toEqual([
      { source: "Requests", sheet: "Requests", row: 3, id: "EC-2", status: "Approved", logged: undefined },
      { source: "Requests", sheet: "Requests", row: 6, id: "EC-5", status: "Approved", logged: "Paid" },
      { source: "Requests", sheet: "Requests", row: 10, id: "TD-1", status: "Approved", logged: "Draft" },
    ]);
  });

  it("such an item waits on nobody, is refused in English and Chinese, and nothing is written", async () => {
    const harness = await make(BASELINED);
    const list = await listItems(harness.tables);
    expect(list.items.filter((i) => i.mismatch).map((i) => [i.mismatch?.id, i.mismatch?.logged, i.next])).toEqual([["EC-2", undefined, undefined], ["EC-5", "Paid", undefined], ["TD-1", "Draft", undefined]]);
    expect(item(list, "EC-1").mismatch).toBeUndefined();
    expect(item(list, "EC-1").next?.role).toBe("president");
    const act = (id: string) => actOnWorkItem(harness.tables, list, { item: item(list, id), action: "approve", actor: { name: "钱会计", role: "finance" }, comment: "", now: NOW });
    const five = await act("EC-5");
    expect(five).toEqual({ kind: "refused", error: { kind: "value", code: "statusMismatch", params: { id: "EC-5", status: "Approved", logged: "Paid" } } });
    expect(five.kind === "refused" && describeError(five.error, "en")).toBe("EC-5's Status cell says Approved, but the audit log records Paid: the cell was changed by hand. Put it back to Paid before anyone acts on EC-5.");
    expect(five.kind === "refused" && describeError(five.error, "zh")).toBe("EC-5 的状态单元格为 Approved，但审计日志记录的是 Paid：该单元格被手工改过。请先改回 Paid，之后才能处理 EC-5。");
    const two = await act("EC-2");
    expect(two).toEqual({ kind: "refused", error: { kind: "value", code: "statusNotLogged", params: { id: "EC-2", status: "Approved" } } });
    expect(two.kind === "refused" && describeError(two.error, "en")).toBe("EC-2's Status cell says Approved, but the audit log has no record of EC-2, so it must be Draft (a new submission). Put it back to Draft before anyone acts on EC-2.");
    expect(two.kind === "refused" && describeError(two.error, "zh")).toBe("EC-2 的状态单元格为 Approved，但审计日志中没有 EC-2 的记录，因此它必须是 Draft（新提交）。请先改回 Draft，之后才能处理 EC-2。");
    expect((await rowsOf(harness.tables, "AuditLog")).length).toBe(4);
    expect((await rowsOf(harness.tables, "Requests")).map((r) => r.values.Status)).toEqual(REQUESTS.slice(0, 11).map((r) => r[14]));
  });

  it("check reports them as problems at their rows", async () => {
    const harness = await make(BASELINED);
    const check = await checkWorkbook(harness.tables);
    expect(check.problems.map((p) => [p.sheet, p.row, p.error.code])).toEqual([
      ["Requests", 3, "statusNotLogged"],
      ["Requests", 6, "statusMismatch"],
      ["Requests", 10, "statusMismatch"],
    ]);
  });

  it("a cell typed over after a step is reported, and actOnWorkItem acts on neither a plan nor a request until it is put back", async () => {
    const harness = await make(book({ requests: REQUESTS.slice(0, 11) }));
    let list = await listItems(harness.tables);
    expect(await actOnWorkItem(harness.tables, list, { item: item(list, "PR-2"), action: "approve", actor: { name: "王总", role: "director" }, comment: "", now: NOW })).toMatchObject({ kind: "done", status: "DirectorApproved" });
    expect(await statusAudit(harness.tables)).toEqual([]);
    // Someone types Approved over DirectorApproved (Plans row 3, column M). Each edit starts from the workbook as the add-in left it
    // (the .xlsx harness edits a copy), so the next one puts the cell back first.
    let tables = await harness.editByUser("Plans", "M3", "Approved");
    expect(await statusAudit(tables)).toEqual([{ source: "Plans", sheet: "Plans", row: 3, id: "PR-2", status: "Approved", logged: "DirectorApproved" }]);
    list = await listItems(tables);
    expect(item(list, "PR-2").next).toBeUndefined();
    const refused = await actOnWorkItem(tables, list, { item: item(list, "PR-2"), action: "reject", actor: { name: "陈总裁", role: "president" }, comment: "不行", now: NOW });
    expect(refused).toMatchObject({ kind: "refused", error: { code: "statusMismatch", params: { id: "PR-2", status: "Approved", logged: "DirectorApproved" } } });
    expect((await rowsOf(tables, "AuditLog")).length).toBe(2);
    await harness.editByUser("Plans", "M3", "DirectorApproved");
    // An Approved claim's cell typed back to 草稿 (Draft).
    tables = await harness.editByUser("Requests", "O3", "草稿");
    expect(await statusAudit(tables)).toEqual([{ source: "Requests", sheet: "Requests", row: 3, id: "EC-2", status: "Draft", logged: "Approved" }]);
    list = await listItems(tables);
    expect(await actOnWorkItem(tables, list, { item: item(list, "EC-2"), action: "approve", actor: { name: "钱会计", role: "finance" }, comment: "", now: NOW })).toMatchObject({ kind: "refused", error: { code: "statusMismatch" } });
    expect((await rowsOf(tables, "AuditLog")).length).toBe(2);
    // Put back, PR-2 can be acted on again.
    tables = await harness.editByUser("Requests", "O3", "Approved");
    expect(await statusAudit(tables)).toEqual([]);
    list = await listItems(tables);
    expect(item(list, "PR-2").next?.role).toBe("president");
    expect(await actOnWorkItem(tables, list, { item: item(list, "PR-2"), action: "reject", actor: { name: "陈总裁", role: "president" }, comment: "不行", now: NOW })).toMatchObject({ kind: "done", status: "Rejected" });
    expect(await verifyAuditLog(tables)).toEqual({ count: 3 });
  });

  it("a log with entries but no Baseline compares only the items it names; the first write adds the Baseline after them", async () => {
    const legacy = withLog([e("PR-1", "approve", "DirectorApproved", "Approved"), e("EC-2", "approve", "FinanceChecked", "Approved")]);
    const harness = await make(legacy);
    // EC-1 (FinanceChecked), EC-3 (Paid)… are in no entry: without a baseline they are not reported.
    expect(await statusAudit(harness.tables)).toEqual([]);
    let tables = await harness.editByUser("Requests", "O3", "Paid");
    expect(await statusAudit(tables)).toEqual([{ source: "Requests", sheet: "Requests", row: 3, id: "EC-2", status: "Paid", logged: "Approved" }]);
    tables = await harness.editByUser("Requests", "O3", "Approved");
    const list = await listItems(tables);
    expect(await actOnWorkItem(tables, list, { item: item(list, "EC-1"), action: "approve", actor: { name: "陈总裁", role: "president" }, comment: "", now: NOW })).toMatchObject({ kind: "done", entry: { seq: 4 } });
    const log = await rowsOf(tables, "AuditLog");
    expect(log.map((r) => [r.values.Seq, r.values.Action, r.values.PlanID])).toEqual([[1, "approve", "PR-1"], [2, "approve", "EC-2"], [3, "Baseline", null], [4, "approve", "EC-1"]]);
    expect(log[2].values.Comment).toBe("DA-1=Draft;EC-1=FinanceChecked;EC-2=Approved;EC-3=Paid;EC-4=Approved;EC-5=Approved;EC-6=Draft;PR-1=Approved;PR-2=Draft;RPT-1=Draft;RPT-2=Draft;ST-1=Draft;TD-1=Approved");
    expect(await statusAudit(tables)).toEqual([]);
    expect(await verifyAuditLog(tables)).toEqual({ count: 4 });
  });

  it("a status typed by hand before the Baseline is not laundered into it: the Baseline takes the log's status, and the cell stays reported", async () => {
    const harness = await make(withLog([e("PR-1", "approve", "DirectorApproved", "Approved"), e("EC-2", "approve", "FinanceChecked", "Approved")]));
    const tables = await harness.editByUser("Requests", "O3", "Paid");
    const list = await listItems(tables);
    expect(await actOnWorkItem(tables, list, { item: item(list, "EC-1"), action: "approve", actor: { name: "陈总裁", role: "president" }, comment: "", now: NOW })).toMatchObject({ kind: "done" });
    const baseline = (await rowsOf(tables, "AuditLog"))[2].values;
    expect(baseline.Action).toBe("Baseline");
    expect(String(baseline.Comment)).toContain("EC-2=Approved;");
    expect(await statusAudit(tables)).toEqual([{ source: "Requests", sheet: "Requests", row: 3, id: "EC-2", status: "Paid", logged: "Approved" }]);
  });

  it("a workbook with no AuditLog reports nothing, whatever its statuses", async () => {
    const harness = await make(book());
    expect(await statusAudit(harness.tables)).toEqual([]);
    expect((await listItems(harness.tables)).items.some((i) => i.mismatch)).toBe(false);
    expect((await checkWorkbook(harness.tables)).problems.map((p) => p.error.code)).not.toContain("statusMismatch");
  });
});

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 1 })],
])("the Baseline after a log's old entries on %s: with the step's entry and the status, or not at all", (_name, make) => {
  it("with a failure injected at each write step", async () => {
    const fixture = withLog([e("PR-1", "approve", "DirectorApproved", "Approved"), e("EC-2", "approve", "FinanceChecked", "Approved")]);
    const act = async (t: WorkbookTables) => {
      const list = await listItems(t);
      return actOnWorkItem(t, list, { item: item(list, "EC-1"), action: "approve", actor: { name: "陈总裁", role: "president" }, comment: "", now: NOW });
    };
    const snapshot = async (t: WorkbookTables) => ({ status: (await rowsOf(t, "Requests"))[0].values.Status, log: (await rowsOf(t, "AuditLog")).map((r) => r.values), head: (await rowsOf(t, "AuditHead")).map((r) => r.values) });
    const { after } = await eachWriteFailure(make, fixture, act, snapshot, (o) => o.kind === "done");
    expect(after.log.map((v) => v.Action)).toEqual(["approve", "approve", "Baseline", "approve"]);
    expect(after.head).toEqual([expect.objectContaining({ Count: 4 })]);
  });
});
