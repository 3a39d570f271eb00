import { ruleError } from "./errors";
import type { Policy } from "./policy";
import { policyFromRows } from "./policy-from-rows";
import { comparePolicyRows, pairKey, POLICY_RULE_SHAPES, POLICY_RULES, SEED_POLICY_ROWS, type PolicyRow, type PolicyRule } from "./policy-rules";
import type { PolicyVersion } from "./policy-versions";
import { fromDay, rowProblem, versionsInForce, versionsThatMayCount, type VersionProblem } from "./versions";

/**
 * The policy in force (SPEC §4.2): the approved versions with From on or before the
 * period's first day, applied in From order over the seed; each (Rule, Rank) pair a
 * version lists replaces all rows of that pair.
 */
export interface ResolvedPolicy {
  readonly policy: Policy;
  /** The From of the newest version applied; undefined for the seed alone or a blank From. */
  readonly from: Date | undefined;
  /** Problems of the versions that count or may count on that date, and of the ladder they make: when any, compute nothing. */
  readonly problems: readonly VersionProblem[];
}

type Version = Pick<PolicyVersion, "from" | "status" | "rows" | "problems">;

/** A (Rule, Rank) pair's rows in force, and the From of the version they come from (undefined: the seed or a blank From). */
interface PairInForce {
  readonly from: Date | undefined;
  readonly rows: readonly PolicyRow[];
}

/** The policy in force on `asOf`; without it, every approved version applies, including later ones. */
export function resolvePolicy(versions: readonly Version[], asOf?: Date): ResolvedPolicy {
  const applied = versionsInForce(versions, asOf);
  const rows = rowsOf(pairsInForce(applied));
  const problems = [...versionsThatMayCount(versions, asOf).flatMap((v) => v.problems), ...ladderProblems(rows)];
  return { policy: policyFromRows(rows), from: applied.at(-1)?.from, problems: problems.sort((a, b) => a.row - b.row) };
}

function pairsInForce(applied: readonly Pick<Version, "from" | "rows">[]): Map<string, PairInForce> {
  const pairs = new Map<string, PairInForce>();
  for (const version of [{ from: undefined, rows: SEED_POLICY_ROWS }, ...applied]) {
    const listed = new Map<string, PolicyRow[]>();
    for (const row of version.rows) listed.set(pairKey(row), [...(listed.get(pairKey(row)) ?? []), row]);
    for (const [key, rows] of listed) pairs.set(key, { from: version.from, rows });
  }
  return pairs;
}

function rowsOf(pairs: ReadonlyMap<string, PairInForce>): PolicyRow[] {
  return [...pairs.values()].flatMap((pair) => pair.rows);
}

/** The minimums checked up the ladder (cumulative sales is not: DS needs more than SR). */
const LADDER_RULES: readonly PolicyRule[] = ["RankMinMonthSales", "RankMinSponsoredSales", "RankMinSponsoredCount"];

/** A minimum below the one of the rank under it; a blank (or 0) minimum is no minimum and left out. */
function ladderProblems(rows: readonly PolicyRow[]): VersionProblem[] {
  const problems: VersionProblem[] = [];
  for (const rule of LADDER_RULES) {
    let lower: PolicyRow | undefined;
    // Up the ladder: the seed lists every rank's minimum in ladder order, and a version's row takes the place of its pair's.
    for (const row of rows.filter((r) => r.rule === rule)) {
      if (!row.value) continue;
      if (lower && row.value < (lower.value as number)) {
        const params = { rule, rank: row.rank as string, value: row.value, lowerRank: lower.rank as string, lowerValue: lower.value as number };
        problems.push(rowProblem(row.row ?? (lower.row as number), ruleError("value", "policyLadderDecreasing", params)));
      }
      lower = row;
    }
  }
  return problems;
}

/** One row of a rule in force, with the From of the version it comes from (undefined: the seed or a blank From). */
export interface RuleInForce {
  readonly rank: string | undefined;
  readonly threshold: number | undefined;
  /** Undefined: a blank minimum, no minimum. */
  readonly value: number | undefined;
  readonly from: Date | undefined;
}

/** The policy in force on `asOf` rule by rule, in the seed table's order, for the command line's `policy`. */
export function policyRulesInForce(versions: readonly Version[], asOf?: Date): Record<PolicyRule, RuleInForce[]> {
  const rules = Object.fromEntries(POLICY_RULES.map((rule) => [rule, [] as RuleInForce[]])) as Record<PolicyRule, RuleInForce[]>;
  const pairs = [...pairsInForce(versionsInForce(versions, asOf)).values()].sort((a, b) => comparePolicyRows(a.rows[0], b.rows[0]));
  for (const { from, rows } of pairs) {
    for (const { rule, rank, threshold, value } of rows) rules[rule].push({ rank, threshold, value, from });
  }
  return rules;
}

/** A row of a change, without its worksheet row. */
export interface PolicyEntry {
  readonly rank: string | undefined;
  readonly threshold: number | undefined;
  readonly value: number | undefined;
}

/** What a (Rule, Rank) pair was and becomes: every BaseRate step together; the rank of a per-rank rule. */
export interface PolicyChange {
  readonly rule: PolicyRule;
  /** The rank of a per-rank rule (MorningStar, RankMin…); undefined for the others (OverrideRate's rank is in its entries). */
  readonly rank: string | undefined;
  /** Empty when the pair is new (an award group starting at a new rank). */
  readonly before: readonly PolicyEntry[];
  readonly after: readonly PolicyEntry[];
}

/** The pairs whose rows differ between two policies written as rows, in the seed table's order. */
export function policyDiff(before: readonly PolicyRow[], after: readonly PolicyRow[]): PolicyChange[] {
  const old = byPair(before);
  const changed = byPair(after);
  const pairs = new Map<string, PolicyRow>();
  for (const row of [...before, ...after]) if (!pairs.has(pairKey(row))) pairs.set(pairKey(row), row);
  return [...pairs]
    .sort(([, a], [, b]) => comparePolicyRows(a, b))
    .map(([key, { rule, rank }]) => ({ rule, rank: POLICY_RULE_SHAPES[rule].rank === "perRank" ? rank : undefined, before: entries(old.get(key)), after: entries(changed.get(key)) }))
    .filter((change) => !sameEntries(change.before, change.after));
}

function byPair(rows: readonly PolicyRow[]): Map<string, PolicyRow[]> {
  const pairs = new Map<string, PolicyRow[]>();
  for (const row of rows) pairs.set(pairKey(row), [...(pairs.get(pairKey(row)) ?? []), row]);
  return pairs;
}

function sameEntries(a: readonly PolicyEntry[], b: readonly PolicyEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.rank === b[i].rank && entry.threshold === b[i].threshold && entry.value === b[i].value);
}

function entries(rows: readonly PolicyRow[] = []): PolicyEntry[] {
  return rows.map(({ rank, threshold, value }) => ({ rank, threshold, value }));
}

/**
 * What approving `version` would change (the Approvals page): the policy in force just
 * before its From (the approved versions dated earlier, over the seed) against that
 * policy with `version` applied.
 */
export function versionChanges(versions: readonly Version[], version: Pick<Version, "from" | "rows">): PolicyChange[] {
  const earlier = versions.filter((v) => v.status === "Approved" && fromDay(v.from) < fromDay(version.from));
  return policyDiff(rowsOf(pairsInForce(earlier)), rowsOf(pairsInForce([...earlier, version])));
}
