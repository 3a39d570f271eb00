/**
 * The shipped sample workbook as a manager first sees it (SPEC §5.4, issue 9): a Requests
 * table with items of every flow, some waiting for each role that acts in a chain, and a
 * log started with a Baseline that bears out every status.
 */
import { join } from "node:path";
import { DEFAULT_POLICY, DEFAULT_WORKFLOWS, ITEM_TYPES, type Role } from "../../src/rules";
import { itemsWaitingFor, listItems, policyInForce, readOutput, readVersionTables, statusAudit, verifyAuditLog, versionAudit, type ItemList } from "../../src/services";
import type { XlsxWorkbook } from "../../src/workbook/xlsx";
import { openXlsx } from "../support/xlsx-files";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");

let workbook: XlsxWorkbook;
let list: ItemList;

beforeAll(async () => {
  workbook = await openXlsx(SAMPLE);
  list = await listItems(workbook.tables);
});

test("holds items of every flow, none unreadable", () => {
  const types = new Set(list.items.map((item) => item.record?.type));
  expect(ITEM_TYPES.filter((type) => !types.has(type))).toEqual([]);
  expect(list.items.filter((item) => item.problems.length > 0)).toEqual([]);
});

test("has something waiting for every role that acts in a chain, from someone else", () => {
  const roles = [...new Set(DEFAULT_WORKFLOWS.map((step) => step.role))];
  const idle = roles.filter((role: Role) => itemsWaitingFor(list, { name: "Someone new", role }).length === 0);
  expect(idle).toEqual([]);
});

test("each multi-step flow has items in several statuses, including final ones", () => {
  const statuses = (type: string) => new Set(list.items.filter((item) => item.record?.type === type).map((item) => item.record?.status));
  for (const type of ["expenseClaim", "stockTransfer", "exchange", "return", "targetDealer"]) expect(statuses(type).size).toBeGreaterThanOrEqual(2);
  expect(statuses("expenseClaim")).toContain("Paid");
  expect(statuses("return")).toContain("Rejected");
});

test("one expense claim is over the budget left in its month: December's market research budget, nothing booked or approved yet", async () => {
  const budget = await readOutput(workbook.tables, "Budget");
  const december = budget?.rows.find((row) => row.values.Category === "市场调研" && row.values.Month instanceof Date && row.values.Month.getUTCMonth() === 11);
  const over = list.items.filter((item) => item.checks.some((check) => check.check === "budget" && !check.ok) && item.record?.type === "expenseClaim" && item.next);
  expect(over.map((item) => item.record?.id)).toEqual(["R2025-006"]);
  expect(over[0].checks.find((check) => check.check === "budget")).toEqual({ check: "budget", ok: false, budget: 68_000, remaining: december?.values.Budget });
});

test("a claim's budget left counts the claims of its month and category already approved (R2025-004, 9,200)", async () => {
  const budget = await readOutput(workbook.tables, "Budget");
  const december = budget?.rows.find((row) => row.values.Category === "市场活动" && row.values.Month instanceof Date && row.values.Month.getUTCMonth() === 11);
  const claim = list.items.find((item) => item.record?.id === "R2025-001");
  expect(claim?.checks.find((check) => check.check === "budget")).toEqual({ check: "budget", ok: true, budget: 18_600, remaining: Number(december?.values.Budget) - 9_200 });
});

test("the Policy sheet holds the seed, approved with a blank From, and a 2026 draft of the VAT waiting for the director", async () => {
  const { policy } = await readVersionTables(workbook.tables);
  expect(policy?.versions.map((v) => [v.id, v.status])).toEqual([["POLICY-1900-01-01", "Approved"], ["POLICY-2026-01-01", "Draft"]]);
  expect(policyInForce(policy, new Date(2025, 11, 1))).toEqual({ policy: DEFAULT_POLICY, from: undefined, problems: [] });
  const draft = list.items.find((item) => item.record?.id === "POLICY-2026-01-01");
  expect(draft).toMatchObject({ next: { role: "director" }, record: { owner: "李会计", changes: [{ rule: "VatRate", before: [{ value: 0.17 }], after: [{ value: 0.13 }] }] } });
});

test("the log is one Baseline entry that verifies and bears out every status and version hash, with no Workflows table", async () => {
  expect(await verifyAuditLog(workbook.tables)).toEqual({ count: 1 });
  expect(await statusAudit(workbook.tables)).toEqual([]);
  expect(await versionAudit(workbook.tables)).toEqual([]);
  expect(await readOutput(workbook.tables, "Workflows")).toBeUndefined();
  expect(list.chains.expenseClaim.origin).toBe("default");
});
