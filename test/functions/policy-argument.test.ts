/**
 * The functions' [policy], [asOf] arguments (SPEC §4.3) with a changed policy: hand-computed
 * results, what counts (approved versions by From; Drafts and Rejected never), what wins
 * over the policy, and errors in the range naming its row.
 *
 * Money per SPEC §1: each component rounded to 0.01 half away from zero (四舍五入), then summed.
 */
import { ExcelError, setDisplayLanguage } from "../support/custom-functions-stub";
import {
  budgetVarianceCells as budgetVariance,
  monthlyBonusCells as monthlyBonus,
  payDateCells as payDate,
  planDeadlineCells as planDeadline,
  rankOfCells as rankOf,
} from "../../src/functions/adapters";
import type { Cell, CellGrid } from "../../src/functions/grid";
import { policyTable, SEED_WITH_VAT_13, serial } from "./policy-ranges";

const column = (values: readonly Cell[]): CellGrid => values.map((v) => [v]);
const dates = (...days: string[]) => column(days.map(serial));

function thrownBy(call: () => unknown): ExcelError {
  try {
    call();
  } catch (error) {
    return error as ExcelError;
  }
  throw new Error("expected the call to fail");
}

afterEach(() => setDisplayLanguage(undefined));

/** SPEC §4's VAT cut: 13% from 2019-04-01, approved (only the row that changes). */
const VAT_13 = policyTable(["VatRate", "", "", 0.13, serial("2019-04-01"), "Approved"]);

describe("MONTHLY_BONUS under the VAT version of 2019-04-01 (VatRate 13%, approved)", () => {
  // SR, month sales 20,000, 15,000 by the 20th (SPEC §1.2's first worked example):
  //   base    20000 × 0.9 ÷ 1.13 × 20% = 18000 ÷ 1.13 × 0.2 = 3,185.8407… → 3,185.84 (third decimal 0: down)
  //   morning 15,000 ≥ 15,000 → 1,500.00; opening 20,000 ≥ 20,000 → 1,000.00; override (SR) 0
  //   total   3,185.84 + 1,500 + 1,000 = 5,685.84
  // Before it (asOf 2019-03-31), the seed's 17%:
  //   base    18000 ÷ 1.17 × 0.2 = 3,076.9230… → 3,076.92; total 5,576.92 (SPEC §1.2)
  it.each<[string, Cell, number, number]>([
    ["on its From, as text", "2019-04-01", 3185.84, 5685.84],
    ["on its From, as a date serial", serial("2019-04-01"), 3185.84, 5685.84],
    ["on its From, as Chinese date text", "2019年4月1日", 3185.84, 5685.84],
    ["a day before its From", "2019-03-31", 3076.92, 5576.92],
    ["later", "2026-10-01", 3185.84, 5685.84],
  ])("asOf %s", (_when, asOf, base, total) => {
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]], null, "base", VAT_13, asOf)).toEqual([[base]]);
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]], null, null, VAT_13, asOf)).toEqual([[total]]);
  });

  it("the same over the seed rows plus the version, and for a whole column in one call", () => {
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]], null, null, SEED_WITH_VAT_13, "2019-04-01")).toEqual([[5685.84]]);
    // 13,000 at 10%: 11700 ÷ 1.13 × 0.1 = 1,035.3982… → 1,035.40 (third decimal 8: up); at 17% exactly 1,000.00.
    // 30,000 SM, 20,000 by the 20th, 80,000 sponsored: 27000 ÷ 1.13 × 0.2 = 4,778.7610… → 4,778.76, + 4,000 + 2,000 + 4,000 = 14,778.76.
    const month = column([20000, 13000, 30000]);
    const by20th = column([15000, 0, 20000]);
    const rank = column(["SR", "SR", "SM"]);
    const sponsored = column([0, 0, 80000]);
    expect(monthlyBonus(month, by20th, rank, sponsored, null, SEED_WITH_VAT_13, "2026-10-01")).toEqual([[5685.84], [1035.4], [14778.76]]);
    expect(monthlyBonus(month, by20th, rank, sponsored, null, SEED_WITH_VAT_13, "2019-03-31")).toEqual([[5576.92], [1000], [14615.38]]);
    expect(monthlyBonus([[30000]], [[20000]], [["SM"]], [[80000]], "all", VAT_13, "2019-04-01")).toEqual([[4778.76, 4000, 2000, 4000]]);
  });

  it("without asOf every approved version applies, even one dated later", () => {
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, VAT_13)).toEqual([[5685.84]]);
    const future = policyTable(["VatRate", "", "", "13%", "2099-01-01", "Approved"]);
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, future)).toEqual([[5685.84]]);
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, future, "2098-12-31")).toEqual([[5576.92]]);
  });

  it("a table without a Status column counts every row", () => {
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, [["Rule", "Value", "From"], ["VatRate", "13%", "2019-04-01"]], "2019-04-01")).toEqual([[5685.84]]);
  });
});

