import type { RowProblem } from "../rules";

/**
 * What a service that writes a table reports. "problems": rows could not be read and
 * nothing was written. "unchanged": the table already held exactly this, nothing was written.
 * "preview": computed only, as asked (the pane shows a result before it is written);
 * `upToDate` says whether the table already holds it.
 */
export type ServiceOutcome<Summary> =
  | { readonly kind: "problems"; readonly problems: readonly RowProblem[] }
  | { readonly kind: "unchanged"; readonly summary: Summary }
  | { readonly kind: "written"; readonly summary: Summary }
  | { readonly kind: "preview"; readonly summary: Summary; readonly upToDate: boolean };

/** Compute, look, then write: with `preview`, a service reads and computes but writes nothing. */
export interface PreviewOption {
  readonly preview?: boolean;
}

export function problemsOutcome(problems: readonly RowProblem[]): { readonly kind: "problems"; readonly problems: readonly RowProblem[] } {
  return { kind: "problems", problems };
}

/** The end every writing service shares: nothing written for a preview or a table that already holds the result. */
export async function finishWrite<Summary>(summary: Summary, upToDate: boolean, options: PreviewOption, write: () => Promise<void>): Promise<ServiceOutcome<Summary>> {
  if (options.preview) return { kind: "preview", summary, upToDate };
  if (upToDate) return { kind: "unchanged", summary };
  await write();
  return { kind: "written", summary };
}
