/**
 * Issue 11 points 2 and 3: the reps near the next award, base-rate step or rank in a month,
 * and the dealers near the next rebate tier in a year, on both implementations of the table
 * interface, and the list written on a sheet of its own when asked.
 *
 * The policy's defaults (src/rules/bonus.ts, ranks.ts), worked by hand: base = month sales
 * × 90% ÷ 1.17 × the rate of the month's sales (10% from 13,000, 15% from 15,000, 20% from
 * 20,000); SR, SE, SSE: morning star 1,500 for 15,000 by the 20th, opening star 1,000 for
 * 20,000 in the month; SM: 4,000 for 20,000 by the 20th, 2,000 for 30,000, override 5% of the
 * sponsored SRs' sales. Bases used below: 12,000 → 0 (below the first step); 13,000 → 1,000.00;
 * 14,000 → 1,076.92; 15,000 → 1,730.77; 19,000 → 2,192.31; 20,000 → 3,076.92.
 */
import { bonusOpportunities, opportunityTableName, rebateOpportunities, writeOpportunitySheet, type BonusOpportunity, type BonusOpportunityList, type RebateOpportunityList } from "../../src/services";
import type { WorkbookTables } from "../../src/workbook";
import { makeOfficeHarness, makeXlsxHarness, type Fixture, type Harness, type MakeHarness } from "../workbook/harness";
import { d, rebateBook, table } from "./fixtures";
import { bonusBook, REBATE_PURCHASES } from "./opportunities-fixture";

const none = { threshold: undefined, nextRate: undefined, sponsoredSalesShortfall: 0, sponsoredCountShortfall: 0, daysLeft: undefined };
const AMY_MORNING: BonusOpportunity = { ...none, rep: "Amy", rank: "SR", kind: "morning", target: "morningStar", threshold: 15000, shortfall: 1000, extraBonus: 2153.85 };
const AMY_STEP: BonusOpportunity = { ...none, rep: "Amy", rank: "SR", kind: "step", target: "baseStep", threshold: 15000, nextRate: 0.15, shortfall: 1000, extraBonus: 653.85 };
const AMY_RANK: BonusOpportunity = { ...none, rep: "Amy", rank: "SR", kind: "rank", target: "SE", shortfall: 1000, extraBonus: 653.85 };
const BO_OPENING: BonusOpportunity = { ...none, rep: "Bo", rank: "SE", kind: "opening", target: "openingStar", threshold: 20000, shortfall: 1000, extraBonus: 1884.61 };
const BO_STEP: BonusOpportunity = { ...none, rep: "Bo", rank: "SE", kind: "step", target: "baseStep", threshold: 20000, nextRate: 0.2, shortfall: 1000, extraBonus: 1884.61 };
const CY_STEP: BonusOpportunity = { ...none, rep: "Cy", rank: "PC", kind: "step", target: "baseStep", threshold: 13000, nextRate: 0.1, shortfall: 1000, extraBonus: 1000 };
const CY_RANK: BonusOpportunity = { ...none, rep: "Cy", rank: "PC", kind: "rank", target: "DS", shortfall: 1000, extraBonus: 1000 };
const DI_RANK: BonusOpportunity = { ...none, rep: "Di", rank: "SSE", kind: "rank", target: "SM", shortfall: 0, sponsoredSalesShortfall: 3000, sponsoredCountShortfall: 1, extraBonus: 4500 };
const ALL = [AMY_MORNING, AMY_STEP, AMY_RANK, BO_OPENING, BO_STEP, CY_STEP, CY_RANK, DI_RANK];

const march = { year: 2026, month: 3 };

async function bonusList(tables: WorkbookTables, within: number, today?: Date): Promise<BonusOpportunityList> {
  const outcome = await bonusOpportunities(tables, { ...march, within, today });
  if (outcome.kind !== "listed") throw new Error(`problems: ${JSON.stringify(outcome.problems)}`);
  return outcome.summary;
}

async function rebateList(tables: WorkbookTables, within: number): Promise<RebateOpportunityList> {
  const outcome = await rebateOpportunities(tables, { year: 2025, within });
  if (outcome.kind !== "listed") throw new Error(`problems: ${JSON.stringify(outcome.problems)}`);
  return outcome.summary;
}

