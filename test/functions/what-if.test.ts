/**
 * MKT.NEXT_RANK, MKT.BONUS_GAP and MKT.REBATE_GAP through the custom-function layer (issue 11):
 * ranges in and spilled out, text numbers, an error per element, blanks where nothing is next,
 * and `all` as one row per input row. Expected values are worked in test/rules/what-if.test.ts.
 */
import { ExcelError, setDisplayLanguage } from "../support/custom-functions-stub";
import { bonusGapCells as bonusGap, nextRankCells as nextRank, rebateGapCells as rebateGap } from "../../src/functions/what-if-adapters";
import { policyTable, serial } from "./policy-ranges";

const TIERS = [["Threshold", "Rate"], [0, 0], [100000, 0.01], [500000, 0.02], [1000000, 0.03]];
const NA = { code: "#N/A" };

function thrownBy(call: () => unknown): ExcelError {
  try {
    call();
  } catch (error) {
    return error as ExcelError;
  }
  throw new Error("expected the call to fail");
}

const error = (code: string) => expect.objectContaining({ code });

afterEach(() => setDisplayLanguage(undefined));

describe("NEXT_RANK", () => {
  it("gives the rank directly above the one qualified, over a column", () => {
    // PC → DS, SR (exactly 13,000) → SE, SE → SSE, SM → SSM, SR with TE's sponsor minimums → SE.
    const month = [[12000], [13000], [15000], [15000], [14999]];
    const sponsored = [[0], [0], [0], [60000], [400000]];
    const count = [[0], [0], [0], [4], [20]];
    expect(nextRank(month, sponsored, count)).toEqual([["DS"], ["SE"], ["SSE"], ["SSM"], ["SE"]]);
    expect(nextRank(month, sponsored, count, null, null, "monthSales")).toEqual([[0], [2000], [0], [0], [1]]);
    expect(nextRank(month, sponsored, count, null, null, "sponsoredSales")).toEqual([[0], [0], [30000], [40000], [0]]);
    expect(nextRank(month, sponsored, count, null, null, "sponsoredCount")).toEqual([[0], [0], [2], [2], [0]]);
    expect(nextRank(month, sponsored, count, null, null, "cumulativeSales")).toEqual([[18000], [0], [0], [0], [0]]);
  });

  it("`all` spills one row per input row: rank, then the four shortfalls", () => {
    expect(nextRank([[12000], [15000]], [[0], [60000]], [[0], [4]], null, null, "all")).toEqual([
      ["DS", 0, 0, 0, 18000],
      ["SSM", 0, 40000, 2, 0],
    ]);
    // A row of inputs: each element's five outputs side by side.
    expect(nextRank([[12000, 13000]], null, null, null, null, "ALL")).toEqual([["DS", 0, 0, 0, 18000, "SE", 2000, 0, 0, 0]]);
  });

  it("TE has no next rank: a blank, not an error", () => {
    expect(nextRank([[15000]], [[320000]], [[16]])).toEqual([[""]]);
    expect(nextRank([[15000]], [[320000]], [[16]], null, null, "all")).toEqual([["", "", "", "", ""]]);
  });

  it("an omitted cumulativeSales counts as the month's sales; given, it counts as given", () => {
    expect(nextRank([[12000]], null, null, null, null, "cumulativeSales")).toEqual([[18000]]);
    expect(nextRank([[12000]], null, null, [[31000]], null, "all")).toEqual([["SR", 1000, 0, 0, 0]]);
    expect(nextRank([[12000]], null, null, [[""]], null, "累计业绩")).toEqual([[18000]]);
  });

  it("reads text numbers and rounds a shortfall up to the cent", () => {
    expect(nextRank([["12,000"], ["１２０００"], [" 12000元 "]], null, null, null, null, "cumulativeSales")).toEqual([[18000], [18000], [18000]]);
    expect(nextRank([[14999.995]], null, null, null, null, "MonthSales")).toEqual([[0.01]]);
  });

  it("an error per element; with `all`, across that element's row", () => {
    expect(nextRank([[12000], [NA], ["abc"], [-1], [15000]], [[0], [0], [0], [0], [0]], [[0], [0], [0], [0], [2.5]], null, null, "all")).toEqual([
      ["DS", 0, 0, 0, 18000],
      [error("#N/A"), error("#N/A"), error("#N/A"), error("#N/A"), error("#N/A")],
      [error("#VALUE!"), error("#VALUE!"), error("#VALUE!"), error("#VALUE!"), error("#VALUE!")],
      [error("#NUM!"), error("#NUM!"), error("#NUM!"), error("#NUM!"), error("#NUM!")],
      [error("#NUM!"), error("#NUM!"), error("#NUM!"), error("#NUM!"), error("#NUM!")],
    ]);
  });

  it("an unknown output or mismatched shapes fail the whole call with #VALUE!", () => {
    const unknown = thrownBy(() => nextRank([[1]], null, null, null, null, "bonus"));
    expect(unknown.code).toBe("#VALUE!");
    expect(unknown.message).toContain("output");
    expect(thrownBy(() => nextRank([[1], [2]], [[1], [2], [3]])).code).toBe("#VALUE!");
  });

  it("Chinese output names", () => {
    expect(nextRank([[15000]], null, null, null, null, "亲自培训SR数量")).toEqual([[2]]);
    expect(nextRank([[15000]], null, null, null, null, "亲自培训sr业绩")).toEqual([[30000]]);
    expect(nextRank([[15000]], null, null, null, null, "全部")).toEqual([["SSE", 0, 30000, 2, 0]]);
    expect(nextRank([[15000]], null, null, null, null, "职级")).toEqual([["SSE"]]);
    expect(nextRank([[15000]], null, null, null, null, "月度业绩")).toEqual([[0]]);
  });

  it("a rankTable wins; the policy's ladder applies from its From date", () => {
    expect(nextRank([[150]], null, null, null, [["A", 0], ["B", 100], ["C", 200]], "all")).toEqual([["C", 50, 0, 0, 0]]);
    const policy = policyTable(["RankMinMonthSales", "SR", "", 14000, "2026-01-01", "Approved"]);
    // 13,500 is PC once SR needs 14,000: DS needs cumulative 30,000 − 13,500 = 16,500.
    expect(nextRank([[13500]], null, null, null, null, "all", policy, "2026-01-01")).toEqual([["DS", 0, 0, 0, 16500]]);
    expect(nextRank([[13500]], null, null, null, null, "all", policy, serial("2025-12-31"))).toEqual([["SE", 1500, 0, 0, 0]]);
  });
});

