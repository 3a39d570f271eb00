import {
  comparePolicyRows,
  DEFAULT_POLICY,
  pairKey,
  parsePolicyRule,
  policyFromRows,
  policyRows,
  POLICY_RULE_NAMES,
  POLICY_RULES,
  ruleTakesRank,
  ruleTakesThreshold,
  SEED_POLICY_ROWS,
  type Policy,
  type PolicyRow,
  type PolicyRule,
} from "../../src/rules";

/** A row of SPEC §4.1's seed table: [Rule, Rank, Threshold, Value]. */
type SeedLine = [PolicyRule, string | undefined, number | undefined, number | undefined];

const minimums = (rule: PolicyRule, values: (number | undefined)[]): SeedLine[] =>
  ["PC", "DS", "SR", "SE", "SSE", "SM", "SSM", "SD", "SSD", "TE"].map((rank, i) => [rule, rank, undefined, values[i]]);

/** SPEC §4.1's seed table, with §1.1's ladder: a "—" (no minimum) is a blank Value. */
const SEED_TABLE: SeedLine[] = [
  ["PerformanceRatio", undefined, undefined, 0.9],
  ["VatRate", undefined, undefined, 0.17],
  ["BaseRate", undefined, 13_000, 0.1],
  ["BaseRate", undefined, 15_000, 0.15],
  ["BaseRate", undefined, 20_000, 0.2],
  ["MorningStar", "SR", 15_000, 1_500],
  ["MorningStar", "SM", 20_000, 4_000],
  ["MorningStar", "SD", 30_000, 4_000],
  ["OpeningStar", "SR", 20_000, 1_000],
  ["OpeningStar", "SM", 30_000, 2_000],
  ["OpeningStar", "SD", 40_000, 2_000],
  ["MorningStarDay", undefined, undefined, 20],
  ["OverrideRate", "SM", undefined, 0.05],
  ...minimums("RankMinMonthSales", [undefined, 8_000, 13_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000]),
  ...minimums("RankMinSponsoredSales", [undefined, undefined, undefined, undefined, 30_000, 60_000, 100_000, 160_000, 240_000, 320_000]),
  ...minimums("RankMinSponsoredCount", [undefined, undefined, undefined, undefined, 2, 4, 6, 8, 12, 16]),
  ...minimums("RankMinCumulativeSales", [undefined, 30_000]),
  ["PayMonthsAfter", undefined, undefined, 2],
  ["PayDay", undefined, undefined, 10],
  ["PlanLeadMonths", undefined, undefined, 1],
  ["BudgetTolerance", undefined, undefined, 0.05],
];

const line = (r: PolicyRow): SeedLine => [r.rule, r.rank, r.threshold, r.value];
const seedRow = ([rule, rank, threshold, value]: SeedLine): PolicyRow => ({ rule, rank, threshold, value });
const withRows = (...changes: SeedLine[]): Policy => {
  const keys = new Set(changes.map((c) => pairKey(seedRow(c))));
  return policyFromRows([...SEED_POLICY_ROWS.filter((r) => !keys.has(pairKey(r))), ...changes.map(seedRow)]);
};

describe("the rules of the Policy table (SPEC §4.1)", () => {
  it("are the fifteen of the seed table, in its order", () => {
    expect(POLICY_RULES).toEqual([...new Set(SEED_TABLE.map(([rule]) => rule))]);
  });

  it.each([
    ["VatRate", "VatRate"],
    ["vatrate", "VatRate"],
    [" VATRATE ", "VatRate"],
    ["增值税率", "VatRate"],
    ["VAT rate", "VatRate"],
    ["晨星截止日", "MorningStarDay"],
    ["职级培训SR数量", "RankMinSponsoredCount"],
    ["季度评估比例", "OverrideRate"],
    ["Vat", undefined],
    ["", undefined],
  ])("“%s” reads as %s", (text, rule) => expect(parsePolicyRule(text)).toBe(rule));

  it("every rule reads from its code, its English and its Chinese name", () => {
    for (const rule of POLICY_RULES) {
      for (const name of [rule, POLICY_RULE_NAMES[rule].en, POLICY_RULE_NAMES[rule].zh]) expect(parsePolicyRule(name)).toBe(rule);
    }
  });

  it("take a Rank: the award groups, OverrideRate and the ladder's minimums", () => {
    expect(POLICY_RULES.filter(ruleTakesRank)).toEqual([
      "MorningStar", "OpeningStar", "OverrideRate", "RankMinMonthSales", "RankMinSponsoredSales", "RankMinSponsoredCount", "RankMinCumulativeSales",
    ]);
  });

  it("take a Threshold: BaseRate's steps and the awards' sales thresholds", () => {
    expect(POLICY_RULES.filter(ruleTakesThreshold)).toEqual(["BaseRate", "MorningStar", "OpeningStar"]);
  });
});

