/**
 * Policy versions as items of the Approvals page (SPEC §4.2, §5.1): a Draft version waits
 * for the marketing director, shows what it changes, and approving it writes Approved on
 * each of its rows and one log entry carrying the hash of its rows; the log then catches a
 * version edited after approval, or one that turns up approved with no approval at all.
 *
 * Hashes worked by hand: `printf 'VatRate|||0.13' | sha256sum`.
 */
import { actOnWorkItem, checkWorkbook, listItems, versionAudit } from "../../src/services";
import { makeOfficeHarness, makeXlsxHarness, type Fixture, type FixtureValue, type MakeHarness } from "../workbook/harness";
import { d, rowsOf, table } from "./fixtures";
import { book, e, item, LOG_HEADERS, logRows, NOW, type Entry } from "./flows-fixture";

const VAT_13_HASH = "2d0275adebb456a91b61db4bada36eb6e9d9788076c180dcfdea40a0a633e180";
const POLICY_HEADERS = ["Rule", "Rank", "Threshold", "Value", "From", "Status", "Owner", "Note"];
const DIRECTOR = { name: "王总", role: "director" } as const;

/** Row 2: an approved 2018 VAT of 16%; rows 3–4: a Draft from 2019-04-01 lowering VAT to 13% and the morning-star day to the 25th. */
const POLICY: FixtureValue[][] = [
  ["VatRate", null, null, 0.16, d("2018-05-01"), "Approved", "李会计", null],
  ["增值税率", null, null, 0.13, d("2019-04-01"), "Draft", "李会计", "2019年4月起"],
  ["MorningStarDay", null, null, 25, d("2019-04-01"), "草稿", "李会计", null],
];

function withPolicy(rows: FixtureValue[][], entries?: readonly Entry[], rebate?: FixtureValue[][]): Fixture {
  const base = book();
  return {
    sheets: [
      ...base.sheets,
      { name: "制度参数", tables: [table("Policy", "A1", [POLICY_HEADERS, ...rows])] },
      ...(rebate ? [{ name: "返利政策", tables: [table("RebatePolicy", "A1", [["门槛", "返利率", "生效日期", "状态"], ...rebate])] }] : []),
      ...(entries ? [{ name: "AuditLog", tables: [table("AuditLog", "A1", [LOG_HEADERS, ...logRows(entries)])] }] : []),
    ],
  };
}

