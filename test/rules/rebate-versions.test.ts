import { describeRuleError } from "../../src/i18n";
import {
  annualRebate,
  parseRebateMode,
  readRebateVersions,
  rebatePolicyForYear,
  rebatePolicyInForce,
  rebateVersionHash,
  rebateVersionId,
  type RebateTableOptions,
  type RebateTableRow,
} from "../../src/rules";
import { day, rebateRow as r } from "./policy-fixtures";

const WITH_STATUS: RebateTableOptions = { hasStatusColumn: true };
const read = (rows: RebateTableRow[], options: RebateTableOptions = WITH_STATUS) => readRebateVersions(rows, options);
const problemsOf = (rows: RebateTableRow[], options?: RebateTableOptions) => read(rows, options).problems.map((pr) => [pr.row, pr.error.code, pr.error.params]);

/** SPEC 1.3's tiers, as a RebatePolicy table without From, Status or Mode columns: one version, as today. */
const TODAY = [r(2, 0, 0), r(3, 100_000, 0.01), r(4, 500_000, 0.02), r(5, 1_000_000, 0.03)];

describe("RebatePolicy without From and Status columns: one approved version, as today", () => {
  const versions = () => read(TODAY, { hasStatusColumn: false }).versions;

  it("holds the tiers in table order, retroactive by default", () => {
    expect(read(TODAY, { hasStatusColumn: false }).problems).toEqual([]);
    expect(versions()).toHaveLength(1);
    expect(versions()[0]).toMatchObject({ id: "REBATE-1900-01-01", from: undefined, status: "Approved", mode: "retroactive" });
    expect(versions()[0].tiers).toEqual([{ threshold: 0, rate: 0 }, { threshold: 100_000, rate: 0.01 }, { threshold: 500_000, rate: 0.02 }, { threshold: 1_000_000, rate: 0.03 }]);
  });

  it("is in force for every year: REBATE(600000, tiers) = 12,000.00", () => {
    const { version, problems: blocking, missing } = rebatePolicyForYear(versions(), 2026);
    expect([blocking, missing]).toEqual([[], undefined]);
    expect(annualRebate(600_000, version!.tiers, version!.mode).rebate).toBe(12_000);
  });

  it("the Mode cell applies", () => {
    const incremental = read(TODAY, { hasStatusColumn: false, modeCell: "incremental" }).versions[0];
    expect(incremental.mode).toBe("incremental");
    expect(annualRebate(600_000, incremental.tiers, incremental.mode).rebate).toBe(6_000);
  });

  it("blank rows are left out", () => {
    expect(read([r(9, undefined, undefined)])).toEqual({ versions: [], problems: [] });
    for (const cells of [{ status: "Draft" }, { mode: "累进" }, { from: "2020-01-01" }]) expect(read([r(9, undefined, undefined, cells)]).versions).toHaveLength(1);
    expect(read([r(9, 1, undefined)]).versions).toHaveLength(1);
    expect(read([r(9, undefined, 0.01)]).versions).toHaveLength(1);
  });
});