describe("the seed version", () => {
  it("is exactly SPEC §4.1's seed table", () => expect(SEED_POLICY_ROWS.map(line)).toEqual(SEED_TABLE));

  it("is DEFAULT_POLICY written as rows", () => expect(policyRows(DEFAULT_POLICY)).toEqual(SEED_POLICY_ROWS));

  it("resolves to exactly DEFAULT_POLICY", () => expect(policyFromRows(SEED_POLICY_ROWS)).toEqual(DEFAULT_POLICY));

  it("with its rules in any order (BaseRate's steps keep theirs)", () => {
    expect(policyFromRows([...SEED_POLICY_ROWS].sort((a, b) => comparePolicyRows(b, a)))).toEqual(DEFAULT_POLICY);
  });

  it("no rows keep every value of the base policy", () => expect(policyFromRows([])).toEqual(DEFAULT_POLICY));
});

describe("pairKey: what a version's row replaces", () => {
  it.each<[SeedLine, string]>([
    [["VatRate", undefined, undefined, 0.13], "VatRate"],
    [["BaseRate", undefined, 13_000, 0.1], "BaseRate"],
    [["MorningStar", "SM", 20_000, 4_000], "MorningStar|SM"],
    [["RankMinMonthSales", "SR", undefined, 13_000], "RankMinMonthSales|SR"],
    [["OverrideRate", "SSM", undefined, 0.05], "OverrideRate"],
  ])("%j replaces %s", (changed, key) => expect(pairKey(seedRow(changed))).toBe(key));
});

describe("comparePolicyRows: the seed table's order", () => {
  it.each<[SeedLine, SeedLine]>([
    [["VatRate", undefined, undefined, 0.17], ["PerformanceRatio", undefined, undefined, 0.9]],
    [["MorningStar", "SM", 20_000, 4_000], ["MorningStar", "SR", 15_000, 1_500]],
    [["MorningStar", "SR", 15_000, 1_500], ["MorningStar", undefined, 15_000, 1_500]],
  ])("%j comes after %j", (later, earlier) => {
    expect(comparePolicyRows(seedRow(later), seedRow(earlier))).toBeGreaterThan(0);
    expect(comparePolicyRows(seedRow(earlier), seedRow(later))).toBeLessThan(0);
  });
  it("rows of one rule and rank are equal (table order is kept)", () => {
    expect(comparePolicyRows(seedRow(["BaseRate", undefined, 20_000, 0.2]), seedRow(["BaseRate", undefined, 13_000, 0.1]))).toBe(0);
  });
});

describe("policyFromRows: each rule's rows make the policy", () => {
  it.each<[SeedLine, (p: Policy) => unknown, unknown]>([
    [["PerformanceRatio", undefined, undefined, 0.8], (p) => p.bonus.performanceRatio, 0.8],
    [["VatRate", undefined, undefined, 0.13], (p) => p.bonus.vatRate, 0.13],
    [["MorningStarDay", undefined, undefined, 25], (p) => p.bonus.morningStarDay, 25],
    [["PayMonthsAfter", undefined, undefined, 1], (p) => p.schedule.payMonthsAfter, 1],
    [["PayDay", undefined, undefined, 15], (p) => p.schedule.payDayOfMonth, 15],
    [["PlanLeadMonths", undefined, undefined, 2], (p) => p.schedule.planLeadMonths, 2],
    [["BudgetTolerance", undefined, undefined, 0.1], (p) => p.budget.tolerance, 0.1],
    [["RankMinMonthSales", "SR", undefined, 14_000], (p) => p.ranks[2], { code: "SR", minMonthSales: 14_000, minSponsoredSales: 0, minSponsoredCount: 0, minCumulativeSales: 0 }],
    [["RankMinSponsoredSales", "SM", undefined, 70_000], (p) => p.ranks[5].minSponsoredSales, 70_000],
    [["RankMinSponsoredCount", "SM", undefined, 5], (p) => p.ranks[5].minSponsoredCount, 5],
    [["RankMinCumulativeSales", "DS", undefined, 40_000], (p) => p.ranks[1].minCumulativeSales, 40_000],
    [["RankMinCumulativeSales", "DS", undefined, undefined], (p) => p.ranks[1].minCumulativeSales, 0],
    [["OverrideRate", "SSM", undefined, 0.06], (p) => [p.bonus.overrideRate, p.bonus.overrideRanks], [0.06, ["SSM", "SD", "SSD", "TE"]]],
  ])("%j", (changed, read, expected) => {
    const policy = withRows(changed);
    expect(read(policy)).toEqual(expected);
    expect(policy.rebateMode).toBe(DEFAULT_POLICY.rebateMode);
  });

  it("one rule's rows leave the others as they were", () => {
    expect(withRows(["VatRate", undefined, undefined, 0.13])).toEqual({ ...DEFAULT_POLICY, bonus: { ...DEFAULT_POLICY.bonus, vatRate: 0.13 } });
  });

  it("BaseRate's rows are its steps, in their order", () => {
    const policy = policyFromRows([seedRow(["BaseRate", undefined, 13_000, 0.12]), seedRow(["BaseRate", undefined, 20_000, 0.2])]);
    expect(policy.bonus.baseRateSteps).toEqual([{ from: 13_000, rate: 0.12 }, { from: 20_000, rate: 0.2 }]);
  });

  it("a row without the Value, Threshold or Rank its rule needs is passed over", () => {
    const rows = [
      seedRow(["VatRate", undefined, undefined, undefined]),
      seedRow(["BaseRate", undefined, undefined, 0.3]),
      seedRow(["BaseRate", undefined, 13_000, undefined]),
      seedRow(["OpeningStar", "SR", 20_000, undefined]),
      seedRow(["MorningStar", undefined, 1, 1]),
      seedRow(["MorningStar", "XX", 1, 1]),
      seedRow(["OverrideRate", undefined, undefined, 0.5]),
    ];
    expect(policyFromRows(rows)).toEqual(DEFAULT_POLICY);
  });
});