describe("which versions count", () => {
  it.each([["Draft"], [""], ["草稿"], ["Rejected"], ["已驳回"]])("a version whose Status is %p is ignored", (status) => {
    const policy = policyTable(["VatRate", "", "", 0.13, serial("2019-04-01"), status]);
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, policy, "2020-01-01")).toEqual([[5576.92]]);
  });

  it("已批准 counts like Approved; versions apply in From order", () => {
    const policy = policyTable(
      ["VatRate", "", "", 0.13, serial("2019-04-01"), "已批准"],
      ["VatRate", "", "", 0.16, serial("2018-05-01"), "approved"],
    );
    // 16% from 2018-05-01: 18000 ÷ 1.16 × 0.2 = 3,103.4482… → 3,103.45 (third decimal 8: up); total 5,603.45.
    const totalOn = (asOf: string) => monthlyBonus([[20000]], [[15000]], null, null, null, policy, asOf)[0][0];
    expect(["2018-04-30", "2018-05-01", "2019-03-31", "2019-04-01"].map(totalOn)).toEqual([5576.92, 5603.45, 5603.45, 5685.84]);
  });

  it("a Draft's unreadable cells stop nothing; the same in an approved version do", () => {
    const draft = policyTable(["VatRate", "", "", "abc", serial("2019-04-01"), "Draft"], ["VatRate", "", "", 1.3, serial("2020-04-01"), "Draft"]);
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, draft)).toEqual([[5576.92]]);
    const approved = policyTable(["VatRate", "", "", "abc", serial("2019-04-01"), "Approved"]);
    expect(thrownBy(() => monthlyBonus([[20000]], null, null, null, null, approved)).message).toBe(
      "policy, row 2 of the range: Value: “abc” is not a number. Use a number such as 15000, 15,000, 15000元 or 20%.",
    );
  });

  it("a broken approved version dated after asOf stops nothing on asOf", () => {
    const policy = policyTable(["VatRate", "", "", 0.13, serial("2019-04-01"), "Approved"], ["VatRate", "", "", 13, serial("2030-01-01"), "Approved"]);
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, policy, "2026-10-01")).toEqual([[5685.84]]);
    expect(thrownBy(() => monthlyBonus([[20000]], [[15000]], null, null, null, policy)).message).toContain("row 3");
  });

  it("award groups: SM's morning star raised to 5,000 from 2026-01-01", () => {
    // SM, 30,000, 20,000 by the 20th, 80,000 sponsored: base 27000 ÷ 1.17 × 0.2 = 4,615.3846… → 4,615.38;
    // + morning 5,000 + opening 2,000 + override 80,000 × 5% = 4,000 → 15,615.38 (14,615.38 before).
    const policy = policyTable(["MorningStar", "SM", 20000, 5000, "2026-01-01", "Approved"]);
    expect(monthlyBonus([[30000]], [[20000]], [["SM"]], [[80000]], null, policy, "2026-10-01")).toEqual([[15615.38]]);
    expect(monthlyBonus([[30000]], [[20000]], [["SSM"]], [[80000]], null, policy, "2026-10-01")).toEqual([[15615.38]]);
    expect(monthlyBonus([[30000]], [[20000]], [["SM"]], [[80000]], null, policy, "2025-12-01")).toEqual([[14615.38]]);
    // SR's group is untouched: 5,576.92 as in SPEC §1.2.
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]], null, null, policy, "2026-10-01")).toEqual([[5576.92]]);
  });

  it("rounding half away from zero: PerformanceRatio 100%, VatRate 0% make the base 10% of sales", () => {
    const policy = policyTable(["PerformanceRatio", "", "", "100%", "", "Approved"], ["VatRate", "", "", "0%", "", "Approved"]);
    // 13,000.05 × 10% = 1,300.005 → 1,300.01 (half a cent: away from zero); 13,000.04 → 1,300.004 → 1,300.00;
    // 13,000.06 → 1,300.006 → 1,300.01; 15,000.03 × 15% = 2,250.0045 → 2,250.00.
    expect(monthlyBonus(column([13000.05, 13000.04, 13000.06, 15000.03]), null, null, null, "base", policy)).toEqual([[1300.01], [1300], [1300.01], [2250]]);
  });

  it("override rate 4.5% for SM and above: 80,000 × 4.5% = 3,600.00; 33,333 × 4.5% = 1,499.985 → 1,499.99", () => {
    const policy = policyTable(["OverrideRate", "SM", "", "4.5%", "2026-01-01", "Approved"]);
    expect(monthlyBonus(column([0, 0, 0]), null, column(["SM", "TE", "SSE"]), column([80000, 33333, 80000]), "override", policy, "2026-01-01")).toEqual([[3600], [1499.99], [0]]);
  });
});

