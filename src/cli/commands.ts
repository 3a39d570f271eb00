import { describeError, formatMoney, listChoices, translate, uiText, type Language } from "../i18n";
import {
  dayLabel,
  defaultMonth,
  defaultYear,
  isRuleError,
  ITEM_TYPE_NAMES,
  monthLabel,
  parseMonth,
  parseYear,
  ROLE_NAMES,
  yearToDate,
  yearToDateMonth,
  type MonthPeriod,
  type Role,
  type RowProblem,
  type RuleError,
  type WorkflowAction,
} from "../rules";
import { actOnWorkItem, bonusStatements, budgetDates, budgetReport, checkWorkbook, purchaseDates, salesDates, columnOfField, findItems, itemId, listItems, mismatchError, mismatchProblem, refreshRebates, type ItemCheck, type ItemList, type WorkItem } from "../services";
import { columnSpec, type WorkbookTables } from "../workbook";
import { actorOf, checkLogBefore, keepNewKey, keyFor, rememberAfter } from "./act-signing";
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
  /** The clock (tests set it): "today" for commands whose date defaults to it. */
  readonly now: () => Date;
  /** The workbook as the user named it, for the commands a message suggests. */
  readonly file: string;
  /** The user's profile folder (./profile.ts): their signing key, the keys and log heads they have seen. */
  readonly profile: string;
}

/** Exit codes: 0 done, 1 data or file problems, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

export function reportProblems(context: CommandContext, problems: readonly RowProblem[], heading = "problems", params: Record<string, unknown> = {}): number {
  context.say(heading, { ...params, count: problems.length });
  // Row 0: the problem is with the table as a whole.
  for (const problem of problems) context.say(problem.row > 0 ? "problemLine" : "problemTableLine", { sheet: problem.sheet, row: problem.row, reason: describeError(problem.error, context.lang) });
  return EXIT_DATA;
}

function sayUnchanged(context: CommandContext): number {
  context.say("unchanged");
  return EXIT_OK;
}

export async function saveIfAsked(context: CommandContext): Promise<void> {
  if (!context.save) {
    context.say("dryRun");
    return;
  }
  const saved = await context.save();
  context.say("written", { path: saved.path });
  if (saved.backup) context.say("backup", { path: saved.backup });
}

/** A period option the rules refuse (src/rules/periods.ts) is a usage mistake, said in the rule's words. */
export function periodOption<T>(value: T | RuleError, context: CommandContext): T {
  if (isRuleError(value)) throw usageProblem("badPeriod", { reason: describeError(value, context.lang) });
  return value as T;
}

/**
 * --year and --month as given (both checked by the period rules), and the one year they name:
 * a --month of another year than --year is a usage mistake.
 */
function chosenPeriod(context: CommandContext, options: Record<string, unknown>): { year?: number; month?: MonthPeriod } {
  const today = context.now();
  const month = options.month === undefined ? undefined : periodOption(parseMonth(String(options.month), "--month", today), context);
  const year = options.year === undefined ? undefined : periodOption(parseYear(String(options.year), "--year", today), context);
  if (year !== undefined && month && month.year !== year) throw usageProblem("yearAndMonthDiffer", { year, month: monthLabel(month.year, month.month) });
  return { year: month?.year ?? year, month };
}

const progress = (context: CommandContext) => (p: { phase: "read" | "write"; done: number; total: number }) =>
  context.say(p.phase === "read" ? "progressRead" : "progressWrite", p);

/**
 * `refresh-rebates FILE [--year Y] [--ytd [--month YYYY-MM]]`: the year defaults to the latest
 * with purchases; year to date runs from 1 January through the end of --month, by default the
 * latest month of the year with purchases (src/rules/periods.ts), as in the pane.
 */
export async function runRefreshRebates(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const chosen = chosenPeriod(context, options);
  if (chosen.month && !options.ytd) throw usageProblem("monthNeedsYtd");
  const needsDates = chosen.year === undefined || (options.ytd && !chosen.month);
  const dates = needsDates ? await purchaseDates(context.tables) : [];
  const year = chosen.year ?? defaultYear(dates, context.now());
  const ytd = options.ytd ? yearToDate(year, yearToDateMonth(dates, year, chosen.month?.month)) : undefined;
  if (ytd) context.say("ytdPeriod", { period: ytd.label, through: dayLabel(ytd.through) });
  const result = await refreshRebates(context.tables, { year, through: ytd?.through, lines: Boolean(options.lines), onProgress: progress(context) });
  if (result.kind === "problems") return reportProblems(context, result.problems);
  const { dealers, total, changes, first } = result.summary;
  context.print(`year=${year} dealers=${dealers} total=${total.toFixed(2)} changes=${changes.length}${ytd ? ` through=${dayLabel(ytd.through)}` : ""}`);
  context.say(first ? "rebateSummaryFirst" : "rebateSummary", { dealers, total: formatMoney(total, context.lang), changes: changes.length });
  // New dealers are every row of a first refresh: only changes to rows already there are listed.
  for (const change of changes.filter((c) => c.kind !== "new")) {
    context.say(`change_${change.kind}`, { dealer: change.dealer, old: formatMoney(change.oldAmount ?? 0, context.lang), new: formatMoney(change.newAmount ?? 0, context.lang), status: change.status });
  }
  if (result.kind === "unchanged") return sayUnchanged(context);
  await saveIfAsked(context);
  return EXIT_OK;
}

