/**
 * The version in force for each period (SPEC §4.2–4.3): a bonus month, a budget month, a
 * plan's start and a rebate year each use the approved versions with From on or before the
 * period's first day; a problem of those versions (or of the log about them) stops that
 * period only; Bonuses and Rebates record the From of the version applied (PolicyFrom).
 *
 * Goldens worked by hand; money is rounded to 0.01, half away from zero, each component
 * first, then summed (SPEC §1):
 * - 王芳 sells 15,000 on the 10th and 5,000 on the 25th of March and of April 2019 (rank SE:
 *   month 20,000 → BaseRate 20%; by the 20th 15,000 → morning star 1,500; month 20,000 →
 *   opening star 1,000).
 *   Seed (VAT 17%): base 20,000 × 0.9 ÷ 1.17 × 20% = 3,076.923… → 3,076.92; total 5,576.92.
 *   VAT 13% from 2019-04-01: 20,000 × 0.9 ÷ 1.13 × 20% = 3,185.840… → 3,185.84; total 5,685.84.
 *   VAT 16% from 2019-03-01: 20,000 × 0.9 ÷ 1.16 × 20% = 3,103.448… → 3,103.45; total 5,603.45.
 * - Budget: 10,400 spent of 10,000 is 4% over: ON TRACK within the seed's 5%, OVER within 3%.
 * - Rebates 2025 (华东商贸 net 620,000) on tiers 100,000 → 1%, 600,000 → 2.5%, incremental:
 *   (600,000 − 100,000) × 1% + (620,000 − 600,000) × 2.5% = 5,000 + 500 = 5,500.00.
 *   Rebates 2024 (Gamma Co net 900,000) on the blank-From tiers, retroactive: 900,000 × 2% = 18,000.00.
 */
import { bonusStatements, budgetReport, listItems, refreshRebates } from "../../src/services";
import { makeOfficeHarness, makeXlsxHarness, type Fixture, type FixtureSheet, type FixtureValue, type MakeHarness } from "../workbook/harness";
import { d, PURCHASE_ROWS, REBATE_HEADERS, rowsOf, table } from "./fixtures";
import { e, item, LOG_HEADERS, logRows } from "./flows-fixture";

const POLICY_HEADERS = ["Rule", "Rank", "Threshold", "Value", "From", "Status"];
const BONUS_HEADERS = ["Rep", "Month", "SalesBy20th", "MonthSales", "SponsoredSales", "SponsoredCount", "Rank", "Base", "MorningStar", "OpeningStar", "Override", "Total", "PayDate"];

const policySheet = (rows: FixtureValue[][]): FixtureSheet => ({ name: "Policy", tables: [table("Policy", "A1", [POLICY_HEADERS, ...rows])] });
const logSheet = (comment: string): FixtureSheet => ({ name: "AuditLog", tables: [table("AuditLog", "A1", [LOG_HEADERS, ...logRows([e("", "Baseline", "", "", comment)])])] });

function salesBook(policy: FixtureValue[][] | undefined, extra: FixtureSheet[] = []): Fixture {
  return {
    sheets: [
      {
        name: "Sales",
        tables: [
          table("Sales", "A1", [
            ["Rep", "Date", "Amount"],
            ["王芳", d("2019-03-10"), 15000],
            ["王芳", d("2019-03-25"), 5000],
            ["王芳", d("2019-04-10"), 15000],
            ["王芳", d("2019-04-25"), 5000],
          ]),
        ],
      },
      { name: "Reps", tables: [table("Reps", "A1", [["Rep", "Sponsor"], ["王芳", null]])] },
      ...(policy ? [policySheet(policy)] : []),
      ...extra,
    ],
  };
}

