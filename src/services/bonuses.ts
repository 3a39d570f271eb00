import { bonusStatement, monthLabel, sumMoney, type BonusStatementRow, type RowProblem, type Policy, type RepRecord, type SaleRecord, type StatementMonth } from "../rules";
import type { RowValues, TableData, WorkbookTables } from "../workbook";
import { localDate, RowReader, tableProblem, textCell, workbookDate } from "./cells";
import { finishWrite, problemsOutcome, type PreviewOption, type ServiceOutcome } from "./outcome";
import { policyFor, readPolicySource } from "./policy";
import { mergePeriod, outputTable, readRequired, readRewritable, sameRows, type TableOptions } from "./tables";

/**
 * SPEC 3.3: one Bonuses row per rep for a month, from Sales and the Reps sponsor tree, on
 * the policy in force on the month's first day (SPEC §4.2: the Policy table's approved
 * versions, over the seed).
 */
export type BonusStatementsOptions = TableOptions & StatementMonth & PreviewOption;

export interface BonusSummary {
  readonly year: number;
  readonly month: number;
  readonly statements: number;
  readonly total: number;
  /** The rows written, for the pane's rep-by-rep explanation. */
  readonly rows: readonly BonusStatementRow[];
  /** The policy the month was computed on, and the From of its newest version (undefined: the seed). */
  readonly policy: Policy;
  readonly policyFrom: Date | undefined;
}

export function readSales(data: TableData): { sales: SaleRecord[]; problems: RowProblem[] } {
  const reader = new RowReader(data);
  const sales = reader.map((row) => ({ rep: reader.requiredText("Rep"), date: reader.date("Date"), amount: reader.number("Amount"), sheet: row.sheet, row: row.row }));
  return { sales, problems: reader.problems };
}

export function readReps(data: TableData): { reps: RepRecord[]; problems: RowProblem[] } {
  const reader = new RowReader(data);
  const reps = reader.map((row) => ({
    rep: reader.requiredText("Rep"),
    sponsor: reader.text("Sponsor") || undefined,
    confirmedRank: reader.text("Rank") || undefined,
    sheet: row.sheet,
    row: row.row,
  }));
  return { reps, problems: reader.problems };
}

function monthKey(value: unknown): string {
  if (value instanceof Date) {
    const local = localDate(value);
    return monthLabel(local.getFullYear(), local.getMonth() + 1);
  }
  const match = /^(\d{4})\D+(\d{1,2})/.exec(textCell(value as never));
  return match ? monthLabel(Number(match[1]), Number(match[2])) : "";
}

function bonusRow(r: BonusStatementRow, withConfirmedRank: boolean, policyFrom: Date | undefined): RowValues {
  const row: Record<string, RowValues[string]> = {
    Rep: r.rep, Month: workbookDate(r.month), SalesBy20th: r.salesBy20th, MonthSales: r.monthSales, SponsoredSales: r.sponsoredSales,
    SponsoredCount: r.sponsoredCount, Rank: r.rank, Base: r.base, MorningStar: r.morningStar, OpeningStar: r.openingStar,
    Override: r.override, Total: r.total, PayDate: workbookDate(r.payDate), PolicyFrom: policyFrom ? workbookDate(policyFrom) : null,
  };
  if (withConfirmedRank) {
    row.ConfirmedRank = r.confirmedRank ?? null;
    row.RankDiffers = r.rankDiffers;
  }
  return row;
}

/** What a month's bonus statement is computed from, read, and the statement; or the problems that stop it. */
export type BonusMonth =
  | ReturnType<typeof problemsOutcome>
  | {
      readonly kind: "read";
      readonly salesData: TableData;
      readonly repsData: TableData;
      readonly inForce: ReturnType<typeof policyFor>;
      readonly statement: ReturnType<typeof bonusStatement>;
    };

/**
 * Sales and the Reps sponsor tree read, and the month's statement computed on the policy in
 * force on the month's 1st (ranks, awards, the morning-star day and the pay date all come
 * from it). Problems: rows that cannot be read, a broken sponsor tree, no sale at all in the
 * month (most likely the wrong month: nothing is computed on zeros).
 */
export async function readBonusMonth(tables: WorkbookTables, options: TableOptions & StatementMonth): Promise<BonusMonth> {
  const salesData = await readRequired(tables, "Sales", options);
  const repsData = await readRequired(tables, "Reps", options);
  const sales = readSales(salesData);
  const reps = readReps(repsData);
  const inForce = policyFor(await readPolicySource(tables, options), new Date(options.year, options.month - 1, 1));
  const empty = [salesData, repsData].filter((data) => data.rows.length === 0).map((data) => tableProblem(data, "tableEmpty"));
  const unreadable = [...empty, ...sales.problems, ...reps.problems, ...inForce.problems];
  if (unreadable.length > 0) return problemsOutcome(unreadable);
  const inMonth = sales.sales.some((s) => s.date.getFullYear() === options.year && s.date.getMonth() + 1 === options.month);
  if (!inMonth) return problemsOutcome([tableProblem(salesData, "noRowsInPeriod", monthLabel(options.year, options.month))]);
  const statement = bonusStatement(reps.reps, sales.sales, options, inForce.policy);
  if (statement.problems.length > 0) return problemsOutcome(statement.problems);
  return { kind: "read", salesData, repsData, inForce, statement };
}

/**
 * Writes the month's statements in place of its old ones; other months stay as they were
 * written, on the policy of their own time, until they are refreshed themselves.
 */
export async function bonusStatements(tables: WorkbookTables, options: BonusStatementsOptions): Promise<ServiceOutcome<BonusSummary>> {
  const month = await readBonusMonth(tables, options);
  if (month.kind === "problems") return month;
  const { salesData, repsData, inForce, statement } = month;
  const label = monthLabel(options.year, options.month);

  const existing = await readRewritable(tables, "Bonuses", options);
  const withConfirmedRank = "Rank" in repsData.columnMap;
  const fresh = statement.rows.map((r) => bonusRow(r, withConfirmedRank, inForce.from));
  const rows = mergePeriod(existing, (v) => monthKey(v.Month), label, fresh);
  const summary: BonusSummary = {
    year: options.year, month: options.month, statements: fresh.length, total: sumMoney(...statement.rows.map((r) => r.total)), rows: statement.rows,
    policy: inForce.policy, policyFrom: inForce.from,
  };
  return finishWrite(summary, sameRows("Bonuses", existing, rows), options, async () => {
    await tables.replaceRows(await outputTable(tables, "Bonuses", salesData.ref.language, existing, options), rows, options);
  });
}