describe("RANK_OF with the policy's ladder", () => {
  // SR needs 14,000 a month from 2026-01-01. 13,000 with cumulative 13,000: not DS (30,000
  // cumulative) and not SR any more, so PC; with cumulative 31,000 it is DS.
  const policy = policyTable(["RankMinMonthSales", "SR", "", 14000, "2026-01-01", "Approved"]);

  it("the ladder in force on asOf", () => {
    expect(rankOf(column([13000, 13000, 14000, 15000]), null, null, column(["", 31000, "", ""]), null, policy, "2026-01-01")).toEqual([["PC"], ["DS"], ["SR"], ["SE"]]);
    expect(rankOf([[13000]], null, null, null, null, policy, "2025-12-31")).toEqual([["SR"]]);
  });

  it("an explicit rankTable wins over the policy", () => {
    const table = [["code", "minMonthSales"], ["A", ""], ["B", 13000]];
    expect(rankOf([[13000]], null, null, null, table, policy, "2026-01-01")).toEqual([["B"]]);
  });

  it("a ladder that decreases up the ranks is #VALUE! naming the row", () => {
    const broken = policyTable(["RankMinMonthSales", "SE", "", 12000, "2026-01-01", "Approved"]);
    const error = thrownBy(() => rankOf([[13000]], null, null, null, null, broken, "2026-01-01"));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe("policy, row 2 of the range: RankMinMonthSales: SE's minimum 12000 is below SR's (13000); a higher rank cannot need less. Leave it blank for no minimum.");
  });
});

describe("BUDGET_VARIANCE with the policy's BudgetTolerance", () => {
  // 10% from 2026-01-01: 108 against 100 is within 100 × 1.10 = 110, so ON TRACK; at the seed's 5% (105) it is OVER.
  const policy = policyTable(["BudgetTolerance", "", "", "10%", "2026-01-01", "Approved"]);

  it("the tolerance in force on asOf", () => {
    expect(budgetVariance(column([108, 110, 110.01, 90, 89.99]), [[100]], "status", null, null, policy, "2026-10-01")).toEqual([["ON TRACK"], ["ON TRACK"], ["OVER"], ["ON TRACK"], ["UNDER"]]);
    expect(budgetVariance([[108]], [[100]], "status", null, null, policy, "2025-12-01")).toEqual([["OVER"]]);
  });

  it("an explicit tolerance wins, element by element; a blank tolerance cell is the policy's", () => {
    expect(budgetVariance(column([108, 108, 108]), [[100]], "status", null, column([0.05, "", "8%"]), policy, "2026-10-01")).toEqual([["OVER"], ["ON TRACK"], ["ON TRACK"]]);
  });
});

