import { makeStyles, tokens } from "@fluentui/react-components";
import { DataTable, type Column } from "../../components/DataTable";
import { money, usePane, type Pane } from "../../pane";
import type { BudgetLine } from "./budget-view";
import { percentText, signedMoney } from "./format";

const useStyles = makeStyles({
  // An overspent row, red as before; Fluent's red tokens keep their contrast in the dark scheme.
  // A category's name may wrap between English words, never inside one nor inside 客户关系维护;
  // a total's name ("Not booked yet") stays on one line, as its figures do.
  name: { wordBreak: "keep-all", overflowWrap: "normal" },
  totalName: { whiteSpace: "nowrap" },
  over: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2, fontWeight: tokens.fontWeightSemibold },
});

/** A row's status in the user's words; a total's, how many of its rows are over (budget-view.ts). */
function statusText(line: BudgetLine, { t }: Pane): string {
  if (line.status) return t(`budgetStatus.${line.status}`);
  return line.counts ? t("budget.overOf", line.counts) : "";
}

function columns(pane: Pane, periodColumn: boolean, nameClass: (line: BudgetLine) => string): Column<BudgetLine>[] {
  const { t, lang } = pane;
  return [
    { id: "category", header: t("budget.category"), sortKey: (l) => l.label, cell: (l) => <span className={nameClass(l)}>{l.label}</span> },
    ...(periodColumn ? [{ id: "period", header: t("budget.periodColumn"), kind: "status" as const, sortKey: (l: BudgetLine) => l.period }] : []),
    { id: "budget", header: t("budget.budgetColumn"), kind: "number", sortKey: (l) => l.budget, cell: (l) => money(l.budget, lang) },
    { id: "actual", header: t("budget.actualColumn"), kind: "number", sortKey: (l) => l.actual, cell: (l) => money(l.actual, lang) },
    { id: "variance", header: t("budget.varianceColumn"), kind: "number", sortKey: (l) => l.variance, cell: (l) => signedMoney(l.variance, lang) },
    { id: "percent", header: t("budget.percentColumn"), kind: "number", sortKey: (l) => l.percent, cell: (l) => percentText(l.percent, lang) },
    {
      id: "status",
      header: t("budget.status"),
      kind: "status",
      // Totals (the table of categories) sort by how many rows are over.
      sortKey: (l) => (l.status ? t(`budgetStatus.${l.status}`) : l.counts?.over),
      // data-status marks a report row's status (tests and styles find rows by it), data-total a total's.
      cell: (l) => (l.total ? <span data-total={l.status ?? "booked"}>{statusText(l, pane)}</span> : <span data-status={l.status}>{statusText(l, pane)}</span>),
    },
  ];
}

/**
 * A Budget table (DataTable: sortable by any column, numbers right-aligned under right-aligned
 * headers, statuses on one line), its totals after the sorted rows, overspent rows in red.
 */
export function BudgetTable({ lines, totals, periodColumn = false, label, testId }: { lines: readonly BudgetLine[]; totals: readonly BudgetLine[]; periodColumn?: boolean; label: string; testId: string }) {
  const styles = useStyles();
  const pane = usePane();
  return (
    <DataTable
      rows={lines}
      totals={totals}
      columns={columns(pane, periodColumn, (l) => (l.total ? styles.totalName : styles.name))}
      rowKey={(l) => l.key}
      label={label}
      rowClassName={(l) => (l.status === "OVER" ? styles.over : undefined)}
      testId={testId}
    />
  );
}
