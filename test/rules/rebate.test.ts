import fc from "fast-check";
import { annualRebate, purchaseShare, validateTiers, type RebateTier } from "../../src/rules";

/** SPEC 1.3's example table: 0:0%, 100000:1%, 500000:2%, 1000000:3%. */
const TIERS: RebateTier[] = [
  { threshold: 0, rate: 0 },
  { threshold: 100_000, rate: 0.01 },
  { threshold: 500_000, rate: 0.02 },
  { threshold: 1_000_000, rate: 0.03 },
];

describe("annualRebate — SPEC 1.3 worked examples", () => {
  it("REBATE(600000, tiers) = 12,000.00 (retroactive)", () => {
    expect(annualRebate(600_000, TIERS)).toEqual({ tier: 500_000, rate: 0.02, rebate: 12_000 });
  });
  it("REBATE(600000, tiers, \"incremental\") = 400,000×1% + 100,000×2% = 6,000.00", () => {
    expect(annualRebate(600_000, TIERS, "incremental").rebate).toBe(6_000);
  });
  it("REBATE(600000, tiers, , 60000) = 1,200.00", () => {
    expect(purchaseShare(60_000, annualRebate(600_000, TIERS).rebate, 600_000)).toBe(1_200);
  });
});

describe("annualRebate — thresholds at, below and above", () => {
  it.each([
    [99_999.99, 0, 0],
    [100_000, 100_000, 1_000],
    [100_000.01, 100_000, 1_000],
    [499_999.99, 100_000, 5_000],
    [500_000, 500_000, 10_000],
    [999_999.99, 500_000, 20_000],
    [1_000_000, 1_000_000, 30_000],
    [1_000_000.01, 1_000_000, 30_000],
  ])("retroactive: net %d reaches tier %d and earns %d", (net, tier, rebate) => {
    const result = annualRebate(net, TIERS);
    expect(result.tier).toBe(tier);
    expect(result.rebate).toBe(rebate);
  });

  it.each([
    [100_000, 0],
    [500_000, 4_000],
    [1_000_000, 14_000],
    [1_200_000, 20_000],
  ])("incremental: net %d earns %d", (net, rebate) => expect(annualRebate(net, TIERS, "incremental").rebate).toBe(rebate));

  it("below the first threshold there is no rebate", () => {
    expect(annualRebate(50_000, [{ threshold: 100_000, rate: 0.05 }])).toEqual({ tier: undefined, rate: 0, rebate: 0 });
  });
  it("returns above purchases (negative net) give 0, not an error", () => {
    expect(annualRebate(-5_000, TIERS).rebate).toBe(0);
    expect(annualRebate(-5_000, TIERS, "incremental").rebate).toBe(0);
  });
  it("a purchase's share is 0 when net purchases are 0", () => expect(purchaseShare(100, 0, 0)).toBe(0));
});

describe("validateTiers", () => {
  it("accepts ascending tiers", () => expect(validateTiers(TIERS)).toBeUndefined());
  it("rejects an empty table", () => expect(validateTiers([])).toMatchObject({ kind: "value", code: "tableEmpty" }));
  it("rejects duplicate thresholds, naming the row", () => {
    expect(validateTiers([{ threshold: 0, rate: 0 }, { threshold: 0, rate: 0.01 }], [2, 3])).toMatchObject({ kind: "value", code: "tiersNotAscending", params: { row: 3 } });
  });
  it("rejects unsorted thresholds", () => {
    expect(validateTiers([{ threshold: 10, rate: 0 }, { threshold: 5, rate: 0.01 }])).toMatchObject({ code: "tiersNotAscending" });
  });
  it("a rate above 1 looks like a percentage without % (#NUM!)", () => {
    expect(validateTiers([{ threshold: 0, rate: 2 }])).toMatchObject({ kind: "num", code: "rateLooksLikePercent" });
  });
  it("a rate of exactly 1 (100%) is allowed", () => expect(validateTiers([{ threshold: 0, rate: 1 }])).toBeUndefined());
  it("a negative rate is #NUM!", () => expect(validateTiers([{ threshold: 0, rate: -0.01 }])).toMatchObject({ kind: "num", code: "rateNegative" }));
});

describe("annualRebate — properties", () => {
  const tiersArb = fc
    .uniqueArray(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 6 })
    .chain((thresholds) =>
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: thresholds.length, maxLength: thresholds.length }).map((rates) => {
        const sortedRates = [...rates].sort((a, b) => a - b);
        return [...thresholds].sort((a, b) => a - b).map((threshold, i) => ({ threshold, rate: sortedRates[i] / 10_000 }));
      }),
    );
  const net = fc.integer({ min: -100_000_00, max: 500_000_000 }).map((cents) => cents / 100);

  it("an incremental rebate never exceeds the retroactive one (rates rising with the tier)", () => {
    fc.assert(fc.property(tiersArb, net, (tiers, amount) => annualRebate(amount, tiers, "incremental").rebate <= annualRebate(amount, tiers, "retroactive").rebate));
  });

  it("the per-purchase shares of a dealer's purchases add up to the annual rebate, within rounding", () => {
    const purchases = fc.array(fc.integer({ min: -50_000_00, max: 200_000_00 }).map((c) => c / 100), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(tiersArb, purchases, fc.constantFrom("retroactive" as const, "incremental" as const), (tiers, amounts, mode) => {
        const netAmount = amounts.reduce((a, b) => a + b, 0);
        const annual = annualRebate(netAmount, tiers, mode).rebate;
        const shares = amounts.reduce((sum, p) => sum + purchaseShare(p, annual, netAmount), 0);
        const roundingAllowance = 0.005 * amounts.length + 1e-6;
        return Math.abs(shares - (netAmount > 0 ? annual : 0)) <= roundingAllowance;
      }),
    );
  });
});
