import { actOnItem, DEFAULT_CHAINS, nextStepOf, parsePlanType, planChecks, type Plan } from "../../src/rules";

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
const plan = (over: Partial<Plan> = {}): Plan => ({
  id: "P-001", type: "promotionPlan", title: "华东区国庆促销", owner: "李娜", submitted: d(2026, 8, 1), start: d(2026, 10, 1),
  region: "华东", purpose: "提升销量", audience: "老客户", channels: "门店、微信", category: "市场活动", budget: 50_000, status: "Draft", ...over,
});
const director = { name: "赵总监", role: "director" as const };

describe("plans on their chains", () => {
  // Plans move by actOnItem like every item; its refusals (own item, role, comment, order) are in workflows.test.ts.
  it.each([
    ["promotionPlan", "Draft", "director", "DirectorApproved"], ["promotionPlan", "DirectorApproved", "president", "Approved"],
    ["marketingPlan", "Draft", "marketingAssistant", "Reviewed"], ["marketingPlan", "Reviewed", "director", "Approved"],
    ["marketingActivity", "Draft", "marketingDept", "Reviewed"], ["marketingActivity", "Reviewed", "director", "Approved"],
    ["expenseBudget", "Draft", "marketingDept", "Compiled"], ["expenseBudget", "Compiled", "director", "Approved"],
  ] as const)("%s at %s: %s approves to %s", (type, status, role, to) => {
    expect(nextStepOf(DEFAULT_CHAINS, type, status)).toMatchObject({ from: status, to, role });
    expect(actOnItem(DEFAULT_CHAINS, plan({ type, status }), "approve", { name: "someone", role }, "")).toBe(to);
  });
  it("approved and rejected plans have no pending step", () => {
    expect(nextStepOf(DEFAULT_CHAINS, "promotionPlan", "Approved")).toBeUndefined();
    expect(actOnItem(DEFAULT_CHAINS, plan({ status: "Approved" }), "approve", director, "")).toEqual({ kind: "value", code: "itemNotPending", params: { id: "P-001", status: "Approved" } });
    expect(actOnItem(DEFAULT_CHAINS, plan({ status: "Rejected" }), "approve", director, "")).toMatchObject({ code: "itemNotPending" });
  });
  it("plan types are read in English or Chinese", () => {
    expect(parsePlanType(" Promotion  plan ")).toBe("promotionPlan");
    expect(parsePlanType("营销活动")).toBe("marketingActivity");
    expect(parsePlanType("other")).toBeUndefined();
    expect(parsePlanType("Expense claim")).toBeUndefined();
  });
});

describe("automatic checks", () => {
  it("required fields", () => {
    const [required] = planChecks(plan({ purpose: "", budget: undefined }), { remaining: 1e9 });
    expect(required).toEqual({ check: "requiredFields", ok: false, missing: ["purpose", "budget"] });
  });
  it("an activity must be submitted at least one month before it starts", () => {
    const onTime = planChecks(plan({ type: "marketingActivity", submitted: d(2026, 2, 28), start: d(2026, 3, 31) }), { remaining: 1e9 });
    const late = planChecks(plan({ type: "marketingActivity", submitted: d(2026, 3, 1), start: d(2026, 3, 31) }), { remaining: 1e9 });
    expect(onTime[1]).toEqual({ check: "leadTime", ok: true, deadline: d(2026, 2, 28) });
    expect(late[1]).toMatchObject({ check: "leadTime", ok: false });
  });
  it("the plan's budget against what remains of its category", () => {
    expect(planChecks(plan(), { remaining: 50_000 })[1]).toEqual({ check: "budget", ok: true, budget: 50_000, remaining: 50_000 });
    expect(planChecks(plan(), { remaining: 49_999.99 })[1]).toMatchObject({ ok: false });
    expect(planChecks(plan(), undefined)[1]).toMatchObject({ ok: false, remaining: undefined });
  });
});
