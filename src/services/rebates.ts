import {
  advanceRebateStatus,
  dayLabel,
  rebateItemId,
  carryForward,
  isRuleError,
  normalizeRebateStatus,
  DEFAULT_REBATE_MODE,
  inPeriod,
  rebateStatement,
  ruleError,
  sumMoney,
  validateTiers,
  type DealerRebate,
  type PurchaseKind,
  type PurchaseRecord,
  type RebateChange,
  type RebateLine,
  type RebateMode,
  type RebatePeriod,
  type RebateStatus,
  type Role,
  type RuleError,
  type RebateTier,
  type RowProblem,
} from "../rules";
import { isBlankCell, type RowValues, type TableData, type TableRef, type TableRow, type WorkbookTables } from "../workbook";
import { cellText, localDate, RowReader, tableProblem, textCell, workbookDate } from "./cells";
import { appendAuditEntries, type AuditWriteOptions } from "./audit-log";
import { finishWrite, problemsOutcome, type PreviewOption, type ServiceOutcome } from "./outcome";
import { readRebateTable, rebateVersionForYear, versionLogProblems } from "./policy";
import { mergePeriod, outputTable, readOutput, readRequired, readRewritable, sameRows, type TableOptions } from "./tables";

/** SPEC 3.2: the Rebates table (and optionally RebateLines) from Purchases and RebatePolicy. */
export interface RefreshRebatesOptions extends TableOptions, PreviewOption {
  readonly year: number;
  /** Year to date: purchases up to and including this day. */
  readonly through?: Date;
  /** Also write RebateLines, each purchase's share. */
  readonly lines?: boolean;
}

export interface RebateSummary {
  readonly year: number;
  readonly mode: RebateMode;
  /** The From of the RebatePolicy version applied (in force on 1 January); undefined for an unversioned table or a blank From. */
  readonly policyFrom: Date | undefined;
  readonly dealers: number;
  readonly total: number;
  /** What differs from the table as it was before the refresh. */
  readonly changes: readonly RebateChange[];
  /** The year's rows as written (or, for a preview, as they would be), statuses carried forward. */
  readonly rebates: readonly DealerRebate[];
  /** The table held no row of this year before: every dealer is new, which is no change to report. */
  readonly first: boolean;
}

const PURCHASE_TYPES: Readonly<Record<string, PurchaseKind>> = { purchase: "purchase", 进货: "purchase", return: "return", 退货: "return" };
const MODE_WORDS: Readonly<Record<string, RebateMode>> = { retroactive: "retroactive", 全额: "retroactive", incremental: "incremental", 累进: "incremental" };
const MODE_LABELS = ["Mode", "模式"];
export const REBATE_MODE_NAME = "RebateMode";

/**
 * Rows whose date falls outside the period are not read further: they cannot change this
 * rebate. Without a period, every row is read (the check command).
 */
export function readPurchases(data: TableData, period?: RebatePeriod): { records: PurchaseRecord[]; problems: RowProblem[] } {
  const reader = new RowReader(data);
  const records = reader.map((row): PurchaseRecord | undefined => {
    const date = reader.date("Date");
    if (period && !Number.isNaN(date.getTime()) && !inPeriod(date, period)) return undefined;
    const dealer = reader.requiredText("Dealer");
    const amount = reader.number("Amount");
    const typeText = reader.text("Type");
    const kind = typeText === "" ? undefined : PURCHASE_TYPES[typeText.toLowerCase()];
    if (typeText !== "" && !kind) reader.report(ruleError("value", "unknownChoice", { arg: reader.label("Type"), value: typeText, choices: Object.keys(PURCHASE_TYPES).join(", ") }));
    return { dealer, date, amount, kind, sheet: row.sheet, row: row.row };
  });
  return { records, problems: reader.problems };
}

export function readTiers(data: TableData): { tiers: RebateTier[]; problems: RowProblem[] } {
  const reader = new RowReader(data);
  const tiers = reader.map(() => ({ threshold: reader.number("Threshold"), rate: reader.number("Rate") }));
  if (reader.problems.length > 0) return { tiers, problems: reader.problems };
  const invalid = validateTiers(tiers, data.rows.map((r) => r.row));
  const at = data.rows.find((r) => r.row === invalid?.params.row) ?? data.rows[0];
  const problems = invalid ? [{ sheet: at?.sheet ?? data.ref.sheet, row: at?.row ?? 0, error: invalid }] : [];
  return { tiers, problems };
}

