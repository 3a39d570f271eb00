import { Button, Field, Input, makeStyles, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { isRuleError, parseMonthNumber, parseYear, yearToDateMonth, type BudgetReportOptions, type BudgetReportRow, type RuleError } from "../../rules";
import { budgetDates, budgetReport } from "../../services";
import { describe, errorNotice, money, NoticeBar, outcomeNotice, problemsNotice, usePane, type Notice } from "../pane";
import { useYearAndMonth } from "../period-defaults";
import { BudgetChart } from "./BudgetChart";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  table: { fontSize: tokens.fontSizeBase200 },
  number: { textAlign: "end", whiteSpace: "nowrap" },
  over: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2, fontWeight: tokens.fontWeightSemibold },
});

type PeriodKind = "year" | "month" | "ytd";

export function BudgetPage() {
  const styles = useStyles();
  const pane = usePane();
  const { session, tableOptions, t, lang } = pane;
  // The latest year and month with a booked Actual (src/rules/periods.ts).
  const { year, setYear, month, setMonth, dates } = useYearAndMonth(budgetDates);
  const [kind, setKind] = useState<PeriodKind>("year");
  const [rows, setRows] = useState<readonly BudgetReportRow[]>([]);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [chartNotice, setChartNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  /** The period asked for, checked by the rules the command line applies too (src/rules/periods.ts). */
  const period = (): BudgetReportOptions | RuleError => {
    const y = parseYear(year, t("common.year"), new Date());
    if (isRuleError(y)) return y;
    if (kind === "year") return { year: y };
    // Year to date with Month left blank runs to the latest month booked, as --ytd without --month does.
    const m = kind === "ytd" && month.trim() === "" ? yearToDateMonth(dates ?? [], y) : parseMonthNumber(month, t("common.month"));
    return isRuleError(m) ? m : { year: y, month: m, yearToDate: kind === "ytd" };
  };

  const compute = async () => {
    const chosen = period();
    if (isRuleError(chosen)) {
      setNotice({ intent: "error", text: describe(chosen, lang) });
      return;
    }
    setBusy(true);
    setChartNotice(undefined);
    try {
      const options = { ...tableOptions, ...chosen };
      const outcome = await session.run((tables) => budgetReport(tables, options));
      if (outcome.kind === "problems") {
        setNotice(problemsNotice(outcome.problems, pane));
        setRows([]);
      } else {
        setRows(outcome.summary.rows);
        const summary = t("budget.summary", { rows: outcome.summary.rows.length, over: outcome.summary.over, notBooked: outcome.summary.notBooked });
        setNotice(outcomeNotice(outcome, summary, pane));
      }
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  const writeChart = async () => {
    if (!session.writeBudgetChart) return;
    try {
      await session.writeBudgetChart({ title: t("budget.chart"), tableNames: tableOptions.tableNames });
      setChartNotice({ intent: "success", text: t("budget.chartWritten") });
    } catch (error) {
      setChartNotice(errorNotice(error, pane));
    }
  };

  return (
    <section className={styles.page} aria-label={t("tab.budget")}>
      <div className={styles.row}>
        <Field label={t("common.year")}>
          <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} style={{ width: "7em" }} />
        </Field>
        {kind !== "year" && (
          <Field label={t("common.month")} hint={kind === "ytd" ? t("periods.ytdHint") : undefined}>
            <Input type="number" min={1} max={12} value={month} onChange={(_, d) => setMonth(d.value)} style={{ width: "5em" }} />
          </Field>
        )}
      </div>
      <Field label={t("budget.period")}>
        <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as PeriodKind)}>
          <Radio value="year" label={t("budget.wholeYear")} />
          <Radio value="month" label={t("budget.oneMonth")} />
          <Radio value="ytd" label={t("budget.yearToDate")} />
        </RadioGroup>
      </Field>
      <Button appearance="primary" disabled={busy} onClick={() => void compute()}>
        {t("budget.compute")}
      </Button>
      <NoticeBar notice={notice} />
      {rows.length > 0 && (
        <>
          {session.writeBudgetChart ? (
            <Button onClick={() => void writeChart()}>{t("budget.writeChart")}</Button>
          ) : (
            <NoticeBar notice={{ intent: "info", text: t("budget.chartOnlyInExcel") }} />
          )}
          <NoticeBar notice={chartNotice} />
          {!session.writeBudgetChart && <BudgetChart rows={rows} title={t("budget.chart")} budgetLabel={t("budget.budget")} actualLabel={t("budget.actual")} />}
          <Table size="extra-small" className={styles.table} aria-label={t("tab.budget")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("budget.category")}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{t("budget.variance")}</TableHeaderCell>
                <TableHeaderCell>{t("budget.status")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={`${r.category}|${r.period}|${r.status}`} className={r.status === "OVER" ? styles.over : undefined} data-status={r.status}>
                  <TableCell>
                    {r.category}
                    {/* Every month of the year: each row's month; year to date: the months in it not booked yet. */}
                    {kind === "year" || (kind === "ytd" && !r.period.includes("…")) ? ` · ${r.period}` : ""}
                  </TableCell>
                  <TableCell className={styles.number}>{money(r.variance, lang)}</TableCell>
                  <TableCell>{t(`budgetStatus.${r.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
