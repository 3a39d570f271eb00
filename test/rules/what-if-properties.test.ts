/**
 * Issue 11's property: paying the shortfall reaches the next rank, step, award or tier
 * exactly, and a cent (or one SR) less does not. Amounts are whole cents, as money is.
 */
import fc from "fast-check";
import {
  annualRebate,
  baseRate,
  bonusGaps,
  DEFAULT_BONUS_POLICY,
  DEFAULT_RANK_LADDER,
  isRuleError,
  meetsRequirement,
  monthlyBonus,
  nextRank,
  RANK_CODES,
  rankOf,
  rebateGap,
  sumMoney,
  type BonusBreakdown,
  type BonusInput,
  type RankInput,
  type RebateTier,
} from "../../src/rules";

const CENT = 0.01;
/** 0 to 600,000.00 in whole cents, with the ladder's and the steps' thresholds (and a cent either side) made likely. */
const amount = fc.oneof(
  fc.integer({ min: 0, max: 60_000_000 }).map((cents) => cents / 100),
  fc.constantFrom(0, 8_000, 12_999.99, 13_000, 14_999.99, 15_000, 19_999.99, 20_000, 29_999.99, 30_000, 40_000, 60_000, 100_000, 320_000),
);
const count = fc.integer({ min: 0, max: 20 });

describe("nextRank: the shortfalls are exactly what the next rank needs", () => {
  const rankInput = fc.record({ monthSales: amount, sponsoredSales: amount, sponsoredCount: count, cumulativeSales: amount });

  it("paying every shortfall meets the next rank; a cent or an SR less on any one does not", () => {
    fc.assert(
      fc.property(rankInput, (input: RankInput) => {
        const result = nextRank(input);
        if (result === undefined) return expect(rankOf(input)).toBe("TE");
        expect(DEFAULT_RANK_LADDER.indexOf(result.next)).toBe(RANK_CODES.indexOf(rankOf(input)) + 1);
        const s = result.shortfalls;
        const paid: RankInput = {
          monthSales: sumMoney(input.monthSales, s.monthSales),
          sponsoredSales: sumMoney(input.sponsoredSales, s.sponsoredSales),
          sponsoredCount: input.sponsoredCount + s.sponsoredCount,
          cumulativeSales: sumMoney(input.cumulativeSales, s.cumulativeSales),
        };
        expect(meetsRequirement(paid, result.next)).toBe(true);
        if (s.monthSales > 0) expect(meetsRequirement({ ...paid, monthSales: sumMoney(paid.monthSales, -CENT) }, result.next)).toBe(false);
        if (s.sponsoredSales > 0) expect(meetsRequirement({ ...paid, sponsoredSales: sumMoney(paid.sponsoredSales, -CENT) }, result.next)).toBe(false);
        if (s.sponsoredCount > 0) expect(meetsRequirement({ ...paid, sponsoredCount: paid.sponsoredCount - 1 }, result.next)).toBe(false);
        if (s.cumulativeSales > 0) expect(meetsRequirement({ ...paid, cumulativeSales: sumMoney(paid.cumulativeSales, -CENT) }, result.next)).toBe(false);
        // A shortfall is 0 exactly when that minimum holds already.
        expect(s.monthSales === 0).toBe(input.monthSales >= result.next.minMonthSales);
        expect(s.sponsoredCount === 0).toBe(input.sponsoredCount >= result.next.minSponsoredCount);
      }),
    );
  });
});

