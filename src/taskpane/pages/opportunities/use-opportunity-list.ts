import { useState } from "react";
import { writeOpportunitySheet, type BonusOpportunityList, type ListOutcome, type RebateOpportunityList } from "../../../services";
import type { WorkbookTables } from "../../../workbook";
import { errorNotice, problemsNotice, usePane, type Notice } from "../../pane";

type AnyList = BonusOpportunityList | RebateOpportunityList;

export interface OpportunityList<Options, List extends AnyList> {
  /** The list computed for `options`; undefined until computed, or when it could not be. */
  readonly shown: { readonly options: Options; readonly list: List } | undefined;
  /** Problems reading the tables, or what the write did. */
  readonly notice: Notice | undefined;
  readonly busy: boolean;
  /** Reads and computes; writes nothing. */
  compute(options: Options): Promise<void>;
  /** Forgets the list (another computation failed before this one ran). */
  clear(notice?: Notice): void;
  /** Writes the list shown to its own sheet, recomputed on the workbook as it is now. */
  writeSheet(): Promise<void>;
}

type ListService<Options, List> = (tables: WorkbookTables, options: Options) => Promise<ListOutcome<List>>;

/**
 * One list of the Opportunities page: computed and shown, written to a sheet of its own only
 * when asked (writeOpportunitySheet). As with "Write to workbook" elsewhere
 * (compute-then-write.ts), the write recomputes in the same unit of work, so it never writes
 * a stale list, and says so when the list differs from the one shown.
 */
export function useOpportunityList<Options, List extends AnyList>(service: ListService<Options, List>, sameList: (a: List, b: List) => boolean): OpportunityList<Options, List> {
  const pane = usePane();
  const { session, tableOptions, t } = pane;
  const [shown, setShown] = useState<{ options: Options; list: List } | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  const guarded = async (work: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await work();
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  const compute = (options: Options) =>
    guarded(async () => {
      const outcome = await session.run((tables) => service(tables, options));
      if (outcome.kind === "problems") {
        setShown(undefined);
        setNotice(problemsNotice(outcome.problems, pane));
        return;
      }
      setShown({ options, list: outcome.summary });
    });

  const writeSheet = () =>
    guarded(async () => {
      if (!shown) return;
      const { options } = shown;
      const done = await session.run(async (tables) => {
        const fresh = await service(tables, options);
        if (fresh.kind === "problems") return fresh;
        return { kind: "listed" as const, list: fresh.summary, written: await writeOpportunitySheet(tables, fresh.summary, tableOptions) };
      });
      if (done.kind === "problems") {
        setNotice(problemsNotice(done.problems, pane));
        return;
      }
      if (done.written.kind === "problems") {
        setNotice(problemsNotice(done.written.problems, pane));
        return;
      }
      const { sheet, tableName } = done.written.summary;
      const stale = !sameList(shown.list, done.list);
      const said = t(done.written.kind === "written" ? "opportunities.sheetWritten" : "opportunities.sheetUnchanged", { sheet, table: tableName });
      setShown({ options, list: done.list });
      setNotice(stale ? { intent: "warning", text: `${said}${pane.lang === "zh" ? "" : " "}${t("common.staleWrite")}` } : { intent: done.written.kind === "written" ? "success" : "info", text: said });
    });

  return {
    shown,
    notice,
    busy,
    compute,
    clear: (next) => {
      setShown(undefined);
      setNotice(next);
    },
    writeSheet,
  };
}
