import { ExcelError, setDisplayLanguage } from "../support/custom-functions-stub";
import { budgetVarianceCells as budgetVariance, monthlyBonusCells as monthlyBonus, payDateCells as payDate, planDeadlineCells as planDeadline, rankOfCells as rankOf, rebateCells as rebate } from "../../src/functions/adapters";
import type { Cell } from "../../src/functions/grid";

const TIERS = [["Threshold", "Rate"], [0, 0], [100000, 0.01], [500000, 0.02], [1000000, 0.03]];

function thrownBy(call: () => unknown): ExcelError {
  try {
    call();
  } catch (error) {
    return error as ExcelError;
  }
  throw new Error("expected the call to fail");
}

afterEach(() => setDisplayLanguage(undefined));

describe("SPEC worked examples through the custom-function layer", () => {
  it.each([
    [[[12000]], null, null, null, "PC"],
    [[[12000]], null, null, [[31000]], "DS"],
    [[[13000]], null, null, null, "SR"],
    [[[15000]], null, null, null, "SE"],
    [[[15000]], [[60000]], [[4]], null, "SM"],
    [[[15000]], [[60000]], [[3]], null, "SSE"],
    [[[14999]], [[400000]], [[20]], null, "SR"],
  ])("RANK_OF %j %j %j %j → %s", (month, sponsored, count, cumulative, expected) => {
    expect(rankOf(month, sponsored, count, cumulative)).toEqual([[expected]]);
  });

  it("MONTHLY_BONUS examples", () => {
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]])).toEqual([[5576.92]]);
    expect(monthlyBonus([[30000]], [[20000]], [["SM"]], [[80000]])).toEqual([[14615.38]]);
  });

  it("REBATE examples", () => {
    expect(rebate([[600000]], TIERS)).toEqual([[12000]]);
    expect(rebate([[600000]], TIERS, "incremental")).toEqual([[6000]]);
    expect(rebate([[600000]], TIERS, null, [[60000]])).toEqual([[1200]]);
  });

  it("PAY_DATE and PLAN_DEADLINE", () => {
    expect(payDate([[46096]])).toEqual([[46152]]);
    expect(planDeadline([[46112]])).toEqual([[46081]]);
  });
});

describe("argument coercion", () => {
  it.each<[Cell, number]>([["20,000", 20000], ["20000元", 20000], [" 20000 ", 20000], ["２００００", 20000], ["¥20,000", 20000]])(
    "month sales %j is a number",
    (text, value) => expect(monthlyBonus([[text]], [[15000]])).toEqual(monthlyBonus([[value]], [[15000]])),
  );
  it("an empty cell counts as 0 for amounts", () => expect(monthlyBonus([[""]])).toEqual([[0]]));
  it("omitted rank means SR; omitted salesBy20th means no morning star", () => {
    expect(monthlyBonus([[20000]], null, null)).toEqual([[4076.92]]);
  });
  it("rank codes are case-insensitive", () => expect(monthlyBonus([[30000]], [[20000]], [["sm"]], [[80000]])).toEqual([[14615.38]]));
  it("choice arguments are case-insensitive and have Chinese aliases", () => {
    expect(rebate([[600000]], TIERS, " INCREMENTAL ")).toEqual([[6000]]);
    expect(rebate([[600000]], TIERS, "累进")).toEqual([[6000]]);
    expect(budgetVariance([[110]], [[100]], "状态")).toEqual([["OVER"]]);
  });
  it("text dates are accepted", () => expect(payDate([["2026-03-15"], ["2026年12月1日"], [""]])).toEqual([[46152], [46428], [""]]));
  it("tolerance accepts 10% as text", () => expect(budgetVariance([[108]], [[100]], "status", null, [["10%"]])).toEqual([["ON TRACK"]]));
});

