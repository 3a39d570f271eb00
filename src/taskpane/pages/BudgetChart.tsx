import { makeStyles, tokens } from "@fluentui/react-components";
import type { BudgetReportRow } from "../../rules";

const useStyles = makeStyles({
  svg: { width: "100%", height: "auto" },
  budget: { fill: tokens.colorNeutralStroke1 },
  actual: { fill: tokens.colorBrandBackground },
  over: { fill: tokens.colorPaletteRedBackground3 },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "10px" },
});

const BAR = 8;
const GAP = 6;
const LABEL = 90;
const WIDTH = 300;

/**
 * Budget and actual per report row as horizontal bars, for the preview (Excel gets a native
 * chart). Category names are SVG text nodes rendered by React, never markup.
 */
export function BudgetChart({ rows, title, budgetLabel, actualLabel }: { rows: readonly BudgetReportRow[]; title: string; budgetLabel: string; actualLabel: string }) {
  const styles = useStyles();
  // A month not booked yet has a budget bar and no actual one.
  const max = Math.max(1, ...rows.flatMap((r) => [r.budget, r.actual ?? 0]));
  const scale = (n: number) => (Math.max(0, n) / max) * (WIDTH - LABEL - 4);
  // Several months: each bar says which ("03 广告投放"); one period, or year to date ("2025-01…2025-06"): the category alone.
  const months = new Set(rows.map((r) => r.period)).size > 1;
  const label = (r: BudgetReportRow) => {
    const text = months && !r.period.includes("…") ? `${r.period.slice(5, 7)} ${r.category}` : r.category;
    return text.length > 14 ? `${text.slice(0, 13)}…` : text;
  };
  const height = rows.length * (2 * BAR + GAP) + 20;
  return (
    <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} data-testid="budget-chart">
      <title>{title}</title>
      <rect x={LABEL} y={2} width={BAR} height={BAR} className={styles.budget} />
      <text x={LABEL + BAR + 3} y={BAR + 1} className={styles.label}>
        {budgetLabel}
      </text>
      <rect x={LABEL + 70} y={2} width={BAR} height={BAR} className={styles.actual} />
      <text x={LABEL + 70 + BAR + 3} y={BAR + 1} className={styles.label}>
        {actualLabel}
      </text>
      {rows.map((r, i) => {
        const y = 20 + i * (2 * BAR + GAP);
        return (
          <g key={`${r.category}|${r.period}`}>
            <text x={0} y={y + BAR + 3} className={styles.label}>
              {label(r)}
            </text>
            <rect x={LABEL} y={y} width={scale(r.budget)} height={BAR} className={styles.budget} />
            <rect x={LABEL} y={y + BAR} width={scale(r.actual ?? 0)} height={BAR} className={r.status === "OVER" ? styles.over : styles.actual} />
          </g>
        );
      })}
    </svg>
  );
}
