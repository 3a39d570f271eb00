/**
 * The entry points of src/functions/functions.ts (what the metadata describes and Excel calls)
 * hand every argument, [policy] and [asOf] included, to the adapters in order.
 */
import "../support/custom-functions-stub";
import { bonusGap, budgetVariance, monthlyBonus, nextRank, payDate, planDeadline, rankOf, rebate, rebateGap } from "../../src/functions/functions";
import { policyTable, serial } from "./policy-ranges";

/** One approved version changing a number each function uses, from 2026-01-01. */
const POLICY = policyTable(
  ["VatRate", "", "", "13%", "2026-01-01", "Approved"],
  ["RankMinMonthSales", "SR", "", 14000, "2026-01-01", "Approved"],
  ["BudgetTolerance", "", "", "10%", "2026-01-01", "Approved"],
  ["PayDay", "", "", 15, "2026-01-01", "Approved"],
  ["PlanLeadMonths", "", "", 2, "2026-01-01", "Approved"],
);
const TIERS = [["Threshold", "Rate"], [0, 0], [100000, 0.01], [500000, 0.02]];

describe("every argument reaches the adapters", () => {
  it("RANK_OF", () => {
    expect(rankOf([[13000]], [[0]], [[0]], [[13000]], undefined, POLICY, "2026-01-01")).toEqual([["PC"]]);
    expect(rankOf([[13000]], [[0]], [[0]], [[13000]], undefined, POLICY, "2025-12-31")).toEqual([["SR"]]);
    expect(rankOf([[15000]], [[60000]], [[4]], [[13000]], [["A", 0], ["B", 60000]], POLICY, "2026-01-01")).toEqual([["A"]]);
    expect(rankOf([[12000]], undefined, undefined, [[31000]])).toEqual([["DS"]]);
  });

  it("MONTHLY_BONUS", () => {
    // 20000 × 0.9 ÷ 1.13 × 20% = 3,185.84 under the policy; 3,076.92 before it.
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]], [[0]], "base", POLICY, "2026-01-01")).toEqual([[3185.84]]);
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]], [[0]], "base", POLICY, "2025-12-31")).toEqual([[3076.92]]);
    expect(monthlyBonus([[30000]], [[20000]], [["SM"]], [[80000]], "override")).toEqual([[4000]]);
  });

  it("REBATE", () => expect(rebate([[600000]], TIERS, "incremental", [[60000]])).toEqual([[600]]));

  it("BUDGET_VARIANCE", () => {
    expect(budgetVariance([[108]], [[100]], "status", [["revenue"]], undefined, POLICY, "2026-01-01")).toEqual([["ON TRACK"]]);
    expect(budgetVariance([[108]], [[100]], "status", [["revenue"]], undefined, POLICY, "2025-12-31")).toEqual([["OVER"]]);
    expect(budgetVariance([[108]], [[100]], "status", undefined, [[0.05]], POLICY, "2026-01-01")).toEqual([["OVER"]]);
    expect(budgetVariance([[108]], [[100]], "favourable", [["revenue"]])).toEqual([["F"]]);
  });

  it("PAY_DATE and PLAN_DEADLINE", () => {
    expect(payDate([[serial("2026-01-20")]], POLICY)).toEqual([[serial("2026-03-15")]]);
    expect(planDeadline([[serial("2026-03-31")]], POLICY)).toEqual([[serial("2026-01-31")]]);
  });

  it("NEXT_RANK", () => {
    // 13,000 is PC once SR needs 14,000: DS needs cumulative 30,000 − 13,000 = 17,000.
    expect(nextRank([[13000]], [[0]], [[0]], [[13000]], undefined, "all", POLICY, "2026-01-01")).toEqual([["DS", 0, 0, 0, 17000]]);
    expect(nextRank([[13000]], [[0]], [[0]], [[13000]], undefined, "monthSales", POLICY, "2025-12-31")).toEqual([[2000]]);
    expect(nextRank([[150]], [[0]], [[0]], [[150]], [["A", 0], ["B", 100], ["C", 200]], "rank", POLICY, "2026-01-01")).toEqual([["C"]]);
  });

  it("BONUS_GAP", () => {
    // 13,000 × 0.9 ÷ 1.13 × 10% = 1,035.40 under the policy; 1,000.00 before it. After the 20th, no morning-star gap.
    expect(bonusGap([[12000]], [[10000]], [["SR"]], [[0]], "nextStepBonus", [[serial("2026-01-21")]], POLICY, "2026-01-01")).toEqual([[1035.4]]);
    expect(bonusGap([[12000]], [[10000]], [["SR"]], [[0]], "nextStepBonus", [[serial("2026-01-21")]], POLICY, "2025-12-31")).toEqual([[1000]]);
    expect(bonusGap([[12000]], [[10000]], [["SR"]], [[0]], "morning", [[serial("2026-01-21")]], POLICY, "2026-01-01")).toEqual([[""]]);
    expect(bonusGap([[25000]], [[18000]], [["SM"]], [[80000]], "morningBonus")).toEqual([[4307.7]]);
  });

  // Incremental, net 300,000: 200,000 to 500,000, where 400,000 × 1% = 4,000; today 200,000 × 1% = 2,000.
  it("REBATE_GAP", () => expect(rebateGap([[300000]], TIERS, "incremental", "all")).toEqual([[200000, 4000, 2000]]));
});
