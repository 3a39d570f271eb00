/**
 * The Opportunities page on the built preview (issue 11 point 2), at 320 px, in English and
 * Chinese: the reps of December 2025 near the next award, base rate or rank and the dealers of
 * 2025 near the next rebate tier (test/sample/sample-opportunities.test.ts), with the figures
 * worked out by hand below; sorting; a month that is over (no days left) and one that is on
 * (the page's clock set inside it); nothing written until a list is asked for on a sheet of
 * its own, then read back through the preview's test hook; axe with the page's CSP in force.
 */
import type { Page } from "playwright-core";
import type { Language } from "../../src/i18n";
import type { WorkbookTables } from "../../src/workbook";
import { checkAccessibility, type AxeViolation } from "./harness";
import { notice, openAsDirector, type PaneText, previewPerTest, shoot } from "./preview-page";

jest.setTimeout(120_000);

const preview = previewPerTest();

type T = PaneText;

const openOpportunities = (page: Page, lang: Language): Promise<T> => openAsDirector(page, lang, "opportunities");

const repsTable = (page: Page) => page.getByTestId("opportunities-reps");
const dealersTable = (page: Page) => page.getByTestId("opportunities-dealers");

/** December 2025 and 2025 (the sample's latest month and year), within `within` %. */
async function find(page: Page, t: T, within = "10"): Promise<void> {
  await page.getByLabel(t("common.month")).fill("2025-12");
  await page.getByRole("spinbutton", { name: t("common.year") }).fill("2025");
  await page.getByRole("spinbutton", { name: t("opportunities.within") }).fill(within);
  await page.getByRole("button", { name: t("opportunities.find") }).click();
  await page.getByRole("heading", { name: t("opportunities.dealersHeading", { year: 2025 }) }).waitFor();
}

/** A table's body as shown: each row's cells' text. */
const cells = (table: ReturnType<typeof repsTable>) =>
  table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((cell) => (cell.textContent ?? "").trim())));

const amount = (text: string) => Number(text.replace(/,/g, ""));

/** A table of the preview's workbook, found by its name as the pane finds it: its sheet, headers and rows; undefined when there is none. */
const workbookTable = (page: Page, kind: string, name?: string) =>
  page.evaluate(
    async ({ kind, name }) => {
      const { tables } = (window as unknown as { __mktTest: { workbook: { tables: WorkbookTables } } }).__mktTest.workbook;
      const ref = await tables.findTable(kind as Parameters<WorkbookTables["findTable"]>[0], name ? { name } : undefined);
      return ref && { sheet: ref.sheet, headers: ref.headers, rows: (await tables.readTable(ref)).rows.map((r) => r.values) };
    },
    { kind, name },
  );

function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((v) => v.targets.map((target, i) => `${v.id} (${v.impact}) ${target} ${v.html[i].slice(0, 120)} — ${v.failures[i].replace(/\s+/g, " ")}`));
}

/**
 * The two dealers of 2025 within 10% of the next tier, by hand from the sample (retroactive
 * tiers 0: 0%, 100,000: 1%, 500,000: 2%): 常州金诚 has a net 490,800 at 1% = 4,908; at
 * 500,000 the whole year earns 2% = 10,000, so 9,200 more purchases bring 5,092 more rebate,
 * 5,092 ÷ 9,200 = 55.35% of them. 绍兴泰和 has 99,100 below the first tier, no rebate; at
 * 100,000 it earns 1% = 1,000: 900 more purchases cost 1,000 of rebate, 111.11% of them.
 */
const DEALERS = [
  ["常州金诚商贸有限责任公司", "490,800.00", "500,000.00", "9,200.00", "5,092.00", "55.35%"],
  ["绍兴泰和日用品销售有限公司", "99,100.00", "100,000.00", "900.00", "1,000.00", "111.11%"],
];