describe("policyFromRows: award groups run from their Rank up to the next group's", () => {
  const groups = (p: Policy) => p.bonus.starAwardGroups.map((g) => [g.ranks.join(" "), g.morningStarThreshold, g.morningStarAward, g.openingStarThreshold, g.openingStarAward]);

  it("the seed: SR SE SSE · SM SSM · SD SSD TE, PC and DS base only", () => {
    expect(groups(DEFAULT_POLICY)).toEqual([
      ["SR SE SSE", 15_000, 1_500, 20_000, 1_000],
      ["SM SSM", 20_000, 4_000, 30_000, 2_000],
      ["SD SSD TE", 30_000, 4_000, 40_000, 2_000],
    ]);
    expect(DEFAULT_POLICY.bonus.baseOnlyRanks).toEqual(["PC", "DS"]);
  });

  it("a MorningStar SM row changes only the SM group's morning star", () => {
    const policy = withRows(["MorningStar", "SM", 25_000, 5_000]);
    expect(groups(policy)).toEqual([
      ["SR SE SSE", 15_000, 1_500, 20_000, 1_000],
      ["SM SSM", 25_000, 5_000, 30_000, 2_000],
      ["SD SSD TE", 30_000, 4_000, 40_000, 2_000],
    ]);
  });

  it("a group starting at a new rank splits the one it falls in; the other award is its group's below", () => {
    const policy = withRows(["MorningStar", "SE", 18_000, 2_000]);
    expect(groups(policy)).toEqual([
      ["SR", 15_000, 1_500, 20_000, 1_000],
      ["SE SSE", 18_000, 2_000, 20_000, 1_000],
      ["SM SSM", 20_000, 4_000, 30_000, 2_000],
      ["SD SSD TE", 30_000, 4_000, 40_000, 2_000],
    ]);
    expect(policy.bonus.baseOnlyRanks).toEqual(["PC", "DS"]);
  });

  it("a group starting below the first: DS earns the opening star and no morning star, PC stays base only", () => {
    const policy = withRows(["OpeningStar", "DS", 10_000, 500]);
    expect(groups(policy)[0]).toEqual(["DS", 0, 0, 10_000, 500]);
    expect(groups(policy)[1]).toEqual(["SR SE SSE", 15_000, 1_500, 20_000, 1_000]);
    expect(policy.bonus.baseOnlyRanks).toEqual(["PC"]);
  });

  it("a group at the top rank: TE alone", () => {
    expect(groups(withRows(["OpeningStar", "TE", 50_000, 3_000])).at(-1)).toEqual(["TE", 30_000, 4_000, 50_000, 3_000]);
  });

  it("two rows for one group (a problem of the version): the later one counts, as for every rule", () => {
    const policy = withRows(["MorningStar", "SM", 25_000, 5_000], ["MorningStar", "SM", 26_000, 6_000]);
    expect(groups(policy)[1]).toEqual(["SM SSM", 26_000, 6_000, 30_000, 2_000]);
    expect(withRows(["VatRate", undefined, undefined, 0.16], ["VatRate", undefined, undefined, 0.13]).bonus.vatRate).toBe(0.13);
  });

  it("a group at the lowest rank: nobody is base only", () => {
    const policy = withRows(["MorningStar", "PC", 1_000, 100]);
    expect(policy.bonus.baseOnlyRanks).toEqual([]);
    expect(groups(policy)[0]).toEqual(["PC DS", 1_000, 100, 0, 0]);
  });
});
