import { Button, Field, Input, makeStyles, Radio, RadioGroup, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { isRuleError, monthLabel, parseMonthNumber, parseYear, yearToDate, yearToDateMonth, type BudgetReportOptions, type RuleError } from "../../rules";
import { budgetDates, budgetReport, type BudgetReportServiceOptions, type BudgetSummary } from "../../services";
import { useComputeThenWrite } from "../compute-then-write";
import { describe, errorNotice, NoticeBar, usePane, type Notice } from "../pane";
import { useYearAndMonth } from "../period-defaults";
import { BudgetResult } from "./budget/BudgetResult";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
});

type PeriodKind = "year" | "month" | "ytd";

const sameReport = (a: BudgetSummary, b: BudgetSummary) => JSON.stringify(a.rows) === JSON.stringify(b.rows);

/** The period a report was computed for, as its rows name it: "2025", "2025-11", "2025-01…2025-11". */
function periodName(options: BudgetReportOptions): string {
  if (options.month === undefined) return String(options.year);
  return options.yearToDate ? yearToDate(options.year, options.month).label : monthLabel(options.year, options.month);
}

/**
 * The budget report (SPEC 3.4): compute, look, then write (issue 10). Compute shows the report
 * and writes nothing; "Write to workbook" writes it; once it is in the workbook, Excel can add
 * a native chart beside it (the preview draws its own).
 */
export function BudgetPage() {
  const styles = useStyles();
  const pane = usePane();
  const { session, tableOptions, t, lang } = pane;
  // The latest year and month with a booked Actual (src/rules/periods.ts).
  const { year, setYear, month, setMonth, dates } = useYearAndMonth(budgetDates);
  const [kind, setKind] = useState<PeriodKind>("year");
  const [chartNotice, setChartNotice] = useState<Notice | undefined>();
  const result = useComputeThenWrite<BudgetReportServiceOptions, BudgetSummary>(
    budgetReport,
    (s) => ({ text: t("budget.summary", { rows: s.rows.length, over: s.over, notBooked: s.notBooked }) }),
    sameReport,
  );

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
    setChartNotice(undefined);
    const chosen = period();
    if (isRuleError(chosen)) {
      result.setNotice({ intent: "error", text: describe(chosen, lang) });
      return;
    }
    await result.compute({ ...tableOptions, ...chosen });
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

  const shown = result.shown;
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
      <Button appearance="primary" disabled={result.busy} onClick={() => void compute()}>
        {t("budget.compute")}
      </Button>
      <NoticeBar notice={result.notice} />
      {shown && (
        <>
          <Button appearance="primary" disabled={shown.inWorkbook || result.busy} onClick={() => void result.write()}>
            {t("common.write")}
          </Button>
          {session.writeBudgetChart
            ? shown.inWorkbook && <Button onClick={() => void writeChart()}>{t("budget.writeChart")}</Button>
            : <NoticeBar notice={{ intent: "info", text: t("budget.chartOnlyInExcel") }} />}
          <NoticeBar notice={chartNotice} />
          {/* A new period starts with its latest month open again. */}
          <BudgetResult key={periodName(shown.options)} rows={shown.summary.rows} period={periodName(shown.options)} chart={!session.writeBudgetChart} />
        </>
      )}
    </section>
  );
}