/** The cell named RebateMode, else the cell beside a "Mode"/"模式" label on the policy's sheet. */
export async function readRebateMode(tables: WorkbookTables, policySheet: string): Promise<{ mode: RebateMode; problems: RowProblem[] }> {
  const named = await tables.readNamedValue(REBATE_MODE_NAME);
  const labelled = named === undefined ? await tables.findLabelledValue(MODE_LABELS, { sheet: policySheet }) : undefined;
  const value = named ?? labelled?.value;
  if (value === undefined || isBlankCell(value)) return { mode: DEFAULT_REBATE_MODE, problems: [] };
  const mode = MODE_WORDS[textCell(value).toLowerCase()];
  if (mode) return { mode, problems: [] };
  const error = ruleError("value", "unknownChoice", { arg: named !== undefined ? REBATE_MODE_NAME : MODE_LABELS.join("/"), value: cellText(value), choices: Object.keys(MODE_WORDS).join(", ") });
  return { mode: DEFAULT_REBATE_MODE, problems: [{ sheet: labelled?.sheet ?? policySheet, row: labelled?.row ?? 0, error }] };
}

/** The tiers and mode a rebate year is computed on, and the From of their version. */
export interface YearTiers {
  readonly tiers: readonly RebateTier[];
  readonly mode: RebateMode;
  readonly from: Date | undefined;
  readonly problems: readonly RowProblem[];
}

/**
 * SPEC §4.2: a RebatePolicy with From or Status columns holds versions, and the year uses the
 * one in force on 1 January (nothing is computed on a version with problems, or one the log
 * does not bear out); without them the whole table is the tiers, as before versions existed.
 * The mode cell counts for a version whose rows give no Mode.
 */
export async function tiersForYear(tables: WorkbookTables, data: TableData, year: number, options: TableOptions): Promise<YearTiers> {
  const modeCell = await readRebateMode(tables, data.ref.sheet);
  const table = readRebateTable(data, modeCell.mode);
  if (!table.versioned) {
    const read = readTiers(data);
    return { tiers: read.tiers, mode: modeCell.mode, from: undefined, problems: [...read.problems, ...modeCell.problems] };
  }
  const logProblems = versionLogProblems(table.tableVersions, await readOutput(tables, "AuditLog", options));
  const { version, problems } = rebateVersionForYear(table, year, logProblems);
  const usesModeCell = version !== undefined && version.rows.every((r) => r.mode.trim() === "");
  return { tiers: version?.tiers ?? [], mode: version?.mode ?? modeCell.mode, from: version?.from, problems: [...problems, ...(usesModeCell ? modeCell.problems : [])] };
}

function previousRebates(existing: TableData | undefined) {
  return (existing?.rows ?? []).map((row) => ({
    dealer: textCell(row.values.Dealer),
    year: Number(row.values.Year),
    rebate: typeof row.values.Rebate === "number" ? row.values.Rebate : Number.NaN,
    status: textCell(row.values.Status),
    note: textCell(row.values.Note),
  }));
}

function rebateRow(r: DealerRebate, policyFrom: Date | undefined): RowValues {
  return {
    Dealer: r.dealer, Year: r.year, Gross: r.gross, Returns: r.returns, Net: r.net, Tier: r.tier ?? null, Rate: r.rate, Rebate: r.rebate, Status: r.status, Note: r.note,
    PolicyFrom: policyFrom ? workbookDate(policyFrom) : null,
  };
}

function lineRow(l: RebateLine): RowValues {
  return { Dealer: l.dealer, Date: workbookDate(l.date), Amount: l.amount, Share: l.share, Sheet: l.sheet, Row: l.row };
}

/** The rows carryForward kept (reviewed rebates of dealers without purchases), exactly as they were. */
function keptRows(existing: TableData | undefined, year: number, changes: readonly RebateChange[]): RowValues[] {
  const kept = new Set(changes.filter((c) => c.kind === "kept").map((c) => c.dealer));
  return (existing?.rows ?? []).map((r) => r.values).filter((v) => Number(v.Year) === year && kept.has(textCell(v.Dealer)));
}

const yearOfRow = (v: RowValues) => String(Number(v.Year));
const yearOfLine = (v: RowValues) => (v.Date instanceof Date ? String(localDate(v.Date).getFullYear()) : "");

/** No purchase at all, or none in the period: most likely the wrong year, so no year's rows are wiped. */
function emptyPurchases(data: TableData, period: RebatePeriod): RowProblem {
  if (data.rows.length === 0) return tableProblem(data, "tableEmpty");
  return tableProblem(data, "noRowsInPeriod", period.through ? `${period.year} → ${dayLabel(period.through)}` : String(period.year));
}

