import { describeError, formatMoney, type Language } from "../i18n";
import type { RowProblem } from "../rules";
import { bonusStatements, budgetReport, checkWorkbook, refreshRebates, verifyAuditLog } from "../services";
import type { WorkbookTables } from "../workbook";
import { usageProblem } from "./files/problem";
import type { Saved } from "./files/session";

export interface CommandContext {
  readonly lang: Language;
  readonly tables: WorkbookTables;
  /** Writes the result to --out or over the input (--in-place); undefined when neither was asked. */
  readonly save?: () => Promise<Saved>;
  /** Messages and progress: stderr. */
  readonly say: (key: string, params?: Record<string, unknown>) => void;
  /** Results: stdout. */
  readonly print: (line: string) => void;
}

/** Exit codes: 0 done, 1 data or file problems, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

function reportProblems(context: CommandContext, problems: readonly RowProblem[], heading = "problems"): number {
  context.say(heading, { count: problems.length });
  // Row 0: the problem is with the table as a whole.
  for (const problem of problems) context.say(problem.row > 0 ? "problemLine" : "problemTableLine", { sheet: problem.sheet, row: problem.row, reason: describeError(problem.error, context.lang) });
  return EXIT_DATA;
}

function sayUnchanged(context: CommandContext): number {
  context.say("unchanged");
  return EXIT_OK;
}

async function saveIfAsked(context: CommandContext): Promise<void> {
  if (!context.save) {
    context.say("dryRun");
    return;
  }
  const saved = await context.save();
  context.say("written", { path: saved.path });
  if (saved.backup) context.say("backup", { path: saved.backup });
}

function parseMonth(text: unknown): { year: number; month: number } {
  const match = /^(\d{4})-(\d{1,2})$/.exec(String(text ?? ""));
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw usageProblem("badMonth", { value: String(text) });
  return { year: Number(match[1]), month: Number(match[2]) };
}

function parseYear(text: unknown, today: Date): number {
  if (text === undefined) return today.getFullYear() - 1;
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw usageProblem("badYear", { value: String(text) });
  return year;
}

const progress = (context: CommandContext) => (p: { phase: "read" | "write"; done: number; total: number }) =>
  context.say(p.phase === "read" ? "progressRead" : "progressWrite", p);

export async function runRefreshRebates(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const today = new Date();
  const year = options.ytd ? today.getFullYear() : parseYear(options.year, today);
  const through = options.ytd ? today : undefined;
  const result = await refreshRebates(context.tables, { year, through, lines: Boolean(options.lines), onProgress: progress(context) });
  if (result.kind === "problems") return reportProblems(context, result.problems);
  const { dealers, total, changes } = result.summary;
  context.print(`year=${year} dealers=${dealers} total=${total.toFixed(2)} changes=${changes.length}`);
  context.say("rebateSummary", { dealers, total: formatMoney(total, context.lang), changes: changes.length });
  // New dealers are every row of a first refresh: only changes to rows already there are listed.
  for (const change of changes.filter((c) => c.kind !== "new")) {
    context.say(`change_${change.kind}`, { dealer: change.dealer, old: formatMoney(change.oldAmount ?? 0, context.lang), new: formatMoney(change.newAmount ?? 0, context.lang), status: change.status });
  }
  if (result.kind === "unchanged") return sayUnchanged(context);
  await saveIfAsked(context);
  return EXIT_OK;
}

export async function runBonus(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const month = parseMonth(options.month);
  const result = await bonusStatements(context.tables, month);
  if (result.kind === "problems") return reportProblems(context, result.problems);
  context.print(`month=${String(options.month)} statements=${result.summary.statements} total=${result.summary.total.toFixed(2)}`);
  context.say("bonusSummary", { reps: result.summary.statements, month: options.month, total: formatMoney(result.summary.total, context.lang) });
  if (result.kind === "unchanged") return sayUnchanged(context);
  await saveIfAsked(context);
  return EXIT_OK;
}

export async function runBudget(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const chosen = options.month ? parseMonth(options.month) : { year: parseYear(options.year, new Date()), month: undefined };
  const result = await budgetReport(context.tables, { ...chosen, yearToDate: Boolean(options.ytd) });
  if (result.kind === "problems") return reportProblems(context, result.problems);
  context.print(`rows=${result.summary.rows.length} over=${result.summary.over}`);
  context.say("budgetSummary", { rows: result.summary.rows.length, over: result.summary.over });
  if (result.kind === "unchanged") return sayUnchanged(context);
  await saveIfAsked(context);
  return EXIT_OK;
}

export async function runVerifyLog(context: CommandContext): Promise<number> {
  const result = await verifyAuditLog(context.tables);
  context.print(`entries=${result.count} intact=${!result.break}`);
  if (!result.break) {
    context.say("logOk", { count: result.count });
    return EXIT_OK;
  }
  return reportProblems(context, [{ sheet: result.break.sheet, row: result.break.row, error: result.break.error }], "logBroken");
}

export async function runCheck(context: CommandContext): Promise<number> {
  const check = await checkWorkbook(context.tables);
  for (const table of check.found) context.print(`${table.kind}\t${table.sheet}!${table.name}\t${table.rows}`);
  for (const kind of check.missing) context.say("tableMissing", { table: kind });
  for (const { error } of check.unusable) context.say("failed", { message: describeError(error, context.lang) });
  if (check.problems.length > 0) return reportProblems(context, check.problems, "checkProblems");
  if (check.unusable.length > 0) return EXIT_DATA;
  context.say("checkOk", { count: check.found.length });
  return EXIT_OK;
}
