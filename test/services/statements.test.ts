import { actOnWorkItem, appendAuditEntry, bonusStatements, budgetReport, itemId, itemHistory, itemsWaitingFor, listItems, refreshRebates, standingOf, verifyAuditLog } from "../../src/services";
import type { WorkbookTables } from "../../src/workbook";
import { makeXlsxHarness, makeOfficeHarness, type Fixture, type MakeHarness } from "../workbook/harness";
import { d, eachWriteFailure, PURCHASE_ROWS, rebateBook, rowsOf, table } from "./fixtures";
import { item } from "./flows-fixture";

/** SPEC 1.2's two worked examples as a sponsor tree: 经理 sponsors four SRs of 20,000 each. */
function bonusBook(extra: (string | null)[][] = []): Fixture {
  const recruits = ["甲", "乙", "丙", "丁"];
  return {
    sheets: [
      {
        name: "销售",
        tables: [
          table("Sales", "A1", [
            ["业务员", "日期", "金额"],
            ["王芳", d("2026-03-10"), 15000],
            ["王芳", d("2026-03-25"), 5000],
            ["经理", d("2026-03-20"), 20000],
            ["经理", d("2026-03-21"), 10000],
            ...recruits.map((r) => [r, d("2026-03-05"), 20000]),
            ["王芳", d("2026-04-02"), 99999],
          ]),
        ],
      },
      {
        name: "Reps",
        tables: [table("Reps", "A1", [["Rep", "Sponsor", "Rank"], ["经理", null, "SM"], ["王芳", null, "SR"], ...recruits.map((r) => [r, "经理", null]), ...extra])],
      },
    ],
  };
}

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 3 })],
])("services on %s", (_name, make) => {
  describe("bonusStatements", () => {
    it("gives SPEC 1.2's worked examples from the Sales and Reps tables, in Chinese headers", async () => {
      const harness = await make(bonusBook());
      const outcome = await bonusStatements(harness.tables, { year: 2026, month: 3 });
      expect(outcome).toMatchObject({ kind: "written", summary: { statements: 6 } });
      const reopened = await harness.reopen();
      const rows = await rowsOf(reopened, "Bonuses");
      const of = (rep: string) => rows.find((r) => r.values.Rep === rep)?.values;
      expect(of("王芳")).toMatchObject({ SalesBy20th: 15000, MonthSales: 20000, Rank: "SE", Base: 3076.92, MorningStar: 1500, OpeningStar: 1000, Override: 0, Total: 5576.92, PayDate: d("2026-05-10"), Month: d("2026-03-01") });
      expect(of("经理")).toMatchObject({ SalesBy20th: 20000, MonthSales: 30000, SponsoredSales: 80000, SponsoredCount: 4, Rank: "SM", Base: 4615.38, MorningStar: 4000, OpeningStar: 2000, Override: 4000, Total: 14615.38 });
      expect(of("王芳")).toMatchObject({ ConfirmedRank: "SR", RankDiffers: true });
      expect(of("经理")).toMatchObject({ RankDiffers: false });
      expect((await reopened.findTable("Bonuses"))?.headers.slice(0, 3)).toEqual(["业务员", "月份", "20日前业绩"]);
    });

    it("keeps other months' statements and writes nothing when the month is unchanged", async () => {
      const harness = await make(bonusBook());
      await bonusStatements(harness.tables, { year: 2026, month: 3 });
      await bonusStatements(harness.tables, { year: 2026, month: 4 });
      expect(await bonusStatements(harness.tables, { year: 2026, month: 3 })).toMatchObject({ kind: "unchanged" });
      const rows = await rowsOf(await harness.reopen(), "Bonuses");
      expect(rows).toHaveLength(12);
      expect(rows.find((r) => r.values.Rep === "王芳" && (r.values.Month as Date).getUTCMonth() === 3)?.values.MonthSales).toBe(99999);
    });

    it("a month without any sale is a problem (most likely the wrong month), and nothing is written", async () => {
      const harness = await make(bonusBook());
      expect(await bonusStatements(harness.tables, { year: 2026, month: 7 })).toMatchObject({ kind: "problems", problems: [{ sheet: "销售", row: 0, error: { code: "noRowsInPeriod", params: { period: "2026-07" } } }] });
      expect(await harness.sheetNames()).toEqual(["销售", "Reps"]);
    });

    it("a sponsor cycle or an unknown sponsor is reported with its rows, and nothing is written", async () => {
      const harness = await make(bonusBook([["A", "B", null], ["B", "A", null], ["C", "Nobody", null]]));
      const outcome = await bonusStatements(harness.tables, { year: 2026, month: 3 });
      expect(outcome.kind).toBe("problems");
      const codes = outcome.kind === "problems" ? outcome.problems.map((p) => [p.sheet, p.row, p.error.code]) : [];
      expect(codes).toEqual(expect.arrayContaining([["Reps", 10, "sponsorUnknown"], ["Reps", 8, "sponsorCycle"]]));
      expect(await harness.sheetNames()).toEqual(["销售", "Reps"]);
    });
  });

  describe("budgetReport", () => {
    const budgetBook: Fixture = {
      sheets: [
        {
          name: "Budget",
          tables: [
            table("Budget", "A1", [
              ["Category", "Month", "Budget", "Actual"],
              ["Advertising", d("2026-01-01"), 10000, 12000],
              ["Advertising", "2026-02", 10000, 9000],
              ["Market research", d("2026-01-01"), 5000, 5100],
              ["Market research", d("2026-02-01"), 5000, null],
            ]),
          ],
        },
      ],
    };

    it("variance and status per category and month; a month not booked yet is a NOT BOOKED row with its budget", async () => {
      const harness = await make(budgetBook);
      const outcome = await budgetReport(harness.tables, { year: 2026 });
      expect(outcome).toMatchObject({ kind: "written", summary: { over: 1, notBooked: 1 } });
      const rows = (await rowsOf(await harness.reopen(), "BudgetReport")).map((r) => r.values);
      expect(rows).toEqual([
        { Category: "Market research", Period: "2026-01", Budget: 5000, Actual: 5100, Variance: 100, Percent: 0.02, Status: "ON TRACK", Favourable: "U" },
        { Category: "Advertising", Period: "2026-01", Budget: 10000, Actual: 12000, Variance: 2000, Percent: 0.2, Status: "OVER", Favourable: "U" },
        { Category: "Market research", Period: "2026-02", Budget: 5000, Actual: null, Variance: null, Percent: null, Status: "NOT BOOKED", Favourable: null },
        { Category: "Advertising", Period: "2026-02", Budget: 10000, Actual: 9000, Variance: -1000, Percent: -0.1, Status: "UNDER", Favourable: "F" },
      ]);
    });

    it("year to date sums the booked months from January; a month in it not booked yet is listed on its own", async () => {
      const harness = await make(budgetBook);
      const outcome = await budgetReport(harness.tables, { year: 2026, month: 2, yearToDate: true });
      expect(outcome.kind === "problems" ? [] : outcome.summary.rows.map((r) => [r.category, r.period, r.budget, r.actual ?? null, r.status])).toEqual([
        ["Market research", "2026-01…2026-02", 5000, 5100, "ON TRACK"],
        ["Advertising", "2026-01…2026-02", 20000, 21000, "ON TRACK"],
        ["Market research", "2026-02", 5000, null, "NOT BOOKED"],
      ]);
    });

    it("a period without any Budget row is a problem, not an empty report", async () => {
      const harness = await make(budgetBook);
      expect(await budgetReport(harness.tables, { year: 2025, month: 3, yearToDate: true })).toMatchObject({ kind: "problems", problems: [{ row: 0, error: { code: "noRowsInPeriod", params: { period: "2025-01 → 2025-03" } } }] });
    });

    it("an empty Budget table is a problem, and nothing is written", async () => {
      const harness = await make({ sheets: [{ name: "B", tables: [table("Budget", "A1", [["Category", "Month", "Budget", "Actual"]])] }] });
      expect(await budgetReport(harness.tables, { year: 2026 })).toMatchObject({ kind: "problems", problems: [{ sheet: "B", row: 0, error: { code: "tableEmpty" } }] });
      expect(await harness.sheetNames()).toEqual(["B"]);
    });

    it("text in an amount cell is reported at its row", async () => {
      const harness = await make({ sheets: [{ name: "B", tables: [table("Budget", "C3", [["类别", "月份", "预算", "实际"], ["广告投放", "2026-01", "一万", 1]])] }] });
      expect(await budgetReport(harness.tables, { year: 2026 })).toMatchObject({ kind: "problems", problems: [{ sheet: "B", row: 4, error: { code: "notANumber", params: { arg: "预算", value: "一万" } } }] });
    });
  });

  describe("audit log", () => {
    const entry = (planId: string, comment = "") => ({ time: "2026-03-01T08:00:00.000Z", planId, action: "approve", from: "Draft", to: "Reviewed", actor: "李明", role: "marketingAssistant", comment });

    it("appends chained entries, verifies them, and names the first altered, inserted or deleted row", async () => {
      const harness = await make({ sheets: [{ name: "Plans", cells: [{ at: "A1", rows: [["x"]] }] }] });
      for (const id of ["P1", "P2", "P1", "P3"]) await appendAuditEntry(harness.tables, entry(id, `ok ${id}`), "en");
      // The log starts with its Baseline (SPEC §5.4; no Plans table, so no items; empty cells read back blank): 1 + 4 entries.
      expect(await verifyAuditLog(harness.tables)).toEqual({ count: 5 });
      expect((await rowsOf(harness.tables, "AuditLog"))[0].values).toMatchObject({ Seq: 1, Action: "Baseline", PlanID: null, Comment: null });
      expect((await itemHistory(harness.tables, "P1")).map((r) => r.entry.seq)).toEqual([2, 4]);

      const log = await harness.tables.findTable("AuditLog");
      const rows = await rowsOf(harness.tables, "AuditLog");
      if (!log) throw new Error("no AuditLog");
      await harness.tables.updateRow(log, rows[2], { Comment: "edited later" });
      expect(await verifyAuditLog(await harness.reopen())).toEqual({ count: 5, break: { kind: "altered", sheet: "AuditLog", row: rows[2].row, error: { kind: "value", code: "auditAltered", params: {} } } });

      await harness.tables.updateRow(log, (await rowsOf(harness.tables, "AuditLog"))[2], { Comment: rows[2].values.Comment });
      await harness.tables.replaceRows(log, [rows[0], rows[2], rows[3], rows[4]].map((r) => r.values));
      expect(await verifyAuditLog(harness.tables)).toMatchObject({ break: { kind: "deleted", row: rows[1].row, error: { code: "auditDeleted", params: { from: 2, to: 2 } } } });
    });

    it("rows cut off the end of the log are noticed through the head kept apart from it", async () => {
      const harness = await make({ sheets: [{ name: "Plans", cells: [{ at: "A1", rows: [["x"]] }] }] });
      for (const id of ["P1", "P2", "P3"]) await appendAuditEntry(harness.tables, entry(id), "zh");
      const log = await harness.tables.findTable("AuditLog");
      if (!log) throw new Error("no AuditLog");
      expect(log.headers[0]).toBe("序号");
      const rows = await rowsOf(harness.tables, "AuditLog");
      await harness.tables.replaceRows(log, rows.slice(0, 2).map((r) => r.values));
      expect(await verifyAuditLog(await harness.reopen())).toEqual({
        count: 2,
        break: { kind: "truncated", sheet: "审计日志", row: rows[1].row, error: { kind: "value", code: "auditTruncated", params: { expected: 4, actual: 2 } } },
      });
    });
  });

  describe("plans", () => {
    const plansBook: Fixture = {
      sheets: [
        {
          name: "Plans",
          tables: [
            table("Plans", "A1", [
              ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Start", "Purpose", "Audience", "Channels", "Category", "Budget", "Status"],
              ["PR-1", "促销计划", "春季促销", "华东", "赵敏", d("2026-01-05"), d("2026-03-01"), "拉新", "经销商", "门店", "Market events", 8000, "Draft"],
              ["MA-1", "Marketing activity", "Roadshow", "South", "Tom", d("2026-02-20"), d("2026-03-01"), "Awareness", "", "Events", "Market events", 50000, "Draft"],
            ]),
          ],
        },
        { name: "Budget", tables: [table("Budget", "A1", [["Category", "Month", "Budget", "Actual"], ["市场活动", d("2026-01-01"), 30000, 10000], ["Market events", d("2025-12-01"), 99999, 0]])] },
      ],
    };

    it("a promotion plan goes Draft → DirectorApproved → Approved through two people, each step logged", async () => {
      const harness = await make(plansBook);
      let list = await listItems(harness.tables);
      expect(itemsWaitingFor(list, { name: "王总", role: "director" }).map(itemId)).toEqual(["PR-1"]);
      // 赵敏 submitted PR-1: it waits for her role, but it is not hers to act on.
      expect(itemsWaitingFor(list, { name: " 赵敏 ", role: "director" })).toEqual([]);
      expect(standingOf(item(list, "PR-1"), { name: "赵敏", role: "director" })).toBe("ownItem");
      const first = await actOnWorkItem(harness.tables, list, { item: item(list, "PR-1"), action: "approve", actor: { name: "王总", role: "director" }, comment: "" });
      expect(first).toMatchObject({ kind: "done", status: "DirectorApproved" });
      list = await listItems(harness.tables);
      expect(itemsWaitingFor(list, { name: "陈总裁", role: "president" }).map(itemId)).toEqual(["PR-1"]);
      const second = await actOnWorkItem(harness.tables, list, { item: item(list, "PR-1"), action: "approve", actor: { name: "陈总裁", role: "president" }, comment: "同意" });
      expect(second).toMatchObject({ kind: "done", status: "Approved", entry: { planId: "PR-1", action: "approve", from: "DirectorApproved", to: "Approved", actor: "陈总裁", role: "president", comment: "同意" } });
      const reopened = await harness.reopen();
      expect((await rowsOf(reopened, "Plans"))[0].values.Status).toBe("Approved");
      expect((await itemHistory(reopened, "PR-1")).map((r) => [r.baselineStatus, r.entry.from, r.entry.to, r.entry.actor])).toEqual([
        ["Draft", "", "", "王总"],
        [undefined, "Draft", "DirectorApproved", "王总"],
        [undefined, "DirectorApproved", "Approved", "陈总裁"],
      ]);
      // The first write started the log with a Baseline of both plans as they were before it.
      expect((await rowsOf(reopened, "AuditLog"))[0].values).toMatchObject({ Seq: 1, Action: "Baseline", Actor: "王总", Comment: "MA-1=Draft;PR-1=Draft" });
      expect(await verifyAuditLog(reopened)).toEqual({ count: 3 });
    });

    it("shows the automatic checks: missing fields, lead time, remaining category budget (categories match across languages)", async () => {
      const harness = await make(plansBook);
      const { items } = await listItems(harness.tables);
      expect(items[0].checks).toEqual([
        { check: "requiredFields", ok: true, missing: [] },
        { check: "budget", ok: true, budget: 8000, remaining: 20000 },
      ]);
      expect(items[1].checks).toEqual([
        { check: "requiredFields", ok: false, missing: ["audience"] },
        { check: "leadTime", ok: false, deadline: new Date(2026, 1, 1) },
        { check: "budget", ok: false, budget: 50000, remaining: 20000 },
      ]);
    });

    it("the budget check also counts the other plans of the category and year already Approved (SPEC §5.1)", async () => {
      const approved = ["PR-0", "Promotion plan", "冬季促销", "华东", "赵敏", d("2025-12-01"), d("2026-01-10"), "拉新", "经销商", "门店", "市场活动", 15000, "Approved"];
      const lastYear = ["PR-00", "Promotion plan", "旧", "华东", "赵敏", d("2025-01-01"), d("2025-02-10"), "拉新", "经销商", "门店", "市场活动", 5000, "Approved"];
      const [plans, budget] = plansBook.sheets;
      const [header, ...rows] = (plans.tables ?? [])[0].rows;
      const harness = await make({ sheets: [{ name: "Plans", tables: [table("Plans", "A1", [header, ...rows, approved, lastYear])] }, budget] });
      const { items } = await listItems(harness.tables);
      // 2026: 30,000 − 10,000 actual − PR-0's 15,000 = 5,000 for the others; PR-0 itself sees 20,000.
      expect(items.map((i) => [i.record?.id, i.checks.find((c) => c.check === "budget")])).toEqual([
        ["PR-1", { check: "budget", ok: false, budget: 8000, remaining: 5000 }],
        ["MA-1", { check: "budget", ok: false, budget: 50000, remaining: 5000 }],
        ["PR-0", { check: "budget", ok: true, budget: 15000, remaining: 20000 }],
        ["PR-00", { check: "budget", ok: true, budget: 5000, remaining: 99999 }],
      ]);
    });

    it("refuses the plan's own submitter and a return without a comment; writes nothing", async () => {
      const harness = await make(plansBook);
      const list = await listItems(harness.tables);
      const pr1 = item(list, "PR-1");
      expect(await actOnWorkItem(harness.tables, list, { item: pr1, action: "approve", actor: { name: "赵敏", role: "director" }, comment: "" })).toMatchObject({ kind: "refused", error: { code: "ownItem", params: { id: "PR-1" } } });
      expect(await actOnWorkItem(harness.tables, list, { item: pr1, action: "return", actor: { name: "王总", role: "director" }, comment: " " })).toMatchObject({ kind: "refused", error: { code: "itemCommentRequired", params: { action: "return", id: "PR-1" } } });
      expect(await harness.tables.findTable("AuditLog")).toBeUndefined();
      expect((await rowsOf(harness.tables, "Plans")).map((r) => r.values.Status)).toEqual(["Draft", "Draft"]);
    });
  });
});

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 3 })],
])("all or nothing on %s: a failure injected at each write step", (_name, make) => {
  /** Runs `act` once cleanly to count its steps, then once per step and fault variant with a failure there. */
  async function eachFailure(fixture: Fixture, act: (tables: WorkbookTables) => Promise<unknown>, snapshot: (tables: WorkbookTables) => Promise<unknown>) {
    const { before, after } = await eachWriteFailure(make, fixture, act, snapshot);
    expect(after).not.toEqual(before);
  }

  it("bonusStatements: the Bonuses table is the old one or the new one, whole", async () => {
    const old = table("Bonuses", "A1", [["Rep", "Month", "SalesBy20th", "MonthSales", "SponsoredSales", "SponsoredCount", "Rank", "Base", "MorningStar", "OpeningStar", "Override", "Total", "PayDate"], ["旧", d("2026-03-01"), 0, 0, 0, 0, "PC", 0, 0, 0, 0, 0, d("2026-05-10")]]);
    const fixture = bonusBook();
    const withOld: Fixture = { sheets: [...fixture.sheets, { name: "Bonuses", tables: [old] }] };
    await eachFailure(withOld, (t) => bonusStatements(t, { year: 2026, month: 3 }), async (t) => (await rowsOf(t, "Bonuses")).map((r) => r.values));
  });

  it("acting on a plan: the status and the log entry are written together or not at all", async () => {
    const fixture: Fixture = {
      sheets: [
        { name: "Plans", tables: [table("Plans", "A1", [["ID", "Type", "Title", "Owner", "Submitted", "Start", "Purpose", "Audience", "Channels", "Category", "Budget", "Status"], ["PR-9", "Promotion plan", "T", "赵敏", d("2026-01-05"), d("2026-03-01"), "p", "a", "c", "Market events", 1, "Draft"]])] },
        { name: "AuditLog", tables: [table("AuditLog", "A1", [["Seq", "Time", "PlanID", "Action", "From", "To", "Actor", "Role", "Comment", "Hash"]])] },
      ],
    };
    // No Budget table, so the budget check fails: the director approves all the same.
    const act = async (t: WorkbookTables) => {
      const list = await listItems(t);
      return actOnWorkItem(t, list, { item: item(list, "PR-9"), action: "approve", actor: { name: "王总", role: "director" }, comment: "", confirmFailures: true, now: new Date(Date.UTC(2026, 0, 10)) });
    };
    const snapshot = async (t: WorkbookTables) => ({ status: (await rowsOf(t, "Plans"))[0].values.Status, log: (await rowsOf(t, "AuditLog")).map((r) => r.values), head: (await rowsOf(t, "AuditHead")).map((r) => r.values) });
    await eachFailure(fixture, act, snapshot);
  });
});

describe("Office.js sync calls do not grow with the rows read", () => {
  const manyPurchases = (n: number) => [PURCHASE_ROWS[0], ...Array.from({ length: n }, (_, i) => [`Dealer ${i % 50}`, d("2025-05-01"), 1000 + i, "purchase"])];

  it("refreshRebates over 200 and 5,000 purchase rows takes the same number of syncs", async () => {
    const counts: number[] = [];
    for (const n of [200, 5000]) {
      const harness = await makeOfficeHarness()(rebateBook({ purchases: manyPurchases(n) }));
      await refreshRebates(harness.tables, { year: 2025 });
      counts.push(harness.context.syncCount);
    }
    expect(counts[1]).toBe(counts[0]);
    // A fixed handful: find, read and write each table, whatever its size.
    expect(counts[0]).toBeLessThanOrEqual(25);
  });
});
