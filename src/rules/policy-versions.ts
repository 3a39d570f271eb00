import { isRuleError, ruleError, type RuleError } from "./errors";
import { normalizeRankCode } from "./ranks";
import {
  parsePolicyRule,
  POLICY_RULE_SHAPES,
  POLICY_RULES,
  type PolicyRow,
  type PolicyRule,
  type PolicyRuleShape,
} from "./policy-rules";
import {
  compareNumbers,
  compareText,
  fromLabel,
  groupVersions,
  hashLines,
  hashNumber,
  rowProblem,
  type VersionProblem,
  type VersionStatus,
} from "./versions";

/**
 * Reading the Policy table 制度参数 (SPEC §4.1–4.2) into versions: each row checked, the
 * rows grouped by From, and each version's status, problems, ID and hash.
 */

/** One row of the Policy table as the services read it: numbers already numbers (17% is 0.17), blanks undefined or "". */
export interface PolicyTableRow {
  readonly row: number;
  readonly rule: string;
  readonly rank: string;
  readonly threshold: number | undefined;
  readonly value: number | undefined;
  readonly from: Date | undefined;
  readonly status: string;
  readonly owner: string;
  readonly note: string;
}

export interface PolicyTableOptions {
  /** Without a Status column every row counts as approved. */
  readonly hasStatusColumn: boolean;
}

export interface PolicyVersion {
  /** POLICY-YYYY-MM-DD */
  readonly id: string;
  /** Undefined for a blank From (1900-01-01). */
  readonly from: Date | undefined;
  /** Undefined when its rows' statuses differ or one cannot be read: it never counts. */
  readonly status: VersionStatus | undefined;
  /** The rows that could be read (rule and, where needed, rank known), in table order. */
  readonly rows: readonly PolicyRow[];
  /** Every row as written: what the hash covers. */
  readonly tableRows: readonly PolicyTableRow[];
  /** Who submitted it (the Owner cells, each name once): none of them may approve it. */
  readonly owners: readonly string[];
  /** policyVersionHash of its rows, for the audit log. */
  readonly hash: string;
  readonly problems: readonly VersionProblem[];
}

/** The Policy table's versions, oldest first, and every problem of every row, in row order. */
export function readPolicyVersions(rows: readonly PolicyTableRow[], options: PolicyTableOptions): { versions: PolicyVersion[]; problems: VersionProblem[] } {
  const versions = groupVersions(rows.filter((row) => !isBlankRow(row)), options.hasStatusColumn).map((version): PolicyVersion => {
    const problems = [...version.problems];
    const read = version.rows.map((row) => readPolicyRow(row, problems)).filter((row): row is PolicyRow => row !== undefined);
    problems.push(...duplicateProblems(read), ...thresholdOrderProblems(read));
    return {
      id: policyVersionId(version.from),
      from: version.from,
      status: version.status,
      rows: read,
      tableRows: version.rows,
      owners: [...new Set(version.rows.map((row) => row.owner.trim()).filter((owner) => owner !== ""))],
      hash: policyVersionHash(version.rows),
      problems: problems.sort((a, b) => a.row - b.row),
    };
  });
  return { versions, problems: versions.flatMap((v) => v.problems).sort((a, b) => a.row - b.row) };
}

function isBlankRow(row: PolicyTableRow): boolean {
  const texts = [row.rule, row.rank, row.status, row.owner, row.note];
  return texts.every((text) => text.trim() === "") && row.threshold === undefined && row.value === undefined && row.from === undefined;
}

/** A row with its rule and rank as codes, or undefined when the rule, or a rank it needs, cannot be read. */
function readPolicyRow(row: PolicyTableRow, problems: VersionProblem[]): PolicyRow | undefined {
  const report = (error: RuleError | undefined) => error && problems.push(rowProblem(row.row, error));
  const rule = parsePolicyRule(row.rule);
  if (!rule) return void report(ruleError("value", "policyUnknownRule", { value: row.rule.trim(), choices: POLICY_RULES.join(", ") }));
  const shape = POLICY_RULE_SHAPES[rule];
  report(thresholdProblem(rule, shape, row.threshold));
  report(valueProblem(rule, shape, row.value));
  const rank = readRank(rule, shape, row.rank);
  if (isRuleError(rank)) return void report(rank);
  if (shape.rank === "none" && row.rank.trim() !== "") report(ruleError("value", "policyRankNotUsed", { rule, value: row.rank.trim() }));
  return { row: row.row, rule, rank, threshold: shape.threshold ? row.threshold : undefined, value: row.value };
}

/** The rank code a rule's row is for; undefined for a rule without ranks; the problem when a needed rank is blank or unknown. */
function readRank(rule: PolicyRule, shape: PolicyRuleShape, text: string): string | undefined | RuleError {
  if (shape.rank === "none") return undefined;
  if (text.trim() === "") return ruleError("value", "policyRankMissing", { rule });
  return normalizeRankCode(text) ?? ruleError("value", "unknownRank", { arg: rule, value: text.trim() });
}

