import { ruleError, type RuleError } from "./errors";
import { roundMoney, sumMoney } from "./money";
import { annualRebate, purchaseShare, type RebateMode, type RebateTier } from "./rebate";
import type { Role } from "./roles";

/**
 * The yearly rebate statement per dealer (3.2), from purchase records net of returns (退货),
 * and how a refresh carries the review status forward. Source: 003 (销售返利管理流程).
 */
export type PurchaseKind = "purchase" | "return";

export interface PurchaseRecord {
  readonly dealer: string;
  readonly date: Date;
  readonly amount: number;
  /** undefined: no Type given, so a negative amount is a return. */
  readonly kind?: PurchaseKind;
  /** Where the record came from, for RebateLines and messages. */
  readonly sheet: string;
  readonly row: number;
}

/** Calculated → Reviewed (director) → Verified (finance) → Approved (president) → Reconciled (dealer) → Paid. */
export const REBATE_STATUSES = ["Calculated", "Reviewed", "Verified", "Approved", "Reconciled", "Paid"] as const;
export type RebateStatus = (typeof REBATE_STATUSES)[number];

export interface RebatePeriod {
  readonly year: number;
  /** Year to date: purchases up to and including this day (an accrual estimate). */
  readonly through?: Date;
}

export interface DealerRebate {
  readonly dealer: string;
  readonly year: number;
  readonly gross: number;
  readonly returns: number;
  readonly net: number;
  readonly tier: number | undefined;
  readonly rate: number;
  readonly rebate: number;
  readonly status: RebateStatus;
  readonly note: string;
}

export interface RebateLine {
  readonly dealer: string;
  readonly date: Date;
  readonly amount: number;
  readonly share: number;
  readonly sheet: string;
  readonly row: number;
}

export function isReturn(record: PurchaseRecord): boolean {
  return record.kind === "return" || record.amount < 0;
}

/** A return counts as returned whatever its sign. */
export function signedAmount(record: PurchaseRecord): number {
  return isReturn(record) ? -Math.abs(record.amount) : record.amount;
}

export function inPeriod(date: Date, period: RebatePeriod): boolean {
  return date.getFullYear() === period.year && (!period.through || date.getTime() <= period.through.getTime());
}

interface DealerTotals {
  gross: number;
  returns: number;
  records: PurchaseRecord[];
}

function totalsByDealer(records: readonly PurchaseRecord[], period: RebatePeriod): Map<string, DealerTotals> {
  const totals = new Map<string, DealerTotals>();
  for (const record of records) {
    if (!inPeriod(record.date, period)) continue;
    let dealer = totals.get(record.dealer);
    if (!dealer) totals.set(record.dealer, (dealer = { gross: 0, returns: 0, records: [] }));
    if (isReturn(record)) dealer.returns += Math.abs(record.amount);
    else dealer.gross += record.amount;
    dealer.records.push(record);
  }
  return totals;
}

export interface RebateStatementResult {
  readonly rebates: DealerRebate[];
  readonly lines: RebateLine[];
}

/** One row per dealer with purchases in the period, in dealer order, status Calculated. */
export function rebateStatement(records: readonly PurchaseRecord[], tiers: readonly RebateTier[], mode: RebateMode, period: RebatePeriod): RebateStatementResult {
  const rebates: DealerRebate[] = [];
  const lines: RebateLine[] = [];
  const totals = totalsByDealer(records, period);
  for (const dealer of [...totals.keys()].sort((a, b) => a.localeCompare(b, "zh-CN"))) {
    const { gross, returns, records: own } = totals.get(dealer) as DealerTotals;
    const net = sumMoney(roundMoney(gross), -roundMoney(returns));
    const result = annualRebate(net, tiers, mode);
    rebates.push({ dealer, year: period.year, gross: roundMoney(gross), returns: roundMoney(returns), net, tier: result.tier, rate: result.rate, rebate: result.rebate, status: "Calculated", note: "" });
    for (const record of own) {
      const amount = signedAmount(record);
      lines.push({ dealer, date: record.date, amount, share: purchaseShare(amount, result.rebate, net), sheet: record.sheet, row: record.row });
    }
  }
  return { rebates, lines };
}

