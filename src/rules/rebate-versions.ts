import { dayLabel } from "./dates";
import { ruleError, type RuleError } from "./errors";
import { nameReader } from "./names";
import { DEFAULT_REBATE_MODE, REBATE_MODES, type RebateMode, type RebateTier } from "./rebate";
import {
  compareNumbers,
  fromLabel,
  groupVersions,
  hashLines,
  hashNumber,
  rowProblem,
  versionsInForce,
  versionsThatMayCount,
  type VersionProblem,
  type VersionStatus,
} from "./versions";

/**
 * Versions of the RebatePolicy table (SPEC §4.2): one version is all tier rows sharing a
 * From, replacing the tiers whole, with one Mode. A rebate year uses the version in force
 * on 1 January. Without From and Status columns the table is one approved version.
 */

/** One RebatePolicy row as the services read it: rates already fractions (2% is 0.02); `mode` blank without a Mode column. */
export interface RebateTableRow {
  readonly row: number;
  readonly threshold: number | undefined;
  readonly rate: number | undefined;
  readonly from: Date | undefined;
  readonly status: string;
  readonly mode: string;
}

export interface RebateTableOptions {
  /** Without a Status column every row counts as approved. */
  readonly hasStatusColumn: boolean;
  /** The RebateMode cell (SPEC §3.2): the mode of a version whose rows give none. Default retroactive. */
  readonly modeCell?: RebateMode;
}

export interface RebateVersion {
  /** REBATE-YYYY-MM-DD */
  readonly id: string;
  /** Undefined for a blank From (1900-01-01). */
  readonly from: Date | undefined;
  /** Undefined when its rows' statuses differ or one cannot be read: it never counts. */
  readonly status: VersionStatus | undefined;
  /** The rows with both a threshold and a rate, in table order. */
  readonly tiers: readonly RebateTier[];
  readonly mode: RebateMode;
  readonly rows: readonly RebateTableRow[];
  /** rebateVersionHash of its rows and mode, for the audit log. */
  readonly hash: string;
  readonly problems: readonly VersionProblem[];
}

const MODE_NAMES = {
  retroactive: { en: "retroactive", zh: "全额" },
  incremental: { en: "incremental", zh: "累进" },
} as const;

/** retroactive/全额/全额返利 or incremental/累进/累进返利, in any case. */
export const parseRebateMode: (text: string) => RebateMode | undefined = nameReader(REBATE_MODES, MODE_NAMES, { retroactive: ["全额返利"], incremental: ["累进返利"] });

/** The RebatePolicy table's versions, oldest first, and every problem, in row order. */
export function readRebateVersions(rows: readonly RebateTableRow[], options: RebateTableOptions): { versions: RebateVersion[]; problems: VersionProblem[] } {
  const nonBlank = rows.filter((r) => r.threshold !== undefined || r.rate !== undefined || r.from !== undefined || [r.status, r.mode].some((t) => t.trim() !== ""));
  const versions = groupVersions(nonBlank, options.hasStatusColumn).map((version): RebateVersion => {
    const problems = [...version.problems, ...version.rows.flatMap(tierProblems), ...orderProblems(version.rows)];
    const mode = versionMode(version.rows, options.modeCell ?? DEFAULT_REBATE_MODE, problems);
    const tiers = version.rows.filter((r) => r.threshold !== undefined && r.rate !== undefined).map((r) => ({ threshold: r.threshold as number, rate: r.rate as number }));
    const { from, status } = version;
    return { id: rebateVersionId(from), from, status, tiers, mode, rows: version.rows, hash: rebateVersionHash(version.rows, mode), problems: problems.sort((a, b) => a.row - b.row) };
  });
  return { versions, problems: versions.flatMap((v) => v.problems).sort((a, b) => a.row - b.row) };
}

