import { describeRuleError } from "../../src/i18n";
import { parseBusinessNumber, policyVersionHash, policyVersionId, readPolicyVersions, SEED_POLICY_ROWS, type PolicyTableRow } from "../../src/rules";
import { day, policyRow as p, versionsOf } from "./policy-fixtures";

/** The problems of a table with a Status column, as [row, code, params]. */
function problemsOf(...rows: PolicyTableRow[]) {
  return readPolicyVersions(rows, { hasStatusColumn: true }).problems.map((pr) => [pr.row, pr.error.code, pr.error.params]);
}

describe("versions: the rows sharing one From (SPEC §4.2)", () => {
  const rows = [
    p(2, "VatRate", 0.13, { from: "2019-04-01", status: "Approved" }),
    p(3, "VatRate", 0.16, { from: "2018-05-01", status: "Approved" }),
    p(4, "PayDay", 15, { from: "2019-04-01", status: "Approved" }),
    p(5, "PerformanceRatio", 0.9, { status: "Approved" }),
  ];
  const versions = () => readPolicyVersions(rows, { hasStatusColumn: true }).versions;

  it("oldest first, a blank From (1900-01-01) before every dated one", () => {
    expect(versions().map((v) => v.id)).toEqual(["POLICY-1900-01-01", "POLICY-2018-05-01", "POLICY-2019-04-01"]);
    expect(versions().map((v) => v.from)).toEqual([undefined, day("2018-05-01"), day("2019-04-01")]);
  });

  it("each holds its rows in table order, read as codes", () => {
    expect(versions()[2].rows).toEqual([
      { row: 2, rule: "VatRate", rank: undefined, threshold: undefined, value: 0.13 },
      { row: 4, rule: "PayDay", rank: undefined, threshold: undefined, value: 15 },
    ]);
    expect(versions()[2].tableRows).toEqual([rows[0], rows[2]]);
  });

  it("a From with a time of day is that day", () => {
    const at = { ...p(6, "PayDay", 12, { status: "Approved" }), from: new Date(2019, 3, 1, 15, 30) };
    expect(readPolicyVersions([...rows, at], { hasStatusColumn: true }).versions[2].rows.map((r) => r.row)).toEqual([2, 4, 6]);
  });

  it("a From of 1900-01-01 written out is the blank From's version", () => {
    expect(versionsOf(p(2, "VatRate", 0.1, { from: "1900-01-01" }), p(3, "PayDay", 1)).map((v) => v.rows.length)).toEqual([2]);
  });

  it("blank rows are left out; a row with only a Note is not blank", () => {
    const blank = p(9, "", undefined);
    expect(readPolicyVersions([blank], { hasStatusColumn: true })).toEqual({ versions: [], problems: [] });
    for (const cells of [{ note: "x" }, { owner: "x" }, { status: "Draft" }, { rank: "SM" }, { threshold: 1 }, { from: "2020-01-01" }]) {
      expect(problemsOf(p(9, "", undefined, cells))).toEqual([[9, "policyUnknownRule", expect.anything()]]);
    }
    expect(problemsOf(p(9, "", 1))).toEqual([[9, "policyUnknownRule", expect.anything()]]);
  });

  it("owners: each name once, blanks left out", () => {
    const version = versionsOf(p(2, "VatRate", 0.13, { owner: " 李四 " }), p(3, "PayDay", 15, { owner: "李四" }), p(4, "PayMonthsAfter", 1), p(5, "PlanLeadMonths", 1, { owner: "王五" }))[0];
    expect(version.owners).toEqual(["李四", "王五"]);
  });
});

