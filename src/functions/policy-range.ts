import { describeRuleError } from "../i18n";
import {
  DEFAULT_POLICY,
  fromDay,
  isRuleError,
  nameReader,
  readPolicyVersions,
  resolvePolicy,
  ruleError,
  serialToDate,
  versionsThatMayCount,
  type Policy,
  type PolicyTableRow,
  type PolicyVersion,
  type RuleError,
  type VersionProblem,
} from "../rules";
import { dateCell, dateSerialCell, ElementFailure, fail, numberCell, textCell } from "./cells";
import { currentLanguage } from "./excel-errors";
import { isErrorCell, type Cell, type CellGrid } from "./grid";
import { provideTextEncoder } from "./text-encoder";

/**
 * The `policy` argument (SPEC §4.3): the Policy table 制度参数 passed as a range with its
 * header row. It is read into versions once, and resolved once per run of days between two
 * From dates, so that a 100,000-row call pays for it once, not per element; PAY_DATE and
 * PLAN_DEADLINE, whose dates are their own asOf, pay once per run, not per date.
 */
export interface PolicyArgument {
  /**
   * The policy in force on a day (an Excel serial; undefined: every approved version). Fails,
   * as a #VALUE! naming the row, on a problem of a version that counts that day.
   */
  policyOn(day: number | undefined): Policy;
}

/** Without a policy range: the built-in values of SPEC §1, exactly as before policies were data. */
const BUILT_IN: PolicyArgument = { policyOn: () => DEFAULT_POLICY };

/**
 * The ranges read last, newest first, with a copy of their cells: a formula filled down a
 * column calls the function once per row with the same Policy table, in a fresh array each
 * time, and reading it costs a hundred times one row's bonus. Results still depend only on
 * the arguments.
 */
const recentRanges: { readonly cells: CellGrid; readonly argument: PolicyArgument }[] = [];
const RECENT_RANGES = 8;

const COLUMNS = ["Rule", "Rank", "Threshold", "Value", "From", "Status", "Owner", "Note"] as const;
type Column = (typeof COLUMNS)[number];

const COLUMN_NAMES: Readonly<Record<Column, { en: string; zh: string }>> = {
  Rule: { en: "Rule", zh: "规则" },
  Rank: { en: "Rank", zh: "职级" },
  Threshold: { en: "Threshold", zh: "门槛" },
  Value: { en: "Value", zh: "值" },
  From: { en: "From", zh: "生效日期" },
  Status: { en: "Status", zh: "状态" },
  Owner: { en: "Owner", zh: "提交人" },
  Note: { en: "Note", zh: "备注" },
};
const REQUIRED_COLUMNS: readonly Column[] = ["Rule", "Value"];
const readColumnName = nameReader(COLUMNS, COLUMN_NAMES);

/** Where each column is (its index in the range) and how the range's header names it. */
type ColumnsFound = Partial<Record<Column, { readonly index: number; readonly header: string }>>;

/** The policy argument of one call; a missing header, or a From or Status cell that cannot be read, fails the whole call. */
export function policyArgument(grid: CellGrid | null | undefined): PolicyArgument {
  if (!grid) return BUILT_IN;
  const recent = recentRanges.find(({ cells }) => sameCells(cells, grid));
  if (recent) return recent.argument;
  const argument = readPolicyRange(grid);
  recentRanges.unshift({ cells: grid.map((row) => [...row]), argument });
  if (recentRanges.length > RECENT_RANGES) recentRanges.pop();
  return argument;
}

function sameCells(a: CellGrid, b: CellGrid): boolean {
  return a.length === b.length && a.every((row, r) => row.length === b[r].length && row.every((cell, c) => sameCell(cell, b[r][c])));
}

/** Excel hands over error cells as fresh objects: the same error is the same code. */
function sameCell(a: Cell, b: Cell): boolean {
  if (isErrorCell(a)) return isErrorCell(b) && a.code === b.code && a.errorType === b.errorType;
  return Object.is(a, b);
}

/** `asOf`: one date (a serial or date text, like every date argument); blank: undefined. */
export function asOfDay(cell: Cell | CellGrid): number | undefined {
  const single = Array.isArray(cell) && cell.length === 1 && cell[0].length === 1 ? cell[0][0] : cell;
  return dateSerialCell(Array.isArray(single) ? String(single) : single, "asOf");
}

/** A cell that cannot be read, and the From day of its row's version: a problem only on days that version counts. */
type CellProblem = VersionProblem & { readonly day: number };

/** Rows are numbered within the range, the header row being row 1; blank rows are left to the rules, which skip them. */
function readPolicyRange(grid: CellGrid): PolicyArgument {
  provideTextEncoder(); // readPolicyVersions hashes each version
  const columns = readHeaders(grid[0]);
  const rows: PolicyTableRow[] = [];
  const cellProblems: CellProblem[] = [];
  for (let i = 1; i < grid.length; i++) {
    const { read, problem } = readRow(grid[i], i + 1, columns);
    rows.push(read);
    if (problem) cellProblems.push({ ...problem, day: fromDay(read.from) });
  }
  const { versions } = readPolicyVersions(rows, { hasStatusColumn: columns.Status !== undefined });
  return resolvingOnce(versions, cellProblems);
}

