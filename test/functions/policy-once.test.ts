/**
 * The array fast paths stay fast with a policy (SPEC §1: one call over 100,000 rows must be far
 * cheaper than 100,000 calls): the range is read once per call and resolved once per call, or,
 * for PAY_DATE and PLAN_DEADLINE whose dates are their own asOf, once per run of dates between
 * two From dates, however many distinct dates there are. A range read lately is not read again
 * (a formula filled down a column passes the same Policy table to every row's call).
 */
import { setDisplayLanguage } from "../support/custom-functions-stub";
import * as versions from "../../src/rules/policy-versions";
import * as resolve from "../../src/rules/policy-resolve";
import {
  budgetVarianceCells as budgetVariance,
  monthlyBonusCells as monthlyBonus,
  payDateCells as payDate,
  planDeadlineCells as planDeadline,
  rankOfCells as rankOf,
} from "../../src/functions/adapters";
import type { CellGrid } from "../../src/functions/grid";
import { SEED_WITH_VAT_13, policyTable, serial } from "./policy-ranges";

jest.mock("../../src/rules/policy-versions", () => {
  const actual = jest.requireActual<typeof versions>("../../src/rules/policy-versions");
  return { ...actual, readPolicyVersions: jest.fn(actual.readPolicyVersions) };
});
jest.mock("../../src/rules/policy-resolve", () => {
  const actual = jest.requireActual<typeof resolve>("../../src/rules/policy-resolve");
  return { ...actual, resolvePolicy: jest.fn(actual.resolvePolicy) };
});

const read = versions.readPolicyVersions as jest.Mock;
const resolved = resolve.resolvePolicy as jest.Mock;
const ROWS = 2_000;
const column = <T>(make: (i: number) => T) => Array.from({ length: ROWS }, (_, i) => [make(i)]);

let unseenCount = 0;
/** The range with one more column the policy ignores, headed by a name no other range has: a range not read before. */
function unseen(grid: CellGrid): CellGrid {
  const header = `Comment ${++unseenCount}`;
  return grid.map((row, i) => [...row, i === 0 ? header : ""]);
}

beforeEach(() => {
  read.mockClear();
  resolved.mockClear();
});

describe("one read and one resolution per call", () => {
  it.each([
    ["MONTHLY_BONUS, plain numbers (the fast path)", () => monthlyBonus(column((i) => i * 20), null, column(() => "SM"), null, null, unseen(SEED_WITH_VAT_13), "2026-10-01")],
    ["MONTHLY_BONUS, text and blanks (element by element)", () => monthlyBonus(column((i) => (i % 2 ? `${i * 20}` : "")), null, null, null, null, unseen(SEED_WITH_VAT_13), "2026-10-01")],
    ["RANK_OF", () => rankOf(column((i) => i * 20), null, null, null, null, unseen(SEED_WITH_VAT_13), "2026-10-01")],
    ["BUDGET_VARIANCE", () => budgetVariance(column((i) => i), [[1000]], "status", null, null, unseen(SEED_WITH_VAT_13))],
  ])("%s", (_name, call) => {
    expect(call()).toHaveLength(ROWS);
    expect(read).toHaveBeenCalledTimes(1);
    expect(resolved).toHaveBeenCalledTimes(1);
  });

  it("without a policy nothing is read or resolved", () => {
    monthlyBonus(column((i) => i * 20), null, null, null, null, null, "2026-10-01");
    payDate(column((i) => serial("2020-01-01") + i));
    expect(read).not.toHaveBeenCalled();
    expect(resolved).not.toHaveBeenCalled();
  });
});

describe("PAY_DATE and PLAN_DEADLINE: once per run of dates between From dates", () => {
  // Versions from 2019-04-01 and 2026-06-01 cut 2,000 consecutive days (2018-01-01 to 2023-06-23)
  // into two runs (before 2019-04-01, from it); the 2026 version starts after them all.
  const policy = policyTable(
    ["PayDay", "", "", 15, serial("2019-04-01"), "Approved"],
    ["PlanLeadMonths", "", "", 2, serial("2019-04-01"), "Approved"],
    ["PayDay", "", "", 20, serial("2026-06-01"), "Approved"],
    ["PayDay", "", "", 25, serial("2020-01-01"), "Draft"],
  );
  const days = column((i) => serial("2018-01-01") + i);

  it.each([
    ["PAY_DATE", () => payDate(days, unseen(policy))],
    ["PLAN_DEADLINE", () => planDeadline(days, unseen(policy))],
  ])("%s over 2,000 distinct dates resolves twice", (_name, call) => {
    expect(call()).toHaveLength(ROWS);
    expect(read).toHaveBeenCalledTimes(1);
    expect(resolved).toHaveBeenCalledTimes(2);
  });

  it("the runs are right at their edges", () => {
    const edges = ["2019-03-31", "2019-04-01", "2026-05-31", "2026-06-01"].map((d) => [serial(d)]);
    expect(payDate(edges, policy)).toEqual([["2019-05-10"], ["2019-06-15"], ["2026-07-15"], ["2026-08-20"]].map(([d]) => [serial(d)]));
    expect(planDeadline(edges, policy)).toEqual([["2019-02-28"], ["2019-02-01"], ["2026-03-31"], ["2026-04-01"]].map(([d]) => [serial(d)]));
  });
});

