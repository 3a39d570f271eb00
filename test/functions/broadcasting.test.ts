import fc from "fast-check";
import { ExcelError } from "../support/custom-functions-stub";
import { budgetVarianceCells as budgetVariance, monthlyBonusCells as monthlyBonus, rankOfCells as rankOf, rebateCells as rebate } from "../../src/functions/adapters";
import type { Cell } from "../../src/functions/grid";

const TIERS = [["Threshold", "Rate"], [0, 0], [100000, "1%"], [500000, 0.02], [1000000, 0.03]];
const column = (values: Cell[]) => values.map((v) => [v]);

describe("broadcasting ranges like Excel arithmetic", () => {
  it("a range and single values spill with the range's shape", () => {
    expect(monthlyBonus(column([20000, 12000]), [[12000]], [["SR"]])).toEqual([[4076.92], [0]]);
  });
  it("two ranges of the same shape pair element by element, in rows and columns", () => {
    expect(rankOf([[15000, 15000]], [[60000, 60000]], [[4, 3]])).toEqual([["SM", "SSE"]]);
  });
  it("ranges of different shapes give #VALUE! naming the shapes", () => {
    let thrown: unknown;
    try {
      monthlyBonus(column([1, 2, 3]), column([1, 2]));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExcelError);
    expect((thrown as ExcelError).code).toBe("#VALUE!");
    expect((thrown as ExcelError).message).toContain("monthSales 3×1");
    expect((thrown as ExcelError).message).toContain("salesBy20th 2×1");
  });
  it("one bad element never spoils the rest", () => {
    const result = monthlyBonus(column([20000, "abc", -1, { code: "#N/A" }, "", null, 13000]), column([15000, 0, 0, 0, 0, 0, 0]));
    expect(result[0]).toEqual([5576.92]);
    expect(result[1][0]).toMatchObject({ code: "#VALUE!" });
    expect(result[2][0]).toMatchObject({ code: "#NUM!" });
    expect(result[3][0]).toMatchObject({ code: "#N/A" });
    expect(result.slice(4)).toEqual([[0], [0], [1000]]);
  });
  it("a column that is mostly plain numbers gives the same results as element by element, whatever its odd cells", () => {
    const cells: Cell[] = [1200000, "500,000", 600000, { code: "#REF!" }, null, 700000, "x", 2000000];
    const single = (fn: (grid: Cell[][]) => unknown[][], value: Cell) => fn([[value]])[0][0];
    expect(rebate(column(cells), TIERS, "incremental")).toEqual(cells.map((v) => [single((g) => rebate(g, TIERS, "incremental"), v)]));
    const ranks: Cell[] = ["SR", "SM", "XX", "SE", null, "sm", "PC", "SD"];
    const bonusOf = (g: Cell[][], k: Cell[][]) => monthlyBonus(g, null, k);
    expect(bonusOf(column(cells), column(ranks))).toEqual(cells.map((v, i) => [bonusOf([[v]], [[ranks[i]]])[0][0]]));
  });
  it("a 100,000-row call spills 100,000 results", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [i * 10]);
    const result = rebate(rows, TIERS);
    expect(result).toHaveLength(100_000);
    expect(result[99_999]).toEqual([19999.8]); // 999,990 at 2%
    expect(result[9_999]).toEqual([0]);
  });
});

describe("property: a range call gives the same numbers as element-by-element calls", () => {
  const amount = fc.oneof(
    fc.integer({ min: 0, max: 2_000_000 }),
    fc.integer({ min: 0, max: 2_000_000 }).map((n) => n.toLocaleString("en-US")),
    fc.constant(""),
    fc.constant(null),
    fc.constant("bad"),
    fc.constant(-5),
  );
  const rank = fc.constantFrom("PC", "DS", "SR", "se", "SM", "SSD", "TE", "", null, "X");

  it("MONTHLY_BONUS", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, amount, rank, amount), { minLength: 1, maxLength: 20 }), (rows) => {
        const whole = monthlyBonus(column(rows.map((r) => r[0])), column(rows.map((r) => r[1])), column(rows.map((r) => r[2])), column(rows.map((r) => r[3])));
        const single = rows.map(([m, b, r, s]) => monthlyBonus([[m]], [[b]], [[r]], [[s]])[0]);
        expect(whole).toEqual(single);
      }),
    );
  });

  it("REBATE", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 20 }), fc.constantFrom("retroactive", "incremental"), (rows, mode) => {
        const whole = rebate(column(rows.map((r) => r[0])), TIERS, mode, column(rows.map((r) => r[1])));
        const single = rows.map(([net, p]) => rebate([[net]], TIERS, mode, [[p]])[0]);
        expect(whole).toEqual(single);
      }),
    );
  });

  it("RANK_OF and BUDGET_VARIANCE", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 20 }), (rows) => {
        const a = column(rows.map((r) => r[0]));
        const b = column(rows.map((r) => r[1]));
        expect(rankOf(a, b, [[4]])).toEqual(rows.map(([m, s]) => rankOf([[m]], [[s]], [[4]])[0]));
        expect(budgetVariance(a, b, "status")).toEqual(rows.map(([x, y]) => budgetVariance([[x]], [[y]], "status")[0]));
      }),
    );
  });
});
