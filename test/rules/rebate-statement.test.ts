import { advanceRebateStatus, carryForward, nextRebateStep, REBATE_STATUSES, rebateItemId, rebateStatement, type PurchaseRecord, type RebateTier } from "../../src/rules";

const TIERS: RebateTier[] = [
  { threshold: 0, rate: 0 },
  { threshold: 100_000, rate: 0.01 },
  { threshold: 500_000, rate: 0.02 },
];
let row = 1;
function record(dealer: string, date: string, amount: number, kind?: "purchase" | "return"): PurchaseRecord {
  const [y, m, d] = date.split("-").map(Number);
  return { dealer, date: new Date(y, m - 1, d), amount, kind, sheet: "Purchases", row: ++row };
}

const RECORDS = [
  record("华联商贸", "2025-01-10", 400_000),
  record("华联商贸", "2025-06-10", 200_000),
  record("华联商贸", "2025-07-01", 40_000, "return"),
  record("华联商贸", "2025-08-01", -10_000),
  record("华联商贸", "2024-12-31", 999_999),
  record("星河百货", "2025-03-03", 90_000),
  record("星河百货", "2025-04-03", -5_000, "return"),
];

describe("rebateStatement", () => {
  const { rebates, lines } = rebateStatement(RECORDS, TIERS, "retroactive", { year: 2025 });

  it("nets returns (Type or negative amount) per dealer, for the chosen year only", () => {
    expect(rebates).toEqual([
      { dealer: "华联商贸", year: 2025, gross: 600_000, returns: 50_000, net: 550_000, tier: 500_000, rate: 0.02, rebate: 11_000, status: "Calculated", note: "" },
      { dealer: "星河百货", year: 2025, gross: 90_000, returns: 5_000, net: 85_000, tier: 0, rate: 0, rebate: 0, status: "Calculated", note: "" },
    ]);
  });

  it("gives each purchase its share, returns negative, adding up to the rebate", () => {
    const own = lines.filter((l) => l.dealer === "华联商贸");
    expect(own.map((l) => l.share)).toEqual([8_000, 4_000, -800, -200]);
    expect(own.reduce((s, l) => s + l.share, 0)).toBe(11_000);
    expect(own[2]).toMatchObject({ amount: -40_000, sheet: "Purchases" });
  });

  it("year to date stops at the given day", () => {
    const ytd = rebateStatement(RECORDS, TIERS, "retroactive", { year: 2025, through: new Date(2025, 4, 31) });
    expect(ytd.rebates[0]).toMatchObject({ gross: 400_000, returns: 0, rebate: 4_000 });
  });

  it("year to date counts a purchase dated on the last day itself", () => {
    const ytd = rebateStatement(RECORDS, TIERS, "retroactive", { year: 2025, through: new Date(2025, 5, 10) });
    expect(ytd.rebates[0]).toMatchObject({ gross: 600_000, returns: 0, rebate: 12_000 });
  });

  it("lists dealers and their lines in Chinese collation order (拼音: 华 hua before 星 xing), each dealer's purchases as given", () => {
    const reversed = rebateStatement([...RECORDS].reverse(), TIERS, "retroactive", { year: 2025 });
    expect(reversed.rebates.map((r) => r.dealer)).toEqual(["华联商贸", "星河百货"]);
    expect(reversed.lines.map((l) => [l.dealer, l.amount])).toEqual([
      ["华联商贸", -10_000],
      ["华联商贸", -40_000],
      ["华联商贸", 200_000],
      ["华联商贸", 400_000],
      ["星河百货", -5_000],
      ["星河百货", 90_000],
    ]);
  });
});

