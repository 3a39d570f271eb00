import fc from "fast-check";
import { baseBonus, baseRate, DEFAULT_BONUS_POLICY, monthlyBonus, RANK_CODES, type BonusBreakdown, type BonusInput } from "../../src/rules";

function bonus(input: Partial<BonusInput> & { monthSales: number }): BonusBreakdown {
  const result = monthlyBonus({ rank: "SR", sponsoredSales: 0, ...input });
  if ("kind" in result) throw new Error(`unexpected error ${result.code}`);
  return result;
}

describe("monthlyBonus — SPEC 1.2 worked examples", () => {
  it("SR, month sales 20,000, 15,000 by the 20th: 3,076.92 + 1,500 + 1,000 = 5,576.92", () => {
    expect(bonus({ monthSales: 20000, salesBy20th: 15000, rank: "SR" })).toEqual({
      base: 3076.92, morningStar: 1500, openingStar: 1000, override: 0, total: 5576.92,
    });
  });
  it("SM, month sales 30,000, 20,000 by the 20th, sponsored 80,000: 4,615.38 + 4,000 + 2,000 + 4,000 = 14,615.38", () => {
    expect(bonus({ monthSales: 30000, salesBy20th: 20000, rank: "SM", sponsoredSales: 80000 })).toEqual({
      base: 4615.38, morningStar: 4000, openingStar: 2000, override: 4000, total: 14615.38,
    });
  });
});

describe("base bonus rate steps", () => {
  it.each([
    [12999.99, 0], [13000, 0.1], [13000.01, 0.1], [14999.99, 0.1], [15000, 0.15], [15000.01, 0.15],
    [19999.99, 0.15], [20000, 0.2], [20000.01, 0.2], [0, 0],
  ])("month sales %d → rate %d", (sales, rate) => expect(baseRate(sales)).toBe(rate));

  it("follows monthSales × 0.9 ÷ 1.17 × rate, rounded to 0.01", () => {
    expect(baseBonus(13000)).toBe(1000);
    expect(baseBonus(15000)).toBe(1730.77);
    expect(baseBonus(12999)).toBe(0);
  });
});

describe("star awards — each group's thresholds at, below and above", () => {
  for (const group of DEFAULT_BONUS_POLICY.starAwardGroups) {
    const rank = group.ranks[0];
    const month = group.openingStarThreshold + 10_000;
    it(`${rank}: morning star from ${group.morningStarThreshold} by the 20th`, () => {
      expect(bonus({ rank, monthSales: month, salesBy20th: group.morningStarThreshold - 0.01 }).morningStar).toBe(0);
      expect(bonus({ rank, monthSales: month, salesBy20th: group.morningStarThreshold }).morningStar).toBe(group.morningStarAward);
      expect(bonus({ rank, monthSales: month, salesBy20th: group.morningStarThreshold + 1 }).morningStar).toBe(group.morningStarAward);
    });
    it(`${rank}: opening star from ${group.openingStarThreshold} by month end`, () => {
      expect(bonus({ rank, monthSales: group.openingStarThreshold - 0.01 }).openingStar).toBe(0);
      expect(bonus({ rank, monthSales: group.openingStarThreshold }).openingStar).toBe(group.openingStarAward);
      expect(bonus({ rank, monthSales: group.openingStarThreshold + 1 }).openingStar).toBe(group.openingStarAward);
    });
  }

  it("every rank in a group gets the group's awards", () => {
    expect(bonus({ rank: "SSD", monthSales: 40000, salesBy20th: 30000 })).toMatchObject({ morningStar: 4000, openingStar: 2000 });
    expect(bonus({ rank: "SSE", monthSales: 20000, salesBy20th: 15000 })).toMatchObject({ morningStar: 1500, openingStar: 1000 });
  });

  it("no sales by the 20th given: no morning star", () => {
    expect(bonus({ monthSales: 50000 }).morningStar).toBe(0);
  });

  it("PC and DS get the base bonus only", () => {
    for (const rank of ["PC", "DS"]) {
      expect(bonus({ rank, monthSales: 50000, salesBy20th: 40000, sponsoredSales: 100000 })).toEqual({
        base: 7692.31, morningStar: 0, openingStar: 0, override: 0, total: 7692.31,
      });
    }
  });
});

describe("override (季度评估) is 5% of sponsored sales for SM and above", () => {
  it.each(["SM", "SSM", "SD", "SSD", "TE"])("%s", (rank) => expect(bonus({ rank, monthSales: 0, sponsoredSales: 80000 }).override).toBe(4000));
  it.each(["SR", "SE", "SSE"])("not %s", (rank) => expect(bonus({ rank, monthSales: 0, sponsoredSales: 80000 }).override).toBe(0));
});

describe("monthlyBonus — errors", () => {
  it("sales by the 20th above the month's sales is #VALUE!", () => {
    expect(monthlyBonus({ monthSales: 100, salesBy20th: 101, rank: "SR", sponsoredSales: 0 })).toMatchObject({ kind: "value", code: "salesBy20thExceedsMonthSales" });
  });
  it("an unknown rank is #VALUE!", () => {
    expect(monthlyBonus({ monthSales: 100, rank: "BOSS", sponsoredSales: 0 })).toMatchObject({ kind: "value", code: "unknownRank" });
  });
  it.each(["monthSales", "salesBy20th", "sponsoredSales"] as const)("negative %s is #NUM!", (arg) => {
    const input = { monthSales: 100, salesBy20th: 50, rank: "SR", sponsoredSales: 0, [arg]: -1 };
    expect(monthlyBonus(input)).toMatchObject({ kind: "num", code: "negativeAmount", params: { arg } });
  });
});

describe("monthlyBonus — properties", () => {
  const sales = fc.integer({ min: 0, max: 2_000_000 }).map((cents) => cents / 100);
  const rank = fc.constantFrom(...RANK_CODES);
  it("more month sales never lowers the bonus", () => {
    fc.assert(
      fc.property(sales, sales, rank, sales, (month, extra, r, sponsored) => {
        const before = bonus({ monthSales: month, salesBy20th: month, rank: r, sponsoredSales: sponsored }).total;
        const after = bonus({ monthSales: month + extra, salesBy20th: month, rank: r, sponsoredSales: sponsored }).total;
        return after >= before;
      }),
    );
  });
  it("the total is the sum of the rounded components", () => {
    fc.assert(
      fc.property(sales, rank, sales, (month, r, sponsored) => {
        const b = bonus({ monthSales: month, rank: r, sponsoredSales: sponsored });
        return Math.abs(b.total - (b.base + b.morningStar + b.openingStar + b.override)) < 0.005;
      }),
    );
  });
});
