import { isBlankCell, isWorkbookError, type RowValues, type TableData, type WorkbookTables } from "../workbook";
import { dateCell } from "./cells";
import { readOutput, type TableOptions } from "./tables";

/**
 * The dates the workbook has data for, from which src/rules/periods.ts picks the periods the
 * pane's pages and the command line start on. Only for defaults: a table that is missing or
 * cannot be read gives no dates (the default falls back, and the refresh or report itself
 * then names the problem), and a cell that is not a date is skipped.
 */
async function datesOf(tables: WorkbookTables, kind: "Sales" | "Purchases" | "Budget", column: string, options: TableOptions, keep: (values: RowValues) => boolean = () => true): Promise<Date[]> {
  let data: TableData | undefined;
  try {
    data = await readOutput(tables, kind, { tableNames: options.tableNames });
  } catch (error) {
    if (isWorkbookError(error)) return [];
    throw error;
  }
  const dates: Date[] = [];
  for (const row of data?.rows ?? []) {
    const date = dateCell(row.values[column], column);
    if (date instanceof Date && keep(row.values)) dates.push(date);
  }
  return dates;
}

/** Sales dates: the bonus month defaults to the latest. */
export function salesDates(tables: WorkbookTables, options: TableOptions = {}): Promise<Date[]> {
  return datesOf(tables, "Sales", "Date", options);
}

/** Purchase dates: the rebate year (and a year to date's month) default to the latest. */
export function purchaseDates(tables: WorkbookTables, options: TableOptions = {}): Promise<Date[]> {
  return datesOf(tables, "Purchases", "Date", options);
}

/**
 * The Budget months whose Actual is booked, the data a variance report is about: the Budget
 * table also holds months planned but not booked yet (the rest of the year, next year's budget),
 * on which a report would only say "not booked yet". When nothing at all is booked, every month
 * with a budget.
 */
export async function budgetDates(tables: WorkbookTables, options: TableOptions = {}): Promise<Date[]> {
  const booked = await datesOf(tables, "Budget", "Month", options, (values) => !isBlankCell(values.Actual));
  return booked.length > 0 ? booked : datesOf(tables, "Budget", "Month", options);
}
