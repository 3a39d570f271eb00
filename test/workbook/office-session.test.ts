import { actOnWorkItem, listItems, verifyAuditLog } from "../../src/services";
import { ExcelSession } from "../../src/workbook/office-session";
import { fakeExcel } from "../support/fake-excel";
import { buildFakeWorkbook } from "./harness";

const PLANS = {
  sheets: [
    {
      name: "Plans",
      tables: [
        {
          name: "Plans",
          at: "A1",
          rows: [
            ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Start", "Purpose", "Audience", "Channels", "Category", "Budget", "Status"],
            ["P-1", "促销计划", "春节促销", "华南", "刘晓燕", new Date(Date.UTC(2025, 11, 1)), new Date(Date.UTC(2026, 0, 20)), "拉动动销", "家庭", "商超", "市场活动", 1000, "Draft"],
          ],
        },
      ],
    },
  ],
};

describe("ExcelSession: the pane's services in Excel.run over Office.js (fake Excel)", () => {
  const original = (globalThis as { Excel?: unknown }).Excel;
  afterEach(() => {
    (globalThis as { Excel?: unknown }).Excel = original;
  });

  test("each run is one Excel.run; a plan approved there is in the workbook and the log", async () => {
    const model = buildFakeWorkbook(PLANS);
    let runs = 0;
    (globalThis as { Excel?: unknown }).Excel = {
      run: (fn: (context: Excel.RequestContext) => Promise<unknown>) => {
        runs++;
        return fn(fakeExcel(model).asRequestContext());
      },
    };
    const session = new ExcelSession();
    const list = await session.run((tables) => listItems(tables));
    const actor = { name: "王建华", role: "director" as const };
    // The workbook has no Budget table, so the plan's budget check fails: approved all the same.
    const outcome = await session.run((tables) => actOnWorkItem(tables, list, { item: list.items[0], action: "approve", actor, comment: "", confirmFailures: true }));
    expect(outcome).toMatchObject({ kind: "done", status: "DirectorApproved" });
    const after = await session.run((tables) => listItems(tables));
    expect(after.items[0].record?.status).toBe("DirectorApproved");
    // The Baseline (SPEC §5.4) and the step's entry.
    await expect(session.run((tables) => verifyAuditLog(tables))).resolves.toEqual({ count: 2 });
    expect(runs).toBe(4);
  });
});