describe("BONUS_GAP", () => {
  it("SR at 12,000 with 10,000 by the 20th: each output, and all six in one row", () => {
    expect(bonusGap([[12000]], [[10000]])).toEqual([[1000]]);
    const outputs = ["nextStep", "nextStepBonus", "morning", "morningBonus", "opening", "openingBonus"].map((output) => bonusGap([[12000]], [[10000]], [["SR"]], null, output)[0][0]);
    expect(outputs).toEqual([1000, 1000, 5000, 3461.54, 8000, 4076.92]);
    expect(bonusGap([[12000]], [[10000]], [["SR"]], null, "all")).toEqual([[1000, 1000, 5000, 3461.54, 8000, 4076.92]]);
  });

  it("`all` over a column: nothing left is blank; SM; PC earns no awards", () => {
    expect(bonusGap([[20000], [25000], [12000]], [[15000], [18000], [10000]], [["SR"], ["sm"], ["PC"]], [[0], [80000], [0]], "all")).toEqual([
      ["", "", "", "", "", ""],
      ["", "", 2000, 4307.7, 5000, 2769.23],
      [1000, 1000, "", "", "", ""],
    ]);
  });

  it("a blank rank is SR; an omitted salesBy20th counts as 0 for the morning award", () => {
    expect(bonusGap([[14000]], null, null, null, "all")).toEqual([[1000, 653.85, 15000, 5884.62, 6000, 3000]]);
    expect(bonusGap([[14000]], [[""]], [[""]], null, "晨星奖")).toEqual([[15000]]);
  });

  it("today: after the 20th the morning-star award is blank; a date per row", () => {
    const today = [[serial("2026-03-20")], ["2026-03-21"], [""]];
    expect(bonusGap([[12000], [12000], [12000]], [[10000], [10000], [10000]], null, null, "morning", today)).toEqual([[5000], [""], [5000]]);
    expect(bonusGap([[12000]], [[10000]], null, null, "openingBonus", [[serial("2026-03-31")]])).toEqual([[4076.92]]);
  });

  it("an error per element", () => {
    expect(bonusGap([[12000], [NA], [100], [100], ["abc"], [12000]], [[10000], [0], [200], [0], [0], [0]], [["SR"], ["SR"], ["SR"], ["BOSS"], ["SR"], ["SR"]], null, "all", [[""], [""], [""], [""], [""], [NA]])).toEqual([
      [1000, 1000, 5000, 3461.54, 8000, 4076.92],
      Array(6).fill(error("#N/A")),
      Array(6).fill(error("#VALUE!")),
      Array(6).fill(error("#VALUE!")),
      Array(6).fill(error("#VALUE!")),
      Array(6).fill(error("#N/A")),
    ]);
    expect(bonusGap([[1]], null, null, null, null, [["soon"]])).toEqual([[error("#VALUE!")]]);
    expect(bonusGap([[-1]])).toEqual([[error("#NUM!")]]);
  });

  it("an unknown output fails the whole call", () => expect(thrownBy(() => bonusGap([[1]], null, null, null, "total")).code).toBe("#VALUE!"));

  it("Chinese output names", () => {
    const names = ["下一档", "下一档奖金", "晨星奖", "晨星奖奖金", "开星奖", "开星奖奖金"];
    expect(names.map((output) => bonusGap([[12000]], [[10000]], null, null, output)[0][0])).toEqual([1000, 1000, 5000, 3461.54, 8000, 4076.92]);
    expect(bonusGap([[12000]], [[10000]], null, null, "全部")).toEqual([[1000, 1000, 5000, 3461.54, 8000, 4076.92]]);
  });

  it("the policy in force: VAT 13% from 2026-01-01", () => {
    const policy = policyTable(["VatRate", "", "", "13%", "2026-01-01", "Approved"]);
    // 13,000 × 0.9 ÷ 1.13 × 10% = 1,035.40 from 2026; 1,000.00 before.
    expect(bonusGap([[12000]], null, null, null, "nextStepBonus", null, policy, "2026-01-01")).toEqual([[1035.4]]);
    expect(bonusGap([[12000]], null, null, null, "nextStepBonus", null, policy, "2025-12-31")).toEqual([[1000]]);
  });

  it("a 2-D range: each element's outputs side by side", () => {
    expect(bonusGap([[12000, 20000]], [[10000, 15000]], null, null, "all")).toEqual([[1000, 1000, 5000, 3461.54, 8000, 4076.92, "", "", "", "", "", ""]]);
    expect(bonusGap([[12000, 14000], [20000, 19000]])).toEqual([[1000, 1000], ["", 1000]]);
  });
});