describe("PAY_DATE and PLAN_DEADLINE: each date is its own asOf", () => {
  it("PAY_DATE with PayDay 15 from 2026-04-01: the version in force on the first of each month", () => {
    const policy = policyTable(["PayDay", "", "", 15, serial("2026-04-01"), "Approved"]);
    expect(payDate(dates("2026-03-15", "2026-03-31", "2026-04-01", "2026-04-30", "2026-12-05"), policy)).toEqual(
      column([serial("2026-05-10"), serial("2026-05-10"), serial("2026-06-15"), serial("2026-06-15"), serial("2027-02-15")]),
    );
  });

  it("PAY_DATE takes the first of the month: a version from the 15th applies from the next month", () => {
    const policy = policyTable(["PayDay", "", "", 15, serial("2026-03-15"), "Approved"], ["PayMonthsAfter", "", "", 1, serial("2026-03-15"), "Approved"]);
    expect(payDate(dates("2026-03-20", "2026-04-02"), policy)).toEqual(column([serial("2026-05-10"), serial("2026-05-15")]));
  });

  it("PLAN_DEADLINE with PlanLeadMonths 2 from 2026-06-01", () => {
    const policy = policyTable(["PlanLeadMonths", "", "", 2, serial("2026-06-01"), "Approved"]);
    // 2026-05-31 − 1 month = 2026-04-30; 2026-06-01 − 2 = 2026-04-01; 2026-08-31 − 2 = 2026-06-30 (June has 30 days).
    expect(planDeadline(dates("2026-05-31", "2026-06-01", "2026-08-31"), policy)).toEqual(column([serial("2026-04-30"), serial("2026-04-01"), serial("2026-06-30")]));
    expect(planDeadline([["2026年6月1日"], [""]], policy)).toEqual([[serial("2026-04-01")], [""]]);
  });

  it("a broken version spoils only the dates it is in force on", () => {
    const policy = policyTable(["PayDay", "", "", 15, serial("2026-04-01"), "Approved"], ["PayDay", "", "", 31, serial("2026-06-01"), "Approved"]);
    const [[may], [june]] = payDate(dates("2026-05-31", "2026-06-01"), policy);
    expect(may).toBe(serial("2026-07-15"));
    expect(june).toEqual(new ExcelError("#VALUE!", "policy, row 3 of the range: PayDay: 31 is not a day of the month from 1 to 28."));
  });
});

