import { budgetStatus, budgetVariance, favourability, type VarianceInput } from "../../src/rules";

function variance(actual: number, budget: number, output: Parameters<typeof budgetVariance>[1], extra: Partial<VarianceInput> = {}) {
  return budgetVariance({ actual, budget, kind: "expense", tolerance: 0.05, ...extra }, output);
}

describe("budgetVariance outputs", () => {
  it("amount is actual − budget, to 0.01", () => {
    expect(variance(110, 100, "amount")).toBe(10);
    expect(variance(100.1, 100.2, "amount")).toBe(-0.1);
  });
  it("percent is (actual − budget) ÷ budget", () => expect(variance(110, 100, "percent")).toBeCloseTo(0.1, 12));
  it("used is actual ÷ budget", () => expect(variance(80, 100, "used")).toBeCloseTo(0.8, 12));
  it.each(["percent", "used"] as const)("%s with a zero budget is #DIV/0!", (output) => {
    expect(variance(10, 0, output)).toMatchObject({ kind: "div0", code: "budgetIsZero" });
  });
});

describe("status with the 5% tolerance: at, below and above each edge", () => {
  it.each([
    [105, "ON TRACK"], [105.01, "OVER"], [104.99, "ON TRACK"],
    [95, "ON TRACK"], [94.99, "UNDER"], [95.01, "ON TRACK"],
    [100, "ON TRACK"],
  ])("actual %d against 100 → %s", (actual, status) => expect(variance(actual, 100, "status")).toBe(status));

  it("with budget 0, any positive actual is OVER", () => {
    expect(budgetStatus(0.01, 0, 0.05)).toBe("OVER");
    expect(budgetStatus(0, 0, 0.05)).toBe("ON TRACK");
  });
  it("a custom tolerance applies", () => expect(variance(108, 100, "status", { tolerance: 0.1 })).toBe("ON TRACK"));
});

describe("favourable by kind", () => {
  it.each([
    [110, 100, "expense", "U"], [90, 100, "expense", "F"], [110, 100, "revenue", "F"], [90, 100, "revenue", "U"],
    [100, 100, "expense", "-"], [100, 100, "revenue", "-"],
  ] as const)("actual %d, budget %d, %s → %s", (actual, budget, kind, expected) => expect(favourability(actual, budget, kind)).toBe(expected));
});

describe("budgetVariance errors", () => {
  it("negative actual is #NUM!", () => expect(variance(-1, 100, "amount")).toMatchObject({ kind: "num", code: "negativeAmount", params: { arg: "actual" } }));
  it("negative budget is #NUM!", () => expect(variance(1, -100, "amount")).toMatchObject({ kind: "num", params: { arg: "budget" } }));
  it("tolerance of 100% or more is #NUM!", () => expect(variance(1, 1, "status", { tolerance: 1 })).toMatchObject({ kind: "num", code: "toleranceOutOfRange" }));
});