const MARCH_SEED = { Rep: "王芳", Month: d("2019-03-01"), SalesBy20th: 15000, MonthSales: 20000, SponsoredSales: 0, SponsoredCount: 0, Rank: "SE", Base: 3076.92, MorningStar: 1500, OpeningStar: 1000, Override: 0, Total: 5576.92, PayDate: d("2019-05-10") };

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness({ maxRowsPerWrite: 2 })],
])("the policy in force for each period on %s", (_name, make) => {
  describe("bonusStatements", () => {
    it("each month uses the policy in force on its first day (VAT, the morning-star day, the pay date) and records its From", async () => {
      const harness = await make(
        salesBook([
          ["VatRate", null, null, 0.1, d("2019-03-01"), "Draft"],
          ["VatRate", null, null, 0.13, d("2019-04-01"), "Approved"],
          ["MorningStarDay", null, null, 25, d("2019-04-01"), "Approved"],
          ["PayMonthsAfter", null, null, 1, d("2019-04-01"), "Approved"],
          // A later draft with a rule that does not exist stops nothing.
          ["Nonsense", null, null, 1, d("2019-05-01"), "Draft"],
        ]),
      );
      const march = await bonusStatements(harness.tables, { year: 2019, month: 3 });
      expect(march).toMatchObject({ kind: "written", summary: { total: 5576.92, policyFrom: undefined } });
      const april = await bonusStatements(harness.tables, { year: 2019, month: 4 });
      expect(april).toMatchObject({ kind: "written", summary: { total: 5685.84, policyFrom: new Date(2019, 3, 1), policy: { bonus: { vatRate: 0.13, morningStarDay: 25 } } } });
      const rows = (await rowsOf(await harness.reopen(), "Bonuses")).map((r) => r.values);
      // A new Bonuses table has every column (the Reps table has no Rank to compare with).
      const unconfirmed = { ConfirmedRank: null, RankDiffers: null };
      expect(rows).toEqual([
        { ...MARCH_SEED, PolicyFrom: null, ...unconfirmed },
        // The 25th now counts as "by the 20th"; paid one month after instead of two.
        { ...MARCH_SEED, Month: d("2019-04-01"), SalesBy20th: 20000, Base: 3185.84, Total: 5685.84, PayDate: d("2019-05-10"), PolicyFrom: d("2019-04-01"), ...unconfirmed },
      ]);
    });

    it("a broken row of a version in force stops that month, naming the row; the month before it still computes", async () => {
      const harness = await make(
        salesBook([
          ["VatRate", null, null, 0.13, d("2019-04-01"), "Approved"],
          ["BaseRate", null, 20000, 1.5, d("2019-04-01"), "Approved"],
        ]),
      );
      const april = await bonusStatements(harness.tables, { year: 2019, month: 4 });
      expect(april).toMatchObject({ kind: "problems", problems: [{ sheet: "Policy", row: 3, error: { code: "policyRateAbove100", params: { rule: "BaseRate", value: 1.5 } } }] });
      expect(await harness.sheetNames()).toEqual(["Sales", "Reps", "Policy"]);
      expect(await bonusStatements(harness.tables, { year: 2019, month: 3 })).toMatchObject({ kind: "written", summary: { total: 5576.92 } });
    });

    it("a version of mixed statuses that would be in force stops the month too", async () => {
      const harness = await make(
        salesBook([
          ["VatRate", null, null, 0.13, d("2019-04-01"), "Approved"],
          ["MorningStarDay", null, null, 25, d("2019-04-01"), "Draft"],
        ]),
      );
      expect(await bonusStatements(harness.tables, { year: 2019, month: 4 })).toMatchObject({ kind: "problems", problems: [{ sheet: "Policy", row: 2, error: { code: "policyMixedStatus" } }] });
    });

    it("once the log has started, a version approved without the log bearing it out computes nothing", async () => {
      const harness = await make(salesBook([["VatRate", null, null, 0.13, d("2019-04-01"), "Approved"]], [logSheet("X-1=Draft")]));
      expect(await bonusStatements(harness.tables, { year: 2019, month: 4 })).toMatchObject({
        kind: "problems",
        problems: [{ sheet: "Policy", row: 2, error: { code: "statusNotLogged", params: { id: "POLICY-2019-04-01", status: "Approved" } } }],
      });
      expect(await bonusStatements(harness.tables, { year: 2019, month: 3 })).toMatchObject({ kind: "written" });
    });

    it("a month written earlier keeps its statements until it is refreshed; an old Bonuses table gains PolicyFrom", async () => {
      const march = BONUS_HEADERS.map((h) => (MARCH_SEED as Record<string, FixtureValue>)[h]);
      const old: FixtureSheet = { name: "Bonuses", tables: [table("Bonuses", "A1", [BONUS_HEADERS, march])] };
      const harness = await make(salesBook([["VatRate", null, null, 0.16, d("2019-03-01"), "Approved"]], [old]));
      expect(await bonusStatements(harness.tables, { year: 2019, month: 4 })).toMatchObject({ kind: "written", summary: { total: 5603.45 } });
      let reopened = await harness.reopen();
      expect((await reopened.findTable("Bonuses"))?.headers).toEqual([...BONUS_HEADERS, "PolicyFrom"]);
      const april = { ...MARCH_SEED, Month: d("2019-04-01"), Base: 3103.45, Total: 5603.45, PayDate: d("2019-06-10"), PolicyFrom: d("2019-03-01") };
      expect((await rowsOf(reopened, "Bonuses")).map((r) => r.values)).toEqual([{ ...MARCH_SEED, PolicyFrom: null }, april]);
      // Refreshing March recomputes it on the version now in force for it.
      expect(await bonusStatements(harness.tables, { year: 2019, month: 3 })).toMatchObject({ kind: "written", summary: { total: 5603.45 } });
      reopened = await harness.reopen();
      expect((await rowsOf(reopened, "Bonuses")).map((r) => r.values)).toEqual([{ ...MARCH_SEED, Base: 3103.45, Total: 5603.45, PolicyFrom: d("2019-03-01") }, april]);
      expect(await bonusStatements(harness.tables, { year: 2019, month: 3 })).toMatchObject({ kind: "unchanged" });
    });

    it("an old Chinese Bonuses table gains 政策版本", async () => {
      const zhHeaders = ["业务员", "月份", "20日前业绩", "月度业绩", "亲自培训SR业绩", "亲自培训SR数量", "职级", "基本奖金", "晨星奖", "开星奖", "季度评估", "合计", "发放日期"];
      const old: FixtureSheet = { name: "奖金", tables: [table("奖金表", "B2", [zhHeaders, BONUS_HEADERS.map((h) => (MARCH_SEED as Record<string, FixtureValue>)[h])])] };
      const harness = await make(salesBook([["VatRate", null, null, 0.13, d("2019-04-01"), "Approved"]], [old]));
      expect(await bonusStatements(harness.tables, { year: 2019, month: 4 })).toMatchObject({ kind: "written" });
      const reopened = await harness.reopen();
      expect((await reopened.findTable("Bonuses"))?.headers).toEqual([...zhHeaders, "政策版本"]);
      expect((await rowsOf(reopened, "Bonuses")).map((r) => [r.row, r.values.Base, r.values.PolicyFrom])).toEqual([[3, 3076.92, null], [4, 3185.84, d("2019-04-01")]]);
    });
  });

  describe("budgetReport", () => {
    const budget = (policy: FixtureValue[][]): Fixture => ({
      sheets: [
        { name: "Budget", tables: [table("Budget", "A1", [["Category", "Month", "Budget", "Actual"], ["Advertising", d("2026-01-01"), 10000, 10400], ["Advertising", d("2026-02-01"), 10000, 10400]])] },
        policySheet(policy),
      ],
    });

    it("each month's status on the tolerance in force on its first day; year to date on 1 January's", async () => {
      const harness = await make(budget([["BudgetTolerance", null, null, 0.03, d("2026-02-01"), "Approved"]]));
      const year = await budgetReport(harness.tables, { year: 2026 });
      expect(year.kind === "problems" ? year.problems : year.summary.rows.map((r) => [r.period, r.status])).toEqual([
        ["2026-01", "ON TRACK"],
        ["2026-02", "OVER"],
      ]);
      const february = await budgetReport(harness.tables, { year: 2026, month: 2 });
      expect(february).toMatchObject({ summary: { over: 1 } });
      // 20,800 of 20,000 is 4% over: within the 5% in force on 1 January.
      const ytd = await budgetReport(harness.tables, { year: 2026, month: 2, yearToDate: true });
      expect(ytd.kind === "problems" ? ytd.problems : ytd.summary.rows.map((r) => [r.period, r.status])).toEqual([["2026-01…2026-02", "ON TRACK"]]);
    });

    it("a broken tolerance stops the months it is in force for, naming its row once", async () => {
      const harness = await make(budget([["BudgetTolerance", null, null, 1.2, d("2026-02-01"), "Approved"]]));
      const problems = [{ sheet: "Policy", row: 2, error: { code: "toleranceOutOfRange" } }];
      expect(await budgetReport(harness.tables, { year: 2026 })).toMatchObject({ kind: "problems", problems });
      expect(await budgetReport(harness.tables, { year: 2026, month: 2 })).toMatchObject({ kind: "problems", problems });
      expect(await harness.sheetNames()).toEqual(["Budget", "Policy"]);
      expect(await budgetReport(harness.tables, { year: 2026, month: 1 })).toMatchObject({ kind: "written", summary: { over: 0 } });
    });
  });

  describe("plans' lead time", () => {
    const plans = (policy: FixtureValue[][]): Fixture => ({
      sheets: [
        {
          name: "Plans",
          tables: [
            table("Plans", "A1", [
              ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Start", "Purpose", "Audience", "Channels", "Category", "Budget", "Status"],
              ["MA-A", "Marketing activity", "Summer roadshow", "South", "Tom", d("2026-04-20"), d("2026-06-15"), "Awareness", "Dealers", "Events", "Market events", 1000, "Draft"],
              ["MA-B", "Marketing activity", "May fair", "South", "Tom", d("2026-04-10"), d("2026-05-20"), "Awareness", "Dealers", "Events", "Market events", 1000, "Draft"],
            ]),
          ],
        },
        policySheet(policy),
      ],
    });

    it("uses PlanLeadMonths in force at the plan's start", async () => {
      const { items } = await listItems((await make(plans([["PlanLeadMonths", null, null, 2, d("2026-06-01"), "Approved"]]))).tables);
      // Starting 2026-06-15 under two months: submit by 2026-04-15 (it came on the 20th).
      expect(item({ items } as never, "MA-A").checks).toContainEqual({ check: "leadTime", ok: false, deadline: new Date(2026, 3, 15) });
      // Starting 2026-05-20, before that version: one month, by 2026-04-20.
      expect(item({ items } as never, "MA-B").checks).toContainEqual({ check: "leadTime", ok: true, deadline: new Date(2026, 4 - 1, 20) });
    });

    it("a problem of the policy in force at the start replaces the lead-time check by a failed policy check naming the row", async () => {
      const { items } = await listItems((await make(plans([["PlanLeadMonths", null, null, 1.5, d("2026-06-01"), "Approved"]]))).tables);
      const checks = item({ items } as never, "MA-A").checks;
      expect(checks.map((c) => c.check)).toEqual(["requiredFields", "policy", "budget"]);
      expect(checks[1]).toMatchObject({ ok: false, problems: [{ sheet: "Policy", row: 2, error: { code: "notWholeNumber" } }] });
      expect(item({ items } as never, "MA-B").checks).toContainEqual({ check: "leadTime", ok: true, deadline: new Date(2026, 3, 20) });
    });
  });

  describe("refreshRebates", () => {
    const readable = PURCHASE_ROWS.filter((r) => r[2] !== "lots");
    const TIERS: FixtureValue[][] = [
      [100000, 0.01, null, "Approved", null],
      [500000, 0.02, null, "Approved", null],
      [1000000, 0.03, null, "Approved", null],
      [100000, 0.01, d("2025-01-01"), "Approved", "累进"],
      [600000, 0.025, d("2025-01-01"), "Approved", "累进"],
      // From mid-year: not the 2025 policy (a year uses the version in force on 1 January).
      [0, 0.05, d("2025-07-01"), "Approved", null],
      // A later draft, broken (150%), stops nothing.
      [0, 1.5, d("2026-01-01"), "Draft", null],
    ];
    const rebates = (tiers: FixtureValue[][], extra: FixtureSheet[] = []): Fixture => ({
      sheets: [
        { name: "Purchases", tables: [table("Purchases", "A1", readable)] },
        { name: "RebatePolicy", tables: [table("RebatePolicy", "A1", [["Threshold", "Rate", "From", "Status", "Mode"], ...tiers])] },
        ...extra,
      ],
    });

    it("a year uses the version in force on 1 January, with its mode, and records its From", async () => {
      const old: FixtureSheet = { name: "Rebates", tables: [table("Rebates", "A1", [REBATE_HEADERS, ["Old Co", 2023, 1, 0, 1, null, 0, 0, "Paid", "kept"]])] };
      const harness = await make(rebates(TIERS, [old]));
      expect(await refreshRebates(harness.tables, { year: 2025 })).toMatchObject({ kind: "written", summary: { mode: "incremental", total: 5500, policyFrom: new Date(2025, 0, 1) } });
      expect(await refreshRebates(harness.tables, { year: 2024 })).toMatchObject({ kind: "written", summary: { mode: "retroactive", total: 18000, policyFrom: undefined } });
      const reopened = await harness.reopen();
      // The table written before PolicyFrom existed gains it; its other year's row is kept as it was.
      expect((await reopened.findTable("Rebates"))?.headers).toEqual([...REBATE_HEADERS, "PolicyFrom"]);
      expect((await rowsOf(reopened, "Rebates")).map((r) => [r.values.Dealer, r.values.Year, r.values.Rebate, r.values.PolicyFrom])).toEqual([
        ["Old Co", 2023, 0, null],
        ["Gamma Co", 2024, 18000, null],
        ["华东商贸", 2025, 5500, d("2025-01-01")],
        ["Beta Ltd", 2025, 0, d("2025-01-01")],
      ]);
    });

    it("a broken row of the version in force stops the year, naming the row; so does a version the log does not bear out", async () => {
      const broken = [...TIERS.slice(0, 4), [600000, 2.5, d("2025-01-01"), "Approved", "累进"]];
      const harness = await make(rebates(broken));
      expect(await refreshRebates(harness.tables, { year: 2025 })).toMatchObject({ kind: "problems", problems: [{ sheet: "RebatePolicy", row: 6, error: { code: "rateLooksLikePercent" } }] });
      expect(await harness.sheetNames()).toEqual(["Purchases", "RebatePolicy"]);
      expect(await refreshRebates(harness.tables, { year: 2024 })).toMatchObject({ kind: "written", summary: { total: 18000 } });

      const unlogged = await make(rebates(TIERS, [logSheet("REBATE-1900-01-01=Approved")]));
      expect(await refreshRebates(unlogged.tables, { year: 2025 })).toMatchObject({ kind: "problems", problems: [{ sheet: "RebatePolicy", row: 5, error: { code: "statusNotLogged", params: { id: "REBATE-2025-01-01" } } }] });
    });

    it("a year before every approved version has no policy: a problem, not a zero rebate", async () => {
      const harness = await make(rebates(TIERS.slice(3, 5)));
      expect(await refreshRebates(harness.tables, { year: 2024 })).toMatchObject({ kind: "problems", problems: [{ sheet: "RebatePolicy", row: 0, error: { code: "rebatePolicyNotInForce" } }] });
    });
  });
});