describe("a version's status", () => {
  const statusOf = (...statuses: string[]) => versionsOf(...statuses.map((status, i) => p(i + 2, ["VatRate", "PayDay", "PlanLeadMonths"][i], 1, { status, from: "2020-01-01" })))[0].status;

  it.each([
    [["Approved"], "Approved"],
    [["approved", "APPROVED"], "Approved"],
    [["已批准"], "Approved"],
    [["Draft"], "Draft"],
    [["草稿"], "Draft"],
    [[""], "Draft"],
    [["  ", "Draft"], "Draft"],
    [["Rejected"], "Rejected"],
    [["已驳回"], "Rejected"],
    [["已否决"], "Rejected"],
    [["Approved", "Draft"], undefined],
    [["Approved", ""], undefined],
    [["Approved", "Approved", "Rejected"], undefined],
    [["Aproved"], undefined],
    [["Approved", "OK"], undefined],
  ])("%j → %s", (statuses, status) => expect(statusOf(...statuses)).toBe(status));

  it("without a Status column every row counts as approved, whatever the cell says", () => {
    const { versions, problems } = readPolicyVersions([p(2, "VatRate", 0.13, { status: "Draft" }), p(3, "PayDay", 15, { status: "what" })], { hasStatusColumn: false });
    expect(versions[0].status).toBe("Approved");
    expect(problems).toEqual([]);
  });

  it("mixed statuses are one problem at the version's first row, naming its rows by status", () => {
    const rows = [
      p(2, "VatRate", 0.13, { from: "2019-04-01", status: "Approved" }),
      p(3, "PayDay", 15, { from: "2019-04-01", status: "Draft" }),
      p(4, "PlanLeadMonths", 2, { from: "2019-04-01", status: "已批准" }),
      p(5, "PayMonthsAfter", 1, { from: "2019-04-01", status: "Nope" }),
    ];
    expect(problemsOf(...rows)).toEqual([
      [2, "policyMixedStatus", { from: "2019-04-01", statuses: "Approved: 2, 4; Draft: 3" }],
      [5, "policyUnknownStatus", { value: "Nope", choices: "Draft, Approved, Rejected" }],
    ]);
  });
});