async function sheetTable(tables: WorkbookTables, kind: "BonusOpportunities" | "RebateOpportunities", name: string) {
  const ref = await tables.findTable(kind, { name });
  if (!ref) return undefined;
  return { sheet: ref.sheet, headers: ref.headers, rows: (await tables.readTable(ref)).rows.map((r) => r.values) };
}

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 3 })],
])("opportunities on %s", (_name, make) => {
  describe("bonusOpportunities", () => {
    it("lists each rep within 10% of the next award, step or rank, with the shortfall and the extra bonus, in the Reps' order", async () => {
      const harness = await make(bonusBook());
      const list = await bonusList(harness.tables, 0.1);
      expect(list.opportunities).toEqual(ALL);
      expect(list).toMatchObject({ kind: "bonus", year: 2026, month: 3, within: 0.1, today: undefined, reps: 7, policyFrom: undefined, language: "en" });
    });

    it("takes a shortfall of exactly the share as within it, a cent more not; a count shortfall of 1 is within any share", async () => {
      const harness = await make(bonusBook());
      // 5%: Bo's 1,000 is 5% of 20,000; Cy's 1,000 of 30,000 cumulative is within 1,500; Di's 3,000 is 5% of 60,000.
      // Amy's 1,000 of 15,000 is more than 750; Cy's 1,000 of 13,000 more than 650.
      expect((await bonusList(harness.tables, 0.05)).opportunities).toEqual([BO_OPENING, BO_STEP, CY_RANK, DI_RANK]);
      // 1,000 is 6.67% of 15,000 and 7.69% of 13,000.
      expect((await bonusList(harness.tables, 0.0666)).opportunities.map((o) => `${o.rep} ${o.kind}`)).toEqual(["Bo opening", "Bo step", "Cy rank", "Di rank"]);
      expect((await bonusList(harness.tables, 0.0667)).opportunities.map((o) => `${o.rep} ${o.kind}`)).toEqual(["Amy morning", "Amy step", "Amy rank", "Bo opening", "Bo step", "Cy rank", "Di rank"]);
      expect((await bonusList(harness.tables, 0)).opportunities).toEqual([]);
    });

    it("leaves out a rank two sponsored SRs away, however wide the distance", async () => {
      // E3 sponsored by nobody: Di has two SRs with 40,000, still SSE; SM is 20,000 and two SRs away.
      const harness = await make(bonusBook({ e3Sponsor: null }));
      const list = await bonusList(harness.tables, 1);
      expect(list.opportunities.filter((o) => o.rep === "Di")).toEqual([]);
      // Within 100%, E3 (17,000 after the 20th, SE) is near the morning star (15,000 short, exactly 100%), the opening star and the
      // 20% step (3,000 short of 20,000); SSE is not (no SRs).
      expect(list.opportunities.filter((o) => o.rep === "E3").map((o) => [o.kind, o.shortfall])).toEqual([["morning", 15000], ["opening", 3000], ["step", 3000]]);
    });

    it("counts the days left with today, and leaves out the deadlines passed", async () => {
      const harness = await make(bonusBook());
      // 18 March: the 18th, 19th and 20th left for the morning star; the 18th to the 31st, 14 days, for the rest.
      const on18th = await bonusList(harness.tables, 0.1, new Date(2026, 2, 18));
      expect(on18th.opportunities).toEqual(ALL.map((o) => ({ ...o, daysLeft: o.kind === "morning" ? 3 : 14 })));
      expect(on18th.today).toEqual(new Date(2026, 2, 18));
      // On the 20th itself, one day; on the 21st, no morning star, 11 days to the month's end.
      expect((await bonusList(harness.tables, 0.1, new Date(2026, 2, 20))).opportunities[0]).toEqual({ ...AMY_MORNING, daysLeft: 1 });
      const on21st = await bonusList(harness.tables, 0.1, new Date(2026, 2, 21));
      expect(on21st.opportunities).toEqual(ALL.filter((o) => o.kind !== "morning").map((o) => ({ ...o, daysLeft: 11 })));
      // On the last day, 1; once the month is over, nothing is left to reach.
      expect((await bonusList(harness.tables, 0.1, new Date(2026, 2, 31))).opportunities.every((o) => o.daysLeft === 1)).toBe(true);
      expect((await bonusList(harness.tables, 0.1, new Date(2026, 3, 1))).opportunities).toEqual([]);
    });

    it("reports unreadable rows, an unknown rep and a month without sales as problems", async () => {
      const harness = await make(bonusBook());
      expect(await bonusOpportunities(harness.tables, { year: 2026, month: 5, within: 0.1 })).toMatchObject({ kind: "problems", problems: [{ sheet: "Sales", row: 0, error: { code: "noRowsInPeriod" } }] });
      const edited = await harness.editByUser("Sales", "A2", "Nobody");
      expect(await bonusOpportunities(edited, { ...march, within: 0.1 })).toMatchObject({ kind: "problems", problems: [{ sheet: "Sales", row: 2, error: { code: "repUnknown", params: { rep: "Nobody" } } }] });
      const unreadable = await harness.editByUser("Sales", "C3", "lots");
      expect(await bonusOpportunities(unreadable, { ...march, within: 0.1 })).toMatchObject({ kind: "problems", problems: [{ sheet: "Sales", row: 3, error: { code: "notANumber" } }] });
    });
  });

  describe("rebateOpportunities", () => {
    it("lists the dealers within 10% of the next tier with the purchases needed, the extra rebate and its share of them (retroactive)", async () => {
      const harness = await make(rebateBook({ purchases: REBATE_PURCHASES }));
      const list = await rebateList(harness.tables, 0.1);
      expect(list.opportunities).toEqual([
        { dealer: "Back Co", net: 490000, nextThreshold: 500000, needed: 10000, rebateAtNext: 10000, extra: 5100, costShare: 0.51 },
        { dealer: "Edge Co", net: 450000, nextThreshold: 500000, needed: 50000, rebateAtNext: 10000, extra: 5500, costShare: 0.11 },
        { dealer: "Near Co", net: 460000, nextThreshold: 500000, needed: 40000, rebateAtNext: 10000, extra: 5400, costShare: 0.135 },
        { dealer: "Small Co", net: 95000, nextThreshold: 100000, needed: 5000, rebateAtNext: 1000, extra: 1000, costShare: 0.2 },
      ]);
      expect(list).toMatchObject({ kind: "rebate", year: 2025, within: 0.1, mode: "retroactive", policyFrom: undefined, dealers: 6, language: "en" });
      // 5%: 25,000 below 500,000 and 5,000 below 100,000.
      expect((await rebateList(harness.tables, 0.05)).opportunities.map((o) => o.dealer)).toEqual(["Back Co", "Small Co"]);
    });

    it("counts only the new slice in incremental mode", async () => {
      const harness = await make(rebateBook({ purchases: REBATE_PURCHASES, modeName: "incremental" }));
      const list = await rebateList(harness.tables, 0.1);
      expect(list.mode).toBe("incremental");
      expect(list.opportunities.map((o) => [o.dealer, o.rebateAtNext, o.extra, o.costShare])).toEqual([
        ["Back Co", 4000, 100, 0.01],
        ["Edge Co", 4000, 500, 0.01],
        ["Near Co", 4000, 400, 0.01],
        ["Small Co", 0, 0, 0],
      ]);
    });

    it("reports a year without purchases and an unreadable amount as problems", async () => {
      const harness = await make(rebateBook({ purchases: REBATE_PURCHASES }));
      expect(await rebateOpportunities(harness.tables, { year: 2023, within: 0.1 })).toMatchObject({ kind: "problems", problems: [{ sheet: "Purchases", row: 0, error: { code: "noRowsInPeriod" } }] });
      const edited = await harness.editByUser("Purchases", "C3", "lots");
      expect(await rebateOpportunities(edited, { year: 2025, within: 0.1 })).toMatchObject({ kind: "problems", problems: [{ sheet: "Purchases", row: 3, error: { code: "notANumber" } }] });
    });
  });

  describe("writeOpportunitySheet", () => {
    const MARCH_1 = d("2026-03-01");
    const row = (rep: string, rank: string, kind: string, target: string | null, threshold: number | null, shortfall: number, sponsored: number, count: number, extra: number, days: number | null) => ({
      Rep: rep, Month: MARCH_1, Rank: rank, Kind: kind, Target: target, Threshold: threshold, Shortfall: shortfall, SponsoredShortfall: sponsored, CountShortfall: count, ExtraBonus: extra, DaysLeft: days,
    });

    it("writes the bonus list on a sheet of its own, in the Sales table's language, and nothing else", async () => {
      const harness = await make(bonusBook());
      const list = await bonusList(harness.tables, 0.1, new Date(2026, 2, 21));
      expect(opportunityTableName(list)).toBe("BonusOpportunities_2026_03");
      expect(await writeOpportunitySheet(harness.tables, list)).toEqual({ kind: "written", summary: { sheet: "Bonus opportunities 2026-03", tableName: "BonusOpportunities_2026_03", rows: 7 } });
      expect(await harness.sheetNames()).toEqual(["Sales", "Reps", "Bonus opportunities 2026-03"]);
      const written = await sheetTable(await harness.reopen(), "BonusOpportunities", "BonusOpportunities_2026_03");
      expect(written?.headers).toEqual(["Rep", "Month", "Rank", "Kind", "Target", "Threshold", "Shortfall", "SponsoredShortfall", "CountShortfall", "ExtraBonus", "DaysLeft"]);
      expect(written?.rows).toEqual([
        row("Amy", "SR", "Next base rate", "15%", 15000, 1000, 0, 0, 653.85, 11),
        row("Amy", "SR", "Next rank", "SE Sales executive", null, 1000, 0, 0, 653.85, 11),
        row("Bo", "SE", "Opening star award", null, 20000, 1000, 0, 0, 1884.61, 11),
        row("Bo", "SE", "Next base rate", "20%", 20000, 1000, 0, 0, 1884.61, 11),
        row("Cy", "PC", "Next base rate", "10%", 13000, 1000, 0, 0, 1000, 11),
        row("Cy", "PC", "Next rank", "DS Distributor", null, 1000, 0, 0, 1000, 11),
        row("Di", "SSE", "Next rank", "SM Sales manager", null, 0, 3000, 1, 4500, 11),
      ]);
      expect(await (await harness.reopen()).findTable("Bonuses")).toBeUndefined();
    });

    it("leaves the table as it is when it holds the list already, and rewrites it in place, wherever it is, when the list changed", async () => {
      const harness = await make(bonusBook());
      const list = await bonusList(harness.tables, 0.1);
      expect(await writeOpportunitySheet(harness.tables, list)).toMatchObject({ kind: "written" });
      expect(await writeOpportunitySheet(harness.tables, await bonusList(harness.tables, 0.1))).toMatchObject({ kind: "unchanged", summary: { sheet: "Bonus opportunities 2026-03", rows: 8 } });
      // Amy sells 15,000 by the 20th: the morning star, the 15% step and SE are hers; nothing of hers is left within 10%.
      const edited = await harness.editByUser("Sales", "C2", 15000);
      const after = await bonusList(edited, 0.1);
      expect(await writeOpportunitySheet(edited, after)).toEqual({ kind: "written", summary: { sheet: "Bonus opportunities 2026-03", tableName: "BonusOpportunities_2026_03", rows: 5 } });
      expect(await harness.sheetNames()).toEqual(["Sales", "Reps", "Bonus opportunities 2026-03"]);
      expect((await sheetTable(edited, "BonusOpportunities", "BonusOpportunities_2026_03"))?.rows.map((r) => r.Rep)).toEqual(["Bo", "Bo", "Cy", "Cy", "Di"]);
    });

    it("labels a Chinese workbook's list in Chinese, and takes the next sheet name when a sheet of the user's has it", async () => {
      const harness = await make(bonusBook({ language: "zh", extraSheets: [{ name: "奖金机会 2026-03", cells: [{ at: "A1", rows: [["my notes"]] }] }] }));
      const list = await bonusList(harness.tables, 0.05);
      expect(await writeOpportunitySheet(harness.tables, list)).toMatchObject({ kind: "written", summary: { sheet: "奖金机会 2026-03 (2)", rows: 4 } });
      const written = await sheetTable(await harness.reopen(), "BonusOpportunities", "BonusOpportunities_2026_03");
      expect(written?.headers).toEqual(["业务员", "月份", "职级", "机会", "目标", "门槛", "差额", "亲自培训SR业绩差额", "亲自培训SR数量差额", "增加奖金", "剩余天数"]);
      expect(written?.rows).toEqual([
        row("Bo", "SE", "开星奖", null, 20000, 1000, 0, 0, 1884.61, null),
        row("Bo", "SE", "基本奖金比例", "20%", 20000, 1000, 0, 0, 1884.61, null),
        row("Cy", "PC", "职级晋升", "DS", null, 1000, 0, 0, 1000, null),
        row("Di", "SSE", "职级晋升", "SM 销售经理", null, 0, 3000, 1, 4500, null),
      ]);
    });

    it("writes the rebate list on a sheet of its own per year", async () => {
      const harness = await make(rebateBook({ purchases: REBATE_PURCHASES }));
      const list = await rebateList(harness.tables, 0.05);
      expect(await writeOpportunitySheet(harness.tables, list)).toEqual({ kind: "written", summary: { sheet: "Rebate opportunities 2025", tableName: "RebateOpportunities_2025", rows: 2 } });
      const written = await sheetTable(await harness.reopen(), "RebateOpportunities", "RebateOpportunities_2025");
      expect(written).toEqual({
        sheet: "Rebate opportunities 2025",
        headers: ["Dealer", "Year", "Net", "NextThreshold", "Needed", "RebateAtNext", "Extra", "CostShare"],
        rows: [
          { Dealer: "Back Co", Year: 2025, Net: 490000, NextThreshold: 500000, Needed: 10000, RebateAtNext: 10000, Extra: 5100, CostShare: 0.51 },
          { Dealer: "Small Co", Year: 2025, Net: 95000, NextThreshold: 100000, Needed: 5000, RebateAtNext: 1000, Extra: 1000, CostShare: 0.2 },
        ],
      });
      expect(await (await harness.reopen()).findTable("Rebates")).toBeUndefined();
    });

    it("refuses to rewrite a table to which the user added a column of their own, and writes nothing", async () => {
      const mine = table("RebateOpportunities_2025", "A1", [["Dealer", "Year", "Net", "NextThreshold", "Needed", "RebateAtNext", "Extra", "CostShare", "My note"], ["X", 2025, 1, 2, 1, 0, 0, 0, "keep"]]);
      const harness = await make(rebateBook({ purchases: REBATE_PURCHASES, extraSheets: [{ name: "Mine", tables: [mine] }] }));
      const error = await writeOpportunitySheet(harness.tables, await rebateList(harness.tables, 0.1)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "foreignColumns", params: { headers: ["My note"] } });
      expect((await sheetTable(await harness.reopen(), "RebateOpportunities", "RebateOpportunities_2025"))?.rows).toEqual([
        { Dealer: "X", Year: 2025, Net: 1, NextThreshold: 2, Needed: 1, RebateAtNext: 0, Extra: 0, CostShare: 0 },
      ]);
    });

    /** Each write step failed in turn: the sheets and the list are wholly as after the clean run, or wholly as before. */
    async function eachFailure(fixture: Fixture): Promise<{ before: unknown; after: unknown }> {
      const sheets = async (harness: Harness) => (await harness.sheetNames()).filter((name) => !name.startsWith("MktStaging_"));
      const state = async (harness: Harness) => ({ sheets: await sheets(harness), list: await sheetTable(await harness.reopen(), "BonusOpportunities", "BonusOpportunities_2026_03") });
      const act = async (tables: WorkbookTables) => writeOpportunitySheet(tables, await bonusList(tables, 0.1));
      const clean = await make(fixture);
      const before = await state(clean);
      const start = clean.stepsTaken();
      await act(clean.tables);
      const steps = clean.stepsTaken() - start;
      const after = await state(clean);
      expect(steps).toBeGreaterThan(0);
      for (let step = 0; step < steps; step++) {
        for (const variant of clean.faultVariants) {
          const harness = await make(fixture);
          harness.failAt(step, variant);
          const outcome = await act(harness.tables).then(() => "written", () => "failed");
          expect({ step, variant, state: await state(harness) }).toEqual({ step, variant, state: outcome === "written" ? after : before });
        }
      }
      return { before, after };
    }

    it("is all or nothing on a first run: a failure at any step leaves no sheet behind", async () => {
      const { before, after } = await eachFailure(bonusBook());
      expect(before).toEqual({ sheets: ["Sales", "Reps"], list: undefined });
      expect(after).toMatchObject({ sheets: ["Sales", "Reps", "Bonus opportunities 2026-03"], list: { rows: expect.arrayContaining([expect.objectContaining({ Rep: "Di", ExtraBonus: 4500 })]) } });
    });

    it("is all or nothing on a rewrite: a failure at any step leaves the old list whole", async () => {
      const old = table("BonusOpportunities_2026_03", "B2", [
        ["Rep", "Month", "Rank", "Kind", "Target", "Threshold", "Shortfall", "SponsoredShortfall", "CountShortfall", "ExtraBonus", "DaysLeft"],
        ["Old", null, "SR", "Next rank", "SE", null, 1, 0, 0, 1, 5],
      ]);
      const { before, after } = await eachFailure(bonusBook({ extraSheets: [{ name: "Moved", tables: [old] }] }));
      expect(before).toMatchObject({ sheets: ["Sales", "Reps", "Moved"], list: { sheet: "Moved", rows: [{ Rep: "Old" }] } });
      expect(after).toMatchObject({ sheets: ["Sales", "Reps", "Moved"], list: { sheet: "Moved", rows: expect.arrayContaining([expect.objectContaining({ Rep: "Di", ExtraBonus: 4500 })]) } });
    });
  });
});
