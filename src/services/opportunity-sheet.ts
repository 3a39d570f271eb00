import { monthLabel } from "../rules";
import { sheetNameChoices, type HeaderLanguage, type RowValues, type TableKind, type WorkbookTables } from "../workbook";
import { workbookDate } from "./cells";
import type { BonusOpportunity, BonusOpportunityKind, BonusOpportunityList, RebateOpportunity, RebateOpportunityList } from "./opportunities";
import type { ServiceOutcome } from "./outcome";
import { rankText, type Term } from "./statement-sheet";
import { readRewritable, sameRows, type TableOptions } from "./tables";

/**
 * Issue 11: a list of opportunities, written only when the user asks, as a table on a sheet
 * of its own: one per month (BonusOpportunities) or year (RebateOpportunities), so that a
 * second run for the same period rewrites the same table, wherever it is now, in its own
 * language. All or nothing (WorkbookTables.writeSheetTable).
 */

/** Each kind of bonus opportunity as the sheet names it. */
export const OPPORTUNITY_KIND_TERMS: Readonly<Record<BonusOpportunityKind, Term>> = {
  morning: { en: "Morning star award", zh: "晨星奖" },
  opening: { en: "Opening star award", zh: "开星奖" },
  step: { en: "Next base rate", zh: "基本奖金比例" },
  rank: { en: "Next rank", zh: "职级晋升" },
};

/** The sheet a new list goes on: its subject, then the period. */
const SHEET_SUBJECTS: Readonly<Record<"bonus" | "rebate", Term>> = {
  bonus: { en: "Bonus opportunities", zh: "奖金机会" },
  rebate: { en: "Rebate opportunities", zh: "返利机会" },
};

export interface OpportunitySheetSummary {
  /** Where the list is: the sheet (as created, or wherever the table now is) and the table's name. */
  readonly sheet: string;
  readonly tableName: string;
  readonly rows: number;
}

/** The Excel name of a period's table: "BonusOpportunities_2026_03", "RebateOpportunities_2025". */
export function opportunityTableName(list: BonusOpportunityList | RebateOpportunityList): string {
  return list.kind === "bonus" ? `BonusOpportunities_${list.year}_${String(list.month).padStart(2, "0")}` : `RebateOpportunities_${list.year}`;
}

/** "15%", at most two decimals. */
function percentText(rate: number): string {
  return `${Number((rate * 100).toFixed(2))}%`;
}

function bonusTarget(o: BonusOpportunity, language: HeaderLanguage): string | null {
  if (o.kind === "rank") return rankText(o.target, language);
  return o.kind === "step" && o.nextRate !== undefined ? percentText(o.nextRate) : null;
}

/** A bonus list as rows of the BonusOpportunities table, labelled in `language`. */
export function bonusOpportunityRows(list: BonusOpportunityList, language: HeaderLanguage): RowValues[] {
  const month = workbookDate(new Date(list.year, list.month - 1, 1));
  return list.opportunities.map((o) => ({
    Rep: o.rep, Month: month, Rank: o.rank, Kind: OPPORTUNITY_KIND_TERMS[o.kind][language], Target: bonusTarget(o, language), Threshold: o.threshold ?? null,
    Shortfall: o.shortfall, SponsoredShortfall: o.sponsoredSalesShortfall, CountShortfall: o.sponsoredCountShortfall, ExtraBonus: o.extraBonus ?? null, DaysLeft: o.daysLeft ?? null,
  }));
}

/** A rebate list as rows of the RebateOpportunities table. */
export function rebateOpportunityRows(list: RebateOpportunityList): RowValues[] {
  return list.opportunities.map((o: RebateOpportunity) => ({
    Dealer: o.dealer, Year: list.year, Net: o.net, NextThreshold: o.nextThreshold, Needed: o.needed, RebateAtNext: o.rebateAtNext, Extra: o.extra, CostShare: o.costShare,
  }));
}

/**
 * Writes `list` (as bonusOpportunities or rebateOpportunities computed it) on its period's
 * sheet; "unchanged" when that table already holds exactly these rows. A new table is
 * labelled in the language of the table the list was computed from.
 */
export async function writeOpportunitySheet(tables: WorkbookTables, list: BonusOpportunityList | RebateOpportunityList, options: TableOptions = {}): Promise<ServiceOutcome<OpportunitySheetSummary>> {
  const kind: TableKind = list.kind === "bonus" ? "BonusOpportunities" : "RebateOpportunities";
  const tableName = opportunityTableName(list);
  // A column of the user's added to the table would be blanked by the rewrite: refused first.
  const existing = await readRewritable(tables, kind, { ...options, tableNames: { [kind]: tableName } });
  const language = existing?.ref.language ?? list.language;
  const rows = list.kind === "bonus" ? bonusOpportunityRows(list, language) : rebateOpportunityRows(list);
  if (existing && sameRows(kind, existing, rows)) return { kind: "unchanged", summary: { sheet: existing.ref.sheet, tableName: existing.ref.name, rows: rows.length } };
  const period = list.kind === "bonus" ? monthLabel(list.year, list.month) : String(list.year);
  const ref = await tables.writeSheetTable(kind, { tableName, sheetNames: sheetNameChoices(SHEET_SUBJECTS[list.kind][language], ` ${period}`), language }, rows, options);
  return { kind: "written", summary: { sheet: ref.sheet, tableName: ref.name, rows: rows.length } };
}
