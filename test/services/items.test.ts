import { actOnWorkItem, checkWorkbook, itemId, itemsWaitingFor, listItems, itemHistory, previewAction, standingOf, verifyAuditLog } from "../../src/services";
import type { WorkbookTables } from "../../src/workbook";
import { makeOfficeHarness, makeXlsxHarness, type MakeHarness } from "../workbook/harness";
import { d, eachWriteFailure, rowsOf, table } from "./fixtures";
import { book, item, NOW, PLANS, REQUESTS, type Row } from "./flows-fixture";


describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness()],
])("every approval flow (SPEC §5) on %s", (_name, make) => {
  it("lists plans and requests with who acts next; unreadable rows are problems with their rows", async () => {
    const list = await listItems((await make(book())).tables);
    expect(list.chainProblems).toEqual([]);
    expect(list.items.map((i) => [i.source, itemId(i), i.record?.status, i.next?.role])).toEqual([
      ["Plans", "PR-1", "Approved", undefined],
      ["Plans", "PR-2", "Draft", "director"],
      ["Requests", "EC-1", "FinanceChecked", "president"],
      ["Requests", "EC-2", "Approved", "finance"],
      ["Requests", "EC-3", "Paid", undefined],
      ["Requests", "EC-4", "Approved", "finance"],
      ["Requests", "EC-5", "Approved", "finance"],
      ["Requests", "EC-6", "Draft", "departmentHead"],
      ["Requests", "RPT-1", "Draft", "director"],
      ["Requests", "RPT-2", "Draft", "director"],
      ["Requests", "TD-1", "Approved", undefined],
      // A blank Status is a draft.
      ["Requests", "DA-1", "Draft", "director"],
      ["Requests", "ST-1", "Draft", "regionalManager"],
      ["Requests", "BAD-1", undefined, undefined],
      ["Requests", "BAD-2", undefined, undefined],
    ]);
    expect(item(list, "BAD-1").problems.map((p) => [p.sheet, p.row, p.error.code, p.error.params.value])).toEqual([["Requests", 13, "unknownChoice", "Holiday"]]);
    expect(item(list, "BAD-2").problems.map((p) => [p.row, p.error.code, p.error.params.value])).toEqual([[14, "implausibleDate", "26-3-15"]]);
    expect(itemsWaitingFor(list, { name: "王总", role: "director" }).map(itemId)).toEqual(["PR-2", "RPT-1", "RPT-2", "DA-1"]);
    expect(itemsWaitingFor(list, { name: "李雷", role: "president" }).map(itemId)).toEqual([]);
    // 李雷 submitted EC-1, which waits for the president: his own item, not his to act on.
    expect(["EC-1", "EC-2", "EC-3", "BAD-1"].map((id) => standingOf(item(list, id), { name: " 李雷 ", role: "president" }))).toEqual(["ownItem", "otherRole", "none", "none"]);
    expect(standingOf(item(list, "EC-1"), { name: "陈总裁", role: "president" })).toBe("acts");
  });

  it("a Requests table named in Settings must exist, and a workbook needs Plans or Requests", async () => {
    const tables = (await make(book())).tables;
    await expect(listItems(tables, { tableNames: { Requests: "OldRequests" } })).rejects.toMatchObject({ code: "tableNotFound", params: { table: "Requests" } });
    const empty = (await make({ sheets: [{ name: "Budget", tables: [table("Budget", "A1", [["Category", "Month", "Budget", "Actual"], ["市场活动", d("2026-03-01"), 1, 1]])] }] })).tables;
    await expect(listItems(empty)).rejects.toMatchObject({ code: "tableNotFound", params: { table: "Plans" } });
  });

  it("previews a step without writing: refusals, failed checks to confirm, or the status it leads to", async () => {
    const harness = await make(book());
    const list = await listItems(harness.tables);
    const president = { name: "陈总裁", role: "president" } as const;
    expect(previewAction(list, { item: item(list, "EC-1"), action: "reject", actor: president, comment: " " })).toMatchObject({ kind: "refused", error: { code: "itemCommentRequired" } });
    expect(previewAction(list, { item: item(list, "EC-1"), action: "approve", actor: president, comment: "" })).toMatchObject({ kind: "ready", to: "Approved", failed: [] });
    const head = { name: "部门长", role: "departmentHead" } as const;
    const over = previewAction(list, { item: item(list, "EC-6"), action: "approve", actor: head, comment: "" });
    expect(over).toMatchObject({ kind: "checksFailed", failed: [{ check: "requiredFields", missing: ["payment"] }, { check: "budget", budget: 4000, remaining: 3500 }] });
    expect(previewAction(list, { item: item(list, "EC-6"), action: "approve", actor: head, comment: "", confirmFailures: true })).toMatchObject({ kind: "ready", to: "DeptApproved" });
    expect(await rowsOf(harness.tables, "AuditLog").catch(() => [])).toEqual([]);
  });

  it("checks each type as §5.1 says: required fields, a claim's budget left in its month, the linked item approved", async () => {
    const list = await listItems((await make(book())).tables);
    expect(item(list, "EC-1").checks).toEqual([
      { check: "requiredFields", ok: true, missing: [] },
      { check: "budget", ok: true, budget: 3000, remaining: 3500 },
    ]);
    // EC-2 itself is Approved: what is left for it leaves itself out.
    expect(item(list, "EC-2").checks[1]).toEqual({ check: "budget", ok: true, budget: 4000, remaining: 7500 });
    expect(item(list, "EC-6").checks).toEqual([
      { check: "requiredFields", ok: false, missing: ["payment"] },
      { check: "budget", ok: false, budget: 4000, remaining: 3500 },
    ]);
    // April has a budget row with nothing spent; EC-5's category has no budget row at all.
    expect(item(list, "EC-4").checks[1]).toEqual({ check: "budget", ok: true, budget: 500, remaining: 99999 });
    expect(item(list, "EC-5").checks[1]).toEqual({ check: "budget", ok: false, budget: 700, remaining: undefined });
    expect(item(list, "RPT-1").checks).toEqual([
      { check: "requiredFields", ok: true, missing: [] },
      { check: "link", ok: true, link: "PR-1", wanted: "promotionPlan", status: "Approved" },
    ]);
    expect(item(list, "RPT-2").checks[1]).toEqual({ check: "link", ok: false, link: "PR-2", wanted: "promotionPlan", status: "Draft" });
    expect(item(list, "DA-1").checks[1]).toEqual({ check: "link", ok: true, link: "td-1", wanted: "targetDealer", status: "Approved" });
    expect(item(list, "ST-1").checks).toEqual([{ check: "requiredFields", ok: false, missing: ["quantity"] }]);
    expect(item(list, "TD-1").checks).toEqual([{ check: "requiredFields", ok: true, missing: [] }]);
    // Plans: the category's 2026 budget less actuals (7,500 + 99,999), less the other plans of 2026 already Approved (PR-1's 8,000).
    expect(item(list, "PR-2").checks[1]).toEqual({ check: "budget", ok: true, budget: 1000, remaining: 99499 });
    expect(item(list, "PR-1").checks[1]).toEqual({ check: "budget", ok: true, budget: 8000, remaining: 107499 });
  });

  it("an expense claim goes FinanceChecked → Approved → Paid through the president and finance, each step logged", async () => {
    const harness = await make(book());
    let list = await listItems(harness.tables);
    const first = await actOnWorkItem(harness.tables, list, { item: item(list, "EC-1"), action: "approve", actor: { name: "陈总裁", role: "president" }, comment: "", now: NOW });
    expect(first).toMatchObject({ kind: "done", status: "Approved", entry: { planId: "EC-1", from: "FinanceChecked", to: "Approved", actor: "陈总裁", role: "president", comment: "" } });
    list = await listItems(harness.tables);
    expect(await actOnWorkItem(harness.tables, list, { item: item(list, "EC-1"), action: "approve", actor: { name: "钱会计", role: "finance" }, comment: "已付", now: NOW })).toMatchObject({ kind: "done", status: "Paid" });
    const reopened = await harness.reopen();
    expect((await rowsOf(reopened, "Requests"))[0].values.Status).toBe("Paid");
    // The history starts with the Baseline that recorded the claim before the first step.
    expect((await itemHistory(reopened, "ec-1 ")).map((r) => [r.entry.action, r.entry.from, r.entry.to, r.entry.actor, r.baselineStatus ?? r.entry.comment])).toEqual([
      ["Baseline", "", "", "陈总裁", "FinanceChecked"],
      ["approve", "FinanceChecked", "Approved", "陈总裁", ""],
      ["approve", "Approved", "Paid", "钱会计", "已付"],
    ]);
    expect((await rowsOf(reopened, "AuditLog"))[0].values).toMatchObject({
      Seq: 1,
      Action: "Baseline",
      // Every plan and request as before the first step; EC-1 at its From, DA-1's blank Status as Draft; sorted by ID.
      Comment: "BAD-1=Draft;BAD-2=Draft;DA-1=Draft;EC-1=FinanceChecked;EC-2=Approved;EC-3=Paid;EC-4=Approved;EC-5=Approved;EC-6=Draft;PR-1=Approved;PR-2=Draft;RPT-1=Draft;RPT-2=Draft;ST-1=Draft;TD-1=Approved",
    });
    expect(await verifyAuditLog(reopened)).toEqual({ count: 3 });
  });

  it("refuses the submitter, another role, and a return or reject without a comment; writes nothing", async () => {
    const harness = await make(book());
    const list = await listItems(harness.tables);
    const act = (id: string, action: "approve" | "return" | "reject", name: string, role: "president" | "director" | "finance", comment = "") =>
      actOnWorkItem(harness.tables, list, { item: item(list, id), action, actor: { name, role }, comment, now: NOW });
    expect(await act("EC-1", "approve", " 李雷 ", "president")).toMatchObject({ kind: "refused", error: { code: "ownItem" } });
    expect(await act("EC-1", "approve", "王总", "director")).toMatchObject({ kind: "refused", error: { code: "roleNotAllowed", params: { needed: "president" } } });
    expect(await act("EC-1", "return", "陈总裁", "president", "  ")).toMatchObject({ kind: "refused", error: { code: "itemCommentRequired" } });
    expect(await act("EC-1", "reject", "陈总裁", "president")).toMatchObject({ kind: "refused", error: { code: "itemCommentRequired" } });
    expect(await act("EC-3", "approve", "钱会计", "finance")).toMatchObject({ kind: "refused", error: { code: "itemNotPending" } });
    expect(await act("BAD-1", "approve", "王总", "director")).toMatchObject({ kind: "refused", error: { code: "unknownChoice" } });
    expect(await harness.tables.findTable("AuditLog")).toBeUndefined();
    expect((await rowsOf(harness.tables, "Requests")).map((r) => r.values.Status)).toEqual(REQUESTS.map((r) => r[14]));
  });

  it("an approve with failed checks needs confirmFailures, and its log entry names the failures; return needs no confirmation", async () => {
    const harness = await make(book());
    let list = await listItems(harness.tables);
    const request = { item: item(list, "EC-6"), action: "approve" as const, actor: { name: "部长", role: "departmentHead" as const }, comment: "急用", now: NOW };
    expect(await actOnWorkItem(harness.tables, list, request)).toEqual({ kind: "checksFailed", failed: item(list, "EC-6").checks });
    expect(await harness.tables.findTable("AuditLog")).toBeUndefined();
    const done = await actOnWorkItem(harness.tables, list, { ...request, confirmFailures: true });
    expect(done).toMatchObject({ kind: "done", status: "DeptApproved" });
    expect(done.kind === "done" && done.entry.comment).toBe("Approved with failed checks: required fields missing (payment); budget (4000.00 > 3500.00). 急用");
    list = await listItems(harness.tables);
    const back = await actOnWorkItem(harness.tables, list, { item: item(list, "ST-1"), action: "return", actor: { name: "区经理", role: "regionalManager" }, comment: "数量未填", now: NOW });
    expect(back).toMatchObject({ kind: "done", status: "Draft", entry: { action: "return", from: "Draft", to: "Draft", comment: "数量未填" } });
  });

  it("reads a Requests table with Chinese headers, and words the failed checks of a confirmed approve in Chinese", async () => {
    const headers = ["编号", "类型", "标题", "区域", "提交人", "提交日期", "经销商", "产品", "数量", "费用类别", "金额", "支付方式", "事由", "关联编号", "状态"];
    const harness = await make({
      sheets: [
        { name: "申请", tables: [table("申请表", "A1", [headers, ["R-1", "退货", "退货申请", "华东", "小王", d("2026-03-01"), "华东商贸", null, null, null, null, null, null, null, "草稿"]])] },
      ],
    });
    const list = await listItems(harness.tables);
    const r1 = item(list, "R-1");
    expect([r1.record?.type, r1.record?.status, r1.next?.role, r1.checks]).toEqual(["return", "Draft", "marketingManager", [{ check: "requiredFields", ok: false, missing: ["amount", "reason"] }]]);
    const done = await actOnWorkItem(harness.tables, list, { item: r1, action: "approve", actor: { name: "市场经理", role: "marketingManager" }, comment: "", confirmFailures: true, now: NOW });
    expect(done.kind === "done" && done.entry.comment).toBe("检查未通过仍批准：缺少必填项（amount, reason）");
    // The baseline holds the Chinese status 草稿 by its code.
    expect((await rowsOf(await harness.reopen(), "AuditLog")).map((r) => [r.sheet, r.values.Action, r.values.Comment])).toEqual([
      ["审计日志", "Baseline", "R-1=Draft"],
      ["审计日志", "approve", "检查未通过仍批准：缺少必填项（amount, reason）"],
    ]);
  });

  it("a row changed since it was read is a conflict: nothing is written", async () => {
    const harness = await make(book());
    const list = await listItems(harness.tables);
    const ec1 = item(list, "EC-1");
    const tables = await harness.editByUser("Requests", `K${ec1.row.row}`, 9000);
    expect(await actOnWorkItem(tables, list, { item: ec1, action: "approve", actor: { name: "陈总裁", role: "president" }, comment: "", now: NOW })).toMatchObject({ kind: "conflict" });
    expect((await rowsOf(tables, "Requests"))[0].values).toMatchObject({ Status: "FinanceChecked", Amount: 9000 });
    expect(await tables.findTable("AuditLog")).toBeUndefined();
  });

  it("the Workflows table replaces the chains it lists; a broken chain is reported and nobody acts on its items", async () => {
    const workflows: Row[] = [
      // Expense claims skip finance's check: the department head, then the company leader, then finance pays.
      ["费用报销", 1, "Draft", "DeptApproved", "部门负责人"],
      ["Expense claim", 2, "DeptApproved", "Approved", "公司领导"],
      ["expenseClaim", 3, "Approved", "Paid", "finance"],
      // Stock transfers: a loop back to Draft.
      ["调货申请", 1, "Draft", "ManagerApproved", "regionalManager"],
      ["调货申请", 2, "ManagerApproved", "Draft", "director"],
    ];
    const harness = await make(book({ workflows }));
    const list = await listItems(harness.tables);
    expect(list.chains.expenseClaim.steps.map((s) => [s.from, s.to, s.role])).toEqual([["Draft", "DeptApproved", "departmentHead"], ["DeptApproved", "Approved", "president"], ["Approved", "Paid", "finance"]]);
    expect(list.chainProblems.map((p) => [p.sheet, p.row, p.error.code])).toEqual([["Workflows", 6, "workflowLoop"]]);
    // EC-1 is FinanceChecked, a status the new chain no longer has: no step waits on it.
    expect(item(list, "EC-1").next).toBeUndefined();
    expect(item(list, "ST-1").next).toBeUndefined();
    expect(item(list, "RPT-1").next?.role).toBe("director");
    expect(await actOnWorkItem(harness.tables, list, { item: item(list, "ST-1"), action: "approve", actor: { name: "区经理", role: "regionalManager" }, comment: "", now: NOW })).toMatchObject({
      kind: "refused",
      error: { code: "workflowBroken" },
    });
    const check = await checkWorkbook(harness.tables);
    expect(check.problems.filter((p) => p.sheet === "Workflows").map((p) => [p.row, p.error.code])).toEqual([[6, "workflowLoop"]]);
  });

  describe("a plan type given an extra step by the Workflows table (SPEC §5.3)", () => {
    // Marketing plans checked by finance before the director approves; MP-2's cell names its status in Chinese.
    const workflows: Row[] = [
      ["营销计划", 1, "Draft", "Reviewed", "marketingAssistant"],
      ["Marketing plan", 2, "Reviewed", "FinanceChecked", "财务"],
      ["marketingPlan", 3, "FinanceChecked", "Approved", "director"],
    ];
    const mp = (id: string, status: string): Row => [id, "营销计划", `plan ${id}`, "华东", "孙丽", d("2026-04-01"), d("2026-09-01"), "品牌", "经销商", "门店", "Market events", 2000, status];
    const plans = [...PLANS.slice(1), mp("MP-1", "Reviewed"), mp("MP-2", "财务已审核")];
    const requests = REQUESTS.slice(0, 1);
    const director = { name: "王总", role: "director" } as const;
    const finance = { name: "钱会计", role: "finance" } as const;

    it("plans in the new step's status are read, finance and then the director act, and each step is logged", async () => {
      const harness = await make(book({ plans, requests, workflows }));
      let list = await listItems(harness.tables);
      expect(list.chainProblems).toEqual([]);
      expect(list.chains.marketingPlan.origin).toBe("workflows");
      expect(["MP-1", "MP-2", "EC-1"].map((id) => [item(list, id).record?.status, item(list, id).problems, item(list, id).next?.role])).toEqual([
        ["Reviewed", [], "finance"],
        ["FinanceChecked", [], "director"],
        // A claim in the same status is the president's: each type its own chain.
        ["FinanceChecked", [], "president"],
      ]);
      expect(itemsWaitingFor(list, finance).map(itemId)).toEqual(["MP-1"]);
      expect(itemsWaitingFor(list, director).map(itemId)).toEqual(["PR-2", "MP-2"]);
      expect(await actOnWorkItem(harness.tables, list, { item: item(list, "MP-1"), action: "approve", actor: director, comment: "", now: NOW })).toMatchObject({
        kind: "refused",
        error: { code: "roleNotAllowed", params: { needed: "finance", value: "FinanceChecked" } },
      });
      const checked = await actOnWorkItem(harness.tables, list, { item: item(list, "MP-1"), action: "approve", actor: finance, comment: "预算已核", now: NOW });
      expect(checked).toMatchObject({ kind: "done", status: "FinanceChecked", entry: { planId: "MP-1", action: "approve", from: "Reviewed", to: "FinanceChecked", actor: "钱会计", role: "finance", comment: "预算已核" } });
      list = await listItems(harness.tables);
      expect(item(list, "MP-1").next).toMatchObject({ from: "FinanceChecked", to: "Approved", role: "director" });
      const approved = await actOnWorkItem(harness.tables, list, { item: item(list, "MP-1"), action: "approve", actor: director, comment: "", now: NOW });
      expect(approved).toMatchObject({ kind: "done", status: "Approved", entry: { planId: "MP-1", action: "approve", from: "FinanceChecked", to: "Approved", actor: "王总", role: "director" } });
      const reopened = await harness.reopen();
      expect((await rowsOf(reopened, "Plans")).map((r) => [r.values.ID, r.values.Status])).toEqual([["PR-1", "Approved"], ["PR-2", "Draft"], ["MP-1", "Approved"], ["MP-2", "财务已审核"]]);
      expect((await itemHistory(reopened, "MP-1")).map((r) => [r.entry.action, r.entry.from, r.entry.to, r.entry.actor, r.baselineStatus])).toEqual([
        ["Baseline", "", "", "钱会计", "Reviewed"],
        ["approve", "Reviewed", "FinanceChecked", "钱会计", undefined],
        ["approve", "FinanceChecked", "Approved", "王总", undefined],
      ]);
      // The Baseline holds MP-2's Chinese status by its code; the cell is not reported against it.
      expect(String((await rowsOf(reopened, "AuditLog"))[0].values.Comment)).toBe("EC-1=FinanceChecked;MP-1=Reviewed;MP-2=FinanceChecked;PR-1=Approved;PR-2=Draft");
      expect(await verifyAuditLog(reopened)).toEqual({ count: 3 });
      expect(item(await listItems(reopened), "MP-2").mismatch).toBeUndefined();
    });

    it("without the Workflows table, a plan in FinanceChecked is read but waits on nobody: acting on it is refused, nothing is written", async () => {
      const harness = await make(book({ plans, requests }));
      const list = await listItems(harness.tables);
      expect(list.chains.marketingPlan.origin).toBe("default");
      const mp2 = item(list, "MP-2");
      // A status of the workflows, not of the default chain: the row reads, with its checks, and nobody's step leaves it.
      expect([mp2.record?.status, mp2.problems, mp2.next, mp2.checks.map((c) => c.ok)]).toEqual(["FinanceChecked", [], undefined, [true, true]]);
      expect(item(list, "MP-1").next).toMatchObject({ from: "Reviewed", to: "Approved", role: "director" });
      expect(standingOf(mp2, director)).toBe("none");
      expect(standingOf(mp2, finance)).toBe("none");
      expect(itemsWaitingFor(list, director).map(itemId)).toEqual(["PR-2", "MP-1"]);
      expect(itemsWaitingFor(list, finance).map(itemId)).toEqual([]);
      for (const [action, comment] of [["approve", ""], ["return", "重做"], ["reject", "不行"]] as const) {
        expect(await actOnWorkItem(harness.tables, list, { item: mp2, action, actor: director, comment, now: NOW })).toEqual({
          kind: "refused",
          error: { kind: "value", code: "itemNotPending", params: { id: "MP-2", status: "FinanceChecked" } },
        });
      }
      expect(await harness.tables.findTable("AuditLog")).toBeUndefined();
      expect((await rowsOf(harness.tables, "Plans")).map((r) => r.values.Status)).toEqual(["Approved", "Draft", "Reviewed", "财务已审核"]);
      expect((await checkWorkbook(harness.tables)).problems.filter((p) => p.sheet === "Plans")).toEqual([]);
    });
  });

  it("check lists unreadable Requests rows, and no missing Requests or Workflows table", async () => {
    const harness = await make(book());
    const check = await checkWorkbook(harness.tables);
    expect(check.problems.filter((p) => p.sheet === "Requests").map((p) => [p.row, p.error.code])).toEqual([[13, "unknownChoice"], [14, "implausibleDate"]]);
    expect(check.found.map((f) => f.kind)).toEqual(expect.arrayContaining(["Plans", "Requests", "Budget"]));
    expect(check.missing).not.toContain("Workflows");
    const plansOnly = await make({ sheets: [{ name: "Plans", tables: [table("Plans", "A1", PLANS)] }] });
    const without = await checkWorkbook(plansOnly.tables);
    expect(without.missing).not.toContain("Requests");
    expect(without.missing).not.toContain("Workflows");
    expect(without.found.map((f) => f.kind)).toEqual(["Plans"]);
  });
});

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 3 })],
])("acting on a request on %s: the status and the log entry are written together or not at all", (_name, make) => {
  it("with a failure injected at each write step", async () => {
    const fixture = book({ requests: REQUESTS.slice(0, 2), auditLog: true });
    const act = async (t: WorkbookTables) => {
      const list = await listItems(t);
      return actOnWorkItem(t, list, { item: item(list, "EC-1"), action: "approve", actor: { name: "陈总裁", role: "president" }, comment: "", now: NOW });
    };
    const snapshot = async (t: WorkbookTables) => ({ status: (await rowsOf(t, "Requests"))[0].values.Status, log: (await rowsOf(t, "AuditLog")).map((r) => r.values), head: (await rowsOf(t, "AuditHead")).map((r) => r.values) });
    // A failed read of Budget leaves the claim's budget check failed: then nothing is written either (not "done").
    const { before, after, steps } = await eachWriteFailure(make, fixture, act, snapshot, (o) => o.kind === "done");
    expect(after).not.toEqual(before);
    // The Baseline and the step's entry are one append: both are there, or neither.
    expect(after.log.map((v) => v.Action)).toEqual(["Baseline", "approve"]);
    expect(after.head).toEqual([expect.objectContaining({ Count: 2 })]);
    expect(steps).toBeGreaterThan(0);
  });
});
