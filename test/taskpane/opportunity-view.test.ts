import { DEFAULT_RANK_LADDER } from "../../src/rules";
import type { BonusOpportunity, BonusOpportunityList, RebateOpportunityList } from "../../src/services";
import {
  DEFAULT_WITHIN_PERCENT,
  monthDeadlines,
  monthStanding,
  nextSortKey,
  parseWithinPercent,
  rankNeeds,
  sameBonusList,
  sameRebateList,
} from "../../src/taskpane/pages/opportunities/opportunity-view";

const opportunity = (over: Partial<BonusOpportunity>): BonusOpportunity => ({
  rep: "罗娟", rank: "SM", kind: "step", target: "baseStep", threshold: 20000, nextRate: 0.2, shortfall: 448,
  sponsoredSalesShortfall: 0, sponsoredCountShortfall: 0, extraBonus: 1820.92, daysLeft: undefined, ...over,
});

describe("the Within field, a percentage", () => {
  test("10 by default, read as a share: plain, with a %, full-width, with decimals", () => {
    expect(parseWithinPercent(DEFAULT_WITHIN_PERCENT)).toBe(0.1);
    expect(parseWithinPercent(" 10% ")).toBe(0.1);
    expect(parseWithinPercent("１０％")).toBe(0.1);
    expect(parseWithinPercent("12.5")).toBe(0.125);
    expect(parseWithinPercent("100")).toBe(1);
  });

  test("nothing, 0, a negative, above 100 or not a number is refused", () => {
    for (const text of ["", " ", "%", "0", "-5", "100.01", "ten", "10%%"]) expect([text, parseWithinPercent(text)]).toEqual([text, undefined]);
  });
});

describe("where today stands against the chosen month", () => {
  test("in it: today's calendar day, which the service counts days left from", () => {
    expect(monthStanding({ year: 2025, month: 12 }, new Date(2025, 11, 15, 17, 30))).toEqual({ kind: "current", today: new Date(2025, 11, 15) });
    expect(monthStanding({ year: 2025, month: 12 }, new Date(2025, 11, 31, 23, 59))).toEqual({ kind: "current", today: new Date(2025, 11, 31) });
  });

  test("after it (how close each rep came) or before it, across a year's end", () => {
    expect(monthStanding({ year: 2025, month: 12 }, new Date(2026, 0, 1))).toEqual({ kind: "past" });
    expect(monthStanding({ year: 2025, month: 10 }, new Date(2025, 11, 15))).toEqual({ kind: "past" });
    expect(monthStanding({ year: 2026, month: 1 }, new Date(2025, 11, 31))).toEqual({ kind: "future" });
  });

  test("the month's deadlines: the morning-star day and its last day, February of a leap year too", () => {
    expect(monthDeadlines({ year: 2025, month: 12 }, 20)).toEqual({ morning: new Date(2025, 11, 20), monthEnd: new Date(2025, 11, 31) });
    expect(monthDeadlines({ year: 2028, month: 2 }, 20).monthEnd).toEqual(new Date(2028, 1, 29));
  });
});

test("the Next column sorts by deadline (morning, opening, step, rank), and ranks along the ladder", () => {
  const rows = [
    opportunity({ kind: "rank", target: "SSM" }),
    opportunity({ kind: "step" }),
    opportunity({ kind: "rank", target: "SE" }),
    opportunity({ kind: "opening", target: "openingStar" }),
    opportunity({ kind: "morning", target: "morningStar" }),
  ];
  const sorted = [...rows].sort((a, b) => nextSortKey(a, DEFAULT_RANK_LADDER) - nextSortKey(b, DEFAULT_RANK_LADDER));
  expect(sorted.map((o) => (o.kind === "rank" ? o.target : o.kind))).toEqual(["morning", "opening", "step", "SE", "SSM"]);
});

test("what a rank needs besides the rep's own sales: sponsored SRs and their sales; nothing for other kinds", () => {
  expect(rankNeeds(opportunity({ kind: "rank", target: "SSM", shortfall: 0, sponsoredSalesShortfall: 499, sponsoredCountShortfall: 1 }))).toEqual({ sponsoredCount: 1, sponsoredSales: 499 });
  expect(rankNeeds(opportunity({ kind: "rank", target: "SE", shortfall: 393 }))).toBeUndefined();
  expect(rankNeeds(opportunity({ kind: "step", sponsoredSalesShortfall: 5 }))).toBeUndefined();
});

describe("a list recomputed at write time is the one shown", () => {
  const bonus = (opportunities: BonusOpportunity[], policyFrom?: Date) => ({ kind: "bonus", year: 2025, month: 12, reps: 30, opportunities, policyFrom }) as unknown as BonusOpportunityList;
  const rebate = (extra: number, mode = "retroactive") =>
    ({ kind: "rebate", year: 2025, mode, dealers: 40, policyFrom: undefined, opportunities: [{ dealer: "A", net: 99100, nextThreshold: 100000, needed: 900, rebateAtNext: 1000, extra, costShare: extra / 900 }] }) as unknown as RebateOpportunityList;

  test("reps: the same rows and policy version, or not", () => {
    expect(sameBonusList(bonus([opportunity({})]), bonus([opportunity({})]))).toBe(true);
    expect(sameBonusList(bonus([opportunity({})]), bonus([opportunity({ shortfall: 447 })]))).toBe(false);
    expect(sameBonusList(bonus([opportunity({})]), bonus([]))).toBe(false);
    expect(sameBonusList(bonus([], new Date(2025, 0, 1)), bonus([]))).toBe(false);
  });

  test("dealers: the same rows and mode, or not", () => {
    expect(sameRebateList(rebate(1000), rebate(1000))).toBe(true);
    expect(sameRebateList(rebate(1000), rebate(999))).toBe(false);
    expect(sameRebateList(rebate(1000), rebate(1000, "incremental"))).toBe(false);
  });
});