describe.each<[string, MakeHarness]>([
  [".xlsx file", makeXlsxHarness],
  ["Office.js", makeOfficeHarness()],
])("policy versions as items on %s", (_name, make) => {
  it("a Draft version waits for the director and shows what it changes against the version before it", async () => {
    const list = await listItems((await make(withPolicy(POLICY))).tables);
    const draft = item(list, "POLICY-2019-04-01");
    expect(draft.source).toBe("Policy");
    expect(draft.rows.map((r) => r.row)).toEqual([3, 4]);
    expect(draft.next).toMatchObject({ role: "director", to: "Approved" });
    expect(draft.record).toMatchObject({ type: "policyVersion", status: "Draft", owner: "李会计", title: "Policy from 2019-04-01", hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(draft.checks).toEqual([{ check: "policy", ok: true, problems: [] }]);
    // Against the seed with 2018's 16%: VAT 16% → 13%, the morning-star day 20 → 25.
    expect(draft.record && "changes" in draft.record && draft.record.changes).toEqual([
      { rule: "VatRate", rank: undefined, before: [{ rank: undefined, threshold: undefined, value: 0.16 }], after: [{ rank: undefined, threshold: undefined, value: 0.13 }] },
      { rule: "MorningStarDay", rank: undefined, before: [{ rank: undefined, threshold: undefined, value: 20 }], after: [{ rank: undefined, threshold: undefined, value: 25 }] },
    ]);
    expect(item(list, "POLICY-2018-05-01")).toMatchObject({ next: undefined, record: { status: "Approved" } });
  });

  it("approving writes Approved on each of its rows and one entry carrying its hash; its owner may not approve it", async () => {
    const harness = await make(withPolicy(POLICY.slice(0, 2)));
    let list = await listItems(harness.tables);
    const mine = await actOnWorkItem(harness.tables, list, { item: item(list, "POLICY-2019-04-01"), action: "approve", actor: { name: " 李会计 ", role: "director" }, comment: "", now: NOW });
    expect(mine).toMatchObject({ kind: "refused", error: { code: "ownItem" } });
    const done = await actOnWorkItem(harness.tables, list, { item: item(list, "POLICY-2019-04-01"), action: "approve", actor: DIRECTOR, comment: "同意", now: NOW });
    expect(done).toMatchObject({ kind: "done", status: "Approved", entry: { planId: "POLICY-2019-04-01", from: "Draft", to: "Approved", comment: `versionHash=${VAT_13_HASH}. 同意` } });
    const reopened = await harness.reopen();
    expect((await rowsOf(reopened, "Policy")).map((r) => r.values.Status)).toEqual(["Approved", "Approved"]);
    list = await listItems(reopened);
    expect(item(list, "POLICY-2019-04-01")).toMatchObject({ next: undefined, checks: [{ ok: true }] });
    expect(await versionAudit(reopened)).toEqual([]);
  });

  it("a version edited after its approval is reported by check and the item's check, naming its rows", async () => {
    const entries = [e("", "Baseline", "", "", "POLICY-2018-05-01=Approved"), e("POLICY-2019-04-01", "approve", "Draft", "Approved", `versionHash=${VAT_13_HASH}`)];
    const edited: FixtureValue[][] = [POLICY[0], ["增值税率", null, null, 0.12, d("2019-04-01"), "Approved", "李会计", null]];
    const tables = (await make(withPolicy(edited, entries))).tables;
    const reported = [{ sheet: "制度参数", row: 3, error: { code: "policyVersionEdited", params: { id: "POLICY-2019-04-01", rows: "3" } } }];
    expect(await versionAudit(tables)).toMatchObject(reported);
    expect((await checkWorkbook(tables)).problems).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: "制度参数", row: 3, error: expect.objectContaining({ code: "policyVersionEdited" }) })]));
    const list = await listItems(tables);
    expect(item(list, "POLICY-2019-04-01").checks).toMatchObject([{ check: "policy", ok: false, problems: reported }]);
    // The same rows as approved (13%, written as 13% or 0.13 alike) are fine.
    const intact = (await make(withPolicy([POLICY[0], ["VatRate", "", null, 0.13, d("2019-04-01"), "已批准", null, "note is not hashed"]], entries))).tables;
    expect(await versionAudit(intact)).toEqual([]);
  });

  it("a version approved before the log started keeps the hash the Baseline recorded: editing it later is reported", async () => {
    // printf 'VatRate|||0.16' | sha256sum
    const entries = [e("", "Baseline", "", "", "POLICY-2018-05-01=Approved;POLICY-2018-05-01%23hash=d862039704832c4e930d367f82e8ec7bcafe120f95e6737f81e231034185c5b7")];
    expect(await versionAudit((await make(withPolicy(POLICY.slice(0, 1), entries))).tables)).toEqual([]);
    const edited: FixtureValue[][] = [["VatRate", null, null, 0.15, d("2018-05-01"), "Approved", "李会计", null]];
    expect(await versionAudit((await make(withPolicy(edited, entries))).tables)).toMatchObject([{ row: 2, error: { code: "policyVersionEdited", params: { id: "POLICY-2018-05-01", rows: "2" } } }]);
  });

  it("after the baseline, a version that turns up approved without an approval is reported and locked", async () => {
    const entries = [e("", "Baseline", "", "", "POLICY-2018-05-01=Approved")];
    const typed: FixtureValue[][] = [POLICY[0], ["VatRate", null, null, 0.13, d("2019-04-01"), "Approved", "李会计", null]];
    const tables = (await make(withPolicy(typed, entries))).tables;
    expect(await versionAudit(tables)).toMatchObject([{ row: 3, error: { code: "statusNotLogged", params: { id: "POLICY-2019-04-01", status: "Approved" } } }]);
    const list = await listItems(tables);
    expect(item(list, "POLICY-2019-04-01")).toMatchObject({ next: undefined, mismatch: { source: "Policy", row: 3, status: "Approved", logged: undefined } });
  });

  it("a version whose rows' statuses differ cannot be read as an item; its rows are named", async () => {
    const mixed: FixtureValue[][] = [POLICY[1], ["MorningStarDay", null, null, 25, d("2019-04-01"), "Approved", "李会计", null]];
    const list = await listItems((await make(withPolicy(mixed))).tables);
    const found = item(list, "POLICY-2019-04-01");
    expect(found.record).toBeUndefined();
    expect(found.problems.map((p) => [p.sheet, p.row, p.error.code])).toEqual([["制度参数", 2, "policyMixedStatus"]]);
  });

  it("a versioned RebatePolicy's Draft is an item too; a conflict on its second row puts the first back", async () => {
    const rebate: FixtureValue[][] = [
      [0, 0, null, "Approved"],
      [100000, 0.01, null, "Approved"],
      [0, 0, d("2026-01-01"), "Draft"],
      [200000, 0.02, d("2026-01-01"), "Draft"],
    ];
    const harness = await make(withPolicy(POLICY.slice(0, 1), undefined, rebate));
    const list = await listItems(harness.tables);
    const draft = item(list, "REBATE-2026-01-01");
    expect(draft).toMatchObject({ source: "RebatePolicy", next: { role: "director" }, record: { title: "2026-01-01 起的返利政策" } });
    expect(draft.rows.map((r) => r.row)).toEqual([4, 5]);
    const ref = draft.ref;
    const second = draft.rows[1];
    await harness.tables.updateRow(ref, second, { Status: "Rejected" });
    expect(await actOnWorkItem(harness.tables, list, { item: draft, action: "approve", actor: DIRECTOR, comment: "", now: NOW })).toMatchObject({ kind: "conflict" });
    expect((await rowsOf(harness.tables, "RebatePolicy")).map((r) => r.values.Status)).toEqual(["Approved", "Approved", "Draft", "Rejected"]);
    expect(await rowsOf(harness.tables, "AuditLog")).toEqual([]);
  });
});
