import { monthlyBonus, type BonusBreakdown } from "./bonus";
import { payDate } from "./dates";
import { isRuleError, ruleError, type RowProblem } from "./errors";
import { roundMoney } from "./money";
import { DEFAULT_POLICY, type Policy } from "./policy";
import { rankIndex, rankOf } from "./ranks";

/**
 * Monthly bonus statements (3.3) from Sales and the Reps sponsor tree. Decisions: "by the
 * 20th" is the 1st to the policy's morning-star day (the 20th) inclusive; cumulative sales
 * run to the end of the month; sponsored SRs are direct recruits whose own rank that month
 * is SR or above.
 */
export interface SaleRecord {
  readonly rep: string;
  readonly date: Date;
  readonly amount: number;
  readonly sheet: string;
  readonly row: number;
}

export interface RepRecord {
  readonly rep: string;
  readonly sponsor?: string;
  /** The last confirmed rank, shown beside the qualified one. */
  readonly confirmedRank?: string;
  readonly sheet: string;
  readonly row: number;
}

export interface StatementMonth {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
}

export interface BonusStatementRow extends BonusBreakdown {
  readonly rep: string;
  readonly month: Date;
  readonly salesBy20th: number;
  readonly monthSales: number;
  readonly sponsoredSales: number;
  readonly sponsoredCount: number;
  /** All sales to the month's end: the ranks' cumulative minimum. */
  readonly cumulativeSales: number;
  readonly rank: string;
  readonly confirmedRank: string | undefined;
  readonly rankDiffers: boolean;
  readonly payDate: Date;
}

const SPONSORED_MIN_RANK = "SR";

interface RepSales {
  salesBy20th: number;
  monthSales: number;
  cumulativeSales: number;
}

/** `morningStarDay`: the last day of the month whose sales count as "by the 20th" (the policy's MorningStarDay). */
function salesOfMonth(sales: readonly SaleRecord[], month: StatementMonth, morningStarDay: number): Map<string, RepSales> {
  const end = new Date(month.year, month.month, 1).getTime();
  const totals = new Map<string, RepSales>();
  for (const sale of sales) {
    if (sale.date.getTime() >= end) continue;
    let rep = totals.get(sale.rep);
    if (!rep) totals.set(sale.rep, (rep = { salesBy20th: 0, monthSales: 0, cumulativeSales: 0 }));
    rep.cumulativeSales += sale.amount;
    if (sale.date.getFullYear() !== month.year || sale.date.getMonth() !== month.month - 1) continue;
    rep.monthSales += sale.amount;
    if (sale.date.getDate() <= morningStarDay) rep.salesBy20th += sale.amount;
  }
  return totals;
}

/** Every problem that makes the tree unusable: unknown sponsors, cycles, sales of unknown reps, duplicate reps. */
export function sponsorTreeProblems(reps: readonly RepRecord[], sales: readonly SaleRecord[]): RowProblem[] {
  const byName = new Map<string, RepRecord>();
  const problems: RowProblem[] = [];
  for (const rep of reps) {
    if (byName.has(rep.rep)) problems.push({ sheet: rep.sheet, row: rep.row, error: ruleError("value", "repDuplicate", { rep: rep.rep }) });
    else byName.set(rep.rep, rep);
  }
  for (const rep of reps) {
    if (rep.sponsor && !byName.has(rep.sponsor)) problems.push({ sheet: rep.sheet, row: rep.row, error: ruleError("value", "sponsorUnknown", { rep: rep.rep, sponsor: rep.sponsor }) });
  }
  problems.push(...cycleProblems(byName));
  for (const sale of sales) {
    if (!byName.has(sale.rep)) problems.push({ sheet: sale.sheet, row: sale.row, error: ruleError("value", "repUnknown", { rep: sale.rep }) });
  }
  return problems;
}

