import {
  baseBonus,
  DEFAULT_POLICY,
  monthlyBonus,
  policyDiff,
  policyRulesInForce,
  readPolicyVersions,
  resolvePolicy,
  SEED_POLICY_ROWS,
  versionChanges,
  type PolicyRow,
} from "../../src/rules";
import { day, policyRow as p, versionsOf } from "./policy-fixtures";

const APPROVED = { status: "Approved" };

/** The VAT history of SPEC §4: 17% → 16% on 2018-05-01 → 13% on 2019-04-01. */
const vatHistory = () =>
  versionsOf(p(2, "VatRate", 0.16, { from: "2018-05-01", ...APPROVED }), p(3, "VatRate", 0.13, { from: "2019-04-01", ...APPROVED }));

describe("resolvePolicy: the approved versions with From ≤ asOf, in From order, over the seed", () => {
  it.each([
    ["2018-04-30", 0.17, undefined],
    ["2018-05-01", 0.16, "2018-05-01"],
    ["2019-03-31", 0.16, "2018-05-01"],
    ["2019-04-01", 0.13, "2019-04-01"],
    ["2026-03-01", 0.13, "2019-04-01"],
  ])("on %s the VAT rate is %d (PolicyFrom %s)", (asOf, vatRate, from) => {
    const resolved = resolvePolicy(vatHistory(), day(asOf));
    expect(resolved.policy.bonus.vatRate).toBe(vatRate);
    expect(resolved.from).toEqual(from && day(from));
    expect(resolved.problems).toEqual([]);
  });

  it("the SR worked example under 13% VAT: 20000 × 0.9 ÷ 1.13 × 20% = 3,185.84", () => {
    const { policy } = resolvePolicy(vatHistory(), day("2019-04-01"));
    expect(baseBonus(20_000, policy.bonus)).toBe(3_185.84);
    expect(monthlyBonus({ monthSales: 20_000, salesBy20th: 15_000, rank: "SR", sponsoredSales: 0 }, policy.bonus)).toMatchObject({ total: 5_685.84 });
  });

  it("a time of day on asOf does not matter", () => expect(resolvePolicy(vatHistory(), new Date(2019, 2, 31, 23, 59)).policy.bonus.vatRate).toBe(0.16));

  it("without asOf every approved version applies, even one dated later", () => {
    const later = versionsOf(p(2, "VatRate", 0.1, { from: "2099-01-01", ...APPROVED }));
    expect(resolvePolicy(later).policy.bonus.vatRate).toBe(0.1);
    expect(resolvePolicy(later).from).toEqual(day("2099-01-01"));
  });

  it("no versions: the seed, exactly DEFAULT_POLICY", () => {
    expect(resolvePolicy([], day("2026-01-01"))).toEqual({ policy: DEFAULT_POLICY, from: undefined, problems: [] });
  });

  it("the seed rows written as an approved version with blank From resolve to exactly DEFAULT_POLICY", () => {
    const rows = SEED_POLICY_ROWS.map((r, i) => p(i + 2, r.rule, r.value, { rank: r.rank, threshold: r.threshold, ...APPROVED }));
    const resolved = resolvePolicy(versionsOf(...rows), day("2026-01-01"));
    expect(resolved).toEqual({ policy: DEFAULT_POLICY, from: undefined, problems: [] });
  });

  it("a table without a Status column: every version counts", () => {
    const { versions } = readPolicyVersions([p(2, "VatRate", 0.13, { from: "2019-04-01" })], { hasStatusColumn: false });
    expect(resolvePolicy(versions, day("2019-04-01")).policy.bonus.vatRate).toBe(0.13);
  });

  it.each([
    ["Draft", "Draft"],
    ["a blank Status", ""],
    ["Rejected", "Rejected"],
    ["已驳回", "已驳回"],
  ])("a %s version does not count", (_, status) => {
    const versions = versionsOf(p(2, "VatRate", 0.13, { from: "2019-04-01", status }));
    expect(resolvePolicy(versions, day("2020-01-01"))).toEqual({ policy: DEFAULT_POLICY, from: undefined, problems: [] });
  });

  it("a version with mixed statuses does not count, and its problem stops the computation", () => {
    const versions = versionsOf(p(2, "VatRate", 0.13, { from: "2019-04-01", ...APPROVED }), p(3, "PayDay", 15, { from: "2019-04-01", status: "Draft" }));
    const resolved = resolvePolicy(versions, day("2020-01-01"));
    expect(resolved.policy).toEqual(DEFAULT_POLICY);
    expect(resolved.problems.map((pr) => [pr.row, pr.error.code])).toEqual([[2, "policyMixedStatus"]]);
    expect(resolvePolicy(versions, day("2019-03-31")).problems).toEqual([]);
  });

  it("a version with a status that cannot be read stops the computation from its From on", () => {
    const versions = versionsOf(p(2, "VatRate", 0.13, { from: "2019-04-01", status: "Aproved" }));
    expect(resolvePolicy(versions, day("2019-04-01")).problems.map((pr) => pr.error.code)).toEqual(["policyUnknownStatus"]);
    expect(resolvePolicy(versions, day("2019-03-31")).problems).toEqual([]);
    expect(resolvePolicy(versions).problems).toHaveLength(1);
  });

  it("problems of an approved version in force stop the computation; of a later, draft or rejected one they do not", () => {
    const versions = versionsOf(
      p(3, "VatRate", 13, { from: "2019-04-01", ...APPROVED }),
      p(2, "PayDay", 40, { from: "2020-01-01", ...APPROVED }),
      p(4, "Bonus", 1, { from: "2018-01-01", status: "Draft" }),
      p(5, "Bonus", 1, { from: "2018-02-01", status: "Rejected" }),
    );
    expect(resolvePolicy(versions, day("2019-04-01")).problems.map((pr) => [pr.row, pr.error.code])).toEqual([[3, "policyRateAbove100"]]);
    expect(resolvePolicy(versions, day("2020-01-01")).problems.map((pr) => pr.row)).toEqual([2, 3]);
    expect(resolvePolicy(versions, day("2019-03-31")).problems).toEqual([]);
  });

  it("a version lists only what it changes: the rest carries over from the version before", () => {
    const versions = versionsOf(
      p(2, "VatRate", 0.16, { from: "2018-05-01", ...APPROVED }),
      p(3, "PayDay", 15, { from: "2018-05-01", ...APPROVED }),
      p(4, "VatRate", 0.13, { from: "2019-04-01", ...APPROVED }),
    );
    const { policy } = resolvePolicy(versions, day("2019-04-01"));
    expect(policy).toEqual({ ...DEFAULT_POLICY, bonus: { ...DEFAULT_POLICY.bonus, vatRate: 0.13 }, schedule: { ...DEFAULT_POLICY.schedule, payDayOfMonth: 15 } });
  });

  it("a BaseRate version replaces all three steps", () => {
    const versions = versionsOf(p(2, "BaseRate", 0.12, { threshold: 13_000, from: "2020-01-01", ...APPROVED }), p(3, "BaseRate", 0.2, { threshold: 20_000, from: "2020-01-01", ...APPROVED }));
    const { policy } = resolvePolicy(versions, day("2020-01-01"));
    expect(policy.bonus.baseRateSteps).toEqual([{ from: 13_000, rate: 0.12 }, { from: 20_000, rate: 0.2 }]);
    // 16,000 was at the 15% step, which the version leaves out: now 12%. 16000 × 0.9 ÷ 1.17 × 12% = 1,476.92
    expect(baseBonus(16_000, policy.bonus)).toBe(1_476.92);
  });

  it("a MorningStar SM row changes only SM's group", () => {
    const versions = versionsOf(p(2, "MorningStar", 5_000, { rank: "SM", threshold: 25_000, from: "2020-01-01", ...APPROVED }));
    const { policy } = resolvePolicy(versions, day("2020-01-01"));
    const [sr, sm, sd] = DEFAULT_POLICY.bonus.starAwardGroups;
    expect(policy.bonus.starAwardGroups).toEqual([sr, { ...sm, morningStarThreshold: 25_000, morningStarAward: 5_000 }, sd]);
    // the SM worked example by the 20th 20,000: no longer a morning star (4,000 less than 14,615.38)
    expect(monthlyBonus({ monthSales: 30_000, salesBy20th: 20_000, rank: "SM", sponsoredSales: 80_000 }, policy.bonus)).toMatchObject({ morningStar: 0, total: 10_615.38 });
  });

  it("OverrideRate's Rank is the lowest rank that earns it", () => {
    const versions = versionsOf(p(2, "OverrideRate", 0.06, { rank: "SSM", from: "2020-01-01", ...APPROVED }));
    const { policy } = resolvePolicy(versions, day("2020-01-01"));
    expect(policy.bonus.overrideRanks).toEqual(["SSM", "SD", "SSD", "TE"]);
    expect(monthlyBonus({ monthSales: 30_000, salesBy20th: 20_000, rank: "SM", sponsoredSales: 80_000 }, policy.bonus)).toMatchObject({ override: 0 });
    expect(monthlyBonus({ monthSales: 30_000, salesBy20th: 20_000, rank: "SSM", sponsoredSales: 80_000 }, policy.bonus)).toMatchObject({ override: 4_800 });
  });

  it("RankMin rows change the ladder rank by rank", () => {
    const versions = versionsOf(p(2, "RankMinMonthSales", 14_000, { rank: "SR", from: "2020-01-01", ...APPROVED }), p(3, "RankMinSponsoredCount", 5, { rank: "SM", from: "2020-01-01", ...APPROVED }));
    const { policy, problems } = resolvePolicy(versions, day("2020-01-01"));
    expect(problems).toEqual([]);
    expect(policy.ranks.map((r) => r.minMonthSales)).toEqual([0, 8_000, 14_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000]);
    expect(policy.ranks.map((r) => r.minSponsoredCount)).toEqual([0, 0, 0, 0, 2, 5, 6, 8, 12, 16]);
  });

  it("a later version of the same pair wins; versions apply in From order whatever the table order", () => {
    const versions = versionsOf(
      p(2, "MorningStarDay", 25, { from: "2021-01-01", ...APPROVED }),
      p(3, "MorningStarDay", 15, { from: "2020-01-01", ...APPROVED }),
      p(4, "MorningStarDay", 10, { from: "2022-01-01", status: "Draft" }),
    );
    expect(resolvePolicy(versions, day("2020-06-01")).policy.bonus.morningStarDay).toBe(15);
    expect(resolvePolicy(versions, day("2023-01-01")).policy.bonus.morningStarDay).toBe(25);
    expect(resolvePolicy(versions, day("2023-01-01")).from).toEqual(day("2021-01-01"));
  });

  it("a blank-From version applies from the start and has no From of its own", () => {
    const versions = versionsOf(p(2, "PayDay", 12, APPROVED));
    expect(resolvePolicy(versions, day("1900-03-01"))).toMatchObject({ policy: { schedule: { payDayOfMonth: 12 } }, from: undefined });
  });
});