describe.each<Language>(["en", "zh"])("Opportunities in %s at 320 px", (lang) => {
  test("December 2025 and 2025: the reps and dealers near the next threshold, how close they came, nothing written", async () => {
    const page = preview.page;
    const t = await openOpportunities(page, lang);
    // The fields start on the latest month with sales and the latest year with purchases.
    expect(await page.getByLabel(t("common.month")).inputValue()).toBe("2025-12");
    expect(await page.getByRole("spinbutton", { name: t("common.year") }).inputValue()).toBe("2025");
    expect(await page.getByRole("spinbutton", { name: t("opportunities.within") }).inputValue()).toBe("10");
    expect(describeViolations(await checkAccessibility(page))).toEqual([]);
    await shoot(page, `opportunities-opened-${lang}-320`);

    await find(page, t);
    // 30 reps; 17 opportunities at 10% (the service's list, test/sample/sample-opportunities.test.ts).
    await page.getByText(t("opportunities.repsSummary", { count: 17, reps: 30, within: "10%" }), { exact: true }).waitFor();
    // The month is over (the tests run after it): how close they came, and no Days left column.
    expect(await page.getByTestId("opportunities-standing").textContent()).toBe(t("opportunities.monthOver", { month: "2025-12" }));
    expect(await repsTable(page).getByRole("columnheader").allTextContents()).toEqual([t("bonuses.rep"), t("bonuses.rankColumn"), t("opportunities.next"), t("opportunities.shortfall"), t("opportunities.extraBonus")]);
    const reps = await cells(repsTable(page));
    expect(reps).toHaveLength(17);
    // 罗娟 (SM) has the sales for SSM but not its sponsor tree: one more sponsored SR and 499.00 more of their sales.
    const needs = [t("opportunities.needsCount", { count: 1 }), t("opportunities.needsSales", { sales: "499.00" })].join(t("opportunities.needsSeparator"));
    expect(reps[0]).toEqual(["罗娟", "SM", `${t("opportunities.kind_rank")} SSM${needs}`, "0.00", "24.95"]);
    // 郑浩 (SE) sold 19,552: 448.00 short of 20,000, the opening star and the 20% base rate alike.
    // Now 19,552 × 0.9 ÷ 1.17 × 15% = 2,256.00; at 20,000: 18,000 ÷ 1.17 × 20% = 3,076.92 and the
    // opening star's 1,000: 1,820.92 more. 罗娟's SSM brings the same override (5%) on 499.00 more
    // sponsored sales: 24.95.
    expect(reps.filter((r) => r[0] === "郑浩")).toEqual([
      ["郑浩", "SE", `${t("opportunities.kind_opening")}${t("opportunities.detail_opening", { threshold: "20,000.00" })}`, "448.00", "1,820.92"],
      ["郑浩", "SE", `${t("opportunities.kind_step", { rate: "20%" })}${t("opportunities.detail_step", { threshold: "20,000.00" })}`, "448.00", "1,820.92"],
    ]);
    // Each shortfall within 10% of its threshold (20,000, 15,000 or 13,000 for the base rate and awards).
    for (const row of reps) expect(amount(row[3])).toBeLessThanOrEqual(2000);

    await page.getByText(t("opportunities.dealersSummary", { count: 2, dealers: 40, within: "10%", mode: t("rebates.mode_retroactive") }), { exact: true }).waitFor();
    expect(await dealersTable(page).getByRole("columnheader").allTextContents()).toEqual([t("rebates.dealer"), t("rebates.net"), t("opportunities.nextTier"), t("opportunities.needed"), t("opportunities.extraRebate"), t("opportunities.costShare")]);
    expect(await cells(dealersTable(page))).toEqual(DEALERS);
    // Numbers and their headers are right-aligned, with the currency in the header.
    expect(await dealersTable(page).getByRole("columnheader", { name: t("opportunities.needed") }).evaluate((th) => getComputedStyle(th).textAlign)).toBe("end");

    // Nothing written to the workbook.
    expect(await workbookTable(page, "BonusOpportunities")).toBeUndefined();
    expect(await workbookTable(page, "RebateOpportunities")).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(describeViolations(await checkAccessibility(page))).toEqual([]);
    await shoot(page, `opportunities-found-${lang}-320`);
    await page.setViewportSize({ width: 1000, height: 720 });
    expect(describeViolations(await checkAccessibility(page))).toEqual([]);
    await shoot(page, `opportunities-found-${lang}-1000`);
  });

  test("sorting by Sales needed, ascending then descending; by Next along deadlines and the ladder; dealers by Cost", async () => {
    const page = preview.page;
    const t = await openOpportunities(page, lang);
    await find(page, t);
    const before = await cells(repsTable(page));
    const header = repsTable(page).getByRole("columnheader", { name: t("opportunities.shortfall") });
    await header.click();
    const ascending = await cells(repsTable(page));
    expect(ascending.map((r) => amount(r[3]))).toEqual(before.map((r) => amount(r[3])).sort((a, b) => a - b));
    expect(ascending[0][0]).toBe("罗娟");
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    await header.click();
    const descending = await cells(repsTable(page));
    expect(descending.map((r) => amount(r[3]))).toEqual(before.map((r) => amount(r[3])).sort((a, b) => b - a));
    // 吴霞 is the furthest: 1,733.00 short of 20,000 (opening star and base rate).
    expect(descending.slice(0, 2).map((r) => [r[0], r[3]])).toEqual([["吴霞", "1,733.00"], ["吴霞", "1,733.00"]]);
    expect(await header.getAttribute("aria-sort")).toBe("descending");

    await repsTable(page).getByRole("columnheader", { name: t("opportunities.next") }).click();
    const byNext = (await cells(repsTable(page))).map((r) => r[2]);
    const kinds = byNext.map((text) => (text.startsWith(t("opportunities.kind_opening")) ? "opening" : text.startsWith(t("opportunities.kind_rank")) ? "rank" : "step"));
    expect(kinds).toEqual([...Array(3).fill("opening"), ...Array(8).fill("step"), ...Array(6).fill("rank")]);
    // Ranks along the ladder: SR (for DS) before SE (for SR) before SSM.
    const ranks = await repsTable(page).locator("tbody tr td:nth-child(3) abbr[data-rank]").allTextContents();
    expect(ranks).toEqual(["SR", "SR", "SR", "SE", "SE", "SSM"]);

    const cost = dealersTable(page).getByRole("columnheader", { name: t("opportunities.costShare") });
    await cost.click();
    await cost.click();
    expect((await cells(dealersTable(page))).map((r) => r[5])).toEqual(["111.11%", "55.35%"]);
    expect(await cost.getAttribute("aria-sort")).toBe("descending");
  });

  test("each list written to a sheet of its own when asked, and read back; asked again, nothing changes", async () => {
    const page = preview.page;
    const t = await openOpportunities(page, lang);
    await find(page, t);
    const repsSection = page.getByRole("region", { name: t("opportunities.repsHeading", { month: "2025-12" }) });
    await repsSection.getByRole("button", { name: t("opportunities.writeSheet") }).click();
    // The sample's Sales table is headed in Chinese: so is the list's sheet, whatever the pane's language.
    const repsSheet = "奖金机会 2025-12";
    await repsSection.getByTestId("notice").getByText(t("opportunities.sheetWritten", { sheet: repsSheet, table: "BonusOpportunities_2025_12" }), { exact: true }).waitFor();
    const reps = await workbookTable(page, "BonusOpportunities", "BonusOpportunities_2025_12");
    expect(reps?.sheet).toBe(repsSheet);
    expect(reps?.rows).toHaveLength(17);
    expect(reps?.rows[0]).toMatchObject({ Rep: "罗娟", Rank: "SM", Kind: "职级晋升", Threshold: null, Shortfall: 0, SponsoredShortfall: 499, CountShortfall: 1, ExtraBonus: 24.95, DaysLeft: null });
    expect(reps?.rows.filter((r) => r.Rep === "郑浩").map((r) => [r.Kind, r.Threshold, r.Shortfall, r.ExtraBonus])).toEqual([
      ["开星奖", 20000, 448, 1820.92],
      ["基本奖金比例", 20000, 448, 1820.92],
    ]);

    const dealersSection = page.getByRole("region", { name: t("opportunities.dealersHeading", { year: 2025 }) });
    await dealersSection.getByRole("button", { name: t("opportunities.writeSheet") }).click();
    // Purchases is headed in English.
    const dealersSheet = "Rebate opportunities 2025";
    await dealersSection.getByTestId("notice").getByText(t("opportunities.sheetWritten", { sheet: dealersSheet, table: "RebateOpportunities_2025" }), { exact: true }).waitFor();
    const dealers = await workbookTable(page, "RebateOpportunities", "RebateOpportunities_2025");
    expect(dealers?.sheet).toBe(dealersSheet);
    expect(dealers?.rows.map((r) => [r.Dealer, r.Year, r.Net, r.NextThreshold, r.Needed, r.RebateAtNext, r.Extra, Number(r.CostShare).toFixed(4)])).toEqual([
      ["常州金诚商贸有限责任公司", 2025, 490800, 500000, 9200, 10000, 5092, "0.5535"],
      ["绍兴泰和日用品销售有限公司", 2025, 99100, 100000, 900, 1000, 1000, "1.1111"],
    ]);

    await dealersSection.getByRole("button", { name: t("opportunities.writeSheet") }).click();
    await dealersSection.getByTestId("notice").getByText(t("opportunities.sheetUnchanged", { sheet: dealersSheet, table: "RebateOpportunities_2025" }), { exact: true }).waitFor();
    // Nothing else was written: no Bonuses or Rebates table.
    expect(await workbookTable(page, "Bonuses")).toBeUndefined();
    expect(await workbookTable(page, "Rebates")).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shoot(page, `opportunities-written-${lang}-320`);
  });
});

