import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { advanceRebateStatus, dayLabel, isRuleError, normalizeRebateStatus, parseMonthNumber, parseYear, yearToDate as ytdPeriod, yearToDateMonth, type Role } from "../../rules";
import { advanceRebate, purchaseDates, readOutput, refreshRebates } from "../../services";
import type { Progress, TableData, TableRow as WorkbookRow } from "../../workbook";
import { describe, errorNotice, money, NoticeBar, outcomeNotice, problemsNotice, statusName, usePane, type Notice } from "../pane";
import { useYearAndMonth } from "../period-defaults";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  table: { tableLayout: "auto", fontSize: tokens.fontSizeBase200 },
  number: { textAlign: "end", whiteSpace: "nowrap" },
});

/** The status `role` may move the row to, if any: the button is offered only then. */
function nextFor(status: string, role: Role | ""): string | undefined {
  if (!role) return undefined;
  const next = advanceRebateStatus(normalizeRebateStatus(status) ?? "Calculated", role);
  return isRuleError(next) ? undefined : next;
}

const text = (value: unknown) => (value === null || value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === "object" ? "" : String(value));

export function RebatesPage() {
  const styles = useStyles();
  const pane = usePane();
  const { session, settings, tableOptions, t, lang } = pane;
  // SPEC 3.2: the latest year with purchases, and its latest month for year to date (src/rules/periods.ts).
  const { year, setYear, month: ytdMonth, setMonth: setYtdMonth, dates } = useYearAndMonth(purchaseDates);
  const [yearToDate, setYearToDate] = useState(false);
  const [lines, setLines] = useState(false);
  const [progress, setProgress] = useState<Progress | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [rebates, setRebates] = useState<TableData | undefined>();

  const loadRebates = useCallback(async () => {
    try {
      setRebates(await session.run((tables) => readOutput(tables, "Rebates", tableOptions)));
    } catch (error) {
      setNotice(errorNotice(error, pane));
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

  const refresh = async () => {
    const chosen = period();
    if (isRuleError(chosen)) {
      setNotice({ intent: "error", text: describe(chosen, lang) });
      return;
    }
    const y = typeof chosen === "number" ? chosen : chosen.year;
    const ytd = typeof chosen === "number" ? undefined : chosen;
    setBusy(true);
    setNotice(undefined);
    setProgress({ phase: "read", done: 0, total: 1 });
    try {
      const outcome = await session.run((tables) => refreshRebates(tables, { ...tableOptions, year: y, through: ytd?.through, lines, onProgress: setProgress }));
      if (outcome.kind === "problems") setNotice(problemsNotice(outcome.problems, pane));
      else {
        const s = outcome.summary;
        const totals = t("rebates.summary", { year: s.year, dealers: s.dealers, total: money(s.total, lang), mode: t(`rebates.mode_${s.mode}`), changes: s.changes.length });
        const summary = ytd ? `${t("periods.ytdPeriod", { period: ytd.label, through: dayLabel(ytd.through) })} ${totals}` : totals;
        // New dealers are the table itself; what changed under an existing row is worth reading.
        const lines = s.changes
          .filter((c) => c.kind !== "new")
          .map((c) => t(`rebates.change_${c.kind}`, { dealer: c.dealer, old: money(c.oldAmount, lang), new: money(c.newAmount, lang), status: c.status ? statusName(c.status, lang) : "" }));
        setNotice(outcomeNotice(outcome.kind, summary, pane, lines));
      }
      await loadRebates();
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  const advance = async (row: WorkbookRow) => {
    if (!rebates || !settings.role) return;
    const dealer = text(row.values.Dealer);
    try {
      const outcome = await session.run((tables) => advanceRebate(tables, rebates.ref, row, settings.role as Exclude<typeof settings.role, "">));
      if (outcome.kind === "done") setNotice({ intent: "success", text: t("rebates.advanced", { dealer, status: statusName(outcome.status, lang) }) });
      else if (outcome.kind === "refused") setNotice({ intent: "error", text: describe(outcome.error, lang) });
      else setNotice({ intent: "warning", text: t("rebates.conflictRow", { dealer }) });
      await loadRebates();
    } catch (error) {
      setNotice(errorNotice(error, pane));
    }
  };

  const shown = rebates?.rows.filter((r) => text(r.values.Year) === year) ?? [];
  return (
    <section className={styles.page} aria-label={t("tab.rebates")}>
      <div className={styles.row}>
        <Field label={t("common.year")}>
          <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} style={{ width: "7em" }} />
        </Field>
        <Button appearance="primary" disabled={busy} onClick={() => void refresh()}>
          {t("rebates.refresh")}
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
          <ProgressBar value={progress.total > 0 ? progress.done / progress.total : undefined} aria-label={t("rebates.refresh")} data-testid="rebate-progress" />
        </Field>
      )}
      <NoticeBar notice={notice} />
      {rebates === undefined && !busy && <NoticeBar notice={{ intent: "info", text: t("rebates.noTable") }} />}
      {shown.length > 0 && (
        <Table size="extra-small" className={styles.table} aria-label={t("tab.rebates")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("rebates.dealer")}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{t("rebates.rebate")}</TableHeaderCell>
              <TableHeaderCell>{t("rebates.status")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((row) => {
              const status = text(row.values.Status);
              const next = nextFor(status, settings.role);
              const nextLabel = next && `→ ${statusName(next, lang)}`;
              return (
                <TableRow key={row.row}>
                  <TableCell>{text(row.values.Dealer)}</TableCell>
                  <TableCell className={styles.number}>{typeof row.values.Rebate === "number" ? money(row.values.Rebate, lang) : text(row.values.Rebate)}</TableCell>
                  <TableCell>
                    {statusName(status, lang)}
                    {nextLabel && (
                      <Button size="small" appearance="transparent" title={t("rebates.advance")} onClick={() => void advance(row)} aria-label={`${nextLabel} · ${text(row.values.Dealer)}`}>
                        {nextLabel}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