describe("resolvePolicy: a ladder whose minimums decrease up the ranks", () => {
  const resolved = (...rows: Parameters<typeof p>[]) => resolvePolicy(versionsOf(...rows.map((args) => p(...args))), day("2020-01-01"));
  const on2020 = { from: "2020-01-01", ...APPROVED };

  it("the seed passes", () => expect(resolvePolicy([]).problems).toEqual([]));

  it("SM's month sales above SSM's: reported at SM's row, the higher rank kept from the seed", () => {
    expect(resolved([7, "RankMinMonthSales", 16_000, { rank: "SM", ...on2020 }]).problems).toEqual([
      { row: 7, error: { kind: "value", code: "policyLadderDecreasing", params: { rule: "RankMinMonthSales", rank: "SSM", value: 15_000, lowerRank: "SM", lowerValue: 16_000 } } },
    ]);
  });

  it("SM's sponsored sales below SSE's: reported at SM's row", () => {
    expect(resolved([7, "RankMinSponsoredSales", 29_999, { rank: "SM", ...on2020 }]).problems).toEqual([
      { row: 7, error: expect.objectContaining({ params: { rule: "RankMinSponsoredSales", rank: "SM", value: 29_999, lowerRank: "SSE", lowerValue: 30_000 } }) },
    ]);
  });

  it("sponsored count, equal minimums are fine; one less is not", () => {
    expect(resolved([7, "RankMinSponsoredCount", 2, { rank: "SM", ...on2020 }]).problems).toEqual([]);
    expect(resolved([7, "RankMinSponsoredCount", 1, { rank: "SM", ...on2020 }]).problems.map((pr) => pr.error.params.rank)).toEqual(["SM"]);
  });

  it("a blank minimum is no minimum and left out of the check", () => {
    expect(resolved([7, "RankMinSponsoredSales", undefined, { rank: "SSE", ...on2020 }], [8, "RankMinSponsoredSales", 20_000, { rank: "SE", ...on2020 }]).problems).toEqual([]);
    expect(resolved([7, "RankMinMonthSales", undefined, { rank: "SM", ...on2020 }]).problems).toEqual([]);
    expect(resolved([7, "RankMinMonthSales", 0, { rank: "SM", ...on2020 }]).problems).toEqual([]);
  });

  it("cumulative sales are not checked (DS needs more than SR)", () => {
    expect(resolved([7, "RankMinCumulativeSales", 1_000, { rank: "TE", ...on2020 }]).problems).toEqual([]);
  });

  it("each decrease is compared with the minimum just below it", () => {
    const problems = resolved([7, "RankMinMonthSales", 20_000, { rank: "SSE", ...on2020 }], [8, "RankMinMonthSales", 17_000, { rank: "SSM", ...on2020 }]).problems;
    expect(problems.map((pr) => [pr.row, pr.error.params.rank, pr.error.params.lowerRank])).toEqual([
      [7, "SM", "SSE"],
      [8, "SD", "SSM"],
    ]);
  });

  it("both rows from the table: reported at the higher rank's row", () => {
    const problems = resolved([7, "RankMinSponsoredCount", 6, { rank: "SM", ...on2020 }], [8, "RankMinSponsoredCount", 5, { rank: "SSM", ...on2020 }]).problems;
    expect(problems.map((pr) => [pr.row, pr.error.params.rank])).toEqual([[8, "SSM"]]);
  });

  it("ladder problems come in row order with the versions' own", () => {
    const problems = resolved([7, "RankMinMonthSales", 16_000, { rank: "SM", ...on2020 }], [5, "VatRate", 2, on2020]).problems;
    expect(problems.map((pr) => [pr.row, pr.error.code])).toEqual([[5, "policyRateAbove100"], [7, "policyLadderDecreasing"]]);
  });

  it("a draft's ladder is not checked", () => {
    expect(resolvePolicy(versionsOf(p(7, "RankMinMonthSales", 99_999, { rank: "SR", from: "2020-01-01" })), day("2020-01-01")).problems).toEqual([]);
  });
});

