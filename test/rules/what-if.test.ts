/**
 * What-if rules (issue 11): the next rank, base-rate step, star award and rebate tier, and
 * what reaching it needs and brings. Expected values are worked by hand from the seed policy
 * (SPEC §1.1–§1.3, source 001 and 003); the arithmetic is in the comments.
 */
import {
  bonusGaps,
  daysLeft,
  DEFAULT_BONUS_POLICY,
  DEFAULT_RANK_LADDER,
  moneyShortfall,
  nextRank,
  nextRankCode,
  rebateGap,
  rebateNeeded,
  type BonusInput,
  type BonusPolicy,
  type RankInput,
  type RebateTier,
} from "../../src/rules";

const rank = (monthSales: number, sponsoredSales = 0, sponsoredCount = 0, cumulativeSales = monthSales): RankInput => ({
  monthSales,
  sponsoredSales,
  sponsoredCount,
  cumulativeSales,
});
const shortfalls = (monthSales: number, sponsoredSales: number, sponsoredCount: number, cumulativeSales: number) => ({
  monthSales,
  sponsoredSales,
  sponsoredCount,
  cumulativeSales,
});

describe("moneyShortfall: the exact amount rounded up to 0.01", () => {
  it.each([
    [15_000, 14_999.99, 0.01], // 15000 − 14999.99 is 0.010000000000218 in binary: still one cent
    [15_000, 14_999.995, 0.01], // half a cent missing: a whole cent to sell
    [15_000, 14_999.991, 0.01],
    [15_000, 14_999.989, 0.02], // 1.1 cents → 2 cents
    [15_000, 13_000, 2_000],
    [1_000_000, 599_999.99, 400_000.01],
    [0.03, 0, 0.03],
    [100_000, -5_000, 105_000], // a negative have (returns above purchases) is still a distance
    [15_000, 15_000, 0], // exactly on the threshold: nothing missing
    [15_000, 15_000.01, 0],
  ])("to %d from %d: %d", (target, have, expected) => expect(moneyShortfall(target, have)).toBe(expected));

  it("ignores float noise on large amounts too", () => {
    expect(moneyShortfall(123_456_789.01, 123_456_789)).toBe(0.01);
    expect(moneyShortfall(1_000_000_000, 999_999_999.99)).toBe(0.01);
  });
});