function readHeaders(headers: readonly Cell[]): ColumnsFound {
  const found: ColumnsFound = {};
  headers.forEach((cell, index) => {
    const header = typeof cell === "string" ? cell : "";
    const column = readColumnName(header);
    if (column === undefined) return;
    const other = found[column];
    if (other) fail(ruleError("value", "policyRangeDuplicateColumn", { column: columnLabel(column), columns: `${other.index + 1}, ${index + 1}` }));
    found[column] = { index, header: header.trim() };
  });
  const missing = REQUIRED_COLUMNS.find((column) => found[column] === undefined);
  if (missing) fail(ruleError("value", "policyRangeMissingColumn", { column: columnLabel(missing) }));
  return found;
}

function columnLabel(column: Column): string {
  return `${COLUMN_NAMES[column].en} ${COLUMN_NAMES[column].zh}`;
}

/**
 * One data row as the rules read a Policy table row. A From or Status that cannot be read
 * fails the call (the row's version, or whether it counts, is unknown); any other cell that
 * cannot be read is left blank and returned as the row's problem.
 */
function readRow(cells: readonly Cell[], row: number, columns: ColumnsFound): { read: PolicyTableRow; problem?: VersionProblem } {
  let problem: RuleError | undefined;
  const cellOf = (column: Column): Cell => {
    const found = columns[column];
    return found === undefined ? undefined : cells[found.index];
  };
  const header = (column: Column) => columns[column]?.header ?? column;
  const attempt = <T>(column: Column, read: (cell: Cell, arg: string) => T, blank: T): T => {
    const outcome = readCell(cellOf(column), header(column), read);
    if (!isRuleError(outcome)) return outcome;
    problem ??= outcome;
    return blank;
  };
  const certain = <T>(column: Column, read: (cell: Cell, arg: string) => T): T => {
    const outcome = readCell(cellOf(column), header(column), read);
    return isRuleError(outcome) ? fail(rowFailure({ row, error: outcome })) : outcome;
  };
  const text = (cell: Cell) => textCell(cell) ?? "";
  const number = (cell: Cell, arg: string) => numberCell(cell, arg, undefined);
  const read: PolicyTableRow = {
    row,
    from: certain("From", dateCell),
    status: certain("Status", text),
    rule: attempt("Rule", text, ""),
    rank: attempt("Rank", text, ""),
    threshold: attempt("Threshold", number, undefined),
    value: attempt("Value", number, undefined),
    owner: attempt("Owner", text, ""),
    note: attempt("Note", text, ""),
  };
  return { read, problem: problem && { row, error: problem } };
}

/** A cell read as every argument's cells are read; what stops it, as a rule error (an Excel error in the cell included). */
function readCell<T>(cell: Cell, arg: string, read: (cell: Cell, arg: string) => T): T | RuleError {
  try {
    return read(cell, arg);
  } catch (failure) {
    if (!(failure instanceof ElementFailure)) throw failure;
    const { reason } = failure;
    return isRuleError(reason) ? reason : ruleError("value", "policyRangeErrorCell", { column: arg, value: reason.code ?? reason.errorType ?? "#VALUE!" });
  }
}

/** A problem of the policy range, as the #VALUE! of the call: the row, and what is wrong with it in the user's language. */
function rowFailure(problem: VersionProblem): RuleError {
  return ruleError("value", "policyRangeRow", { row: problem.row, reason: describeRuleError(problem.error, currentLanguage()) });
}

/**
 * What is in force on a day depends only on which versions that may count start on or
 * before it, so days are resolved once per run between two such From dates.
 */
function resolvingOnce(versions: readonly PolicyVersion[], cellProblems: readonly CellProblem[]): PolicyArgument {
  const starts = versionsThatMayCount(versions).map((v) => fromDay(v.from));
  const byRun = new Map<number, Policy | VersionProblem>();
  return {
    policyOn(day) {
      const run = day === undefined ? starts.length : starts.filter((start) => start <= day).length;
      let policy = byRun.get(run);
      if (policy === undefined) {
        policy = resolveOn(versions, cellProblems, day);
        byRun.set(run, policy);
      }
      // The message is written at each call, in the language of that call.
      return isProblem(policy) ? fail(rowFailure(policy)) : policy;
    },
  };
}

function isProblem(resolved: Policy | VersionProblem): resolved is VersionProblem {
  return (resolved as Partial<VersionProblem>).error !== undefined;
}

/**
 * The policy in force on `day`, or the first problem by row that stops it: of the versions
 * that count or may count that day, and their cells that cannot be read. A cell's problem
 * comes before the rules' problem with the same row (which only says the cell is blank): the
 * sort is stable.
 */
function resolveOn(versions: readonly PolicyVersion[], cellProblems: readonly CellProblem[], day: number | undefined): Policy | VersionProblem {
  const asOf = day === undefined ? undefined : serialToDate(day);
  const { policy, problems } = resolvePolicy(versions, asOf);
  const counting = new Set(versionsThatMayCount(versions, asOf).map((v) => fromDay(v.from)));
  const first = [...cellProblems.filter((p) => counting.has(p.day)), ...problems].sort((a, b) => a.row - b.row)[0];
  return first ?? policy;
}
