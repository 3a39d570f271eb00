/**
 * SPEC §4.3: "A header-only range, or the seed rows, give every result exactly as without
 * policy." Every function, over a spread of inputs (each threshold and the cent either side
 * of it, every rank, text forms, blanks, bad cells, every choice), with and without asOf.
 */
import { setDisplayLanguage } from "../support/custom-functions-stub";
import {
  budgetVarianceCells as budgetVariance,
  monthlyBonusCells as monthlyBonus,
  payDateCells as payDate,
  planDeadlineCells as planDeadline,
  rankOfCells as rankOf,
} from "../../src/functions/adapters";
import type { Cell, CellGrid } from "../../src/functions/grid";
import { HEADER_ONLY, HEADER_ONLY_ZH, SEED_RANGE, SEED_RANGE_ZH, serial } from "./policy-ranges";

const column = (values: readonly Cell[]): CellGrid => values.map((v) => [v]);

/** Month sales at and around every threshold of SPEC §1 (ranks, base rate steps, awards). */
const SALES: Cell[] = [
  0, 0.01, 7999.99, 8000, 12999.99, 13000, 13000.01, 14999.99, 15000, 19999.99, 20000, 20000.5, 29999.99, 30000, 39999.99, 40000,
  123456.78, 1e7, "15,000", "20000元", "２００００", " 13000 ", "", null, "abc", -1, { code: "#N/A" },
];
const RANKS: Cell[] = ["PC", "DS", "SR", "SE", "SSE", "SM", "SSM", "SD", "SSD", "TE", "sm", "销售经理", "", null, "BOSS"];
const BY_20TH_SHARE = [0, 0.5, 0.75, 1];
const SPONSORED: Cell[] = [0, 29999.99, 30000, 60000, 80000, 100000, 160000, 240000, 320000, "", "1,000"];
const COUNTS: Cell[] = [0, 1, 2, 3, 4, 6, 8, 12, 16, 20, 2.5, ""];

/** One row per combination, cycled so that every value meets every other often. */
function bonusColumns() {
  const rows = SALES.length * RANKS.length;
  const at = <T>(values: readonly T[], i: number, stride: number) => values[Math.floor(i / stride) % values.length];
  const month = Array.from({ length: rows }, (_, i) => at(SALES, i, 1));
  return {
    month: column(month),
    by20th: column(month.map((m, i) => (typeof m === "number" && m >= 0 ? Math.round(m * at(BY_20TH_SHARE, i, 3) * 100) / 100 : ""))),
    rank: column(Array.from({ length: rows }, (_, i) => at(RANKS, i, SALES.length))),
    sponsored: column(Array.from({ length: rows }, (_, i) => at(SPONSORED, i, 7))),
    count: column(Array.from({ length: rows }, (_, i) => at(COUNTS, i, 5))),
    cumulative: column(Array.from({ length: rows }, (_, i) => (i % 4) * 15000)),
  };
}

const DATES: Cell[] = [
  serial("2019-03-31"), serial("2019-04-01"), serial("2026-01-31"), serial("2026-03-31"), serial("2026-03-15") + 0.75, serial("2026-12-31"),
  serial("2024-02-29"), serial("2025-05-31"), "2026-03-15", "2026年12月1日", "2026/5/31", "", null, "soon", "26-3-15", { code: "#REF!" },
];

/** With a policy that is only the seed, or headers alone, every call gives what it gives without one. */
const SEED_LIKE: [string, CellGrid][] = [
  ["the seed rows", SEED_RANGE],
  ["the seed rows in Chinese, reordered, as text, approved", SEED_RANGE_ZH],
  ["a header-only range", HEADER_ONLY],
  ["a header-only range in Chinese", HEADER_ONLY_ZH],
];
const AS_OF: Cell[] = [null, "2026-10-01", serial("1950-01-01")];

/** A call's outcome: its result, or what it threw (an Excel error for the whole call). */
function outcome(call: () => unknown): unknown {
  try {
    return call();
  } catch (thrown) {
    return { thrown };
  }
}

afterEach(() => setDisplayLanguage(undefined));

