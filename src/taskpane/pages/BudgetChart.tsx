import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { NOT_BOOKED, type BudgetReportRow } from "../../rules";
import { money, usePane } from "../pane";

const BAR_HEIGHT = "10px";

const useStyles = makeStyles({
  // Every size in pixels or tokens, none relative to the pane's width: the text stays
  // fontSizeBase200 (12 px) at any width, as the table's does; only the bars stretch.
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: "normal", wordBreak: "keep-all" },
  caption: { fontWeight: tokens.fontWeightSemibold },
  legend: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  legendItem: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, whiteSpace: "nowrap" },
  swatch: { display: "inline-block", width: BAR_HEIGHT, height: BAR_HEIGHT, boxSizing: "border-box" },
  // Label, bar, value; a category's two bars (budget, actual) share its label. The label column
  // is never narrower than its longest word (客户关系维护 whole), nor wider than 7em.
  bars: { display: "grid", gridTemplateColumns: "fit-content(7em) minmax(2em, 1fr) auto", columnGap: tokens.spacingHorizontalS, rowGap: "2px" },
  label: { gridColumnStart: 1, gridRowEnd: "span 2", alignSelf: "center", color: tokens.colorNeutralForeground1, wordBreak: "keep-all", overflowWrap: "normal" },
  period: { display: "block", color: tokens.colorNeutralForeground2 },
  track: { gridColumnStart: 2, alignSelf: "center", height: BAR_HEIGHT },
  bar: { height: "100%", minWidth: "1px", boxSizing: "border-box" },
  value: { gridColumnStart: 3, textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums", color: tokens.colorNeutralForeground1 },
  item: { display: "contents" },
  spacer: { gridColumnStart: 1, gridColumnEnd: 4, height: tokens.spacingVerticalXS },
  budget: { backgroundColor: tokens.colorNeutralStrokeAccessible },
  actual: { backgroundColor: tokens.colorBrandBackground },
  over: { backgroundColor: tokens.colorPaletteRedBackground3 },
  notBooked: { border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStrokeAccessible}` },
});

/**
 * Budget and actual per report row as horizontal bars with their values, for the preview (Excel
 * gets a native chart). HTML, not a scaled SVG, so that its text keeps its size at any width.
 * One accessible image whose name lists every figure; category names are React text, never markup.
 */
export function BudgetChart({ rows, title, showPeriod }: { rows: readonly BudgetReportRow[]; title: string; showPeriod: boolean }) {
  const styles = useStyles();
  const { t, lang } = usePane();
  const max = Math.max(1, ...rows.flatMap((r) => [r.budget, r.actual ?? 0]));
  const width = (n: number) => `${((Math.max(0, n) / max) * 100).toFixed(2)}%`;
  const labelOf = (r: BudgetReportRow) => (showPeriod ? `${r.category} ${r.period}` : r.category);
  const figure = (r: BudgetReportRow) => {
    const params = { label: labelOf(r), budget: money(r.budget, lang), actual: money(r.actual, lang) };
    return t(r.status === NOT_BOOKED ? "budget.chartFigureNotBooked" : r.status === "OVER" ? "budget.chartFigureOver" : "budget.chartFigure", params);
  };
  const legend: [string, string][] = [
    [styles.budget, t("budget.budget")],
    [styles.actual, t("budget.actual")],
    [styles.over, t("budget.chartOver")],
    [styles.notBooked, t("budgetStatus.NOT BOOKED")],
  ];
  return (
    <figure className={styles.figure} data-testid="budget-chart">
      <figcaption className={styles.caption}>{title}</figcaption>
      <ul className={styles.legend} data-testid="budget-chart-legend">
        {legend.map(([swatch, text]) => (
          <li key={text} className={styles.legendItem}>
            <span className={mergeClasses(styles.swatch, swatch)} aria-hidden />
            {text}
          </li>
        ))}
      </ul>
      <div className={styles.bars} role="img" aria-label={`${title}: ${rows.map(figure).join("; ")}`}>
        {rows.map((r, i) => {
          const booked = r.status !== NOT_BOOKED;
          return (
            <div key={`${r.category}|${r.period}|${r.status}`} className={styles.item} data-bar={r.status}>
              {i > 0 && <div className={styles.spacer} />}
              <div className={styles.label}>
                {r.category}
                {showPeriod && <span className={styles.period}>{r.period}</span>}
              </div>
              <div className={styles.track}>
                <div className={mergeClasses(styles.bar, styles.budget)} style={{ width: width(r.budget) }} />
              </div>
              <div className={styles.value} data-testid="chart-value">
                {money(r.budget, lang)}
              </div>
              <div className={styles.track}>
                <div
                  className={mergeClasses(styles.bar, booked ? (r.status === "OVER" ? styles.over : styles.actual) : styles.notBooked)}
                  style={{ width: width(booked ? (r.actual ?? 0) : r.budget) }}
                />
              </div>
              <div className={styles.value} data-testid="chart-value">
                {booked ? money(r.actual, lang) : t("budgetStatus.NOT BOOKED")}
              </div>
            </div>
          );
        })}
      </div>
    </figure>
  );
}