function thresholdProblem(rule: PolicyRule, shape: PolicyRuleShape, threshold: number | undefined): RuleError | undefined {
  if (!shape.threshold) return threshold === undefined ? undefined : ruleError("value", "policyThresholdNotUsed", { rule, value: threshold });
  if (threshold === undefined) return ruleError("value", "policyThresholdMissing", { rule });
  return threshold < 0 ? ruleError("num", "negativeAmount", { arg: rule, value: threshold }) : undefined;
}

/**
 * Rates at most 100% (PerformanceRatio too); BudgetTolerance below 100%, as BUDGET_VARIANCE
 * requires; counts and months whole; days of the month from the 1st to the rule's last.
 */
function valueProblem(rule: PolicyRule, shape: PolicyRuleShape, value: number | undefined): RuleError | undefined {
  if (value === undefined) return shape.blankIsZero ? undefined : ruleError("value", "policyValueMissing", { rule });
  if (value < 0) return ruleError("num", "negativeAmount", { arg: rule, value });
  switch (shape.value) {
    case "rate":
      return value > 1 ? ruleError("num", "policyRateAbove100", { rule, value }) : undefined;
    case "tolerance":
      return value >= 1 ? ruleError("num", "toleranceOutOfRange", { arg: rule, value }) : undefined;
    case "count":
      return Number.isInteger(value) ? undefined : ruleError("num", "notWholeNumber", { arg: rule, value });
    case "day": {
      const max = shape.maxDay as number;
      return Number.isInteger(value) && value >= 1 && value <= max ? undefined : ruleError("num", "policyDayOutOfRange", { rule, value, max });
    }
  }
  return undefined; // an amount: any from 0
}

/**
 * What a version may give once: a rule's value, a rank's, or a BaseRate step (one row per
 * threshold). MorningStar and OpeningStar have one row per rank, whatever its threshold:
 * a group has one threshold.
 */
function entryOf(row: PolicyRow): string {
  const steps = POLICY_RULE_SHAPES[row.rule].threshold && POLICY_RULE_SHAPES[row.rule].rank === "none";
  return [row.rule, POLICY_RULE_SHAPES[row.rule].rank === "perRank" ? row.rank : undefined, steps ? hashNumber(row.threshold) : undefined].filter((part) => part !== undefined).join(" ");
}

function duplicateProblems(rows: readonly PolicyRow[]): VersionProblem[] {
  const first = new Map<string, PolicyRow>();
  const problems: VersionProblem[] = [];
  for (const row of rows) {
    const entry = entryOf(row);
    const other = first.get(entry);
    if (other) problems.push(rowProblem(row.row as number, ruleError("value", "policyDuplicateRow", { entry, otherRow: other.row as number })));
    else first.set(entry, row);
  }
  return problems;
}

/** BaseRate's steps ascend in table order (an equal threshold is a duplicate row). */
function thresholdOrderProblems(rows: readonly PolicyRow[]): VersionProblem[] {
  const problems: VersionProblem[] = [];
  const steps = rows.filter((row) => row.rule === "BaseRate" && row.threshold !== undefined);
  for (let i = 1; i < steps.length; i++) {
    const [previous, value] = [steps[i - 1].threshold as number, steps[i].threshold as number];
    if (value < previous) problems.push(rowProblem(steps[i].row as number, ruleError("value", "policyThresholdsNotAscending", { rule: "BaseRate", value, previous })));
  }
  return problems;
}

/** POLICY-YYYY-MM-DD: the Approvals page's ID for the Policy version from that date (blank: 1900-01-01). */
export function policyVersionId(from: Date | undefined): string {
  return `POLICY-${fromLabel(from)}`;
}

/** A row as hashed: any Policy table row, read or as written. */
export interface PolicyHashRow {
  readonly rule: string;
  readonly rank: string | undefined;
  readonly threshold: number | undefined;
  readonly value: number | undefined;
}

/**
 * The version hash the audit log records (SPEC §4.2): SHA-256 (hex) over the rows sorted by
 * Rule, Rank, Threshold, each written `Rule|Rank|Threshold|Value` with the rule and rank as
 * English codes (text that is neither stays as written, trimmed) and numbers in shortest
 * round-trip form, joined by "\n". Rule and Rank sort by code units, Threshold by size
 * (blank first); Value breaks ties.
 */
export function policyVersionHash(rows: readonly PolicyHashRow[]): string {
  const lines = rows
    .map((row) => ({ ...row, rule: parsePolicyRule(row.rule) ?? row.rule.trim(), rank: hashRank(row.rank) }))
    .sort((a, b) => compareText(a.rule, b.rule) || compareText(a.rank, b.rank) || compareNumbers(a.threshold, b.threshold) || compareNumbers(a.value, b.value))
    .map((row) => `${row.rule}|${row.rank}|${hashNumber(row.threshold)}|${hashNumber(row.value)}`);
  return hashLines(lines);
}

function hashRank(rank: string | undefined): string {
  const text = rank?.trim() ?? "";
  return normalizeRankCode(text) ?? text;
}
