import { filterRebates, movableBy, movesByStep, rebateRowViews, statusesPresent, waitingByRole } from "../../src/taskpane/pages/rebates/rebate-view";
import type { TableRow } from "../../src/workbook";

const row = (n: number, dealer: string, year: number, status: string | null): TableRow => ({ sheet: "Rebates", row: n, values: { Dealer: dealer, Year: year, Net: 1000 * n, Tier: null, Rebate: 10 * n, Status: status } });

const ROWS = [
  row(2, "华东商贸", 2025, "Calculated"),
  row(3, "Beta Ltd", 2025, "reviewed"),
  row(4, "Gamma Co", 2024, "Calculated"),
  row(5, "Delta", 2025, null),
  row(6, "Beta Two", 2025, "Approved"),
  row(7, "Omega", 2025, "Paid"),
];

const views = rebateRowViews(ROWS, "2025");

test("the year's rows, a blank status as Calculated, a status in any case, and who acts next", () => {
  expect(views.map((v) => [v.dealer, v.status, v.next?.role, v.net, v.tier, v.rebate])).toEqual([
    ["华东商贸", "Calculated", "director", 2000, undefined, 20],
    ["Beta Ltd", "Reviewed", "finance", 3000, undefined, 30],
    ["Delta", "Calculated", "director", 5000, undefined, 50],
    ["Beta Two", "Approved", "finance", 6000, undefined, 60],
    ["Omega", "Paid", undefined, 7000, undefined, 70],
  ]);
});

test("how many wait for each role, in chain order; paid rows wait for nobody", () => {
  expect(waitingByRole(views)).toEqual([
    { role: "director", count: 2 },
    { role: "finance", count: 2 },
  ]);
  expect(waitingByRole(views.filter((v) => v.status === "Paid"))).toEqual([]);
});

test("a filter by status and a dealer search that ignores case and spaces", () => {
  expect(filterRebates(views, { status: "", search: "  beta " }).map((v) => v.dealer)).toEqual(["Beta Ltd", "Beta Two"]);
  expect(filterRebates(views, { status: "Approved", search: "beta" }).map((v) => v.dealer)).toEqual(["Beta Two"]);
  expect(filterRebates(views, { status: "Calculated", search: "" }).map((v) => v.dealer)).toEqual(["华东商贸", "Delta"]);
  expect(filterRebates(views, { status: "", search: "" })).toHaveLength(5);
});

test("only rows whose next step is the role's can be moved; no role moves nothing", () => {
  expect(views.filter(movableBy("finance")).map((v) => v.dealer)).toEqual(["Beta Ltd", "Beta Two"]);
  expect(views.filter(movableBy("director")).map((v) => v.dealer)).toEqual(["华东商贸", "Delta"]);
  expect(views.filter(movableBy(""))).toEqual([]);
  expect(views.filter(movableBy("president"))).toEqual([]);
});

test("a confirmation counts the moves by step, in chain order", () => {
  expect(movesByStep([...views].reverse())).toEqual([
    { from: "Calculated", to: "Reviewed", count: 2 },
    { from: "Reviewed", to: "Verified", count: 1 },
    { from: "Approved", to: "Reconciled", count: 1 },
  ]);
  expect(statusesPresent(views)).toEqual(["Calculated", "Reviewed", "Approved", "Paid"]);
});