describe("nextRank — SPEC §1.1 ladder", () => {
  it.each<[string, RankInput, string, string, ReturnType<typeof shortfalls>]>([
    // PC: DS needs month 8,000 (met) and cumulative 30,000: 30,000 − 12,000 = 18,000.
    ["RANK_OF(12000) = PC", rank(12_000), "PC", "DS", shortfalls(0, 0, 0, 18_000)],
    // DS with cumulative 31,000: SR needs month 13,000: 13,000 − 12,000 = 1,000.
    ["RANK_OF(12000, , , 31000) = DS", rank(12_000, 0, 0, 31_000), "DS", "SR", shortfalls(1_000, 0, 0, 0)],
    // Exactly on SR's 13,000: SE needs 15,000 − 13,000 = 2,000.
    ["RANK_OF(13000) = SR", rank(13_000), "SR", "SE", shortfalls(2_000, 0, 0, 0)],
    // SE: SSE needs sponsored sales 30,000 and 2 sponsored SRs.
    ["RANK_OF(15000) = SE", rank(15_000), "SE", "SSE", shortfalls(0, 30_000, 2, 0)],
    // SM: SSM needs 100,000 − 60,000 = 40,000 and 6 − 4 = 2.
    ["RANK_OF(15000, 60000, 4) = SM", rank(15_000, 60_000, 4), "SM", "SSM", shortfalls(0, 40_000, 2, 0)],
    // SSE: SM needs 60,000 (met) and 4 − 3 = 1.
    ["RANK_OF(15000, 60000, 3) = SSE", rank(15_000, 60_000, 3), "SSE", "SM", shortfalls(0, 0, 1, 0)],
    // SR: the rank directly above is SE, 15,000 − 14,999 = 1, though TE's sponsor minimums are met.
    ["RANK_OF(14999, 400000, 20) = SR", rank(14_999, 400_000, 20), "SR", "SE", shortfalls(1, 0, 0, 0)],
    // SSD: TE needs 320,000 − 240,000 = 80,000 and 16 − 12 = 4.
    ["SSD on its minimums", rank(15_000, 240_000, 12), "SSD", "TE", shortfalls(0, 80_000, 4, 0)],
    // One cent under SR: PC (cumulative 12,999.99 < 30,000), so DS: 30,000 − 12,999.99 = 17,000.01.
    ["12,999.99 = PC", rank(12_999.99), "PC", "DS", shortfalls(0, 0, 0, 17_000.01)],
    // Half a cent under SE: 0.005 rounded up to 0.01.
    ["14,999.995 = SR", rank(14_999.995), "SR", "SE", shortfalls(0.01, 0, 0, 0)],
  ])("%s", (_, input, current, next, expected) => {
    const result = nextRank(input);
    expect(result?.current).toBe(current);
    expect(result?.next.code).toBe(next);
    expect(result?.shortfalls).toEqual(expected);
    expect(nextRankCode(input)).toBe(next);
  });

  it("TE, the top of the ladder, has no next rank", () => {
    expect(nextRank(rank(15_000, 320_000, 16))).toBeUndefined();
    expect(nextRank(rank(50_000, 900_000, 40))).toBeUndefined();
    expect(nextRankCode(rank(15_000, 320_000, 16))).toBeUndefined();
  });

  it("gives the next rank's own minimums", () => {
    expect(nextRank(rank(15_000, 60_000, 4))?.next).toBe(DEFAULT_RANK_LADDER[6]);
  });

  it("a custom ladder: the lowest rank is where nobody qualifies; a fractional count minimum rounds up", () => {
    const ladder = [
      { code: "A", minMonthSales: 1_000, minSponsoredSales: 0, minSponsoredCount: 0, minCumulativeSales: 0 },
      { code: "B", minMonthSales: 2_000, minSponsoredSales: 0, minSponsoredCount: 2.5, minCumulativeSales: 0 },
    ];
    expect(nextRank(rank(0), ladder)).toEqual({ current: "A", next: ladder[1], shortfalls: shortfalls(2_000, 0, 3, 0) });
    expect(nextRank(rank(2_000, 0, 3), ladder)).toBeUndefined();
    expect(nextRankCode(rank(0), ladder)).toBe("B");
    expect(nextRankCode(rank(2_000, 0, 3), ladder)).toBeUndefined();
  });
});

/** SR group: morning-star 15,000 → 1,500, opening-star 20,000 → 1,000; SM group: 20,000 → 4,000, 30,000 → 2,000. */
const bonus = (monthSales: number, salesBy20th: number | undefined, rankCode = "SR", sponsoredSales = 0): BonusInput => ({
  monthSales,
  salesBy20th,
  rank: rankCode,
  sponsoredSales,
});
const gap = (threshold: number, shortfall: number, extraBonus: number) => ({ threshold, shortfall, extraBonus });