export interface PreviousRebate {
  readonly dealer: string;
  readonly year: number;
  readonly rebate: number;
  readonly status: string;
  readonly note: string;
}

export interface RebateChange {
  readonly dealer: string;
  /** kept: no purchases any more, but already reviewed or further, so the row stays as it was. */
  readonly kind: "new" | "amountChanged" | "reopened" | "dropped" | "kept";
  /** The status the row had (kept). */
  readonly status?: string;
  readonly oldAmount?: number;
  readonly newAmount?: number;
}

/**
 * Keeps each dealer's Status and Note across a refresh. An amount that changes once the
 * director has reviewed it goes back to Calculated, and the Note records old → new. A dealer
 * without purchases any more drops out, unless its rebate was already reviewed: that row is
 * kept as it was (a paid rebate is not erased) and reported for someone to look at.
 */
export function carryForward(fresh: readonly DealerRebate[], previous: readonly PreviousRebate[]): { rebates: DealerRebate[]; changes: RebateChange[] } {
  const before = new Map(previous.map((p) => [`${p.dealer}\u0000${p.year}`, p]));
  const changes: RebateChange[] = [];
  const rebates = fresh.map((row) => {
    const old = before.get(`${row.dealer}\u0000${row.year}`);
    before.delete(`${row.dealer}\u0000${row.year}`);
    if (!old) {
      changes.push({ dealer: row.dealer, kind: "new", newAmount: row.rebate });
      return row;
    }
    const status = normalizeRebateStatus(old.status) ?? "Calculated";
    if (old.rebate === row.rebate) return { ...row, status, note: old.note };
    const reviewed = isReviewed(status);
    changes.push({ dealer: row.dealer, kind: reviewed ? "reopened" : "amountChanged", oldAmount: old.rebate, newAmount: row.rebate });
    if (!reviewed) return { ...row, status, note: old.note };
    const record = `${formatAmount(old.rebate)} → ${formatAmount(row.rebate)} (${status})`;
    return { ...row, status: "Calculated" as const, note: old.note ? `${old.note}; ${record}` : record };
  });
  for (const gone of before.values()) {
    const change = { dealer: gone.dealer, oldAmount: gone.rebate };
    const reviewed = isReviewed(normalizeRebateStatus(gone.status) ?? "Calculated");
    changes.push(reviewed ? { ...change, kind: "kept", status: gone.status } : { ...change, kind: "dropped" });
  }
  return { rebates, changes };
}

function isReviewed(status: RebateStatus): boolean {
  return REBATE_STATUSES.indexOf(status) >= REBATE_STATUSES.indexOf("Reviewed");
}

function formatAmount(amount: number): string {
  return amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function normalizeRebateStatus(text: string): RebateStatus | undefined {
  const wanted = text.trim().toLowerCase();
  return REBATE_STATUSES.find((s) => s.toLowerCase() === wanted);
}

/** Who may move a dealer's rebate to each status (3.2). */
export const REBATE_STATUS_ROLES: Readonly<Record<Exclude<RebateStatus, "Calculated">, Role>> = {
  Reviewed: "director",
  Verified: "finance",
  Approved: "president",
  Reconciled: "finance",
  Paid: "finance",
};

/** The step after `current` and the role that takes it; undefined once Paid. */
export function nextRebateStep(current: RebateStatus): { readonly status: Exclude<RebateStatus, "Calculated">; readonly role: Role } | undefined {
  const next = REBATE_STATUSES[REBATE_STATUSES.indexOf(current) + 1] as Exclude<RebateStatus, "Calculated"> | undefined;
  return next && { status: next, role: REBATE_STATUS_ROLES[next] };
}

/** The next status of the chain, when `role` may take the rebate there. */
export function advanceRebateStatus(current: RebateStatus, role: Role): RebateStatus | RuleError {
  const next = nextRebateStep(current);
  if (!next) return ruleError("value", "statusFinal", { value: current });
  return next.role === role ? next.status : ruleError("value", "roleNotAllowed", { role, needed: next.role, value: next.status });
}

/** A rebate row's ID in the audit log: its year and dealer ("/" appears in no plan, request or version ID). */
export function rebateItemId(year: number, dealer: string): string {
  return `REBATE/${year}/${dealer}`;
}
