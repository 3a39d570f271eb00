import { Body1, Button, Checkbox, Field, Input, makeStyles, ProgressBar, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { dayLabel, isRuleError, parseMonthNumber, parseYear, yearToDate as ytdPeriod, yearToDateMonth, type DealerRebate } from "../../rules";
import { purchaseDates, readOutput, refreshRebates, type RebateSummary, type RefreshRebatesOptions } from "../../services";
import type { Progress, TableData } from "../../workbook";
import { DataTable, type Column } from "../components/DataTable";
import { useComputeThenWrite } from "../compute-then-write";
import { describe, errorNotice, money, NoticeBar, statusName, usePane, type Notice, type Pane } from "../pane";
import { useYearAndMonth } from "../period-defaults";
import { RebateStatuses } from "./rebates/RebateStatuses";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});

function resultColumns(pane: Pane): Column<DealerRebate>[] {
  const { t, lang } = pane;
  return [
    { id: "dealer", header: t("rebates.dealer"), sortKey: (r) => r.dealer },
    { id: "net", header: t("rebates.net"), kind: "number", sortKey: (r) => r.net, cell: (r) => money(r.net, lang) },
    { id: "rebate", header: t("rebates.rebate"), kind: "number", sortKey: (r) => r.rebate, cell: (r) => money(r.rebate, lang) },
    { id: "status", header: t("rebates.status"), kind: "status", sortKey: (r) => r.status, cell: (r) => statusName(r.status, lang) },
  ];
}

/** The refresh's summary: the first one of a year says so; later ones list what changed under existing rows. */
function summarize(s: RebateSummary, options: RefreshRebatesOptions, pane: Pane) {
  const { t, lang } = pane;
  const params = { year: s.year, dealers: s.dealers, total: money(s.total, lang), mode: t(`rebates.mode_${s.mode}`), changes: s.changes.length };
  const totals = t(s.first ? "rebates.summaryFirst" : "rebates.summary", params);
  const text = options.through ? `${t("periods.ytdPeriod", { period: ytdLabel(s.year, options.through), through: dayLabel(options.through) })} ${totals}` : totals;
  // New dealers are the table itself; what changed under an existing row is worth reading.
  const lines = s.changes
    .filter((c) => c.kind !== "new")
    .map((c) => t(`rebates.change_${c.kind}`, { dealer: c.dealer, old: money(c.oldAmount, lang), new: money(c.newAmount, lang), status: c.status ? statusName(c.status, lang) : "" }));
  return { text, lines };
}

const ytdLabel = (year: number, through: Date) => ytdPeriod(year, through.getMonth() + 1).label;
const sameRebates = (a: RebateSummary, b: RebateSummary) => JSON.stringify(a.rebates) === JSON.stringify(b.rebates);

export function RebatesPage() {
  const styles = useStyles();
  const pane = usePane();
  const { session, tableOptions, t, lang } = pane;
  // SPEC 3.2: the latest year with purchases, and its latest month for year to date (src/rules/periods.ts).
  const { year, setYear, month: ytdMonth, setMonth: setYtdMonth, dates } = useYearAndMonth(purchaseDates);
  const [yearToDate, setYearToDate] = useState(false);
  const [lines, setLines] = useState(false);
  const [progress, setProgress] = useState<Progress | undefined>();
  const [loadNotice, setLoadNotice] = useState<Notice | undefined>();
  const [rebates, setRebates] = useState<TableData | undefined>();
  const result = useComputeThenWrite(refreshRebates, (s, o) => summarize(s, o, pane), sameRebates);

  const loadRebates = useCallback(async () => {
    try {
      setRebates(await session.run((tables) => readOutput(tables, "Rebates", tableOptions)));
    } catch (error) {
      setLoadNotice(errorNotice(error, pane));
    }
    // pane also changes with the language, which needs no reload.
  }, [session, tableOptions]);

  useEffect(() => {
    void loadRebates();
  }, [loadRebates]);

  /**
   * The year, and year to date's last month, checked by the rules the command line applies too
   * (src/rules/periods.ts); Month left blank runs to the latest month of the year with purchases, as --ytd without --month does.
   */
  const period = () => {
    const y = parseYear(year, t("common.year"), new Date());
    if (isRuleError(y) || !yearToDate) return y;
    const m = ytdMonth.trim() === "" ? yearToDateMonth(dates ?? [], y) : parseMonthNumber(ytdMonth, t("common.month"));
    return isRuleError(m) ? m : ytdPeriod(y, m);
  };

  const compute = async () => {
    const chosen = period();
    if (isRuleError(chosen)) {
      result.setNotice({ intent: "error", text: describe(chosen, lang) });
      return;
    }
    setProgress({ phase: "read", done: 0, total: 1 });
    const options = typeof chosen === "number" ? { year: chosen } : { year: chosen.year, through: chosen.through };
    await result.compute({ ...tableOptions, ...options, lines, onProgress: setProgress });
  };

  const write = async () => {
    await result.write();
    await loadRebates();
  };

  const shown = result.shown;
  return (
    <section className={styles.page} aria-label={t("tab.rebates")}>
      <div className={styles.row}>
        <Field label={t("common.year")}>
          <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} style={{ width: "7em" }} />
        </Field>
        <Button appearance="primary" disabled={result.busy} onClick={() => void compute()}>
          {t("rebates.compute")}
        </Button>
      </div>
      <Checkbox checked={yearToDate} onChange={(_, d) => setYearToDate(d.checked === true)} label={t("rebates.yearToDate")} />
      {yearToDate && (
        <Field label={t("common.month")} hint={t("periods.ytdHint")}>
          <Input type="number" min={1} max={12} value={ytdMonth} onChange={(_, d) => setYtdMonth(d.value)} style={{ width: "5em" }} />
        </Field>
      )}
      <Checkbox checked={lines} onChange={(_, d) => setLines(d.checked === true)} label={t("rebates.lines")} />
      {progress && (
        <Field validationMessage={t("rebates.progress", { phase: t(`rebates.phase_${progress.phase}`), done: progress.done, total: progress.total })} validationState="none">
          {/* Named after what it measures (axe: aria-progressbar-name); the Field's message, "Writing 12 / 40", describes it. */}
          <ProgressBar value={progress.total > 0 ? progress.done / progress.total : undefined} aria-label={t("rebates.compute")} data-testid="rebate-progress" />
        </Field>
      )}
      <NoticeBar notice={result.notice} />
      {shown && !shown.inWorkbook && (
        <div className={styles.section}>
          <Body1 as="h2" id="rebates-result" className={styles.heading}>
            {t("rebates.result", { year: shown.summary.year })}
          </Body1>
          <Button appearance="primary" disabled={result.busy} onClick={() => void write()}>
            {t("common.write")}
          </Button>
          <DataTable rows={shown.summary.rebates} columns={resultColumns(pane)} rowKey={(r) => r.dealer} label={t("rebates.result", { year: shown.summary.year })} testId="rebate-result" />
        </div>
      )}
      <NoticeBar notice={loadNotice} />
      {rebates === undefined && !result.busy && <NoticeBar notice={{ intent: "info", text: t("rebates.noTable") }} />}
      {rebates && <RebateStatuses data={rebates} year={year.trim()} onChanged={loadRebates} />}
    </section>
  );
}