describe("bonusGaps: selling the shortfall earns the step or award; a cent less does not", () => {
  const bonusInput = fc
    .record({ monthSales: amount, share: fc.integer({ min: 0, max: 100 }), rank: fc.constantFrom(...RANK_CODES), sponsoredSales: amount })
    .map(({ monthSales, share, rank, sponsoredSales }): BonusInput => ({
      monthSales,
      salesBy20th: Math.round(monthSales * share) / 100,
      rank,
      sponsoredSales,
    }));
  const totalOf = (input: BonusInput) => monthlyBonus(input) as BonusBreakdown;
  const selling = (input: BonusInput, extra: number, by20th: boolean): BonusInput => ({
    ...input,
    monthSales: sumMoney(input.monthSales, extra),
    salesBy20th: by20th ? sumMoney(input.salesBy20th ?? 0, extra) : input.salesBy20th,
  });

  it("holds for the next step, the morning-star and the opening-star award", () => {
    fc.assert(
      fc.property(bonusInput, (input) => {
        const gaps = bonusGaps(input);
        if (isRuleError(gaps)) throw new Error(JSON.stringify(gaps));
        const now = totalOf(input);
        const steps = DEFAULT_BONUS_POLICY.baseRateSteps;
        const nextStep = steps.find((s) => s.from > input.monthSales);
        expect(gaps.nextStep?.threshold).toBe(nextStep?.from);
        if (gaps.nextStep) {
          const { shortfall, extraBonus } = gaps.nextStep;
          expect(baseRate(sumMoney(input.monthSales, shortfall))).toBe(nextStep?.rate);
          expect(baseRate(sumMoney(input.monthSales, shortfall, -CENT))).toBe(baseRate(input.monthSales));
          expect(sumMoney(now.total, extraBonus)).toBe(totalOf(selling(input, shortfall, false)).total);
        }
        const awards = !["PC", "DS"].includes(input.rank);
        if (gaps.morning) {
          const { shortfall, extraBonus } = gaps.morning;
          expect(totalOf(selling(input, shortfall, true)).morningStar).toBeGreaterThan(0);
          expect(totalOf(selling(input, sumMoney(shortfall, -CENT), true)).morningStar).toBe(0);
          expect(sumMoney(now.total, extraBonus)).toBe(totalOf(selling(input, shortfall, true)).total);
        } else if (awards) {
          expect(now.morningStar).toBeGreaterThan(0);
        }
        if (gaps.opening) {
          const { shortfall, extraBonus } = gaps.opening;
          expect(totalOf(selling(input, shortfall, false)).openingStar).toBeGreaterThan(0);
          expect(totalOf(selling(input, sumMoney(shortfall, -CENT), false)).openingStar).toBe(0);
          expect(sumMoney(now.total, extraBonus)).toBe(totalOf(selling(input, shortfall, false)).total);
        } else if (awards) {
          expect(now.openingStar).toBeGreaterThan(0);
        }
        if (!awards) expect([gaps.morning, gaps.opening]).toEqual([undefined, undefined]);
      }),
    );
  });
});

describe("rebateGap: buying what is needed reaches the next tier; a cent less does not", () => {
  /** Ascending thresholds from 0 to 2,000,000 in whole units, rates 0–5%. */
  const tiers = fc
    .uniqueArray(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 5 })
    .chain((thresholds) =>
      fc.tuple(...thresholds.sort((a, b) => a - b).map((threshold) => fc.integer({ min: 0, max: 500 }).map((bp): RebateTier => ({ threshold, rate: bp / 10_000 })))),
    );
  const net = fc.integer({ min: -10_000_000, max: 250_000_000 }).map((cents) => cents / 100);

  it.each(["retroactive", "incremental"] as const)("%s", (mode) => {
    fc.assert(
      fc.property(tiers, net, (table, netPurchases) => {
        const result = rebateGap(netPurchases, table, mode);
        const top = table[table.length - 1].threshold;
        if (result === undefined) return expect(netPurchases).toBeGreaterThanOrEqual(top);
        const reached = annualRebate(netPurchases, table, mode).tier;
        expect(table.findIndex((t) => t.threshold === result.nextThreshold)).toBe(reached === undefined ? 0 : table.findIndex((t) => t.threshold === reached) + 1);
        expect(annualRebate(sumMoney(netPurchases, result.needed), table, mode).tier).toBe(result.nextThreshold);
        expect(annualRebate(sumMoney(netPurchases, result.needed, -CENT), table, mode).tier).toBe(reached);
        expect(result.rebateAtNext).toBe(annualRebate(result.nextThreshold, table, mode).rebate);
        expect(sumMoney(annualRebate(netPurchases, table, mode).rebate, result.extra)).toBe(result.rebateAtNext);
      }),
    );
  });
});
