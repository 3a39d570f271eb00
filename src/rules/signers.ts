import { ruleError, type RuleError } from "./errors";
import type { KeyRegistry, KeyState } from "./key-registry";

/**
 * The `Signers` table (issue 12, point 1): each published key with its owner, as the log's
 * key entries leave it. The log is the truth; the table is its readable copy, so a table that
 * differs from what the log says was edited outside the add-in (point 4).
 */
export interface SignerRow {
  readonly name: string;
  readonly role: string;
  /** The public key's text. */
  readonly key: string;
  readonly keyId: string;
  /** The Time of the entry that published the key. */
  readonly firstSeen: string;
  readonly state: KeyState;
}

export const SIGNER_FIELDS = ["name", "role", "key", "keyId", "firstSeen", "state"] as const satisfies readonly (keyof SignerRow)[];

/** The rows the Signers table should hold: one per published key, in the order the log published them. */
export function signersRows(registry: KeyRegistry): SignerRow[] {
  return [...registry.values()].map(({ name, role, key, keyId, firstSeen, state }) => ({ name, role, key, keyId, firstSeen, state }));
}

/**
 * A row of the table as read that differs from the log's:
 * - edited: the row of a key the log published, with other values (`fields`);
 * - added: a row for no key the log published, or a second row for one;
 * - removed: a key the log published has no row.
 * `index` is the row's position in `actual`.
 */
export type SignersProblem =
  | { readonly kind: "edited"; readonly index: number; readonly keyId: string; readonly fields: readonly (keyof SignerRow)[] }
  | { readonly kind: "added"; readonly index: number; readonly keyId: string }
  | { readonly kind: "removed"; readonly keyId: string; readonly name: string };

/**
 * The table's rows (`actual`, as read, with State given as its code) against `signersRows`
 * (`expected`), matched by KeyId; values compared with spaces around them trimmed. Rows in
 * another order are not a problem: sorting the table is not an edit.
 */
export function signersTableProblems(expected: readonly SignerRow[], actual: readonly SignerRow[]): SignersProblem[] {
  const wanted = new Map(expected.map((row) => [row.keyId, row]));
  const seen = new Set<string>();
  const problems: SignersProblem[] = [];
  actual.forEach((row, index) => {
    const keyId = row.keyId.trim();
    const should = wanted.get(keyId);
    if (!should || seen.has(keyId)) {
      problems.push({ kind: "added", index, keyId });
      return;
    }
    seen.add(keyId);
    const fields = SIGNER_FIELDS.filter((field) => String(row[field]).trim() !== should[field]);
    if (fields.length > 0) problems.push({ kind: "edited", index, keyId, fields });
  });
  for (const row of expected) if (!seen.has(row.keyId)) problems.push({ kind: "removed", keyId: row.keyId, name: row.name });
  return problems;
}

/** A Signers table problem as the user reads it. */
export function signersProblemError(problem: SignersProblem): RuleError {
  switch (problem.kind) {
    case "edited":
      return ruleError("value", "signersRowEdited", { keyId: problem.keyId, fields: problem.fields.join(", ") });
    case "added":
      return ruleError("value", "signersRowAdded", { keyId: problem.keyId });
    case "removed":
      return ruleError("value", "signersRowRemoved", { keyId: problem.keyId, name: problem.name });
  }
}