describe("problems, each with its row (SPEC §4.2)", () => {
  it.each<[string, PolicyTableRow, [string, Record<string, unknown>][]]>([
    ["an unknown rule", p(7, " Bonus ", 1), [["policyUnknownRule", { value: "Bonus", choices: expect.stringMatching(/^PerformanceRatio, VatRate, .*, BudgetTolerance$/) }]]],
    ["an unknown rank", p(7, "MorningStar", 1_000, { rank: "XX ", threshold: 1 }), [["unknownRank", { arg: "MorningStar", value: "XX" }]]],
    ["a rank rule without Rank", p(7, "RankMinMonthSales", 1), [["policyRankMissing", { rule: "RankMinMonthSales" }]]],
    ["OverrideRate without Rank", p(7, "OverrideRate", 0.05), [["policyRankMissing", { rule: "OverrideRate" }]]],
    ["a Rank on a rule without ranks", p(7, "VatRate", 0.13, { rank: " SM" }), [["policyRankNotUsed", { rule: "VatRate", value: "SM" }]]],
    ["a Threshold on a rule without thresholds", p(7, "VatRate", 0.13, { threshold: 0 }), [["policyThresholdNotUsed", { rule: "VatRate", value: 0 }]]],
    ["BaseRate without Threshold", p(7, "BaseRate", 0.1), [["policyThresholdMissing", { rule: "BaseRate" }]]],
    ["MorningStar without Threshold", p(7, "MorningStar", 1, { rank: "SR" }), [["policyThresholdMissing", { rule: "MorningStar" }]]],
    ["a negative Threshold", p(7, "BaseRate", 0.1, { threshold: -1 }), [["negativeAmount", { arg: "BaseRate", value: -1 }]]],
    ["a missing Value", p(7, "VatRate", undefined), [["policyValueMissing", { rule: "VatRate" }]]],
    ["a negative Value", p(7, "MorningStar", -0.01, { rank: "SR", threshold: 1 }), [["negativeAmount", { arg: "MorningStar", value: -0.01 }]]],
    ["VatRate above 100%", p(7, "VatRate", 1.0001), [["policyRateAbove100", { rule: "VatRate", value: 1.0001 }]]],
    ["BaseRate above 100%", p(7, "BaseRate", 20, { threshold: 1 }), [["policyRateAbove100", { rule: "BaseRate", value: 20 }]]],
    ["OverrideRate above 100%", p(7, "OverrideRate", 5, { rank: "SM" }), [["policyRateAbove100", { rule: "OverrideRate", value: 5 }]]],
    ["PerformanceRatio above 100%", p(7, "PerformanceRatio", 90), [["policyRateAbove100", { rule: "PerformanceRatio", value: 90 }]]],
    ["BudgetTolerance of 100%", p(7, "BudgetTolerance", 1), [["toleranceOutOfRange", { arg: "BudgetTolerance", value: 1 }]]],
    ["a count that is not whole", p(7, "RankMinSponsoredCount", 2.5, { rank: "SSE" }), [["notWholeNumber", { arg: "RankMinSponsoredCount", value: 2.5 }]]],
    ["months that are not whole", p(7, "PayMonthsAfter", 1.5), [["notWholeNumber", { arg: "PayMonthsAfter", value: 1.5 }]]],
    ["lead months that are not whole", p(7, "PlanLeadMonths", 1.5), [["notWholeNumber", { arg: "PlanLeadMonths", value: 1.5 }]]],
    ["PayDay 29", p(7, "PayDay", 29), [["policyDayOutOfRange", { rule: "PayDay", value: 29, max: 28 }]]],
    ["PayDay 0", p(7, "PayDay", 0), [["policyDayOutOfRange", { rule: "PayDay", value: 0, max: 28 }]]],
    ["PayDay 10.5", p(7, "PayDay", 10.5), [["policyDayOutOfRange", { rule: "PayDay", value: 10.5, max: 28 }]]],
    ["MorningStarDay 32", p(7, "MorningStarDay", 32), [["policyDayOutOfRange", { rule: "MorningStarDay", value: 32, max: 31 }]]],
    ["several at once", p(7, "VatRate", 2, { rank: "SM", threshold: 5 }), [["policyThresholdNotUsed", { rule: "VatRate", value: 5 }], ["policyRateAbove100", { rule: "VatRate", value: 2 }], ["policyRankNotUsed", { rule: "VatRate", value: "SM" }]]],
  ])("%s", (_, row, expected) => {
    expect(problemsOf(row)).toEqual(expected.map(([code, params]) => [7, code, params]));
  });

  it.each<[string, PolicyTableRow]>([
    ["a rate of exactly 100%", p(7, "VatRate", 1)],
    ["a rate of 0", p(7, "OverrideRate", 0, { rank: "SM" })],
    ["BudgetTolerance just below 100%", p(7, "BudgetTolerance", 0.9999)],
    ["BudgetTolerance 0", p(7, "BudgetTolerance", 0)],
    ["a threshold of 0", p(7, "BaseRate", 0, { threshold: 0 })],
    ["an award of 0", p(7, "OpeningStar", 0, { rank: "SR", threshold: 0 })],
    ["PayDay 1", p(7, "PayDay", 1)],
    ["PayDay 28", p(7, "PayDay", 28)],
    ["MorningStarDay 31", p(7, "MorningStarDay", 31)],
    ["PayMonthsAfter 0", p(7, "PayMonthsAfter", 0)],
    ["a blank minimum (no minimum)", p(7, "RankMinSponsoredSales", undefined, { rank: "SR" })],
    ["a Chinese rank name", p(7, "MorningStar", 4_000, { rank: "销售经理", threshold: 20_000 })],
    ["a rank in lower case", p(7, "RankMinMonthSales", 14_000, { rank: "sr" })],
  ])("no problem: %s", (_, row) => expect(problemsOf(row)).toEqual([]));

  it("each problem's kind: #NUM! for a number out of range, #VALUE! for anything else", () => {
    const rows = [
      p(2, "Bonus", 1),
      p(3, "MorningStar", 1, { rank: "XX", threshold: 1 }),
      p(4, "OverrideRate", 0.05),
      p(5, "VatRate", 0.1, { rank: "SM" }),
      p(6, "PayMonthsAfter", 1, { threshold: 1 }),
      p(7, "BaseRate", 0.1),
      p(8, "BaseRate", 0.1, { threshold: -1 }),
      p(9, "PayDay", undefined),
      p(10, "PerformanceRatio", -1),
      p(11, "OverrideRate", 2, { rank: "SM" }),
      p(12, "BudgetTolerance", 1),
      p(13, "PlanLeadMonths", 0.5),
      p(14, "MorningStarDay", 0),
      p(15, "RankMinCumulativeSales", 1, { rank: "TE", status: "x" }),
      p(16, "PayMonthsAfter", 1, { from: "2020-01-01", status: "Approved" }),
      p(17, "PlanLeadMonths", 1, { from: "2020-01-01" }),
      p(18, "BaseRate", 0.2, { threshold: 2, from: "2021-01-01" }),
      p(19, "BaseRate", 0.1, { threshold: 1, from: "2021-01-01" }),
      p(20, "BaseRate", 0.1, { threshold: 1, from: "2021-01-01" }),
    ];
    const kinds = readPolicyVersions(rows, { hasStatusColumn: true }).problems.map((pr) => [pr.row, pr.error.kind, pr.error.code]);
    expect(kinds).toEqual([
      [2, "value", "policyUnknownRule"],
      [3, "value", "unknownRank"],
      [4, "value", "policyRankMissing"],
      [5, "value", "policyRankNotUsed"],
      [6, "value", "policyThresholdNotUsed"],
      [7, "value", "policyThresholdMissing"],
      [8, "num", "negativeAmount"],
      [9, "value", "policyValueMissing"],
      [10, "num", "negativeAmount"],
      [11, "num", "policyRateAbove100"],
      [12, "num", "toleranceOutOfRange"],
      [13, "num", "notWholeNumber"],
      [14, "num", "policyDayOutOfRange"],
      [15, "value", "policyUnknownStatus"],
      [16, "value", "policyMixedStatus"],
      [19, "value", "policyThresholdsNotAscending"],
      [20, "value", "policyDuplicateRow"],
    ]);
  });

  it("cells of spaces only are blank", () => {
    expect(readPolicyVersions([p(9, " ", undefined, { rank: " ", status: " ", owner: " ", note: "  " })], { hasStatusColumn: true }).versions).toEqual([]);
    expect(problemsOf(p(7, "MorningStar", 1, { rank: "  ", threshold: 1 }))).toEqual([[7, "policyRankMissing", { rule: "MorningStar" }]]);
    expect(problemsOf(p(7, "VatRate", 0.1, { rank: "  " }))).toEqual([]);
    expect(problemsOf(p(7, "VatRate", 0.1, { status: " Nope " }))).toEqual([[7, "policyUnknownStatus", { value: "Nope", choices: "Draft, Approved, Rejected" }]]);
  });

  it("a rank is read as its code", () => {
    expect(versionsOf(p(7, "MorningStar", 4_000, { rank: "销售经理", threshold: 20_000 }))[0].rows[0].rank).toBe("SM");
  });

  it("a row whose rule, or the rank it needs, cannot be read is left out of the version; other problems keep the row", () => {
    const version = versionsOf(p(2, "Bonus", 1), p(3, "MorningStar", 1, { rank: "XX", threshold: 1 }), p(4, "OverrideRate", 1), p(5, "VatRate", 2, { rank: "SM" }))[0];
    expect(version.rows).toEqual([{ row: 5, rule: "VatRate", rank: undefined, threshold: undefined, value: 2 }]);
    expect(version.problems.map((pr) => pr.row)).toEqual([2, 3, 4, 5, 5]);
  });

  it("a Threshold on a rule without one is not kept", () => {
    expect(versionsOf(p(2, "VatRate", 0.1, { threshold: 3 }))[0].rows[0].threshold).toBeUndefined();
  });

  describe("two rows for the same rule, rank and threshold in one version", () => {
    it.each<[string, PolicyTableRow[], string]>([
      ["a rule without ranks", [p(3, "VatRate", 0.13), p(5, "增值税率", 0.16)], "VatRate"],
      ["a BaseRate step", [p(3, "BaseRate", 0.1, { threshold: 13_000 }), p(5, "BaseRate", 0.12, { threshold: 13_000 })], "BaseRate 13000"],
      ["an award group's rank (one threshold per group)", [p(3, "MorningStar", 1_500, { rank: "SR", threshold: 15_000 }), p(5, "MorningStar", 2_000, { rank: "sr", threshold: 18_000 })], "MorningStar SR"],
      ["a rank's minimum", [p(3, "RankMinMonthSales", 1, { rank: "SE" }), p(5, "RankMinMonthSales", undefined, { rank: "SE" })], "RankMinMonthSales SE"],
      ["OverrideRate, whatever its rank", [p(3, "OverrideRate", 0.05, { rank: "SM" }), p(5, "OverrideRate", 0.06, { rank: "SD" })], "OverrideRate"],
    ])("%s", (_, rows, entry) => expect(problemsOf(...rows)).toEqual([[5, "policyDuplicateRow", { entry, otherRow: 3 }]]));

    it("in different versions they are no problem", () => {
      expect(problemsOf(p(3, "VatRate", 0.13, { from: "2019-04-01" }), p(5, "VatRate", 0.16, { from: "2018-05-01" }))).toEqual([]);
    });

    it("different ranks or BaseRate thresholds are no problem", () => {
      expect(problemsOf(p(3, "MorningStar", 1, { rank: "SR", threshold: 1 }), p(4, "MorningStar", 1, { rank: "SM", threshold: 1 }), p(5, "BaseRate", 0.1, { threshold: 1 }), p(6, "BaseRate", 0.1, { threshold: 2 }))).toEqual([]);
    });
  });

  it("BaseRate thresholds not ascending in table order", () => {
    const rows = [p(2, "BaseRate", 0.1, { threshold: 13_000 }), p(3, "BaseRate", 0.2, { threshold: 20_000 }), p(4, "BaseRate", 0.15, { threshold: 15_000 }), p(5, "BaseRate", 0.25, { threshold: 30_000 })];
    expect(problemsOf(...rows)).toEqual([[4, "policyThresholdsNotAscending", { rule: "BaseRate", value: 15_000, previous: 20_000 }]]);
  });

  it("a step without Threshold is left out of the order check, not taken as its end", () => {
    const rows = [p(2, "BaseRate", 0.1, { threshold: 13_000 }), p(3, "BaseRate", 0.2), p(4, "BaseRate", 0.15, { threshold: 9_000 })];
    expect(problemsOf(...rows)).toEqual([[3, "policyThresholdMissing", { rule: "BaseRate" }], [4, "policyThresholdsNotAscending", { rule: "BaseRate", value: 9_000, previous: 13_000 }]]);
  });

  it("BaseRate's steps are checked within each version, not across them", () => {
    expect(problemsOf(p(2, "BaseRate", 0.1, { threshold: 13_000 }), p(3, "BaseRate", 0.1, { threshold: 9_000, from: "2020-01-01" }))).toEqual([]);
  });

  it("problems come in row order across versions", () => {
    const rows = [p(4, "VatRate", 5, { from: "2020-01-01" }), p(2, "Bonus", 1, { from: "2021-01-01" }), p(3, "PayDay", 40)];
    expect(problemsOf(...rows).map(([row]) => row)).toEqual([2, 3, 4]);
    expect(versionsOf(p(5, "VatRate", 0.1), p(3, "VatRate", 0.2), p(4, "PayDay", 40)).map((v) => v.problems.map((pr) => pr.row))).toEqual([[3, 4]]);
  });

  it("each problem has words in English and Chinese", () => {
    const rows = [p(2, "VatRate", 2, { status: "x" }), p(3, "VatRate", 1, { status: "Draft" })];
    for (const problem of readPolicyVersions(rows, { hasStatusColumn: true }).problems) {
      for (const lang of ["en", "zh"] as const) expect(describeRuleError(problem.error, lang)).not.toMatch(/\{\{|rule\./);
    }
  });
});

describe("policyVersionHash (SPEC §4.2)", () => {
  // printf 'VatRate|||0.13' | sha256sum
  const VAT_13 = "2d0275adebb456a91b61db4bada36eb6e9d9788076c180dcfdea40a0a633e180";

  it("one row: `VatRate|||0.13`", () => expect(policyVersionHash([p(2, "VatRate", 0.13, { from: "2019-04-01" })])).toBe(VAT_13));

  it("17% and 0.17 hash alike: numbers in shortest round-trip form", () => {
    const vat = (value: number | undefined) => policyVersionHash([p(2, "VatRate", value)]);
    expect(vat(parseBusinessNumber("13%"))).toBe(VAT_13);
    expect(vat(13 / 100)).toBe(VAT_13);
    expect(vat(0.17)).toBe(vat(parseBusinessNumber("17%")));
    expect(vat(0.17)).not.toBe(vat(0.1700001));
  });

  it("rule and rank as English codes, whatever was typed; Status, Owner and Note are not hashed", () => {
    expect(policyVersionHash([p(9, " 增值税率 ", 0.13, { status: "Draft", owner: "李四", note: "2019 VAT cut" })])).toBe(VAT_13);
    const stars = "a22a73aa1a1f928a07a17fc5bf32fa7718d455ec4842932b1287d8b012fbece0"; // printf 'MorningStar|SM|20000|4000\nMorningStar|SR|15000|1500' | sha256sum
    expect(policyVersionHash([p(2, "晨星奖", 1_500, { rank: "业务代表", threshold: 15_000 }), p(3, "morningstar", 4_000, { rank: "sm", threshold: 20_000 })])).toBe(stars);
  });

  it("rows sorted by Rule (code units), then Threshold by size (9000 before 13000), whatever the table order", () => {
    const steps = "52e996787deb73634d1785c27d10ca1ba1951f365d72b16ec7f5babe7c1f74bd"; // printf 'BaseRate||9000|0.05\nBaseRate||13000|0.1' | sha256sum
    expect(policyVersionHash([p(2, "BaseRate", 0.1, { threshold: 13_000 }), p(3, "BaseRate", 0.05, { threshold: 9_000 })])).toBe(steps);
    const mixed = "f11e227d98b05be3473519def1051443084092e5c7e3602a2e28bc95efde7526"; // printf 'BaseRate||13000|0.1\nVatRate|||0.13' | sha256sum
    expect(policyVersionHash([p(2, "VatRate", 0.13), p(3, "BaseRate", 0.1, { threshold: 13_000 })])).toBe(mixed);
  });

  it("a blank value is empty: `VatRate|||`", () => {
    expect(policyVersionHash([p(2, "VatRate", undefined)])).toBe("5db013734c8704f069175ec32bf2f61fd4a4a129ffa436596c158ab31e5bc526");
  });

  it("is the same for rows in any order, rows of equal keys included", () => {
    const rows = [p(2, "BaseRate", 0.1, { threshold: 13_000 }), p(3, "BaseRate", 0.2, { threshold: 13_000 }), p(4, "BaseRate", 0.3), p(5, "BaseRate", 0.4), p(6, "MorningStar", 1, { rank: "SR", threshold: 1 }), p(7, "MorningStar", 1, { threshold: 1 })];
    expect(policyVersionHash([...rows].reverse())).toBe(policyVersionHash(rows));
  });

  it("changes with any hashed cell", () => {
    const base = policyVersionHash([p(2, "MorningStar", 4_000, { rank: "SM", threshold: 20_000 })]);
    expect(policyVersionHash([p(2, "MorningStar", 4_001, { rank: "SM", threshold: 20_000 })])).not.toBe(base);
    expect(policyVersionHash([p(2, "MorningStar", 4_000, { rank: "SSM", threshold: 20_000 })])).not.toBe(base);
    expect(policyVersionHash([p(2, "MorningStar", 4_000, { rank: "SM", threshold: 20_001 })])).not.toBe(base);
    expect(policyVersionHash([p(2, "OpeningStar", 4_000, { rank: "SM", threshold: 20_000 })])).not.toBe(base);
  });

  it("text that is no rule or rank is hashed as written, trimmed", () => {
    expect(policyVersionHash([p(2, " VatRat ", 0.13, { rank: " X " })])).toBe(policyVersionHash([p(2, "VatRat", 0.13, { rank: "X" })]));
    expect(policyVersionHash([p(2, "VatRat", 0.13)])).not.toBe(VAT_13);
  });

  it("read rows and the seed hash too", () => {
    expect(policyVersionHash(versionsOf(p(2, "VatRate", 0.13))[0].rows)).toBe(VAT_13);
    expect(policyVersionHash(SEED_POLICY_ROWS)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("each version carries the hash of its rows", () => {
    const versions = versionsOf(p(2, "VatRate", 0.13, { from: "2019-04-01", status: "Approved" }), p(3, "VatRate", 0.16, { from: "2018-05-01" }));
    expect(versions[1].hash).toBe(VAT_13);
    expect(versions[0].hash).toBe(policyVersionHash([p(3, "VatRate", 0.16)]));
  });
});

describe("policyVersionId", () => {
  it.each([
    [day("2019-04-01"), "POLICY-2019-04-01"],
    [day("2026-12-31"), "POLICY-2026-12-31"],
    [undefined, "POLICY-1900-01-01"],
  ])("%s → %s", (from, id) => expect(policyVersionId(from)).toBe(id));
});
