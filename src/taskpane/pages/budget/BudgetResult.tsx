import { Body1, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { BudgetReportRow } from "../../../rules";
import { money, usePane, type Pane } from "../../pane";
import { BudgetChart } from "../BudgetChart";
import { BudgetTable } from "./BudgetTable";
import { budgetView, categoryLine, rowLine, totalLines, type BudgetTotals, type MonthGroup } from "./budget-view";
import { percentText, signedMoney } from "./format";

const useStyles = makeStyles({
  result: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  months: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  month: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, minWidth: 0 },
  summary: {
    cursor: "pointer",
    paddingBlock: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "normal",
    wordBreak: "keep-all",
  },
  // Each figure on one line; lines break only between figures.
  piece: { whiteSpace: "nowrap" },
  monthName: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  overCount: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  figures: { display: "block", color: tokens.colorNeutralForeground2 },
  monthBody: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingBlock: tokens.spacingVerticalS, minWidth: 0 },
  note: { color: tokens.colorNeutralForeground2 },
});

/** A totals block's lines in the user's words: "Total", then the budget not booked yet. */
function totalsOf(key: string, totals: BudgetTotals, { t }: Pane) {
  return totalLines(key, totals, { total: t("budget.total"), notBooked: t("budgetStatus.NOT BOOKED") });
}

/** "1 of 6 over · 2 not booked yet", or "Not booked yet" for a month with nothing booked. */
function MonthCounts({ totals }: { totals: BudgetTotals }) {
  const styles = useStyles();
  const { t } = usePane();
  if (totals.booked === 0) return <span className={styles.piece}>{t("budgetStatus.NOT BOOKED")}</span>;
  return (
    <>
      <span className={totals.over > 0 ? styles.overCount : styles.piece}>{t("budget.overOf", { over: totals.over, booked: totals.booked })}</span>
      {totals.notBooked > 0 && (
        <>
          {" · "}
          <span className={styles.piece}>{t("budget.notBookedCount", { count: totals.notBooked })}</span>
        </>
      )}
    </>
  );
}

/**
 * The month's totals in a line short enough for 320 px, each figure kept whole: "Variance
 * -6,464.88 (-0.7%)" (its budget and actual are in the month's Total line once opened), or the
 * budget of a month with nothing booked.
 */
function MonthFigures({ totals }: { totals: BudgetTotals }) {
  const styles = useStyles();
  const { t, lang } = usePane();
  if (totals.booked === 0) return <span className={styles.figures}>{t("budget.monthNotBooked", { budget: money(totals.notBookedBudget, lang) })}</span>;
  // Marked places (a private-use character) for the figures: the text's own separators and spaces are where lines may break; the figures themselves never do.
  const marks = { variance: "\ue000v", percent: "\ue000p" };
  const values: Record<string, string> = { v: signedMoney(totals.variance, lang), p: percentText(totals.percent, lang) };
  const parts = t("budget.monthFigures", marks).split(/\ue000([vp])/);
  return (
    <span className={styles.figures}>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className={styles.piece}>
            {values[part]}
          </span>
        ) : (
          part
        ),
      )}
    </span>
  );
}

function MonthSection({ group, open, onToggle, chart }: { group: MonthGroup; open: boolean; onToggle: (open: boolean) => void; chart: boolean }) {
  const styles = useStyles();
  const pane = usePane();
  const { t } = pane;
  return (
    <details className={styles.month} open={open} onToggle={(e) => onToggle(e.currentTarget.open)} data-testid="budget-month" data-period={group.period}>
      <summary className={styles.summary}>
        <span className={styles.monthName}>{group.period}</span>
        {" · "}
        <MonthCounts totals={group.totals} />
        <MonthFigures totals={group.totals} />
      </summary>
      {/* Only an open month is drawn: a closed one costs nothing, and the page holds one chart per open month. */}
      {open && (
        <div className={styles.monthBody}>
          <BudgetTable lines={group.rows.map(rowLine)} totals={totalsOf(`total ${group.period}`, group.totals, pane)} label={t("budget.result", { period: group.period })} testId="budget-table" />
          {chart && <BudgetChart rows={group.rows} title={t("budget.chartTitle", { period: group.period })} showPeriod={false} />}
        </div>
      )}
    </details>
  );
}

/**
 * The report as the Budget page shows it (budget-view.ts). Every month of the year: the totals
 * by category, then one collapsible section per month with its totals in its summary line, the
 * latest month booked open. One period (a month, or year to date): one table. `chart`: draw
 * the preview's chart (Excel gets a native one).
 */
export function BudgetResult({ rows, period, chart }: { rows: readonly BudgetReportRow[]; period: string; chart: boolean }) {
  const styles = useStyles();
  const pane = usePane();
  const { t } = pane;
  const view = budgetView(rows);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(view.latest ? [view.latest] : []));
  const toggle = (month: string, isOpen: boolean) =>
    setOpen((current) => {
      if (current.has(month) === isOpen) return current;
      const next = new Set(current);
      if (isOpen) next.add(month);
      else next.delete(month);
      return next;
    });
  const note = (
    <Caption1 as="p" className={styles.note}>
      {t("budget.totalsNote")}
    </Caption1>
  );

  if (!view.months) {
    return (
      <div className={styles.result} data-testid="budget-result">
        <BudgetTable lines={rows.map(rowLine)} totals={totalsOf("total", view.overall, pane)} periodColumn={view.periodColumn} label={t("budget.result", { period })} testId="budget-table" />
        {note}
        {chart && <BudgetChart rows={rows} title={t("budget.chartTitle", { period })} showPeriod={view.periodColumn} />}
      </div>
    );
  }
  return (
    <div className={styles.result} data-testid="budget-result">
      {/* Not a named <section>: the table's own region bears the same name. */}
      <div className={styles.section}>
        <Body1 as="h2" className={styles.heading}>
          {t("budget.byCategory")} {period}
        </Body1>
        <BudgetTable lines={view.categories.map(categoryLine)} totals={totalsOf("total", view.overall, pane)} label={`${t("budget.byCategory")} ${period}`} testId="budget-categories" />
        {note}
      </div>
      <section className={styles.section} aria-labelledby="budget-by-month">
        <Body1 as="h2" id="budget-by-month" className={styles.heading}>
          {t("budget.byMonth")}
        </Body1>
        <div className={styles.months}>
          {view.months.map((group) => (
            <MonthSection key={group.period} group={group} open={open.has(group.period)} onToggle={(isOpen) => toggle(group.period, isOpen)} chart={chart} />
          ))}
        </div>
      </section>
    </div>
  );
}
