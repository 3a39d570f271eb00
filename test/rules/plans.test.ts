import { actOnPlan, nextStep, parsePlanStatus, parsePlanType, planChecks, type Plan } from "../../src/rules";

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
const plan = (over: Partial<Plan> = {}): Plan => ({
  id: "P-001", type: "promotionPlan", title: "华东区国庆促销", owner: "李娜", submitted: d(2026, 8, 1), start: d(2026, 10, 1),
  region: "华东", purpose: "提升销量", audience: "老客户", channels: "门店、微信", category: "市场活动", budget: 50_000, status: "Draft", ...over,
});
const director = { name: "赵总监", role: "director" as const };
const president = { name: "钱总裁", role: "president" as const };

describe("approval chains", () => {
  it("a promotion plan goes Draft → DirectorApproved → Approved through director and president", () => {
    expect(actOnPlan(plan(), "approve", director, "")).toBe("DirectorApproved");
    expect(actOnPlan(plan({ status: "DirectorApproved" }), "approve", president, "")).toBe("Approved");
  });
  it.each([
    ["marketingPlan", "Draft", "marketingAssistant", "Reviewed"], ["marketingPlan", "Reviewed", "director", "Approved"],
    ["marketingActivity", "Draft", "marketingDept", "Reviewed"], ["marketingActivity", "Reviewed", "director", "Approved"],
    ["expenseBudget", "Draft", "marketingDept", "Compiled"], ["expenseBudget", "Compiled", "director", "Approved"],
  ] as const)("%s at %s: %s approves to %s", (type, status, role, to) => {
    expect(actOnPlan(plan({ type, status }), "approve", { name: "someone", role }, "")).toBe(to);
  });
  it("return goes back to Draft and reject is final, both needing a comment", () => {
    expect(actOnPlan(plan(), "return", director, "请补充预算明细")).toBe("Draft");
    expect(actOnPlan(plan(), "reject", director, "与品牌定位不符")).toBe("Rejected");
    expect(actOnPlan(plan(), "reject", director, "  ")).toMatchObject({ code: "commentRequired" });
    expect(actOnPlan(plan(), "return", director, "")).toMatchObject({ code: "commentRequired" });
  });
  it("nobody acts on a plan they submitted", () => {
    expect(actOnPlan(plan({ owner: "赵总监" }), "approve", director, "")).toMatchObject({ code: "ownPlan" });
  });
  it("only the step's role may act", () => {
    expect(actOnPlan(plan(), "approve", president, "")).toMatchObject({ code: "roleNotAllowed", params: { needed: "director" } });
  });
  it("the step waiting on a plan, and a refusal's details", () => {
    expect(nextStep(plan())).toEqual({ from: "Draft", to: "DirectorApproved", role: "director" });
    expect(nextStep(plan({ type: "expenseBudget", status: "Compiled" }))).toEqual({ from: "Compiled", to: "Approved", role: "director" });
    expect(actOnPlan(plan({ status: "Approved" }), "approve", director, "")).toEqual({ kind: "value", code: "planNotPending", params: { id: "P-001", status: "Approved" } });
    expect(actOnPlan(plan({ owner: "赵总监" }), "approve", director, "")).toEqual({ kind: "value", code: "ownPlan", params: { id: "P-001" } });
    expect(actOnPlan(plan(), "reject", director, "")).toEqual({ kind: "value", code: "commentRequired", params: { action: "reject" } });
    expect(actOnPlan(plan(), "approve", president, "")).toEqual({ kind: "value", code: "roleNotAllowed", params: { role: "president", needed: "director", value: "DirectorApproved" } });
  });
  it("approved and rejected plans have no pending step", () => {
    expect(nextStep(plan({ status: "Approved" }))).toBeUndefined();
    expect(actOnPlan(plan({ status: "Rejected" }), "approve", director, "")).toMatchObject({ code: "planNotPending" });
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

describe("parsePlanStatus", () => {
  it.each([
    ["Approved", "Approved"],
    [" directorapproved ", "DirectorApproved"],
    ["Returned", "Draft"],
    ["退回", "Draft"],
    ["已驳回", "Rejected"],
    ["Pending", undefined],
    ["已汇编", "Compiled"],
    ["Paid", undefined],
  ])("%s → %s", (text, status) => {
    expect(parsePlanStatus(text)).toBe(status);
  });
});