describe("the policy range", () => {
  it("headers in any order, English or Chinese, any case and spacing; other columns, and headers that are not text, ignored", () => {
    const policy = [[" 状态 ", "comment", "VALUE", "生效日期", { code: "#REF!" }, "规则", "remark", null, 5], ["已批准", "x", "13%", "2019-04-01", "", "增值税率", "y", "", ""]];
    expect(monthlyBonus([[20000]], [[15000]], null, null, null, policy, "2019-04-01")).toEqual([[5685.84]]);
  });

  it("a cell that cannot be read is named by its header as written", () => {
    const english = [["Rule", " Value "], ["VatRate", "abc"]];
    expect(thrownBy(() => monthlyBonus([[1]], null, null, null, null, english)).message).toBe("policy, row 2 of the range: Value: “abc” is not a number. Use a number such as 15000, 15,000, 15000元 or 20%.");
    setDisplayLanguage("zh-CN");
    const chinese = [["规则", "值", "门槛"], ["增值税率", "17%", "很多"]];
    expect(thrownBy(() => monthlyBonus([[1]], null, null, null, null, chinese)).message).toBe("policy 区域第 2 行：门槛：“很多”不是数字。请使用 15000、15,000、15000元 或 20% 这样的数字。");
  });

  it.each<[Cell, string]>([
    [{ code: "#N/A" }, "#N/A"],
    [{ errorType: "#DIV/0!" }, "#DIV/0!"],
    [{ type: "Error" }, "#VALUE!"],
  ])("an Excel error %p in a counting row names the error", (cell, shown) => {
    const policy = [["Rule", "Value"], ["VatRate", cell]];
    expect(thrownBy(() => monthlyBonus([[1]], null, null, null, null, policy)).message).toBe(`policy, row 2 of the range: the Value cell holds the error ${shown}.`);
  });

  it("blank rows are skipped; row numbers count the header as row 1", () => {
    const policy = [["Rule", "Value", "Status"], ["", "", ""], [null, null, null], ["VAT", 0.13, "Approved"]];
    expect(thrownBy(() => monthlyBonus([[1]], null, null, null, null, policy)).message).toMatch(/^policy, row 4 of the range: Policy: “VAT” is not a rule\./);
  });

  it.each<[string, CellGrid, string]>([
    ["no Value column", [["Rule", "Amount"], ["VatRate", 0.13]], "policy: the range's first row has no Value 值 column. Pass the Policy table with its header row; Rule and Value are required."],
    ["no Rule column", [["Value"]], "policy: the range's first row has no Rule 规则 column. Pass the Policy table with its header row; Rule and Value are required."],
    ["a column twice", [["Rule", "Value", "规则"]], "policy: the range's first row has the Rule 规则 column twice (columns 1, 3): keep one."],
    ["a From that is not a date, even in a Draft", policyTable(["VatRate", "", "", 0.13, "soon", "Draft"]), "policy, row 2 of the range: From: “soon” is not a date. Use a date cell or text such as 2026-03-15."],
    ["an unknown status", policyTable(["VatRate", "", "", 0.13, "", "OK"]), "policy, row 2 of the range: “OK” is not a version status. Statuses: Draft, Approved, Rejected (blank is Draft)."],
    ["an Excel error in a counting row", policyTable(["VatRate", "", "", { code: "#N/A" }, "", "Approved"]), "policy, row 2 of the range: the Value cell holds the error #N/A."],
    ["a rate above 100% (#NUM! in the rules, #VALUE! naming the row here)", policyTable(["PayDay", "", "", 10, "", "Approved"], ["VatRate", "", "", 17, "", "Approved"]), "policy, row 3 of the range: VatRate: 17 is above 100%; write a rate as a percentage or a fraction (17% or 0.17)."],
  ])("%s is #VALUE! for the whole call", (_case, policy, message) => {
    const error = thrownBy(() => monthlyBonus(column([20000, 30000]), null, null, null, null, policy));
    expect(error).toEqual(new ExcelError("#VALUE!", message));
  });

  it("the first problem by row is the one named", () => {
    const policy = policyTable(["PayDay", "", "", 40, "", "Approved"], ["VatRate", "", "", "x", "", "Approved"]);
    expect(thrownBy(() => monthlyBonus([[1000]], null, null, null, null, policy)).message).toMatch(/^policy, row 2 of the range: PayDay: 40/);
    expect(payDate([[1000]], policy)).toEqual([[expect.objectContaining({ message: expect.stringMatching(/^policy, row 2 of the range: PayDay: 40/) })]]);
  });

  it("in a Chinese Excel the message is Chinese", () => {
    setDisplayLanguage("zh-CN");
    expect(thrownBy(() => monthlyBonus([[1]], null, null, null, null, policyTable(["VatRate", "", "", 17, "", "Approved"]))).message).toBe(
      "policy 区域第 2 行：VatRate：17 超过 100%；比例请写成百分数或小数（17% 或 0.17）。",
    );
    expect(thrownBy(() => monthlyBonus([[1]], null, null, null, null, [["规则"]])).message).toBe("policy：区域第一行没有 Value 值 列。请连同标题行传入制度参数表；规则和值两列必填。");
  });
});

describe("asOf", () => {
  it("a 1×1 range is its one value", () => expect(monthlyBonus([[20000]], [[15000]], null, null, null, VAT_13, [["2019-04-01"]])).toEqual([[5685.84]]));

  it.each<[Cell | CellGrid, string]>([
    ["soon", "asOf: “soon” is not a date. Use a date cell or text such as 2026-03-15."],
    [[["2019-04-01", "2019-05-01"]], "asOf: “2019-04-01,2019-05-01” is not a date. Use a date cell or text such as 2026-03-15."],
    [[["2019-04-01"], ["2019-05-01"]], "asOf: “2019-04-01,2019-05-01” is not a date. Use a date cell or text such as 2026-03-15."],
  ])("%p is #VALUE!, with or without a policy", (asOf, message) => {
    expect(thrownBy(() => monthlyBonus([[20000]], null, null, null, null, VAT_13, asOf as Cell))).toEqual(new ExcelError("#VALUE!", message));
    expect(thrownBy(() => budgetVariance([[1]], [[1]], null, null, null, null, asOf as Cell))).toEqual(new ExcelError("#VALUE!", message));
    expect(thrownBy(() => rankOf([[1]], null, null, null, null, null, asOf as Cell))).toEqual(new ExcelError("#VALUE!", message));
  });

  it("an error in the asOf cell is that error", () => {
    expect(thrownBy(() => monthlyBonus([[20000]], null, null, null, null, VAT_13, { code: "#REF!" })).code).toBe("#REF!");
  });
});