describe("REBATE_GAP", () => {
  it("issue 11's example, net 600,000", () => {
    expect(rebateGap([[600000]], TIERS)).toEqual([[400000]]);
    expect(rebateGap([[600000]], TIERS, null, "all")).toEqual([[400000, 30000, 18000]]);
    expect(rebateGap([[600000]], TIERS, "incremental", "all")).toEqual([[400000, 14000, 8000]]);
    expect(rebateGap([[600000]], TIERS, "累进", "rebateAtNext")).toEqual([[14000]]);
    expect(rebateGap([[600000]], TIERS, "incremental", "EXTRA")).toEqual([[8000]]);
  });

  it("over a column: on a threshold, just under one, a negative net, the top tier blank", () => {
    const nets = [[500000], ["99,999.99"], [-5000], [1000000], [""]];
    expect(rebateGap(nets, TIERS)).toEqual([[500000], [0.01], [5000], [""], [100000]]);
    expect(rebateGap(nets, TIERS, "retroactive", "all")).toEqual([
      [500000, 30000, 20000],
      [0.01, 1000, 1000],
      [5000, 0, 0],
      ["", "", ""],
      [100000, 1000, 1000],
    ]);
  });

  it("an error per element", () => {
    expect(rebateGap([[600000], [NA], ["lots"]], TIERS, null, "all")).toEqual([
      [400000, 30000, 18000],
      Array(3).fill(error("#N/A")),
      Array(3).fill(error("#VALUE!")),
    ]);
  });

  it("tiers are required and checked; choices are checked", () => {
    expect(thrownBy(() => rebateGap([[1]], undefined as never)).code).toBe("#VALUE!");
    expect(thrownBy(() => rebateGap([[1]], [[0, 2]])).code).toBe("#NUM!");
    expect(thrownBy(() => rebateGap([[1]], TIERS, "sometimes")).code).toBe("#VALUE!");
    expect(thrownBy(() => rebateGap([[1]], TIERS, null, "rebate")).code).toBe("#VALUE!");
  });

  it("Chinese output names and messages", () => {
    expect(rebateGap([[600000]], TIERS, "全额", "所需进货额")).toEqual([[400000]]);
    expect(rebateGap([[600000]], TIERS, null, "下一档返利")).toEqual([[30000]]);
    expect(rebateGap([[600000]], TIERS, null, "增加返利")).toEqual([[18000]]);
    expect(rebateGap([[600000]], TIERS, null, "全部")).toEqual([[400000, 30000, 18000]]);
    setDisplayLanguage("zh-CN");
    expect(rebateGap([["abc"]], TIERS)).toEqual([[expect.objectContaining({ code: "#VALUE!", message: expect.stringContaining("不是数字") })]]);
  });
});
