import type { RowProblem } from "../rules";

/**
 * What a service that writes a table reports. "problems": rows could not be read and
 * nothing was written. "unchanged": the table already held exactly this, nothing was written.
 */
export type ServiceOutcome<Summary> =
  | { readonly kind: "problems"; readonly problems: readonly RowProblem[] }
  | { readonly kind: "unchanged"; readonly summary: Summary }
  | { readonly kind: "written"; readonly summary: Summary };

export function problemsOutcome(problems: readonly RowProblem[]): { readonly kind: "problems"; readonly problems: readonly RowProblem[] } {
  return { kind: "problems", problems };
}