describe("bonusGaps — SPEC §1.2 steps and awards", () => {
  it("SR at 12,000 with 10,000 by the 20th: every threshold still ahead", () => {
    // Now: below 13,000 no base, no award → 0.
    expect(bonusGaps(bonus(12_000, 10_000))).toEqual({
      // 13,000: base 13,000 × 0.9 ÷ 1.17 × 10% = 1,000.00.
      nextStep: gap(13_000, 1_000, 1_000),
      // 15,000 by the 20th: sold 5,000 → month 17,000: base 17,000 × 0.9 ÷ 1.17 × 15% = 1,961.54, + morning 1,500 = 3,461.54.
      morning: gap(15_000, 5_000, 3_461.54),
      // 20,000 by month end: base 20,000 × 0.9 ÷ 1.17 × 20% = 3,076.92, + opening 1,000 = 4,076.92.
      opening: gap(20_000, 8_000, 4_076.92),
    });
  });

  it("SPEC worked example, SR 20,000 with 15,000 by the 20th: top step and both awards reached, nothing left", () => {
    expect(bonusGaps(bonus(20_000, 15_000))).toEqual({ nextStep: undefined, morning: undefined, opening: undefined });
  });

  it("exactly on 15,000 (step and morning-star threshold): both count as reached", () => {
    // Now: base 15,000 × 0.9 ÷ 1.17 × 15% = 1,730.77, + morning 1,500 = 3,230.77.
    // At 20,000: 3,076.92 + morning 1,500 + opening 1,000 = 5,576.92; extra 5,576.92 − 3,230.77 = 2,346.15.
    expect(bonusGaps(bonus(15_000, 15_000))).toEqual({ nextStep: gap(20_000, 5_000, 2_346.15), morning: undefined, opening: gap(20_000, 5_000, 2_346.15) });
  });

  it("SM at 25,000, 18,000 by the 20th, sponsored SRs' sales 80,000", () => {
    // Now: base 25,000 × 0.9 ÷ 1.17 × 20% = 3,846.15, + override 80,000 × 5% = 4,000 → 7,846.15.
    expect(bonusGaps(bonus(25_000, 18_000, "SM", 80_000))).toEqual({
      nextStep: undefined, // 20% is the top step
      // 2,000 more by the 20th → 27,000: base 4,153.85 + morning 4,000 + override 4,000 = 12,153.85; − 7,846.15 = 4,307.70.
      morning: gap(20_000, 2_000, 4_307.7),
      // 5,000 more → 30,000: base 4,615.38 + opening 2,000 + override 4,000 = 10,615.38; − 7,846.15 = 2,769.23.
      opening: gap(30_000, 5_000, 2_769.23),
    });
  });

  it("SD group thresholds: 30,000 by the 20th and 40,000 by month end", () => {
    // Now: base 35,000 × 0.9 ÷ 1.17 × 20% = 5,384.62, opening no (35,000 < 40,000), morning no (29,000 < 30,000).
    // Morning: +1,000 → 36,000: base 5,538.46 + 4,000 = 9,538.46; extra 4,153.84.
    // Opening: +5,000 → 40,000: base 6,153.85 + 2,000 = 8,153.85; extra 2,769.23.
    expect(bonusGaps(bonus(35_000, 29_000, "SD"))).toEqual({ nextStep: undefined, morning: gap(30_000, 1_000, 4_153.84), opening: gap(40_000, 5_000, 2_769.23) });
  });

  it("PC and DS earn no awards: only the next step", () => {
    for (const code of ["PC", "DS"]) expect(bonusGaps(bonus(12_000, 10_000, code))).toEqual({ nextStep: gap(13_000, 1_000, 1_000), morning: undefined, opening: undefined });
  });

  it("an omitted salesBy20th counts as 0 for the morning award", () => {
    // Now: 14,000 × 0.9 ÷ 1.17 × 10% = 1,076.92. Morning: 15,000 more → 29,000: 4,461.54 + 1,500 + 1,000 = 6,961.54; extra 5,884.62.
    const gaps = bonusGaps(bonus(14_000, undefined));
    expect(gaps).toMatchObject({ morning: gap(15_000, 15_000, 5_884.62) });
    // Next step: 1,000 more → 15,000: 1,730.77 − 1,076.92 = 653.85.
    expect(gaps).toMatchObject({ nextStep: gap(15_000, 1_000, 653.85) });
  });

  it("a cent short of a step: the shortfall is 0.01 and the extra the whole step's bonus", () => {
    expect(bonusGaps(bonus(12_999.99, 0))).toMatchObject({ nextStep: gap(13_000, 0.01, 1_000) });
  });

  it("fails on invalid input as monthlyBonus does", () => {
    expect(bonusGaps(bonus(10_000, 12_000))).toMatchObject({ kind: "value", code: "salesBy20thExceedsMonthSales" });
    expect(bonusGaps(bonus(10_000, 0, "XX"))).toMatchObject({ kind: "value", code: "unknownRank" });
    expect(bonusGaps(bonus(-1, undefined))).toMatchObject({ kind: "num", code: "negativeAmount" });
  });

  it("every number comes from the policy", () => {
    const policy: BonusPolicy = {
      ...DEFAULT_BONUS_POLICY,
      baseRateSteps: [{ from: 10_000, rate: 0.1 }],
      starAwardGroups: [{ ranks: ["SR"], morningStarThreshold: 5_000, morningStarAward: 100, openingStarThreshold: 8_000, openingStarAward: 50 }],
      vatRate: 0,
      performanceRatio: 1,
    };
    // Now: nothing. Step: 10,000 × 10% = 1,000 + opening 50 = 1,050. Morning: 5,000 → 5,000 month sales: 100. Opening: 8,000: 50.
    expect(bonusGaps(bonus(0, 0), policy)).toEqual({ nextStep: gap(10_000, 10_000, 1_050), morning: gap(5_000, 5_000, 100), opening: gap(8_000, 8_000, 50) });
  });
});

