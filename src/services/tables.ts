import { cellsEqual, findNamedTable, requireTable, tableSpec, WorkbookError, type HeaderLanguage, type ProgressOptions, type RowValues, type TableData, type TableKind, type TableNames, type TableRef, type WorkbookTables } from "../workbook";

export type { TableNames };

export interface TableOptions extends ProgressOptions {
  readonly tableNames?: TableNames;
}

export async function readRequired(tables: WorkbookTables, kind: TableKind, options: TableOptions = {}): Promise<TableData> {
  return tables.readTable(await requireTable(tables, kind, options.tableNames), options);
}

/** The table's current rows, or none when it does not exist (yet, for the add-in's own tables). */
export async function readOutput(tables: WorkbookTables, kind: TableKind, options: TableOptions = {}): Promise<TableData | undefined> {
  const ref = await findNamedTable(tables, kind, options.tableNames);
  return ref ? tables.readTable(ref, options) : undefined;
}

/** An input table a workbook may lack: none when it is missing, unless the user named it in Settings, which readRequired reports. */
export async function readOptional(tables: WorkbookTables, kind: TableKind, options: TableOptions = {}): Promise<TableData | undefined> {
  return options.tableNames?.[kind] ? readRequired(tables, kind, options) : readOutput(tables, kind, options);
}

/**
 * An output table the service will rewrite, as it is now. Columns of the user's own in it
 * would be blanked by the rewrite, so their presence stops the service before any write.
 */
export async function readRewritable(tables: WorkbookTables, kind: TableKind, options: TableOptions = {}): Promise<TableData | undefined> {
  const data = await readOutput(tables, kind, options);
  if (!data) return undefined;
  const known = new Set(Object.values(data.columnMap));
  const foreign = data.ref.headers.filter((header, position) => !known.has(position) && header.trim() !== "");
  if (foreign.length > 0) throw new WorkbookError("foreignColumns", { table: kind, tableName: data.ref.name, sheet: data.ref.sheet, headers: foreign });
  return data;
}

/** Where the add-in puts its own tables when they are missing: a sheet named in the workbook's language. */
const OUTPUT_SHEETS: Partial<Record<TableKind, { en: string; zh: string }>> = {
  Rebates: { en: "Rebates", zh: "返利" },
  RebateLines: { en: "RebateLines", zh: "返利明细" },
  Bonuses: { en: "Bonuses", zh: "奖金" },
  BudgetReport: { en: "BudgetReport", zh: "预算报告" },
  AuditLog: { en: "AuditLog", zh: "审计日志" },
  AuditHead: { en: "AuditHead", zh: "审计链头" },
};

export async function outputTable(tables: WorkbookTables, kind: TableKind, language: HeaderLanguage, existing: TableData | undefined, options: TableOptions = {}): Promise<TableRef> {
  if (existing) return existing.ref;
  const sheets = OUTPUT_SHEETS[kind] ?? { en: kind, zh: kind };
  return tables.ensureTable(kind, { sheetName: sheets[language], tableName: options.tableNames?.[kind] ?? tableSpec(kind).defaultName, language });
}

/**
 * True when `rows` is exactly what the table holds now, column by column of the table's
 * spec. A column the table lacks holds blanks: a value for it is a change (replaceRows adds it).
 */
export function sameRows(kind: TableKind, existing: TableData | undefined, rows: readonly RowValues[]): boolean {
  if (!existing) return rows.length === 0;
  if (existing.rows.length !== rows.length) return false;
  const ids = tableSpec(kind).columns.map((c) => c.id);
  return rows.every((row, i) => ids.every((id) => cellsEqual(existing.rows[i].values[id] ?? null, row[id] ?? null)));
}

/**
 * The period's fresh rows take the place of its old ones, before the first row of a later
 * period, so that other periods stay as they were and a rerun reproduces the same table.
 */
export function mergePeriod(existing: TableData | undefined, periodOf: (values: RowValues) => string, period: string, fresh: readonly RowValues[]): RowValues[] {
  const others = (existing?.rows ?? []).map((r) => r.values).filter((v) => periodOf(v) !== period);
  const at = others.findIndex((v) => periodOf(v) > period);
  return at === -1 ? [...others, ...fresh] : [...others.slice(0, at), ...fresh, ...others.slice(at)];
}