export async function refreshRebates(tables: WorkbookTables, options: RefreshRebatesOptions): Promise<ServiceOutcome<RebateSummary>> {
  const period: RebatePeriod = { year: options.year, through: options.through };
  const purchasesData = await readRequired(tables, "Purchases", options);
  const policyData = await readRequired(tables, "RebatePolicy", options);
  const purchases = readPurchases(purchasesData, period);
  const policy = await tiersForYear(tables, policyData, options.year, options);
  const problems = [...purchases.problems, ...policy.problems];
  if (problems.length === 0 && purchases.records.length === 0) problems.push(emptyPurchases(purchasesData, period));
  if (problems.length > 0) return problemsOutcome(problems);

  const statement = rebateStatement(purchases.records, policy.tiers, policy.mode, period);
  const existing = await readRewritable(tables, "Rebates", options);
  const previous = previousRebates(existing).filter((p) => p.year === options.year);
  const { rebates, changes } = carryForward(statement.rebates, previous);
  const fresh = rebates.map((r) => rebateRow(r, policy.from));
  const rows = mergePeriod(existing, yearOfRow, String(options.year), [...fresh, ...keptRows(existing, options.year, changes)]);
  const summary: RebateSummary = {
    year: options.year, mode: policy.mode, policyFrom: policy.from, dealers: rebates.length, total: sumMoney(...rebates.map((r) => r.rebate)), changes, rebates, first: previous.length === 0,
  };

  const existingLines = options.lines ? await readRewritable(tables, "RebateLines", options) : undefined;
  const lines = options.lines ? mergePeriod(existingLines, yearOfLine, String(options.year), statement.lines.map(lineRow)) : [];
  const rebatesSame = sameRows("Rebates", existing, rows);
  const linesSame = !options.lines || sameRows("RebateLines", existingLines, lines);
  return finishWrite(summary, rebatesSame && linesSame, options, async () => {
    const language = purchasesData.ref.language;
    // RebateLines first: putting its rows back restores it whole, while a Rebates table written
    // before PolicyFrom existed gains that column in the write, which putting rows back would not undo.
    const linesRef = linesSame ? undefined : await outputTable(tables, "RebateLines", language, existingLines, options);
    if (linesRef) await tables.replaceRows(linesRef, lines, options);
    try {
      const rebatesRef = await outputTable(tables, "Rebates", language, existing, options);
      if (!rebatesSame) await tables.replaceRows(rebatesRef, rows, options);
    } catch (error) {
      // The two tables must agree: put the RebateLines rows back as they were (none, if it was just created).
      if (linesRef) await tables.replaceRows(linesRef, existingLines ? existingLines.rows.map((r) => r.values) : []);
      throw error;
    }
  });
}

/** Who moves the rows: the audit entries name them. */
export interface RebateActor {
  readonly name: string;
  readonly role: Role;
}

export interface RebateMove {
  readonly dealer: string;
  readonly row: number;
  readonly from: RebateStatus;
  readonly to: RebateStatus;
}

/** A bulk step: the rows moved (each with its audit entry), those the role may not move, and those changed since read. */
export interface RebateMovesOutcome {
  readonly moved: readonly RebateMove[];
  readonly refused: readonly { readonly dealer: string; readonly row: number; readonly error: RuleError }[];
  readonly conflicts: readonly { readonly dealer: string; readonly row: number }[];
}

/**
 * Moves each row one step along Calculated → … → Paid where `actor.role` may, and only if the
 * row is unchanged since read; then one audit entry per row moved, in one append. If the log
 * cannot be written, every row moved is put back.
 */
export async function advanceRebates(tables: WorkbookTables, ref: TableRef, rows: readonly TableRow[], actor: RebateActor, options: AuditWriteOptions & { readonly now?: Date } = {}): Promise<RebateMovesOutcome> {
  const moved: { move: RebateMove; written: TableRow; before: TableRow }[] = [];
  const refused: RebateMovesOutcome["refused"][number][] = [];
  const conflicts: RebateMovesOutcome["conflicts"][number][] = [];
  for (const row of rows) {
    const dealer = textCell(row.values.Dealer);
    const from = normalizeRebateStatus(textCell(row.values.Status)) ?? "Calculated";
    const to = advanceRebateStatus(from, actor.role);
    if (isRuleError(to)) {
      refused.push({ dealer, row: row.row, error: to });
      continue;
    }
    const written = await tables.updateRow(ref, row, { Status: to });
    if (written.ok) moved.push({ move: { dealer, row: row.row, from, to }, written: written.row, before: row });
    else conflicts.push({ dealer, row: row.row });
  }
  const time = (options.now ?? new Date()).toISOString();
  const entries = moved.map(({ move, before }) => ({
    time, planId: rebateItemId(Number(before.values.Year), move.dealer), action: "advance", from: move.from, to: move.to, actor: actor.name, role: actor.role, comment: "",
  }));
  try {
    await appendAuditEntries(tables, entries, ref.language, options);
  } catch (error) {
    for (const { written, before } of moved) await tables.updateRow(ref, written, { Status: before.values.Status ?? null });
    throw error;
  }
  return { moved: moved.map((m) => m.move), refused, conflicts };
}