describe("RebatePolicy versions: the tiers sharing a From replace the tiers whole", () => {
  const rows = [
    r(2, 0, 0, { from: "2024-01-01", status: "Approved" }),
    r(3, 100_000, 0.01, { from: "2024-01-01", status: "Approved" }),
    r(4, 50_000, 0.02, { from: "2025-07-01", status: "已批准", mode: "累进" }),
    r(5, 200_000, 0.03, { from: "2025-07-01", status: "Approved", mode: "incremental" }),
    r(6, 0, 0.05, { from: "2026-01-01", status: "Draft" }),
  ];
  const versions = () => read(rows).versions;

  it("versions oldest first, each with its ID, status and mode", () => {
    expect(read(rows).problems).toEqual([]);
    expect(versions().map((v) => [v.id, v.status, v.mode, v.tiers.length])).toEqual([
      ["REBATE-2024-01-01", "Approved", "retroactive", 2],
      ["REBATE-2025-07-01", "Approved", "incremental", 2],
      ["REBATE-2026-01-01", "Draft", "retroactive", 1],
    ]);
  });

  it.each([
    [2024, "REBATE-2024-01-01"],
    [2025, "REBATE-2024-01-01"], // from 1 July: not in force on 1 January 2025
    [2026, "REBATE-2025-07-01"], // the 2026 draft does not count
  ])("the year %d uses %s", (year, id) => expect(rebatePolicyForYear(versions(), year).version?.id).toBe(id));

  it("the 2026 rebate: incremental over the 2025-07-01 tiers only: 150,000 × 2% = 3,000 for 200,000", () => {
    const { version } = rebatePolicyForYear(versions(), 2026);
    expect(annualRebate(200_000, version!.tiers, version!.mode).rebate).toBe(3_000);
  });

  it("on a given day", () => {
    expect(rebatePolicyInForce(versions(), day("2025-07-01")).version?.id).toBe("REBATE-2025-07-01");
    expect(rebatePolicyInForce(versions(), day("2025-06-30")).version?.id).toBe("REBATE-2024-01-01");
  });

  it("before any approved version: nothing in force, and a message saying so", () => {
    const none = rebatePolicyForYear(versions(), 2023);
    expect(none.version).toBeUndefined();
    expect(none.missing).toEqual({ kind: "value", code: "rebatePolicyNotInForce", params: { date: "2023-01-01" } });
    expect(describeRuleError(none.missing!, "zh")).toContain("2023-01-01");
  });
});

