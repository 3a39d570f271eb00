import { WorkbookError } from "./errors";
import { headerMatches, normalizeHeader, TABLE_KINDS, tableSpec, type ColumnSpec, type HeaderLanguage, type TableKind } from "./schema";
import type { FindTableOptions, TableRef } from "./types";

/** A table as both implementations list it before choosing one. */
export interface TableCandidate {
  readonly name: string;
  readonly sheet: string;
  readonly headers: readonly string[];
}

export interface HeaderMatch {
  /** Logical column id → 0-based header position (the first one, when duplicated). */
  readonly columnMap: Readonly<Record<string, number>>;
  readonly language: HeaderLanguage;
  readonly missing: readonly ColumnSpec[];
  readonly duplicates: readonly { column: ColumnSpec; headers: string[] }[];
  readonly matchedRequired: number;
  readonly matched: number;
}

export function matchHeaders(kind: TableKind, headers: readonly string[]): HeaderMatch {
  const columnMap: Record<string, number> = {};
  const duplicates: { column: ColumnSpec; headers: string[] }[] = [];
  const votes = { en: 0, zh: 0 };
  for (const column of tableSpec(kind).columns) {
    const positions = headers.flatMap((header, i) => {
      const language = headerMatches(column, header);
      if (language === "en" || language === "zh") votes[language]++;
      return language ? [i] : [];
    });
    if (positions.length > 0) columnMap[column.id] = positions[0];
    if (positions.length > 1) duplicates.push({ column, headers: positions.map((i) => headers[i]) });
  }
  const required = tableSpec(kind).columns.filter((c) => c.required);
  return {
    columnMap,
    language: votes.zh > votes.en ? "zh" : "en",
    missing: required.filter((c) => !(c.id in columnMap)),
    duplicates,
    matchedRequired: required.filter((c) => c.id in columnMap).length,
    matched: Object.keys(columnMap).length,
  };
}

function isFullMatch(match: HeaderMatch): boolean {
  return match.missing.length === 0;
}

/** Throws the first problem that makes `candidate` unusable as a `kind` table. */
export function checkedMatch(kind: TableKind, candidate: TableCandidate): HeaderMatch {
  const match = matchHeaders(kind, candidate.headers);
  const where = { table: kind, tableName: candidate.name, sheet: candidate.sheet };
  const [duplicate] = match.duplicates;
  if (duplicate) throw new WorkbookError("duplicateColumn", { ...where, column: duplicate.column.id, headers: duplicate.headers });
  const [missing] = match.missing;
  if (missing) {
    const headers = [missing.en, missing.zh, ...(missing.aliases ?? [])];
    throw new WorkbookError("missingColumn", { ...where, column: missing.id, headers, missingColumns: match.missing.map((c) => c.id) });
  }
  return match;
}

export function makeRef(kind: TableKind, candidate: TableCandidate, match: HeaderMatch): TableRef {
  return { kind, name: candidate.name, sheet: candidate.sheet, headers: [...candidate.headers], language: match.language };
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Another kind this table is named after, or matches more fully than `kind`. */
function belongsElsewhere(kind: TableKind, candidate: TableCandidate, match: HeaderMatch, requireFull: boolean): boolean {
  return TABLE_KINDS.some((other) => {
    if (other === kind) return false;
    if (sameName(candidate.name, tableSpec(other).defaultName)) return true;
    const otherMatch = matchHeaders(other, candidate.headers);
    if (requireFull && !isFullMatch(otherMatch)) return false;
    return otherMatch.matched > match.matched || (!requireFull && isFullMatch(otherMatch));
  });
}

/** More than one table could be the `kind` table: using the first would be a guess. */
function ambiguous(kind: TableKind, wantedName: string, tables: readonly TableCandidate[]): WorkbookError {
  const [first, second] = tables;
  return new WorkbookError("ambiguousTable", {
    table: kind,
    wantedName,
    tableName: first.name,
    sheet: first.sheet,
    otherTableName: second.name,
    otherSheet: second.sheet,
    tables: tables.map((t) => t.name),
  });
}

/**
 * SPEC §2: a table is found by name, else by its headers. A table that looks like the one
 * wanted but lacks a column is reported (missingColumn) rather than silently skipped, so
 * the user learns what to fix instead of reading "no Purchases table". Two tables that
 * could both be the one wanted (names equal but for case, or, with none so named, both
 * holding its headers and belonging to no other kind) are reported too (ambiguousTable).
 */
export function chooseTable(kind: TableKind, candidates: readonly TableCandidate[], options: FindTableOptions = {}): TableRef | undefined {
  const wantedName = options.name ?? tableSpec(kind).defaultName;
  const named = candidates.filter((c) => sameName(c.name, wantedName));
  if (named.length > 1) throw ambiguous(kind, wantedName, named);
  if (named.length === 1) return makeRef(kind, named[0], checkedMatch(kind, named[0]));
  if (options.name !== undefined) return undefined;

  const scored = candidates.map((candidate) => ({ candidate, match: matchHeaders(kind, candidate.headers) }));
  const full = scored.filter(({ candidate, match }) => isFullMatch(match) && !belongsElsewhere(kind, candidate, match, true)).map((s) => s.candidate);
  if (full.length > 1) throw ambiguous(kind, wantedName, full);
  if (full.length === 1) return makeRef(kind, full[0], checkedMatch(kind, full[0]));

  const required = tableSpec(kind).columns.filter((c) => c.required).length;
  const near = scored
    .filter(({ match }) => match.matchedRequired >= Math.max(1, Math.ceil(required / 2)) && match.matchedRequired >= Math.min(2, required - 1))
    .filter(({ candidate, match }) => !belongsElsewhere(kind, candidate, match, false))
    .sort((a, b) => b.match.matchedRequired - a.match.matchedRequired)[0];
  if (near) checkedMatch(kind, near.candidate);
  return undefined;
}

/** Labels are searched for in the first rows of each sheet only: they sit beside small policy tables. */
export const LABEL_SCAN_ROWS = 2_000;

/** A label cell such as "Mode", "模式：" (header comparison rules, a trailing colon ignored). */
export function labelMatches(text: string, labels: readonly string[]): boolean {
  const key = normalizeHeader(text).replace(/:$/, "");
  return key !== "" && labels.some((label) => normalizeHeader(label).replace(/:$/, "") === key);
}
