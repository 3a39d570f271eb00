import { useState } from "react";
import type { PreviewOption, ServiceOutcome } from "../services";
import type { WorkbookTables } from "../workbook";
import { errorNotice, outcomeNotice, problemsNotice, usePane, type Notice } from "./pane";

/** A page's result: computed for `options`, and whether the workbook holds it (written, or already so). */
export interface Shown<Options, Summary> {
  readonly options: Options;
  readonly summary: Summary;
  readonly inWorkbook: boolean;
}

export interface ComputeThenWrite<Options, Summary> {
  readonly shown: Shown<Options, Summary> | undefined;
  readonly notice: Notice | undefined;
  readonly setNotice: (notice: Notice | undefined) => void;
  readonly busy: boolean;
  /** Reads and computes; writes nothing. */
  compute(options: Options): Promise<void>;
  /** Writes what `compute` showed, recomputed on the workbook as it is now. */
  write(): Promise<void>;
}

type WritingService<Options, Summary> = (tables: WorkbookTables, options: Options & PreviewOption) => Promise<ServiceOutcome<Summary>>;

/**
 * Compute, look, then write (issue 10): the page shows a service's result before anything
 * is written, and "Write to workbook" writes it. The write recomputes inside the same unit of
 * work, so it never writes a stale result; if the result differs from the one shown (the
 * workbook was edited meanwhile), the page says so and shows what was written.
 */
export function useComputeThenWrite<Options, Summary>(
  service: WritingService<Options, Summary>,
  summarize: (summary: Summary, options: Options) => { readonly text: string; readonly lines?: readonly string[] },
  sameResult: (a: Summary, b: Summary) => boolean,
): ComputeThenWrite<Options, Summary> {
  const pane = usePane();
  const [shown, setShown] = useState<Shown<Options, Summary> | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (options: Options, preview: boolean) => {
    setBusy(true);
    setNotice(undefined);
    try {
      const outcome = await pane.session.run((tables) => service(tables, { ...options, preview }));
      if (outcome.kind === "problems") {
        setShown(undefined);
        setNotice(problemsNotice(outcome.problems, pane));
        return;
      }
      const said = summarize(outcome.summary, options);
      const stale = !preview && shown !== undefined && !sameResult(shown.summary, outcome.summary);
      const notice = outcomeNotice(outcome, said.text, pane, said.lines);
      setShown({ options, summary: outcome.summary, inWorkbook: outcome.kind === "preview" ? outcome.upToDate : true });
      setNotice(stale ? { ...notice, intent: "warning", text: `${notice.text} ${pane.t("common.staleWrite")}` } : notice);
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  return {
    shown,
    notice,
    setNotice,
    busy,
    compute: (options) => run(options, true),
    write: async () => {
      if (shown) await run(shown.options, false);
    },
  };
}