describe("RebatePolicy problems, each with its row", () => {
  it.each<[string, RebateTableRow[], unknown[][]]>([
    ["a blank threshold", [r(7, undefined, 0.01)], [[7, "rebateThresholdMissing", {}]]],
    ["a blank rate", [r(7, 100, undefined)], [[7, "rebateRateMissing", {}]]],
    ["a negative threshold", [r(7, -1, 0.01)], [[7, "negativeAmount", { arg: "tiers", value: -1 }]]],
    ["a negative rate", [r(7, 0, -0.01)], [[7, "rateNegative", { row: 7, value: -0.01 }]]],
    ["a rate above 100%", [r(7, 0, 1.5)], [[7, "rateLooksLikePercent", { row: 7, value: 1.5 }]]],
    ["thresholds not ascending", [r(6, 100, 0.01), r(7, 50, 0.02)], [[7, "tiersNotAscending", { row: 7, value: 50 }]]],
    ["a threshold equal to the one before", [r(6, 100, 0.01), r(7, 100, 0.02)], [[7, "tiersNotAscending", { row: 7, value: 100 }]]],
    ["an unknown mode", [r(7, 0, 0.01, { mode: " tiered " })], [[7, "unknownChoice", { arg: "Mode", value: "tiered", choices: "retroactive, incremental" }]]],
    ["two modes in one version", [r(6, 0, 0.01, { mode: "全额", from: "2025-01-01" }), r(7, 10, 0.02, { mode: "incremental", from: "2025-01-01" }), r(8, 20, 0.03, { mode: "Retroactive", from: "2025-01-01" })], [[6, "rebateModeMixed", { from: "2025-01-01", modes: "retroactive: 6, 8; incremental: 7" }]]],
    ["mixed statuses", [r(6, 0, 0.01, { status: "Approved" }), r(7, 10, 0.02)], [[6, "policyMixedStatus", { from: "1900-01-01", statuses: "Approved: 6; Draft: 7" }]]],
  ])("%s", (_, rows, expected) => expect(problemsOf(rows)).toEqual(expected));

  it.each<[string, RebateTableRow[]]>([
    ["a rate of exactly 100%", [r(7, 0, 1)]],
    ["a rate and threshold of 0", [r(7, 0, 0)]],
    ["ascending thresholds in different versions", [r(6, 100, 0.01, { from: "2024-01-01" }), r(7, 50, 0.02, { from: "2025-01-01" })]],
    ["a blank mode beside a written one", [r(6, 0, 0.01, { mode: "累进返利" }), r(7, 10, 0.02)]],
  ])("no problem: %s", (_, rows) => expect(problemsOf(rows)).toEqual([]));

  it("a blank threshold is left out of the order check and of the tiers", () => {
    const { versions, problems } = read([r(6, 100, 0.01), r(7, undefined, 0.02), r(8, 200, 0.03)]);
    expect(problems.map((pr) => pr.error.code)).toEqual(["rebateThresholdMissing"]);
    expect(versions[0].tiers).toEqual([{ threshold: 100, rate: 0.01 }, { threshold: 200, rate: 0.03 }]);
  });

  it("a blank rate is left out of the tiers", () => {
    expect(read([r(6, 100, 0.01), r(7, 150, undefined), r(8, 200, 0.03)]).versions[0].tiers).toEqual([{ threshold: 100, rate: 0.01 }, { threshold: 200, rate: 0.03 }]);
  });

  it("a tier without threshold is left out of the order check, not taken as its end", () => {
    expect(problemsOf([r(6, 100, 0.01), r(7, undefined, 0.02), r(8, 50, 0.03)]).map(([row, code]) => [row, code])).toEqual([[7, "rebateThresholdMissing"], [8, "tiersNotAscending"]]);
  });

  it("each problem's kind: #NUM! for a number out of range, #VALUE! for anything else", () => {
    const rows = [r(2, undefined, 0, { from: "2020-01-01" }), r(3, 1, undefined, { from: "2020-01-01" }), r(4, -1, 0, { from: "2021-01-01" }), r(5, 0, -1, { from: "2022-01-01" }), r(6, 0, 2, { from: "2023-01-01" }), r(7, 1, 0, { from: "2024-01-01" }), r(8, 1, 0, { from: "2024-01-01", mode: "x" })];
    const mixed = [r(9, 0, 0, { from: "2025-01-01", mode: "全额", status: "Approved" }), r(10, 1, 0, { from: "2025-01-01", mode: "累进" })];
    expect(read([...rows, ...mixed]).problems.map((pr) => [pr.row, pr.error.kind, pr.error.code])).toEqual([
      [2, "value", "rebateThresholdMissing"],
      [3, "value", "rebateRateMissing"],
      [4, "num", "negativeAmount"],
      [5, "num", "rateNegative"],
      [6, "num", "rateLooksLikePercent"],
      [8, "value", "tiersNotAscending"],
      [8, "value", "unknownChoice"],
      [9, "value", "policyMixedStatus"],
      [9, "value", "rebateModeMixed"],
    ]);
  });

  it("cells of spaces only are blank", () => {
    expect(read([r(9, undefined, undefined, { status: " ", mode: "  " })]).versions).toEqual([]);
    expect(problemsOf([r(7, 0, 0.01, { mode: "  " })])).toEqual([]);
  });

  it("a version's problems in row order, whichever check finds them", () => {
    expect(read([r(3, 0, 0.01, { mode: "x" }), r(2, 10, 9)]).versions[0].problems.map((pr) => pr.row)).toEqual([2, 3]);
  });

  it("a version's blank Mode cells take the mode its other rows give", () => {
    const version = read([r(6, 0, 0.01, { mode: "累进" }), r(7, 10, 0.02)], { hasStatusColumn: true, modeCell: "retroactive" }).versions[0];
    expect(version.mode).toBe("incremental");
  });

  it("problems in row order; a draft's problems stop nothing, an approved version's in force do", () => {
    const rows = [r(3, 0, 5, { from: "2025-01-01", status: "Approved" }), r(2, 0, 7, { from: "2026-01-01", status: "Draft" }), r(4, 0, 0.01, { status: "Approved" })];
    const { versions, problems } = read(rows);
    expect(problems.map((pr) => pr.row)).toEqual([2, 3]);
    expect(rebatePolicyForYear(versions, 2024).problems).toEqual([]);
    expect(rebatePolicyForYear(versions, 2026).problems.map((pr) => pr.row)).toEqual([3]);
    expect(read([r(5, 0, 0.01), r(3, undefined, 0.02), r(4, 5, 9)]).versions[0].problems.map((pr) => pr.row)).toEqual([3, 4]);
  });

  it("a mixed version in force stops the computation", () => {
    const { versions } = read([r(6, 0, 0.01, { status: "Approved" }), r(7, 10, 0.02)]);
    expect(rebatePolicyForYear(versions, 2026).problems.map((pr) => pr.error.code)).toEqual(["policyMixedStatus"]);
  });

  it("each problem has words in English and Chinese", () => {
    const rows = [r(6, undefined, undefined, { mode: "x" }), r(7, -1, 2, { mode: "全额" }), r(8, -2, -1, { mode: "累进" })];
    for (const problem of read(rows).problems) {
      for (const lang of ["en", "zh"] as const) expect(describeRuleError(problem.error, lang)).not.toMatch(/\{\{|rule\./);
    }
  });
});

describe("parseRebateMode", () => {
  it.each([
    ["retroactive", "retroactive"],
    [" Retroactive ", "retroactive"],
    ["全额", "retroactive"],
    ["全额返利", "retroactive"],
    ["incremental", "incremental"],
    ["累进", "incremental"],
    ["累进返利", "incremental"],
    ["", undefined],
    ["flat", undefined],
  ])("“%s” → %s", (text, mode) => expect(parseRebateMode(text)).toBe(mode));
});

describe("rebateVersionHash (SPEC §4.2): `Rebate||Threshold|Rate` rows, then `Mode||||mode`", () => {
  it("printf 'Rebate||0|0\\nRebate||100000|0.01\\nMode||||incremental' | sha256sum", () => {
    const hash = "33c0434b57b46777babfb47ca782965a95a86b5fc5f3b78745db38bdc71a8017";
    expect(rebateVersionHash([{ threshold: 100_000, rate: 0.01 }, { threshold: 0, rate: 0 }], "incremental")).toBe(hash);
  });

  it("each version carries the hash of its rows, with the mode it takes (here the Mode cell's)", () => {
    const hash = "bbff20da81b9734380b719f9714aa78ab31e544fdf9ba3ff99267fdee0f54388"; // printf 'Rebate||0|0\nRebate||100000|0.01\nMode||||retroactive' | sha256sum
    expect(read([r(2, 0, 0, { status: "Draft" }), r(3, 100_000, 1 / 100)]).versions[0].hash).toBe(hash);
    expect(read([r(2, 0, 0), r(3, 100_000, 0.01)], { hasStatusColumn: false, modeCell: "incremental" }).versions[0].hash).not.toBe(hash);
  });

  it("blank cells are empty; rows of one threshold sort by rate", () => {
    expect(rebateVersionHash([{ threshold: 50_000, rate: 0.02 }], "retroactive")).toBe("5f6059531ec79effe10350a6b1b593df310ef7edda264321a4858e597885f44f");
    const rows = [{ threshold: 1, rate: 0.2 }, { threshold: 1, rate: 0.1 }, { threshold: undefined, rate: 0.1 }, { threshold: undefined, rate: undefined }];
    expect(rebateVersionHash(rows, "retroactive")).toBe(rebateVersionHash([...rows].reverse(), "retroactive"));
  });
});

describe("rebateVersionId", () => {
  it("REBATE-YYYY-MM-DD", () => {
    expect(rebateVersionId(day("2026-01-01"))).toBe("REBATE-2026-01-01");
    expect(rebateVersionId(undefined)).toBe("REBATE-1900-01-01");
  });
});