describe("ranges read lately are not read again", () => {
  const bonusOf = (policy: CellGrid, asOf: string | null) => monthlyBonus([[20000]], [[15000]], null, null, null, policy, asOf)[0][0];
  const messageOf = (policy: CellGrid) => {
    try {
      bonusOf(policy, "2026-10-01");
    } catch (thrown) {
      return (thrown as { message: string }).message;
    }
    throw new Error("expected the call to fail");
  };

  it("the same cells in a fresh array: read once, resolved once per run, whatever the function", () => {
    const policy = unseen(SEED_WITH_VAT_13);
    const copy = () => policy.map((row) => [...row]);
    expect([bonusOf(copy(), "2026-10-01"), bonusOf(copy(), "2026-10-01"), bonusOf(copy(), "2020-01-01")]).toEqual([5685.84, 5685.84, 5685.84]);
    expect(payDate([[serial("2026-10-01")]], copy())).toEqual([[serial("2026-12-10")]]);
    expect(read).toHaveBeenCalledTimes(1);
    expect(resolved).toHaveBeenCalledTimes(1);
    // Without asOf the same versions apply as on 2026-10-01; before the version, others.
    expect([bonusOf(copy(), null), bonusOf(copy(), "2019-03-31"), bonusOf(copy(), null)]).toEqual([5685.84, 5576.92, 5685.84]);
    expect(resolved).toHaveBeenCalledTimes(2);
  });

  it("a cell changed is a new range", () => {
    const policy = unseen(policyTable(["VatRate", "", "", 0.13, serial("2019-04-01"), "Approved"]));
    expect(bonusOf(policy, "2026-10-01")).toBe(5685.84);
    policy[1][3] = 0.17;
    expect(bonusOf(policy, "2026-10-01")).toBe(5576.92);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("a range that begins like one read before is another range", () => {
    const vat = unseen([["Rule", "Value"], ["VatRate", 0.13]]);
    const draft = vat.map((row, i) => [...row, i === 0 ? "Status" : "Draft"]);
    const moreRows = [...vat, ["PerformanceRatio", 0.8, ""]];
    // 13%: 5,685.84; a Draft: the seed's 5,576.92; ratio 0.8: 16000 ÷ 1.13 × 0.2 = 2,831.858… → 2,831.86, + 2,500 = 5,331.86.
    expect([bonusOf(vat, null), bonusOf(draft, null), bonusOf(moreRows, null)]).toEqual([5685.84, 5576.92, 5331.86]);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it("error cells are the same when their codes are", () => {
    const withError = (error: object) => [["Rule", "Value", "Status", "From"], ["VatRate", error, "Draft", "2020-01-01"], ["VatRate", 0.13, "Approved", ""]];
    expect([bonusOf(withError({ code: "#N/A" }), null), bonusOf(withError({ code: "#N/A" }), null)]).toEqual([5685.84, 5685.84]);
    expect(read).toHaveBeenCalledTimes(1);
    for (const error of [{ code: "#REF!" }, { errorType: "#N/A" }, { code: "#N/A", errorType: "#N/A" }]) bonusOf(withError(error), null);
    expect(read).toHaveBeenCalledTimes(4);
    const approved = (error: object) => withError(error).map((row, i) => (i === 1 ? [...row.slice(0, 2), "Approved", ""] : row)).slice(0, 2);
    expect(messageOf(approved({ code: "#N/A" }))).toBe("policy, row 2 of the range: the Value cell holds the error #N/A.");
    expect(messageOf(approved({ code: "#REF!" }))).toBe("policy, row 2 of the range: the Value cell holds the error #REF!.");
    expect(messageOf(approved({ errorType: "#NUM!" }))).toBe("policy, row 2 of the range: the Value cell holds the error #NUM!.");
    expect(messageOf(approved({ errorType: "#DIV/0!" }))).toBe("policy, row 2 of the range: the Value cell holds the error #DIV/0!.");
  });

  it("a blank cell and a number that is not finite are different ranges", () => {
    const withBlank = unseen(policyTable(["VatRate", "", "", null, "", "Approved"], ["VatRate", "", "", 0.13, serial("2019-04-01"), "Approved"]));
    const withNaN = withBlank.map((row, i) => (i === 1 ? row.map((cell, j) => (j === 3 ? Number.NaN : cell)) : row));
    expect(messageOf(withBlank)).toBe("policy, row 2 of the range: VatRate has no Value: write one.");
    expect(messageOf(withNaN)).toMatch(/^policy, row 2 of the range: Value: “NaN” is not a number/);
  });

  it("the eight ranges used last are kept", () => {
    const ranges = Array.from({ length: 9 }, () => unseen(SEED_WITH_VAT_13));
    for (const policy of ranges.slice(0, 8)) bonusOf(policy, null);
    bonusOf(ranges[0], null);
    expect(read).toHaveBeenCalledTimes(8);
    bonusOf(ranges[8], null);
    bonusOf(ranges[1], null);
    expect(read).toHaveBeenCalledTimes(9);
    bonusOf(ranges[0], null);
    expect(read).toHaveBeenCalledTimes(10);
  });

  it("a message comes in the language of the call that shows it", () => {
    const broken = unseen(policyTable(["VatRate", "", "", 17, "", "Approved"]));
    expect(messageOf(broken)).toMatch(/^policy, row 2 of the range/);
    setDisplayLanguage("zh-CN");
    expect(messageOf(broken)).toMatch(/^policy 区域第 2 行/);
    setDisplayLanguage(undefined);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
