/**
 * Issue 11 point 4: the sample workbook (assets/sample-workbook.xlsx, which the preview opens)
 * has reps and dealers near a threshold in its latest month and year, so that the
 * Opportunities page and `mkt-rulebook opportunities` show something on it, at the default 10%.
 */
import { join } from "node:path";
import { bonusOpportunities, rebateOpportunities } from "../../src/services";
import { openXlsx } from "../support/xlsx-files";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");

async function bonusList(month: number) {
  const outcome = await bonusOpportunities((await openXlsx(SAMPLE)).tables, { year: 2025, month, within: 0.1 });
  if (outcome.kind !== "listed") throw new Error(JSON.stringify(outcome.problems));
  return outcome.summary.opportunities;
}

const kinds = (list: readonly { kind: string }[]) => [...new Set(list.map((o) => o.kind))].sort();

describe("the sample workbook's opportunities", () => {
  it("December 2025, its latest month: reps near the opening star, the next base rate and the next rank, one of them a sponsored SR short", async () => {
    const december = await bonusList(12);
    expect(december.length).toBeGreaterThanOrEqual(10);
    expect(kinds(december)).toEqual(["opening", "rank", "step"]);
    expect(december.filter((o) => o.kind === "rank" && o.sponsoredCountShortfall === 1).map((o) => `${o.rep} ${o.rank}→${o.target}`)).toEqual(["罗娟 SM→SSM"]);
    for (const o of december) expect(o.extraBonus).toBeDefined();
  });

  it("October 2025: every kind, the morning star award too", async () => {
    expect(kinds(await bonusList(10))).toEqual(["morning", "opening", "rank", "step"]);
  });

  it("2025, its latest year: dealers near the next rebate tier, one just under the first", async () => {
    const outcome = await rebateOpportunities((await openXlsx(SAMPLE)).tables, { year: 2025, within: 0.1 });
    if (outcome.kind !== "listed") throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.summary.opportunities.map((o) => [o.dealer, o.nextThreshold, o.needed])).toEqual([
      ["常州金诚商贸有限责任公司", 500000, 9200],
      ["绍兴泰和日用品销售有限公司", 100000, 900],
    ]);
  });
});
