import { nextRebateStep, normalizeRebateStatus, REBATE_STATUSES, type RebateStatus, type Role } from "../../../rules";
import type { CellValue, TableRow } from "../../../workbook";
import type { RebatePrintRow } from "../../print";

/** A Rebates row as the page shows it: what it holds, and who takes it its next step. */
export interface RebateRowView {
  readonly key: string;
  readonly row: TableRow;
  readonly dealer: string;
  readonly net: number | undefined;
  readonly tier: number | undefined;
  readonly rate: number | undefined;
  readonly rebate: number | undefined;
  readonly status: RebateStatus;
  readonly next: { readonly status: RebateStatus; readonly role: Role } | undefined;
}

export interface RebateFilter {
  /** "" for any status. */
  readonly status: string;
  readonly search: string;
}

const numberOf = (value: CellValue | undefined) => (typeof value === "number" ? value : undefined);
const textOf = (value: CellValue | undefined) => (value === null || value === undefined || value instanceof Date || typeof value === "object" ? "" : String(value));

/** The year's rows; a blank or unknown Status counts as Calculated, as advancing it does. */
export function rebateRowViews(rows: readonly TableRow[], year: string): RebateRowView[] {
  return rows
    .filter((row) => textOf(row.values.Year) === year)
    .map((row) => {
      const status = normalizeRebateStatus(textOf(row.values.Status)) ?? "Calculated";
      return {
        key: String(row.row), row, dealer: textOf(row.values.Dealer), net: numberOf(row.values.Net), tier: numberOf(row.values.Tier), rate: numberOf(row.values.Rate), rebate: numberOf(row.values.Rebate), status, next: nextRebateStep(status),
      };
    });
}

/** A dealer search ignores case and surrounding spaces. */
export function filterRebates(views: readonly RebateRowView[], filter: RebateFilter): RebateRowView[] {
  const search = filter.search.trim().toLowerCase();
  return views.filter((v) => (filter.status === "" || v.status === filter.status) && (search === "" || v.dealer.toLowerCase().includes(search)));
}

/** How many rows wait for each role, in chain order; Paid rows wait for nobody. */
export function waitingByRole(views: readonly RebateRowView[]): { readonly role: Role; readonly count: number }[] {
  const counts = new Map<Role, number>();
  for (const status of REBATE_STATUSES) {
    const role = nextRebateStep(status)?.role;
    if (role && !counts.has(role)) counts.set(role, 0);
  }
  for (const v of views) if (v.next) counts.set(v.next.role, (counts.get(v.next.role) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 0).map(([role, count]) => ({ role, count }));
}

export const movableBy = (role: Role | "") => (view: RebateRowView) => role !== "" && view.next?.role === role;

/** The moves a confirmation names: how many rows go from each status to the next. */
export function movesByStep(views: readonly RebateRowView[]): { readonly from: RebateStatus; readonly to: RebateStatus; readonly count: number }[] {
  const steps = new Map<RebateStatus, number>();
  for (const v of views) if (v.next) steps.set(v.status, (steps.get(v.status) ?? 0) + 1);
  return REBATE_STATUSES.filter((s) => steps.has(s)).map((from) => ({ from, to: nextRebateStep(from)?.status as RebateStatus, count: steps.get(from) as number }));
}

/** The rows as the printed rebate list shows them; a blank amount prints as 0, the policy version is the newest of the rows'. */
export function printRows(views: readonly RebateRowView[]): { rows: RebatePrintRow[]; policyFrom: Date | undefined } {
  const rows = views.map((v) => ({ dealer: v.dealer, net: v.net ?? 0, tier: v.tier, rate: v.rate ?? 0, rebate: v.rebate ?? 0, status: v.status }));
  const froms = views.map((v) => v.row.values.PolicyFrom).filter((d): d is Date => d instanceof Date);
  const policyFrom = froms.length > 0 ? new Date(Math.max(...froms.map((d) => d.getTime()))) : undefined;
  return { rows, policyFrom };
}

/** The statuses present, in chain order, for the status filter. */
export function statusesPresent(views: readonly RebateRowView[]): RebateStatus[] {
  return REBATE_STATUSES.filter((s) => views.some((v) => v.status === s));
}