/** `bonus FILE [--month YYYY-MM]`: the month defaults to the latest with sales. */
export async function runBonus(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const chosen = chosenPeriod(context, options).month;
  const month = chosen ?? defaultMonth(await salesDates(context.tables), context.now());
  const label = monthLabel(month.year, month.month);
  const result = await bonusStatements(context.tables, month);
  if (result.kind === "problems") return reportProblems(context, result.problems);
  context.print(`month=${label} statements=${result.summary.statements} total=${result.summary.total.toFixed(2)}`);
  context.say("bonusSummary", { reps: result.summary.statements, month: label, total: formatMoney(result.summary.total, context.lang) });
  if (result.kind === "unchanged") return sayUnchanged(context);
  await saveIfAsked(context);
  return EXIT_OK;
}

/**
 * `budget FILE [--year Y] [--month YYYY-MM] [--ytd]`: one month, year to date (through --month,
 * by default the latest month of the year with a booked Actual), or every month of the year;
 * the year defaults to the latest with a booked Actual.
 */
export async function runBudget(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const chosen = chosenPeriod(context, options);
  const needsDates = chosen.year === undefined || (options.ytd && !chosen.month);
  const dates = needsDates ? await budgetDates(context.tables) : [];
  const year = chosen.year ?? defaultYear(dates, context.now());
  const month = options.ytd ? yearToDateMonth(dates, year, chosen.month?.month) : chosen.month?.month;
  const result = await budgetReport(context.tables, { year, month, yearToDate: Boolean(options.ytd) });
  if (result.kind === "problems") return reportProblems(context, result.problems);
  const { rows, over, notBooked } = result.summary;
  context.print(`rows=${rows.length} over=${over} notBooked=${notBooked}`);
  context.say("budgetSummary", { rows: rows.length, over, notBooked });
  if (result.kind === "unchanged") return sayUnchanged(context);
  await saveIfAsked(context);
  return EXIT_OK;
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

/** key=value; a value holding spaces, quotes or "=" is quoted as JSON, so each line splits on spaces. */
export function field(key: string, value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return `${key}=${/[\s"=]/u.test(text) ? JSON.stringify(text) : text}`;
}

function dateText(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

function statusName(status: string, lang: Language): string {
  return uiText(lang, `status.${status}`);
}

function cliText(lang: Language, key: string, params: Record<string, unknown> = {}): string {
  return translate(lang, `cli.${key}`, params);
}

function roleName(role: Role | undefined, lang: Language): string {
  return role ? ROLE_NAMES[role][lang] : cliText(lang, "nobody");
}

/** A missing field by its column's header in the user's language ("payment" → Payment, 支付方式). */
function fieldName(item: WorkItem, field: string, lang: Language): string {
  const column = columnSpec(item.source, columnOfField(field));
  return column ? column[lang] : field;
}

/** One check in words, on stderr. */
function sayCheck(check: ItemCheck, item: WorkItem, context: CommandContext): void {
  const t = (key: string, params: Record<string, unknown> = {}) => cliText(context.lang, key, params);
  const money = (amount: number) => formatMoney(amount, context.lang);
  const detail = (() => {
    switch (check.check) {
      case "requiredFields":
        return check.missing.length === 0 ? t("detailFilled") : t("detailMissing", { fields: listChoices(check.missing.map((f) => fieldName(item, f, context.lang)), context.lang) });
      case "leadTime":
        return check.deadline ? t("detailDeadline", { date: dateText(check.deadline) }) : t("detailNoDates");
      case "budget":
        return check.remaining === undefined ? t("detailNoBudget", { amount: money(check.budget) }) : t("detailBudget", { amount: money(check.budget), remaining: money(check.remaining) });
      case "link":
        if (check.link === "") return t("detailLinkBlank");
        return check.status ? t("detailLink", { link: check.link, status: statusName(check.status, context.lang) }) : t("detailLinkMissing", { link: check.link, type: ITEM_TYPE_NAMES[check.wanted][context.lang] });
      case "policy":
        // A policy version's own rows, or those of the policy in force at a plan's start (SPEC §4.2).
        return check.ok ? t("detailPolicyOk") : t("detailPolicyRows", { rows: [...new Set(check.problems.map((p) => `${p.sheet}!${p.row}`))].join(", ") });
    }
  })();
  context.say(check.ok ? "checkPassed" : "checkFailed", { check: t(`checkName.${check.check}`), detail });
}

function checksField(item: WorkItem): string {
  return item.checks.map((c) => `${c.check}:${c.ok ? "ok" : "failed"}`).join(",");
}

function itemLine(item: WorkItem): string {
  const record = item.record;
  return [
    field("id", itemId(item)),
    field("table", item.source),
    field("row", item.row.row),
    field("type", record?.type),
    field("status", record?.status),
    field("next", item.next?.role),
    field("to", item.next?.to),
    field("checks", checksField(item)),
    field("problems", item.problems.length),
    // SPEC §5.4: the status the log records, only when the cell differs ("none": the log never names the item, so it must be Draft).
    ...(item.mismatch ? [field("logged", item.mismatch.logged ?? "none")] : []),
  ].join(" ");
}

function sayItem(context: CommandContext, item: WorkItem, withChecks: boolean): void {
  const where = { id: itemId(item), sheet: item.row.sheet, row: item.row.row };
  if (!item.record) {
    context.say("itemUnreadable", where);
    return;
  }
  const next = roleName(item.next?.role, context.lang);
  context.say("itemLine", { ...where, type: ITEM_TYPE_NAMES[item.record.type][context.lang], status: statusName(item.record.status, context.lang), next });
  if (item.mismatch) context.say("itemMismatch", { reason: describeError(mismatchError(item.mismatch), context.lang) });
  if (withChecks) for (const check of item.checks) sayCheck(check, item, context);
}

function sayChainProblems(context: CommandContext, list: ItemList): void {
  if (list.chainProblems.length > 0) reportProblems(context, list.chainProblems, "chainProblems");
}

/** `status FILE [--id ID]`: every item (or one) with its status, who acts next and its checks. */
export async function runStatus(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const list = await listItems(context.tables);
  const id = options.id === undefined ? undefined : String(options.id);
  const items = id === undefined ? list.items : findItems(list, id);
  if (id !== undefined && items.length === 0) {
    context.say("itemNotFound", { id });
    return EXIT_DATA;
  }
  if (list.items.length === 0 && id === undefined) context.say("noItems");
  for (const item of items) {
    context.print(itemLine(item));
    if (id !== undefined) sayItem(context, item, true);
  }
  if (id === undefined) context.say("itemsSummary", { count: items.length, waiting: items.filter((i) => i.next).length });
  sayChainProblems(context, list);
  const problems = items.flatMap((i) => [...i.problems, ...(i.mismatch ? [mismatchProblem(i.mismatch)] : [])]);
  if (problems.length > 0) reportProblems(context, problems, "checkProblems");
  return problems.length > 0 || list.chainProblems.length > 0 ? EXIT_DATA : EXIT_OK;
}

const ACTIONS: readonly WorkflowAction[] = ["approve", "return", "reject"];

/**
 * `act FILE --id ID --action A --as NAME --role ROLE [--comment T] [--confirm] [--older-copy]`:
 * one step, exactly as the pane takes it, signed with the profile's key (./act-signing.ts).
 */
export async function runAct(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const action = String(options.action ?? "") as WorkflowAction;
  if (!ACTIONS.includes(action)) throw usageProblem("badAction", { value: String(options.action ?? "") });
  const actor = actorOf(context, options);
  const key = await keyFor(context, actor);
  const id = String(options.id);
  const list = await listItems(context.tables);
  const matches = findItems(list, id);
  if (matches.length === 0) {
    context.say("itemNotFound", { id });
    return EXIT_DATA;
  }
  if (matches.length > 1) {
    context.say("itemAmbiguous", { id, count: matches.length, rows: matches.map((m) => `${m.row.sheet}!${m.row.row}`).join(", ") });
    return EXIT_DATA;
  }
  const [item] = matches;
  const olderCopy = Boolean(options.olderCopy);
  const before = await checkLogBefore(context, actor, key.key, olderCopy);
  if (!before) return EXIT_DATA;
  const { signer } = key.key;
  // A copy (--out) gets its own workbook ID, so that the original's witnesses do not take it for a rollback.
  const writeOptions = { signer, newWorkbookId: options.out !== undefined };
  const outcome = await actOnWorkItem(context.tables, list, { item, action, actor, comment: String(options.comment ?? ""), confirmFailures: Boolean(options.confirm) }, writeOptions).catch((error: unknown) => {
    if (isRuleError(error)) return { kind: "refused" as const, error };
    throw error;
  });
  switch (outcome.kind) {
    case "done": {
      context.print([field("id", itemId(item)), field("action", action), field("from", outcome.entry.from), field("to", outcome.status), field("seq", outcome.entry.seq)].join(" "));
      context.say("actDone", { id: itemId(item), from: statusName(outcome.entry.from, context.lang), to: statusName(outcome.status, context.lang), seq: outcome.entry.seq });
      await keepNewKey(context, key);
      await saveIfAsked(context);
      await rememberAfter(context, context.tables, actor, signer, before, olderCopy);
      return EXIT_OK;
    }
    case "refused":
      context.say("actRefused", { reason: describeError(outcome.error, context.lang) });
      if (outcome.error.code === "workflowBroken") sayChainProblems(context, list);
      return EXIT_DATA;
    case "checksFailed":
      context.say("actChecksFailed", { id: itemId(item) });
      for (const check of outcome.failed) sayCheck(check, item, context);
      context.say("actConfirmHint");
      return EXIT_DATA;
    case "conflict":
      context.say("actConflict", { id: itemId(item) });
      return EXIT_DATA;
  }
}
