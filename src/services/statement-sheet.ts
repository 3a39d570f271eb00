import { monthLabel, RANK_NAMES, ruleError, type BonusStatementRow, type StatementMonth } from "../rules";
import { columnSpec, requireTable, sheetNameChoices, tableNameFor, type CellValue, type HeaderLanguage, type RowValues, type WorkbookTables } from "../workbook";
import { bonusStatements } from "./bonuses";
import { workbookDate } from "./cells";
import { problemsOutcome, type ServiceOutcome } from "./outcome";
import { readRewritable, type TableOptions } from "./tables";

/** One of the company's terms, in both of the workbook's languages. */
export interface Term {
  readonly en: string;
  readonly zh: string;
}

/** A term whose Chinese is the Bonuses table's header (schema.ts), so that the two never differ. */
const bonusesTerm = (id: string, en: string): Term => ({ en, zh: columnSpec("Bonuses", id)?.zh ?? en });

/** The lines of one rep's bonus statement (SPEC 3.3), as the sheet and the print view name them. */
export const STATEMENT_TERMS = {
  rep: bonusesTerm("Rep", "Rep"),
  month: bonusesTerm("Month", "Month"),
  rank: bonusesTerm("Rank", "Rank"),
  monthSales: bonusesTerm("MonthSales", "Month sales"),
  salesBy20th: bonusesTerm("SalesBy20th", "Sales by the 20th"),
  sponsoredSales: bonusesTerm("SponsoredSales", "Sponsored SRs' sales"),
  sponsoredCount: bonusesTerm("SponsoredCount", "Sponsored SRs"),
  base: bonusesTerm("Base", "Base bonus"),
  morningStar: bonusesTerm("MorningStar", "Morning star award"),
  openingStar: bonusesTerm("OpeningStar", "Opening star award"),
  override: bonusesTerm("Override", "Override"),
  total: bonusesTerm("Total", "Total"),
  payDate: bonusesTerm("PayDate", "Pay date"),
  policy: bonusesTerm("PolicyFrom", "Policy version"),
  seedPolicy: { en: "Built-in policy", zh: "内置制度" },
} as const satisfies Record<string, Term>;

/** The bonus components, in the order of the statement (amounts the rep is paid). */
export const STATEMENT_COMPONENTS = ["base", "morningStar", "openingStar", "override"] as const;

/** "SM 销售经理" / "SM Sales manager"; a rank whose name is its code ("DS" in Chinese) is the code alone. */
export function rankText(code: string, language: HeaderLanguage): string {
  const name = RANK_NAMES[code]?.[language];
  return name && name !== code ? `${code} ${name}` : code;
}

/**
 * The statement as rows of the Statement table (schema.ts), labelled in `language`: amounts
 * in Amount, everything else in Detail (the rep's name as text, whatever it looks like).
 */
export function statementRows(row: BonusStatementRow, policyFrom: Date | undefined, language: HeaderLanguage): RowValues[] {
  const amount = (term: Term, value: number): RowValues => ({ Item: term[language], Amount: value, Detail: null });
  const detail = (term: Term, value: CellValue): RowValues => ({ Item: term[language], Amount: null, Detail: value });
  const T = STATEMENT_TERMS;
  return [
    detail(T.rep, row.rep),
    detail(T.month, monthLabel(row.month.getFullYear(), row.month.getMonth() + 1)),
    detail(T.rank, rankText(row.rank, language)),
    amount(T.monthSales, row.monthSales),
    amount(T.salesBy20th, row.salesBy20th),
    amount(T.sponsoredSales, row.sponsoredSales),
    detail(T.sponsoredCount, row.sponsoredCount),
    ...STATEMENT_COMPONENTS.map((component) => amount(T[component], row[component])),
    amount(T.total, row.total),
    detail(T.payDate, workbookDate(row.payDate)),
    detail(T.policy, policyFrom ? workbookDate(policyFrom) : T.seedPolicy[language]),
  ];
}

export interface StatementSheetOptions extends TableOptions, StatementMonth {
  /** The rep, exactly as in the Reps table. */
  readonly rep: string;
}

export interface StatementSheetSummary {
  readonly rep: string;
  readonly year: number;
  readonly month: number;
  /** Where the statement is: the sheet (as created, or wherever the table now is) and the table's name. */
  readonly sheet: string;
  readonly tableName: string;
  readonly statement: BonusStatementRow;
  /** The From of the Policy version applied; undefined: the built-in policy. */
  readonly policyFrom: Date | undefined;
}

/** The name of the table that holds `rep`'s statement for `month` (YYYY-MM): the same on every run. */
export function statementTableName(rep: string, month: string): string {
  return tableNameFor("Statement", `${rep} ${month}`);
}

/**
 * Issue 10 point 4: one rep's statement for one month, computed as bonusStatements computes
 * it (nothing written to Bonuses), on a sheet of its own named after the rep and the month
 * ("张三 2025-11", within Excel's rules; " (2)" when a sheet of the user's has that name).
 * A second run rewrites the same table, wherever it is now, in its own language; a new one
 * is labelled in the Sales table's language. All or nothing (WorkbookTables.writeSheetTable).
 */
export async function writeStatementSheet(tables: WorkbookTables, options: StatementSheetOptions): Promise<ServiceOutcome<StatementSheetSummary>> {
  const computed = await bonusStatements(tables, { ...options, preview: true });
  if (computed.kind === "problems") return computed;
  const { rows, policyFrom } = computed.summary;
  const statement = rows.find((row) => row.rep === options.rep);
  if (!statement) {
    const reps = await requireTable(tables, "Reps", options.tableNames);
    return problemsOutcome([{ sheet: reps.sheet, row: 0, error: ruleError("value", "repUnknown", { rep: options.rep }) }]);
  }
  const month = monthLabel(options.year, options.month);
  const tableName = statementTableName(options.rep, month);
  // A column of the user's added to the table would be blanked by the rewrite: refused first.
  const existing = await readRewritable(tables, "Statement", { ...options, tableNames: { Statement: tableName } });
  const language = existing?.ref.language ?? (await requireTable(tables, "Sales", options.tableNames)).language;
  const ref = await tables.writeSheetTable("Statement", { tableName, sheetNames: sheetNameChoices(options.rep, ` ${month}`), language }, statementRows(statement, policyFrom, language), options);
  return {
    kind: "written",
    summary: { rep: options.rep, year: options.year, month: options.month, sheet: ref.sheet, tableName: ref.name, statement, policyFrom },
  };
}