describe("bonusGaps — deadlines", () => {
  const sr = bonus(12_000, 10_000);
  const all = { nextStep: gap(13_000, 1_000, 1_000), morning: gap(15_000, 5_000, 3_461.54), opening: gap(20_000, 8_000, 4_076.92) };

  it("on the 20th the morning-star award is still open; on the 21st it has passed", () => {
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2026, 2, 20) })).toEqual(all);
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2026, 2, 21) })).toEqual({ ...all, morning: undefined });
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2026, 2, 31) })).toEqual({ ...all, morning: undefined });
  });

  it("the morning-star day comes from the policy", () => {
    expect(bonusGaps(sr, { ...DEFAULT_BONUS_POLICY, morningStarDay: 25 }, { today: new Date(2026, 2, 25) })).toMatchObject({ morning: all.morning });
  });

  it("with the month: a day after it has every deadline passed, a day before it none", () => {
    const month = { year: 2026, month: 3 };
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2026, 3, 1), month })).toEqual({ nextStep: undefined, morning: undefined, opening: undefined });
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2027, 0, 5), month })).toEqual({ nextStep: undefined, morning: undefined, opening: undefined });
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2026, 1, 28), month })).toEqual(all);
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2025, 11, 31), month })).toEqual(all);
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2026, 2, 20), month })).toEqual(all);
    expect(bonusGaps(sr, DEFAULT_BONUS_POLICY, { today: new Date(2026, 2, 21), month })).toEqual({ ...all, morning: undefined });
  });
});

describe("daysLeft: selling days to the morning-star day and the month end, today included", () => {
  const march = { year: 2026, month: 3 };
  it.each<[Date, number | undefined, number | undefined]>([
    [new Date(2026, 2, 1), 20, 31],
    [new Date(2026, 2, 18), 3, 14],
    [new Date(2026, 2, 20), 1, 12],
    [new Date(2026, 2, 21), undefined, 11],
    [new Date(2026, 2, 31), undefined, 1],
    [new Date(2026, 3, 1), undefined, undefined],
    [new Date(2026, 1, 28), 21, 32],
  ])("%s", (today, morning, monthEnd) => expect(daysLeft(today, march)).toEqual({ morning, monthEnd }));

  it("February's end, and the policy's morning-star day", () => {
    expect(daysLeft(new Date(2028, 1, 1), { year: 2028, month: 2 }, { ...DEFAULT_BONUS_POLICY, morningStarDay: 25 })).toEqual({ morning: 25, monthEnd: 29 });
    expect(daysLeft(new Date(2027, 1, 1), { year: 2027, month: 2 })).toEqual({ morning: 20, monthEnd: 28 });
  });
});

