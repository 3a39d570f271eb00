/** Sorting the pane's tables: pure, so that the order is tested without a browser. */
export type SortKey = string | number | undefined;
export type SortDirection = "ascending" | "descending";

export interface SortState {
  readonly column: string;
  readonly direction: SortDirection;
}

/**
 * Numbers by value, text in the user's language (拼音 order in Chinese), and blanks last in
 * either direction, so that "not booked yet" never hides the rows that matter. Stable: rows
 * that compare equal keep the order the service gave them.
 */
export function sortRows<Row>(rows: readonly Row[], key: (row: Row) => SortKey, direction: SortDirection, locale: string): Row[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const sign = direction === "ascending" ? 1 : -1;
  const compare = (a: SortKey, b: SortKey): number => {
    const blankA = a === undefined || a === "";
    const blankB = b === undefined || b === "";
    if (blankA || blankB) return Number(blankA) - Number(blankB);
    if (typeof a === "number" && typeof b === "number") return sign * (a - b);
    return sign * collator.compare(String(a), String(b));
  };
  return rows
    .map((row, index) => ({ row, index, key: key(row) }))
    .sort((x, y) => compare(x.key, y.key) || x.index - y.index)
    .map((x) => x.row);
}

/** A click on a column's header: that column ascending, or the other way round when it already sorts. */
export function nextSort(current: SortState | undefined, column: string): SortState {
  if (current?.column !== column) return { column, direction: "ascending" };
  return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
}