describe("policyRulesInForce: rule by rule, with the From each comes from", () => {
  const versions = () =>
    versionsOf(
      ...vatHistory().flatMap((v) => v.tableRows),
      p(4, "MorningStar", 5_000, { rank: "SM", threshold: 25_000, from: "2020-01-01", ...APPROVED }),
      p(5, "BaseRate", 0.12, { threshold: 13_000, from: "2020-01-01", ...APPROVED }),
      p(6, "PayDay", 12, APPROVED),
    );
  const rules = () => policyRulesInForce(versions(), day("2020-01-01"));

  it("every rule, in the seed table's order", () => {
    expect(Object.keys(rules())).toEqual(["PerformanceRatio", "VatRate", "BaseRate", "MorningStar", "OpeningStar", "MorningStarDay", "OverrideRate", "RankMinMonthSales", "RankMinSponsoredSales", "RankMinSponsoredCount", "RankMinCumulativeSales", "PayMonthsAfter", "PayDay", "PlanLeadMonths", "BudgetTolerance"]);
  });

  it("VatRate from 2019-04-01, PerformanceRatio from the seed, PayDay from the blank-From version", () => {
    expect(rules().VatRate).toEqual([{ rank: undefined, threshold: undefined, value: 0.13, from: day("2019-04-01") }]);
    expect(rules().PerformanceRatio).toEqual([{ rank: undefined, threshold: undefined, value: 0.9, from: undefined }]);
    expect(rules().PayDay).toEqual([{ rank: undefined, threshold: undefined, value: 12, from: undefined }]);
  });

  it("each pair from its own version: MorningStar SM from 2020, SR and SD from the seed", () => {
    expect(rules().MorningStar).toEqual([
      { rank: "SR", threshold: 15_000, value: 1_500, from: undefined },
      { rank: "SM", threshold: 25_000, value: 5_000, from: day("2020-01-01") },
      { rank: "SD", threshold: 30_000, value: 4_000, from: undefined },
    ]);
    expect(rules().BaseRate).toEqual([{ rank: undefined, threshold: 13_000, value: 0.12, from: day("2020-01-01") }]);
  });

  it("blank minimums stay blank", () => {
    expect(rules().RankMinCumulativeSales.map((r) => r.value)).toEqual([undefined, 30_000, ...Array(8).fill(undefined)]);
  });

  it("a new pair takes its place up the ladder", () => {
    const withSe = versionsOf(p(2, "MorningStar", 2_000, { rank: "SE", threshold: 18_000, from: "2020-01-01", ...APPROVED }));
    expect(policyRulesInForce(withSe).MorningStar.map((r) => r.rank)).toEqual(["SR", "SE", "SM", "SD"]);
  });

  it("before any version: the seed", () => {
    expect(policyRulesInForce(versions(), day("2018-01-01")).VatRate).toEqual([{ rank: undefined, threshold: undefined, value: 0.17, from: undefined }]);
    expect(Object.values(policyRulesInForce([])).flat()).toHaveLength(SEED_POLICY_ROWS.length);
  });
});