function cycleProblems(byName: ReadonlyMap<string, RepRecord>): RowProblem[] {
  const problems: RowProblem[] = [];
  const reported = new Set<string>();
  for (const start of byName.values()) {
    const path: string[] = [];
    let current: RepRecord | undefined = start;
    while (current && !path.includes(current.rep)) {
      path.push(current.rep);
      current = current.sponsor ? byName.get(current.sponsor) : undefined;
    }
    if (!current || reported.has(current.rep)) continue;
    const cycle = path.slice(path.indexOf(current.rep));
    cycle.forEach((name) => reported.add(name));
    const first = byName.get(cycle[0]) as RepRecord;
    problems.push({ sheet: first.sheet, row: first.row, error: ruleError("value", "sponsorCycle", { reps: [...cycle, cycle[0]].join(" → ") }) });
  }
  return problems;
}

/** Recruits before their sponsors, so that each rep's sponsored SRs are ranked first. Assumes no cycles. */
function recruitsFirst(reps: readonly RepRecord[]): { order: RepRecord[]; recruits: Map<string, RepRecord[]> } {
  const recruits = new Map<string, RepRecord[]>(reps.map((r) => [r.rep, []]));
  for (const rep of reps) if (rep.sponsor) recruits.get(rep.sponsor)?.push(rep);
  const order: RepRecord[] = [];
  const visit = (rep: RepRecord) => {
    for (const recruit of recruits.get(rep.rep) ?? []) visit(recruit);
    order.push(rep);
  };
  for (const root of reps.filter((r) => !r.sponsor)) visit(root);
  return { order, recruits };
}

/** Statements in the order of the Reps table, or the problems that prevent them (nothing partial). */
export function bonusStatement(
  reps: readonly RepRecord[],
  sales: readonly SaleRecord[],
  month: StatementMonth,
  policy: Policy = DEFAULT_POLICY,
): { rows: BonusStatementRow[]; problems: RowProblem[] } {
  const problems = sponsorTreeProblems(reps, sales);
  if (problems.length > 0) return { rows: [], problems };
  const totals = salesOfMonth(sales, month, policy.bonus.morningStarDay);
  const { order, recruits } = recruitsFirst(reps);
  const monthStart = new Date(month.year, month.month - 1, 1);
  const rows = new Map<string, BonusStatementRow>();
  for (const rep of order) {
    const own = totals.get(rep.rep) ?? { salesBy20th: 0, monthSales: 0, cumulativeSales: 0 };
    const sponsored = (recruits.get(rep.rep) ?? []).map((r) => rows.get(r.rep) as BonusStatementRow).filter((r) => rankIndex(r.rank, policy.ranks) >= rankIndex(SPONSORED_MIN_RANK, policy.ranks));
    const sponsoredSales = roundMoney(sponsored.reduce((sum, r) => sum + r.monthSales, 0));
    const rank = rankOf({ monthSales: own.monthSales, sponsoredSales, sponsoredCount: sponsored.length, cumulativeSales: own.cumulativeSales }, policy.ranks);
    const bonus = monthlyBonus({ monthSales: own.monthSales, salesBy20th: own.salesBy20th, rank, sponsoredSales }, policy.bonus);
    if (isRuleError(bonus)) {
      problems.push({ sheet: rep.sheet, row: rep.row, error: bonus });
      continue;
    }
    const confirmedRank = rep.confirmedRank?.trim().toUpperCase() || undefined;
    rows.set(rep.rep, {
      rep: rep.rep, month: monthStart, salesBy20th: roundMoney(own.salesBy20th), monthSales: roundMoney(own.monthSales), sponsoredSales,
      sponsoredCount: sponsored.length, cumulativeSales: roundMoney(own.cumulativeSales), rank, confirmedRank, rankDiffers: confirmedRank !== undefined && confirmedRank !== rank,
      ...bonus, payDate: payDate(monthStart, policy.schedule),
    });
  }
  if (problems.length > 0) return { rows: [], problems };
  return { rows: reps.map((r) => rows.get(r.rep) as BonusStatementRow), problems };
}