describe("components and outputs", () => {
  it("component all spills the four components for a single row", () => {
    expect(monthlyBonus([[30000]], [[20000]], [["SM"]], [[80000]], "all")).toEqual([[4615.38, 4000, 2000, 4000]]);
  });
  it("component all with ranges is #VALUE!", () => {
    expect(thrownBy(() => monthlyBonus([[1], [2]], null, null, null, "all")).code).toBe("#VALUE!");
  });
  it.each([["base", 3076.92], ["morning", 1500], ["opening", 1000], ["override", 0], ["total", 5576.92]])("component %s", (component, value) => {
    expect(monthlyBonus([[20000]], [[15000]], [["SR"]], null, component)).toEqual([[value]]);
  });
  it.each([["amount", 10], ["percent", 0.1], ["used", 1.1], ["status", "OVER"], ["favourable", "U"]])("BUDGET_VARIANCE output %s", (output, value) => {
    const [[result]] = budgetVariance([[110]], [[100]], output);
    if (typeof value === "number") expect(result).toBeCloseTo(value, 12);
    else expect(result).toBe(value);
  });
  it("revenue kind per row", () => expect(budgetVariance([[110], [110]], [[100]], "favourable", [["revenue"], ["expense"]])).toEqual([["F"], ["U"]]));
});

describe("policy tables passed as ranges", () => {
  const table = [["code", "month", "sponsored", "count", "cumulative"], ["A", "", "", "", ""], ["B", 100, "", "", ""], ["C", 100, 50, 1, ""]];
  it("rankTable replaces the default ladder", () => {
    expect(rankOf([[99], [100], [100]], [[0], [0], [50]], [[0], [0], [1]], null, table)).toEqual([["A"], ["B"], ["C"]]);
  });
  it("rankTable with a duplicate code is #VALUE!", () => {
    expect(thrownBy(() => rankOf([[1]], null, null, null, [["A", 0], ["a", 5]])).message).toContain("twice");
  });
  it("tiers accept percentages as text and skip blank rows", () => {
    expect(rebate([[600000]], [[0, "0%"], [100000, "1%"], [500000, "2%"], ["", ""]])).toEqual([[12000]]);
  });
  it("unsorted tiers are #VALUE! naming the row", () => {
    const error = thrownBy(() => rebate([[1]], [["Threshold", "Rate"], [100, 0.01], [50, 0.02]]));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("row 3");
  });
  it("a rate above 1 is #NUM!", () => expect(thrownBy(() => rebate([[1]], [[0, 2]])).code).toBe("#NUM!"));
  it("a non-numeric threshold below the header is #VALUE!", () => {
    expect(thrownBy(() => rebate([[1]], [["Threshold", "Rate"], ["lots", 0.01]])).message).toContain("lots");
  });
});

describe("errors", () => {
  it("a text that is not a number gives #VALUE! naming the argument and the value", () => {
    const [[error]] = monthlyBonus([["abc"]]);
    expect(error).toMatchObject({ code: "#VALUE!" });
    expect((error as ExcelError).message).toContain("monthSales");
    expect((error as ExcelError).message).toContain("abc");
  });
  it("negative amounts give #NUM!", () => expect(rankOf([[-1]])).toEqual([[expect.objectContaining({ code: "#NUM!" })]]));
  it("sales by the 20th above the month's sales give #VALUE!", () => {
    expect(monthlyBonus([[100]], [[200]])).toEqual([[expect.objectContaining({ code: "#VALUE!" })]]);
  });
  it("an unknown rank gives #VALUE!", () => expect(monthlyBonus([[100]], null, [["BOSS"]])).toEqual([[expect.objectContaining({ code: "#VALUE!" })]]));
  it("percent with a zero budget gives #DIV/0!", () => expect(budgetVariance([[1]], [[0]], "percent")).toEqual([[expect.objectContaining({ code: "#DIV/0!" })]]));
  it("an unknown choice gives #VALUE! listing the choices", () => {
    expect(thrownBy(() => rebate([[1]], TIERS, "weekly")).message).toContain("retroactive, incremental");
  });
  it("an error cell propagates as that error", () => {
    expect(rebate([[{ code: "#REF!" }]], TIERS)).toEqual([[expect.objectContaining({ code: "#REF!" })]]);
  });
  it("a bad date gives #VALUE!", () => expect(planDeadline([["soon"]])).toEqual([[expect.objectContaining({ code: "#VALUE!" })]]));
  it("messages follow Office's display language", () => {
    setDisplayLanguage("zh-CN");
    const [[error]] = monthlyBonus([["abc"]]);
    expect((error as ExcelError).message).toContain("不是数字");
  });
});
