import fc from "fast-check";
import { DEFAULT_RANK_LADDER, normalizeRankCode, rankIndex, rankOf, validateRankInput, type RankInput } from "../../src/rules";

function input(monthSales: number, sponsoredSales = 0, sponsoredCount = 0, cumulativeSales = monthSales): RankInput {
  return { monthSales, sponsoredSales, sponsoredCount, cumulativeSales };
}

describe("rankOf — SPEC 1.1 worked examples", () => {
  it.each([
    ["RANK_OF(12000) → PC (DS needs cumulative 30,000)", input(12000), "PC"],
    ["RANK_OF(12000, , , 31000) → DS", input(12000, 0, 0, 31000), "DS"],
    ["RANK_OF(13000) → SR", input(13000), "SR"],
    ["RANK_OF(15000) → SE", input(15000), "SE"],
    ["RANK_OF(15000, 60000, 4) → SM", input(15000, 60000, 4), "SM"],
    ["RANK_OF(15000, 60000, 3) → SSE", input(15000, 60000, 3), "SSE"],
    ["RANK_OF(14999, 400000, 20) → SR", input(14999, 400000, 20), "SR"],
  ])("%s", (_, given, expected) => {
    expect(rankOf(given)).toBe(expected);
  });
});

describe("rankOf — every threshold at, just below and just above", () => {
  const cases: [string, RankInput, string][] = [];
  for (const rank of DEFAULT_RANK_LADDER.slice(1)) {
    const exact = input(rank.minMonthSales, rank.minSponsoredSales, rank.minSponsoredCount, Math.max(rank.minCumulativeSales, rank.minMonthSales));
    cases.push([`${rank.code} exactly at its minimums`, exact, rank.code]);
    cases.push([`${rank.code} one above its minimums`, { ...exact, monthSales: exact.monthSales + 1, sponsoredSales: exact.sponsoredSales + 1 }, rank.code]);
  }
  it.each(cases)("%s", (_, given, expected) => expect(rankOf(given)).toBe(expected));

  it.each([
    ["month sales 12,999 with cumulative 40,000 → DS, not SR", input(12999, 0, 0, 40000), "DS"],
    ["month sales 7,999 with cumulative 40,000 → PC", input(7999, 0, 0, 40000), "PC"],
    ["cumulative 29,999 → PC", input(12000, 0, 0, 29999), "PC"],
    ["SSE sponsored sales 29,999 → SE", input(15000, 29999, 2), "SE"],
    ["SSE count 1 → SE", input(15000, 30000, 1), "SE"],
    ["SM sponsored sales 59,999 → SSE", input(15000, 59999, 4), "SSE"],
    ["SSM count 5 → SM", input(15000, 100000, 5), "SM"],
    ["SD sponsored 159,999 → SSM", input(15000, 159999, 8), "SSM"],
    ["SSD count 11 → SD", input(15000, 240000, 11), "SD"],
    ["TE sponsored 319,999 → SSD", input(15000, 319999, 16), "SSD"],
    ["TE count 15 → SSD", input(15000, 320000, 15), "SSD"],
    ["SE month sales 14,999 → SR", input(14999), "SR"],
  ])("just below: %s", (_, given, expected) => expect(rankOf(given)).toBe(expected));
});

describe("rankOf — a replacement ladder", () => {
  it("uses the table passed in", () => {
    const ladder = [
      { code: "A", minMonthSales: 0, minSponsoredSales: 0, minSponsoredCount: 0, minCumulativeSales: 0 },
      { code: "B", minMonthSales: 100, minSponsoredSales: 0, minSponsoredCount: 0, minCumulativeSales: 0 },
    ];
    expect(rankOf(input(99), ladder)).toBe("A");
    expect(rankOf(input(100), ladder)).toBe("B");
  });
});

describe("validateRankInput", () => {
  it("rejects negative amounts as #NUM!", () => {
    expect(validateRankInput(input(-1))).toMatchObject({ kind: "num", code: "negativeAmount", params: { arg: "monthSales" } });
  });
  it("rejects a fractional sponsored count", () => {
    expect(validateRankInput(input(15000, 0, 2.5))).toMatchObject({ kind: "num", code: "notWholeNumber" });
  });
  it("accepts valid input", () => expect(validateRankInput(input(15000, 10, 2))).toBeUndefined());
});

describe("normalizeRankCode", () => {
  it("is case-insensitive and knows the Chinese names", () => {
    expect(normalizeRankCode(" sm ")).toBe("SM");
    expect(normalizeRankCode("销售经理")).toBe("SM");
    expect(normalizeRankCode("XX")).toBeUndefined();
  });
});

describe("rankOf — properties", () => {
  const amount = fc.integer({ min: 0, max: 1_000_000 });
  it("more month sales never lowers the rank", () => {
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 0, max: 30 }), amount, amount, (month, sponsored, count, cumulative, extra) => {
        const before = rankOf(input(month, sponsored, count, cumulative));
        const after = rankOf(input(month + extra, sponsored, count, cumulative + extra));
        return rankIndex(after) >= rankIndex(before);
      }),
    );
  });
});