/** A tier row's own problems: a blank cell, a negative threshold, a rate below 0 or above 100%. */
function tierProblems(row: RebateTableRow): VersionProblem[] {
  const errors: RuleError[] = [];
  if (row.threshold === undefined) errors.push(ruleError("value", "rebateThresholdMissing"));
  else if (row.threshold < 0) errors.push(ruleError("num", "negativeAmount", { arg: "tiers", value: row.threshold }));
  if (row.rate === undefined) errors.push(ruleError("value", "rebateRateMissing"));
  else if (row.rate < 0) errors.push(ruleError("num", "rateNegative", { row: row.row, value: row.rate }));
  else if (row.rate > 1) errors.push(ruleError("num", "rateLooksLikePercent", { row: row.row, value: row.rate }));
  return errors.map((error) => rowProblem(row.row, error));
}

/** Thresholds ascend strictly in table order, as in REBATE's tiers. */
function orderProblems(rows: readonly RebateTableRow[]): VersionProblem[] {
  const withThreshold = rows.filter((r) => r.threshold !== undefined);
  const problems: VersionProblem[] = [];
  for (let i = 1; i < withThreshold.length; i++) {
    const { row, threshold } = withThreshold[i];
    if ((threshold as number) <= (withThreshold[i - 1].threshold as number)) problems.push(rowProblem(row, ruleError("value", "tiersNotAscending", { row, value: threshold as number })));
  }
  return problems;
}

/**
 * The version's mode: the one its Mode cells give (a blank cell gives none), else the
 * RebateMode cell. Two different modes in one version, or a word that is no mode, are problems.
 */
function versionMode(rows: readonly RebateTableRow[], modeCell: RebateMode, problems: VersionProblem[]): RebateMode {
  const written = new Map<RebateMode, number[]>();
  for (const row of rows) {
    if (row.mode.trim() === "") continue;
    const mode = parseRebateMode(row.mode);
    if (mode) written.set(mode, [...(written.get(mode) ?? []), row.row]);
    else problems.push(rowProblem(row.row, ruleError("value", "unknownChoice", { arg: "Mode", value: row.mode.trim(), choices: REBATE_MODES.join(", ") })));
  }
  if (written.size > 1) {
    const modes = [...written].map(([mode, modeRows]) => `${mode}: ${modeRows.join(", ")}`).join("; ");
    problems.push(rowProblem(rows[0].row, ruleError("value", "rebateModeMixed", { from: fromLabel(rows[0].from), modes })));
  }
  return written.keys().next().value ?? modeCell;
}

/** REBATE-YYYY-MM-DD: the Approvals page's ID for the RebatePolicy version from that date (blank: 1900-01-01). */
export function rebateVersionId(from: Date | undefined): string {
  return `REBATE-${fromLabel(from)}`;
}

/** SPEC §4.2: each tier `Rebate||Threshold|Rate`, sorted by threshold, then a final `Mode||||mode`; SHA-256, hex. */
export function rebateVersionHash(tiers: readonly { readonly threshold: number | undefined; readonly rate: number | undefined }[], mode: RebateMode): string {
  const lines = [...tiers].sort((a, b) => compareNumbers(a.threshold, b.threshold) || compareNumbers(a.rate, b.rate)).map((t) => `Rebate||${hashNumber(t.threshold)}|${hashNumber(t.rate)}`);
  return hashLines([...lines, `Mode||||${mode}`]);
}

export interface RebatePolicyInForce {
  /** The newest approved version with From on or before the date; undefined when there is none. */
  readonly version: RebateVersion | undefined;
  /** Problems of the versions that count or may count on that date: when any, compute nothing. */
  readonly problems: readonly VersionProblem[];
  /** Set when no version is in force: nothing can be computed. */
  readonly missing: RuleError | undefined;
}

/** The RebatePolicy in force on `date`. */
export function rebatePolicyInForce(versions: readonly RebateVersion[], date: Date): RebatePolicyInForce {
  const version = versionsInForce(versions, date).at(-1);
  const problems = versionsThatMayCount(versions, date).flatMap((v) => v.problems);
  return { version, problems, missing: version ? undefined : ruleError("value", "rebatePolicyNotInForce", { date: dayLabel(date) }) };
}

/** A rebate year uses the RebatePolicy in force on 1 January of that year. */
export function rebatePolicyForYear(versions: readonly RebateVersion[], year: number): RebatePolicyInForce {
  return rebatePolicyInForce(versions, new Date(year, 0, 1));
}
