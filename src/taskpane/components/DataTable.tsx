import { makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, TableSelectionCell, tokens } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import { usePane } from "../pane";
import { nextSort, sortRows, type SortKey, type SortState } from "./sort";

/** text: may wrap between words; number: right-aligned, one line; status: a word that never breaks. */
export type ColumnKind = "text" | "number" | "status";

export interface Column<Row> {
  readonly id: string;
  readonly header: string;
  readonly kind?: ColumnKind;
  /** What the column sorts by (numbers by value); also its text when `cell` is not given. */
  readonly sortKey: (row: Row) => SortKey;
  readonly cell?: (row: Row) => ReactNode;
}

export interface Selection {
  readonly selected: ReadonlySet<string>;
  readonly onChange: (selected: ReadonlySet<string>) => void;
  /** Rows that cannot be selected (nothing the user's role may do with them) show no checkbox. */
  readonly selectable: (key: string) => boolean;
  /** The checkbox's accessible name for a row ("Select Dealer A"), and for all of them. */
  readonly rowLabel: (key: string) => string;
  readonly allLabel: string;
}

export interface DataTableProps<Row> {
  readonly rows: readonly Row[];
  readonly columns: readonly Column<Row>[];
  readonly rowKey: (row: Row) => string;
  readonly label: string;
  /** Rows after the sorted ones, never sorted (totals). */
  readonly totals?: readonly Row[];
  readonly rowClassName?: (row: Row) => string | undefined;
  readonly selection?: Selection;
  readonly testId?: string;
}

const useStyles = makeStyles({
  // The page stays 320 px wide; a table wider than the pane scrolls inside its own box.
  scroller: { maxWidth: "100%", overflowX: "auto" },
  // Text wraps between words (and between Chinese characters, as Chinese does), never inside an English word.
  table: { fontSize: tokens.fontSizeBase200, tableLayout: "auto", wordBreak: "normal", overflowWrap: "normal" },
  number: { textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  numberHeader: { textAlign: "end", "& .fui-TableHeaderCell__button": { justifyContent: "flex-end", textAlign: "end" } },
  status: { whiteSpace: "nowrap" },
  total: { fontWeight: tokens.fontWeightSemibold, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
});

/**
 * The pane's tables: sortable by any column, numbers right-aligned under right-aligned
 * headers, statuses on one line, optional row selection. Cells render as React text only.
 */
export function DataTable<Row>({ rows, columns, rowKey, label, totals = [], rowClassName, selection, testId }: DataTableProps<Row>) {
  const styles = useStyles();
  const { lang } = usePane();
  const [sort, setSort] = useState<SortState | undefined>();
  const sortColumn = columns.find((c) => c.id === sort?.column);
  const shown = sort && sortColumn ? sortRows(rows, sortColumn.sortKey, sort.direction, lang === "zh" ? "zh-CN" : "en-US") : rows;
  const cellClass = (kind: ColumnKind | undefined) => (kind === "number" ? styles.number : kind === "status" ? styles.status : undefined);
  const selectableKeys = selection ? rows.map(rowKey).filter((key) => selection.selectable(key)) : [];
  const chosen = selectableKeys.filter((key) => selection?.selected.has(key)).length;

  const toggle = (key: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  };
  const toggleAll = () => selection?.onChange(new Set(chosen === selectableKeys.length ? [] : selectableKeys));

  const renderRow = (row: Row, isTotal: boolean) => {
    const key = rowKey(row);
    const canSelect = !isTotal && selection?.selectable(key);
    return (
      <TableRow key={key} className={mergeClasses(isTotal && styles.total, rowClassName?.(row))} aria-selected={canSelect ? selection?.selected.has(key) : undefined}>
        {selection &&
          (canSelect ? (
            <TableSelectionCell checked={selection.selected.has(key)} onClick={() => toggle(key)} checkboxIndicator={{ "aria-label": selection.rowLabel(key) }} />
          ) : (
            <TableCell aria-hidden />
          ))}
        {columns.map((c) => (
          <TableCell key={c.id} className={cellClass(c.kind)}>
            {c.cell ? c.cell(row) : (c.sortKey(row) ?? "")}
          </TableCell>
        ))}
      </TableRow>
    );
  };

  return (
    <div className={styles.scroller} role="region" aria-label={label} tabIndex={0}>
      <Table size="extra-small" sortable className={styles.table} aria-label={label} data-testid={testId}>
        <TableHeader>
          <TableRow>
            {selection &&
              (selectableKeys.length > 0 ? (
                <TableSelectionCell
                  checked={chosen === 0 ? false : chosen === selectableKeys.length ? true : "mixed"}
                  onClick={toggleAll}
                  checkboxIndicator={{ "aria-label": selection.allLabel }}
                />
              ) : (
                <TableCell aria-hidden />
              ))}
            {columns.map((c) => (
              <TableHeaderCell
                key={c.id}
                // A header is a term of the company's ("下一步", "返利金额（元）"): one line, even over a column whose cells wrap.
                className={mergeClasses(c.kind === "number" && styles.numberHeader, styles.status)}
                sortDirection={sort?.column === c.id ? sort.direction : undefined}
                onClick={() => setSort((current) => nextSort(current, c.id))}
              >
                {c.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((row) => renderRow(row, false))}
          {totals.map((row) => renderRow(row, true))}
        </TableBody>
      </Table>
    </div>
  );
}
