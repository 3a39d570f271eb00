import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { dateToSerial, dayLabel } from "./dates";
import { ruleError, type RuleError } from "./errors";
import { nameReader, type Names } from "./names";

/**
 * Versions of a table of rules (SPEC §4.2), shared by the Policy and RebatePolicy tables:
 * a version is the rows sharing one From date; its Status decides whether it counts.
 */
export const VERSION_STATUSES = ["Draft", "Approved", "Rejected"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const VERSION_STATUS_NAMES: Readonly<Record<VersionStatus, Names>> = {
  Draft: { en: "Draft", zh: "草稿" },
  Approved: { en: "Approved", zh: "已批准" },
  Rejected: { en: "Rejected", zh: "已驳回" },
};

/** 已否决 is how the pane shows Rejected in Chinese elsewhere, so people may type it. */
const readStatusName = nameReader(VERSION_STATUSES, VERSION_STATUS_NAMES, { Rejected: ["已否决"] });

/** A version's Status cell: a blank one is Draft; undefined when it is no status. */
export function parseVersionStatus(text: string): VersionStatus | undefined {
  return text.trim() === "" ? "Draft" : readStatusName(text);
}

/** A problem with one row of a versioned table. */
export interface VersionProblem {
  readonly row: number;
  readonly error: RuleError;
}

export function rowProblem(row: number, error: RuleError): VersionProblem {
  return { row, error };
}

/** A blank From is 1900-01-01: before every dated version. */
export const BLANK_FROM_DATE = new Date(1900, 0, 1);

/** A From date as a day number, for ordering and comparing with a period's first day. */
export function fromDay(from: Date | undefined): number {
  return dateToSerial(from ?? BLANK_FROM_DATE);
}

/** "2019-04-01"; "1900-01-01" for a blank From. */
export function fromLabel(from: Date | undefined): string {
  return dayLabel(from ?? BLANK_FROM_DATE);
}

/** The cells every versioned row has. */
export interface VersionedRow {
  /** The worksheet row, for messages. */
  readonly row: number;
  /** Undefined: a blank From. */
  readonly from: Date | undefined;
  readonly status: string;
}

/** The rows sharing one From, and what their statuses make of them. */
export interface RowVersion<R extends VersionedRow> {
  /** Undefined for the version whose From is blank (1900-01-01). */
  readonly from: Date | undefined;
  /** Undefined when its rows' statuses differ or one cannot be read (both are problems). */
  readonly status: VersionStatus | undefined;
  /** In table order. */
  readonly rows: readonly R[];
  readonly problems: readonly VersionProblem[];
}

/**
 * The table's rows as versions, oldest first. Without a Status column every row counts
 * as approved; a blank Status is Draft.
 */
export function groupVersions<R extends VersionedRow>(rows: readonly R[], hasStatusColumn: boolean): RowVersion<R>[] {
  const byDay = new Map<number, R[]>();
  for (const row of rows) byDay.set(fromDay(row.from), [...(byDay.get(fromDay(row.from)) ?? []), row]);
  return [...byDay.entries()].sort(([a], [b]) => a - b).map(([, versionRows]) => versionOf(versionRows, hasStatusColumn));
}

function versionOf<R extends VersionedRow>(rows: readonly R[], hasStatusColumn: boolean): RowVersion<R> {
  const problems: VersionProblem[] = [];
  const statuses = rows.map((row) => {
    if (!hasStatusColumn) return "Approved";
    const status = parseVersionStatus(row.status);
    if (!status) problems.push(rowProblem(row.row, ruleError("value", "policyUnknownStatus", { value: row.status.trim(), choices: VERSION_STATUSES.join(", ") })));
    return status;
  });
  const written = new Set(statuses.filter((s) => s !== undefined));
  if (written.size > 1) {
    const statusRows = [...written].map((status) => `${status}: ${rows.filter((_, i) => statuses[i] === status).map((r) => r.row).join(", ")}`);
    problems.push(rowProblem(rows[0].row, ruleError("value", "policyMixedStatus", { from: fromLabel(rows[0].from), statuses: statusRows.join("; ") })));
  }
  const status = written.size === 1 && !statuses.includes(undefined) ? statuses[0] : undefined;
  return { from: rows[0].from, status, rows, problems };
}

/** The approved versions in force on `asOf` (From on or before it), oldest first; every approved version without `asOf`. */
export function versionsInForce<V extends Pick<RowVersion<VersionedRow>, "from" | "status">>(versions: readonly V[], asOf?: Date): V[] {
  return versions.filter((v) => v.status === "Approved" && startsBy(v, asOf));
}

/**
 * The versions whose problems stop anything being computed on `asOf`: those in force, and
 * those that would be but for a status that is mixed or cannot be read. Drafts and
 * rejected versions never count, so their problems stop nothing.
 */
export function versionsThatMayCount<V extends Pick<RowVersion<VersionedRow>, "from" | "status">>(versions: readonly V[], asOf?: Date): V[] {
  return versions.filter((v) => (v.status === "Approved" || v.status === undefined) && startsBy(v, asOf));
}

function startsBy(version: { readonly from: Date | undefined }, asOf: Date | undefined): boolean {
  return asOf === undefined || fromDay(version.from) <= dateToSerial(asOf);
}

/** A number as the hash writes it: JavaScript's shortest round-trip form (0.17, 13000); blank as nothing. */
export function hashNumber(value: number | undefined): string {
  return value === undefined ? "" : String(value);
}

/** SHA-256, hex, over the lines joined by "\n" in UTF-8. */
export function hashLines(lines: readonly string[]): string {
  return bytesToHex(sha256(utf8ToBytes(lines.join("\n"))));
}

/** Orders hashed rows: text by UTF-16 code units (never by locale), numbers by size, blanks first. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNumbers(a: number | undefined, b: number | undefined): number {
  return (a ?? -Infinity) - (b ?? -Infinity) || 0;
}