test("a month that is on: days left to the morning-star day and the month's end, counted from the page's today", async () => {
  const page = preview.page;
  // 15 December 2025 (the context runs in UTC): 6 days to the 20th, 17 to the 31st, today included.
  await page.clock.setFixedTime(new Date(Date.UTC(2025, 11, 15, 10)));
  const t = await openOpportunities(page, "en");
  await find(page, t);
  expect(await page.getByTestId("opportunities-standing").textContent()).toBe("As of 2025-12-15: 6 day(s) left for the morning star (sales by 2025-12-20), 17 to the month's end (2025-12-31).");
  const header = repsTable(page).getByRole("columnheader");
  expect(await header.allTextContents()).toContain("Days left");
  // December's opportunities are all due at the month's end (none is the morning star's).
  expect(new Set((await cells(repsTable(page))).map((r) => r[5]))).toEqual(new Set(["17"]));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shoot(page, "opportunities-current-month-en-320");
});

test("the Within field: a narrower distance lists fewer, and a value that is not a percentage is refused", async () => {
  const page = preview.page;
  const t = await openOpportunities(page, "en");
  // At 1.5%: 300 of 20,000, 225 of 15,000, 195 of 13,000 for the base rate and awards; 1,500 of
  // SSM's 100,000 of sponsored sales. Only 罗娟 (499) is that close; 邓超群's 288 of 15,000 is 1.92%.
  await find(page, t, "1.5");
  await page.getByText("1 opportunity(ies) within 1.5% among 30 reps.", { exact: true }).waitFor();
  expect((await cells(repsTable(page))).map((r) => [r[0], r[1]])).toEqual([["罗娟", "SM"]]);
  // 绍兴泰和 is 0.9% below its next tier (900 of 100,000); 常州金诚 1.84% (9,200 of 500,000).
  expect((await cells(dealersTable(page))).map((r) => r[0])).toEqual(["绍兴泰和日用品销售有限公司"]);

  await page.getByRole("spinbutton", { name: "Within" }).fill("0");
  await page.getByRole("button", { name: "Find opportunities" }).click();
  await notice(page).getByText("Within: “0” is not a percentage above 0 and at most 100, such as 10.", { exact: true }).waitFor();
  expect(await repsTable(page).count()).toBe(0);
  expect(await dealersTable(page).count()).toBe(0);
});
