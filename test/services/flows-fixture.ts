/** Plans, Requests, Budget and (optionally) Workflows for the approval flows of SPEC §5. */
import { chainEntry, type AuditEntry, type HashedAuditEntry } from "../../src/rules";
import { findItems, type ItemList, type WorkItem } from "../../src/services";
import type { Fixture, FixtureValue } from "../workbook/harness";
import { d, table } from "./fixtures";

/**
 * SPEC §5 worked by hand. The Market events (市场活动) budget for 2026-03 is 10,000 with
 * 2,500 actual; EC-2 (4,000, Approved) is committed, EC-3 (Paid) is in Actual, EC-4 is in
 * April and EC-5 in another category: 10,000 − 2,500 − 4,000 = 3,500 left for March's claims.
 */
export const REQUEST_HEADERS = ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Dealer", "Product", "Quantity", "Category", "Amount", "Payment", "Reason", "Link", "Status"];
export type Row = FixtureValue[];
const claim = (id: string, submitted: string, category: string, amount: number, payment: string, status: string): Row => [id, "费用报销", `claim ${id}`, "华东", "李雷", d(submitted), null, null, null, category, amount, payment, null, null, status];
export const REQUESTS: Row[] = [
  claim("EC-1", "2026-03-10", "市场活动", 3000, "转账", "FinanceChecked"),
  claim("EC-2", "2026-03-20", "Market events", 4000, "转账", "Approved"),
  claim("EC-3", "2026-03-05", "Market events", 1000, "现金", "Paid"),
  claim("EC-4", "2026-04-02", "Market events", 500, "现金", "Approved"),
  claim("EC-5", "2026-03-15", "市场调研", 700, "现金", "Approved"),
  claim("EC-6", "2026-03-12", "Market events", 4000, "", "Draft"),
  ["RPT-1", "Promotion report", "春季总结", "华东", "赵敏", d("2026-04-01"), null, null, null, null, null, null, null, "PR-1", "Draft"],
  ["RPT-2", "促销活动总结报告", "夏季总结", "华东", "赵敏", d("2026-04-01"), null, null, null, null, null, null, null, "PR-2", "Draft"],
  ["TD-1", "目标经销商", "华南贸易", "华南", "Tom", d("2026-02-01"), "华南贸易", null, null, null, null, null, null, null, "Approved"],
  ["DA-1", "经销协议", "华南协议", "华南", "Tom", d("2026-02-10"), "华南贸易", null, null, null, null, null, null, "td-1", null],
  ["ST-1", "调货申请", "调货", "华东", "Tom", d("2026-03-01"), null, "X100", null, null, null, null, null, null, "Draft"],
  ["BAD-1", "Holiday", "t", "华东", "Tom", d("2026-03-01"), null, null, null, null, null, null, null, null, "Draft"],
  ["BAD-2", "Exchange", "t", "华东", "Tom", "26-3-15", "D", "P", null, null, null, null, "broken", null, "Draft"],
];
export const PLANS: Row[] = [
  ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Start", "Purpose", "Audience", "Channels", "Category", "Budget", "Status"],
  ["PR-1", "促销计划", "春季促销", "华东", "赵敏", d("2026-01-05"), d("2026-03-01"), "拉新", "经销商", "门店", "Market events", 8000, "Approved"],
  ["PR-2", "Promotion plan", "夏季促销", "华东", "赵敏", d("2026-04-05"), d("2026-07-01"), "拉新", "经销商", "门店", "Market events", 1000, "Draft"],
];
export const BUDGET: Row[] = [["Category", "Month", "Budget", "Actual"], ["市场活动", d("2026-03-01"), 10000, 2500], ["Market events", d("2026-04-01"), 99999, 0]];

/** The flows' workbook; `plans` and `requests` are the rows under the headers (PLANS' and REQUESTS by default). */
export function book(options: { plans?: Row[]; requests?: Row[]; workflows?: Row[]; auditLog?: boolean } = {}): Fixture {
  return {
    sheets: [
      { name: "Plans", tables: [table("Plans", "A1", options.plans ? [PLANS[0], ...options.plans] : PLANS)] },
      { name: "Requests", tables: [table("Requests", "A1", [REQUEST_HEADERS, ...(options.requests ?? REQUESTS)])] },
      { name: "Budget", tables: [table("Budget", "A1", BUDGET)] },
      ...(options.workflows ? [{ name: "Workflows", tables: [table("Workflows", "A1", [["Type", "Step", "From", "To", "Role"], ...options.workflows])] }] : []),
      ...(options.auditLog ? [{ name: "AuditLog", tables: [table("AuditLog", "A1", [["Seq", "Time", "PlanID", "Action", "From", "To", "Actor", "Role", "Comment", "Hash"]])] }] : []),
    ],
  };
}

/**
 * SPEC §5.4 worked by hand on the flows fixture (Plans rows 2–3, Requests rows 2–12, no BAD rows):
 * the log's Baseline leaves out EC-2 (cell Approved: not Draft, so reported) and ST-1 (cell
 * Draft: a new submission, fine), and says TD-1 was Draft (cell Approved: reported). After it,
 * EC-3 went Approved → Paid (cell Paid: fine), EC-5 Approved → Paid (cell still Approved:
 * reported, logged Paid), and " rpt-1 " was returned Draft → Draft (IDs ignore case: fine).
 */
export const BASELINE = "DA-1=Draft;EC-1=FinanceChecked;EC-3=Approved;EC-4=Approved;EC-5=Approved;EC-6=Draft;PR-1=Approved;PR-2=Draft;RPT-1=Draft;RPT-2=Draft;TD-1=Draft";
export const LOG_HEADERS = ["Seq", "Time", "PlanID", "Action", "From", "To", "Actor", "Role", "Comment", "Hash"];
export type Entry = Omit<AuditEntry, "seq">;
export const e = (planId: string, action: string, from: string, to: string, comment = ""): Entry => ({ time: "2026-03-01T08:00:00.000Z", planId, action, from, to, actor: "王总", role: "director", comment });

export function logRows(entries: readonly Entry[]): FixtureValue[][] {
  const hashed: HashedAuditEntry[] = [];
  for (const entry of entries) hashed.push(chainEntry(entry, hashed.at(-1)));
  return hashed.map((h) => [h.seq, h.time, h.planId, h.action, h.from, h.to, h.actor, h.role, h.comment, h.hash]);
}

/** The log as the add-in writes it: its rows, and its head (count and last hash) in AuditHead beside it. */
export function withLog(entries: readonly Entry[]): Fixture {
  const base = book({ requests: REQUESTS.slice(0, 11) });
  const rows = logRows(entries);
  const head = table("AuditHead", "M1", [["Count", "LastHash"], [rows.length, rows.at(-1)?.[9] ?? null]]);
  return { sheets: [...base.sheets, { name: "AuditLog", tables: [table("AuditLog", "A1", [LOG_HEADERS, ...rows]), head] }] };
}

export const BASELINED = withLog([
  e("", "Baseline", "", "", BASELINE),
  e("EC-3", "approve", "Approved", "Paid"),
  e("EC-5", "approve", "Approved", "Paid"),
  e(" rpt-1 ", "return", "Draft", "Draft", "补充"),
]);

/** The one item of the list with this ID (the tests' fixtures have no duplicates). */
export const item = (list: ItemList, id: string): WorkItem => {
  const [found] = findItems(list, id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

/** The time the tests' steps are taken at. */
export const NOW = new Date(Date.UTC(2026, 2, 25, 9));