describe("policyDiff and versionChanges: what a version changes (Approvals page)", () => {
  const row = (rule: PolicyRow["rule"], value: number | undefined, rank?: string, threshold?: number): PolicyRow => ({ rule, rank, threshold, value });

  it("the policy against itself: nothing", () => expect(policyDiff(SEED_POLICY_ROWS, SEED_POLICY_ROWS)).toEqual([]));

  it("old → new pair by pair, in the seed table's order", () => {
    const after = [...SEED_POLICY_ROWS.filter((r) => r.rule !== "VatRate" && r.rule !== "PayDay"), row("PayDay", 15), row("VatRate", 0.13)];
    expect(policyDiff(SEED_POLICY_ROWS, after)).toEqual([
      { rule: "VatRate", rank: undefined, before: [{ rank: undefined, threshold: undefined, value: 0.17 }], after: [{ rank: undefined, threshold: undefined, value: 0.13 }] },
      { rule: "PayDay", rank: undefined, before: [{ rank: undefined, threshold: undefined, value: 10 }], after: [{ rank: undefined, threshold: undefined, value: 15 }] },
    ]);
  });

  it("pairs in the seed table's order, whichever side lists them first", () => {
    expect(policyDiff([row("VatRate", 0.17)], [row("VatRate", 0.13), row("PerformanceRatio", 0.8)]).map((c) => c.rule)).toEqual(["PerformanceRatio", "VatRate"]);
  });

  it("a pair only before or only after", () => {
    expect(policyDiff([], [row("MorningStar", 2_000, "SE", 18_000)])).toEqual([{ rule: "MorningStar", rank: "SE", before: [], after: [{ rank: "SE", threshold: 18_000, value: 2_000 }] }]);
    expect(policyDiff([row("VatRate", 0.1)], [])).toEqual([{ rule: "VatRate", rank: undefined, before: [{ rank: undefined, threshold: undefined, value: 0.1 }], after: [] }]);
  });

  it.each<[string, PolicyRow[], PolicyRow[]]>([
    ["a value", [row("BaseRate", 0.1, undefined, 1)], [row("BaseRate", 0.2, undefined, 1)]],
    ["a threshold", [row("BaseRate", 0.1, undefined, 1)], [row("BaseRate", 0.1, undefined, 2)]],
    ["OverrideRate's rank", [row("OverrideRate", 0.05, "SM")], [row("OverrideRate", 0.05, "SSM")]],
    ["one step more", [row("BaseRate", 0.1, undefined, 1)], [row("BaseRate", 0.1, undefined, 1), row("BaseRate", 0.2, undefined, 2)]],
    ["one step of two", [row("BaseRate", 0.1, undefined, 1), row("BaseRate", 0.2, undefined, 2)], [row("BaseRate", 0.1, undefined, 1), row("BaseRate", 0.3, undefined, 2)]],
  ])("a change of %s is a change", (_, before, after) => expect(policyDiff(before, after)).toHaveLength(1));

  it("OverrideRate's change names no pair rank: its rank is in the entries", () => {
    expect(policyDiff([row("OverrideRate", 0.05, "SM")], [row("OverrideRate", 0.05, "SSM")])[0].rank).toBeUndefined();
  });

  it("a version against the policy just before it: earlier approved versions over the seed", () => {
    const versions = versionsOf(
      p(2, "VatRate", 0.16, { from: "2018-05-01", ...APPROVED }),
      p(3, "VatRate", 0.13, { from: "2019-04-01" }),
      p(4, "BaseRate", 0.12, { threshold: 13_000, from: "2019-04-01" }),
      p(5, "PayDay", 15, { from: "2019-04-01" }),
      p(6, "VatRate", 0.1, { from: "2019-01-01", status: "Draft" }),
      p(7, "VatRate", 0.12, { from: "2020-01-01", ...APPROVED }),
    );
    const draft = versions.find((v) => v.id === "POLICY-2019-04-01");
    expect(versionChanges(versions, draft!)).toEqual([
      { rule: "VatRate", rank: undefined, before: [{ rank: undefined, threshold: undefined, value: 0.16 }], after: [{ rank: undefined, threshold: undefined, value: 0.13 }] },
      {
        rule: "BaseRate",
        rank: undefined,
        before: [13_000, 15_000, 20_000].map((threshold, i) => ({ rank: undefined, threshold, value: [0.1, 0.15, 0.2][i] })),
        after: [{ rank: undefined, threshold: 13_000, value: 0.12 }],
      },
      { rule: "PayDay", rank: undefined, before: [{ rank: undefined, threshold: undefined, value: 10 }], after: [{ rank: undefined, threshold: undefined, value: 15 }] },
    ]);
  });

  it("a version listing what is already in force changes nothing; the first version is compared with the seed", () => {
    const versions = versionsOf(p(2, "VatRate", 0.17, { from: "2018-05-01" }), p(3, "MorningStar", 4_000, { rank: "SM", threshold: 20_000, from: "2018-05-01" }));
    expect(versionChanges(versions, versions[0])).toEqual([]);
  });

  it("an approved version on the same day is not 'before' it", () => {
    const versions = versionsOf(p(2, "VatRate", 0.13, { from: "2019-04-01", ...APPROVED }));
    expect(versionChanges(versions, versions[0])).toHaveLength(1);
  });
});