describe.each(SEED_LIKE)("%s as policy gives exactly the results without it", (_name, policy) => {
  const c = bonusColumns();

  it("covers a real spread: results of every kind, errors included", () => {
    const results = monthlyBonus(c.month, c.by20th, c.rank, c.sponsored).flat();
    expect(new Set(results.filter((r) => typeof r === "number")).size).toBeGreaterThanOrEqual(80);
    expect(new Set(results.filter((r) => typeof r === "object").map((r) => (r as { code: string }).code))).toEqual(new Set(["#VALUE!", "#NUM!", "#N/A"]));
    expect(new Set(rankOf(c.month, c.sponsored, c.count, c.cumulative).flat().filter((r) => typeof r === "string"))).toEqual(new Set(["PC", "DS", "SR", "SE", "SSE", "SM", "SSM", "SD", "SSD", "TE"]));
  });

  it.each(AS_OF)("MONTHLY_BONUS, every component (asOf %p)", (asOf) => {
    for (const component of [null, "total", "base", "morning", "opening", "override"]) {
      expect(monthlyBonus(c.month, c.by20th, c.rank, c.sponsored, component, policy, asOf)).toEqual(monthlyBonus(c.month, c.by20th, c.rank, c.sponsored, component));
    }
    // The array fast path (plain numbers) and the element-by-element path both.
    const plain = column(c.month.map(([m]) => (typeof m === "number" && m >= 0 ? m : 0)));
    expect(monthlyBonus(plain, null, c.rank, null, null, policy, asOf)).toEqual(monthlyBonus(plain, null, c.rank));
    for (let i = 0; i < c.month.length; i += 17) {
      const one = [c.month[i], c.by20th[i], c.rank[i], c.sponsored[i]].map((cell) => [cell]);
      expect(outcome(() => monthlyBonus(one[0], one[1], one[2], one[3], "all", policy, asOf))).toEqual(outcome(() => monthlyBonus(one[0], one[1], one[2], one[3], "all")));
    }
  });

  it.each(AS_OF)("RANK_OF, with and without cumulative sales (asOf %p)", (asOf) => {
    expect(rankOf(c.month, c.sponsored, c.count, null, null, policy, asOf)).toEqual(rankOf(c.month, c.sponsored, c.count));
    expect(rankOf(c.month, c.sponsored, c.count, c.cumulative, null, policy, asOf)).toEqual(rankOf(c.month, c.sponsored, c.count, c.cumulative));
  });

  it.each(AS_OF)("BUDGET_VARIANCE, every output and kind, default and explicit tolerance (asOf %p)", (asOf) => {
    const actual = column([0, 94, 94.99, 95, 100, 104.99, 105, 105.01, 106, 200, "", "1,050", -1, "x"]);
    const budget = [[100]];
    const kind = column(actual.map((_, i) => (i % 2 ? "revenue" : "expense")));
    for (const output of [null, "amount", "percent", "used", "status", "favourable"]) {
      for (const tolerance of [null, [[0.1]], [["3%"]]]) {
        expect(budgetVariance(actual, budget, output, kind, tolerance, policy, asOf)).toEqual(budgetVariance(actual, budget, output, kind, tolerance));
      }
    }
    expect(budgetVariance([[1]], [[0]], "percent", null, null, policy, asOf)).toEqual(budgetVariance([[1]], [[0]], "percent"));
  });

  it("PAY_DATE and PLAN_DEADLINE over a spread of dates", () => {
    expect(payDate(column(DATES), policy)).toEqual(payDate(column(DATES)));
    expect(planDeadline(column(DATES), policy)).toEqual(planDeadline(column(DATES)));
    const everyDay = column(Array.from({ length: 800 }, (_, i) => serial("2025-01-01") + i));
    expect(payDate(everyDay, policy)).toEqual(payDate(everyDay));
    expect(planDeadline(everyDay, policy)).toEqual(planDeadline(everyDay));
  });

  it("messages are the same too, in Chinese", () => {
    setDisplayLanguage("zh-CN");
    expect(monthlyBonus(c.month, c.by20th, c.rank, c.sponsored, null, policy)).toEqual(monthlyBonus(c.month, c.by20th, c.rank, c.sponsored));
  });
});