/** SPEC §1.3's table: 0:0%, 100,000:1%, 500,000:2%, 1,000,000:3%. */
const TIERS: RebateTier[] = [
  { threshold: 0, rate: 0 },
  { threshold: 100_000, rate: 0.01 },
  { threshold: 500_000, rate: 0.02 },
  { threshold: 1_000_000, rate: 0.03 },
];
const rebate = (nextThreshold: number, needed: number, rebateAtNext: number, extra: number) => ({ nextThreshold, needed, rebateAtNext, extra });

describe("rebateGap — SPEC §1.3 tiers", () => {
  it("issue 11's example, net 600,000", () => {
    // Retroactive: 1,000,000 × 3% = 30,000 at next; today 600,000 × 2% = 12,000; extra 18,000.
    expect(rebateGap(600_000, TIERS)).toEqual(rebate(1_000_000, 400_000, 30_000, 18_000));
    expect(rebateNeeded(600_000, TIERS)).toBe(400_000);
    // Incremental: 400,000 × 1% + 500,000 × 2% = 14,000 at next; today 6,000; extra 8,000 = 400,000 × 2%.
    expect(rebateGap(600_000, TIERS, "incremental")).toEqual(rebate(1_000_000, 400_000, 14_000, 8_000));
  });

  it("exactly on the 500,000 threshold: that tier is reached, the next is 1,000,000", () => {
    // Retroactive: 30,000 − 500,000 × 2% = 20,000. Incremental: 14,000 − 400,000 × 1% = 10,000.
    expect(rebateGap(500_000, TIERS)).toEqual(rebate(1_000_000, 500_000, 30_000, 20_000));
    expect(rebateGap(500_000, TIERS, "incremental")).toEqual(rebate(1_000_000, 500_000, 14_000, 10_000));
  });

  it("a cent below 100,000: one cent needed", () => {
    // Retroactive: 100,000 × 1% = 1,000, today 0% → extra 1,000. Incremental: the slice below 100,000 earns 0%.
    expect(rebateGap(99_999.99, TIERS)).toEqual(rebate(100_000, 0.01, 1_000, 1_000));
    expect(rebateNeeded(99_999.99, TIERS)).toBe(0.01);
    expect(rebateGap(99_999.99, TIERS, "incremental")).toEqual(rebate(100_000, 0.01, 0, 0));
  });

  it("the top tier reached gives nothing", () => {
    expect(rebateGap(1_000_000, TIERS)).toBeUndefined();
    expect(rebateNeeded(1_000_000, TIERS)).toBeUndefined();
    expect(rebateGap(2_500_000, TIERS, "incremental")).toBeUndefined();
  });

  it("a negative net is a distance too", () => {
    expect(rebateGap(-5_000, TIERS)).toEqual(rebate(0, 5_000, 0, 0));
    expect(rebateNeeded(-5_000, TIERS)).toBe(5_000);
    const fromFirst = TIERS.slice(1);
    // 100,000 − (−5,000) = 105,000; at 100,000: 1,000; today 0.
    expect(rebateGap(-5_000, fromFirst)).toEqual(rebate(100_000, 105_000, 1_000, 1_000));
    expect(rebateGap(0, fromFirst, "incremental")).toEqual(rebate(100_000, 100_000, 0, 0));
  });

  it("incremental between 100,000 and 500,000: the slice at 1%", () => {
    // Net 250,000.50: today 150,000.50 × 1% = 1,500.005 → 1,500.01; at 500,000: 400,000 × 1% = 4,000; extra 2,499.99.
    expect(rebateGap(250_000.5, TIERS, "incremental")).toEqual(rebate(500_000, 249_999.5, 4_000, 2_499.99));
  });
});