describe("carryForward", () => {
  const fresh = rebateStatement(RECORDS, TIERS, "retroactive", { year: 2025 }).rebates;

  it("keeps status and note when the amount is unchanged", () => {
    const { rebates, changes } = carryForward(fresh, [{ dealer: "华联商贸", year: 2025, rebate: 11_000, status: "Approved", note: "ok" }, { dealer: "星河百货", year: 2025, rebate: 0, status: "Calculated", note: "" }]);
    expect(rebates[0]).toMatchObject({ status: "Approved", note: "ok" });
    expect(changes).toEqual([]);
  });

  it("an amount changed after Reviewed goes back to Calculated with old → new in the note", () => {
    const { rebates, changes } = carryForward(fresh, [{ dealer: "华联商贸", year: 2025, rebate: 12_000, status: "Verified", note: "checked" }]);
    expect(rebates[0]).toMatchObject({ status: "Calculated", note: "checked; 12,000.00 → 11,000.00 (Verified)" });
    expect(changes).toEqual([
      { dealer: "华联商贸", kind: "reopened", oldAmount: 12_000, newAmount: 11_000 },
      { dealer: "星河百货", kind: "new", newAmount: 0 },
    ]);
  });

  it("an amount changed at Reviewed itself goes back to Calculated; a status with spaces or in lower case counts as its code", () => {
    const { rebates, changes } = carryForward(fresh, [{ dealer: "华联商贸", year: 2025, rebate: 12_000, status: " reviewed ", note: "" }]);
    expect(rebates[0]).toMatchObject({ status: "Calculated", note: "12,000.00 → 11,000.00 (Reviewed)" });
    expect(changes[0]).toEqual({ dealer: "华联商贸", kind: "reopened", oldAmount: 12_000, newAmount: 11_000 });
  });

  it("an amount changed while still Calculated just changes", () => {
    const { rebates, changes } = carryForward(fresh, [{ dealer: "华联商贸", year: 2025, rebate: 1, status: "Calculated", note: "n" }]);
    expect(rebates[0]).toMatchObject({ status: "Calculated", note: "n", rebate: 11_000 });
    expect(changes[0].kind).toBe("amountChanged");
  });

  it("reports dealers that no longer have purchases; a reviewed or paid one is kept, not dropped", () => {
    const { changes } = carryForward([], [
      { dealer: "旧客户", year: 2025, rebate: 5, status: "Calculated", note: "" },
      { dealer: "已付客户", year: 2025, rebate: 7, status: "Paid", note: "" },
    ]);
    expect(changes).toEqual([
      { dealer: "旧客户", kind: "dropped", oldAmount: 5 },
      { dealer: "已付客户", kind: "kept", oldAmount: 7, status: "Paid" },
    ]);
  });
});

describe("advanceRebateStatus", () => {
  it.each([
    ["Calculated", "director", "Reviewed"], ["Reviewed", "finance", "Verified"], ["Verified", "president", "Approved"],
    ["Approved", "finance", "Reconciled"], ["Reconciled", "finance", "Paid"],
  ] as const)("%s by %s → %s", (from, role, to) => expect(advanceRebateStatus(from, role)).toBe(to));
  it("the wrong role is refused, naming the role needed and the status", () =>
    expect(advanceRebateStatus("Calculated", "finance")).toEqual({ kind: "value", code: "roleNotAllowed", params: { role: "finance", needed: "director", value: "Reviewed" } }));
  it("Paid is final", () => expect(advanceRebateStatus("Paid", "finance")).toEqual({ kind: "value", code: "statusFinal", params: { value: "Paid" } }));
});

describe("nextRebateStep", () => {
  it("names the step after each status and its role, and none after Paid (SPEC 3.2)", () => {
    expect(REBATE_STATUSES.map((s) => [s, nextRebateStep(s)])).toEqual([
      ["Calculated", { status: "Reviewed", role: "director" }],
      ["Reviewed", { status: "Verified", role: "finance" }],
      ["Verified", { status: "Approved", role: "president" }],
      ["Approved", { status: "Reconciled", role: "finance" }],
      ["Reconciled", { status: "Paid", role: "finance" }],
      ["Paid", undefined],
    ]);
  });
  it("a rebate's ID in the log is its year and dealer", () => expect(rebateItemId(2025, "华东商贸")).toBe("REBATE/2025/华东商贸"));
});
