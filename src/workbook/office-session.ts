import { requireTable } from "./find";
import { checkedMatch } from "./headers";
import { OfficeWorkbookTables } from "./office-workbook";
import type { WorkbookTables } from "./types";
import type { BudgetChartOptions, WorkbookSession } from "./session";

export const BUDGET_CHART_NAME = "MktBudgetChart";

/** The open workbook in Excel: each run is one Excel.run over the table interface. */
export class ExcelSession implements WorkbookSession {
  readonly kind = "excel" as const;

  run<T>(fn: (tables: WorkbookTables) => Promise<T>): Promise<T> {
    return Excel.run((context) => fn(new OfficeWorkbookTables(context)));
  }

  writeBudgetChart(options: BudgetChartOptions): Promise<void> {
    return Excel.run((context) => addBudgetChart(context, new OfficeWorkbookTables(context), options));
  }
}

/**
 * Replaces the pane's chart beside the BudgetReport table: clustered columns of Budget and
 * Actual per report row, labelled by Category. Columns are found by the table's headers in
 * either language, wherever they are.
 */
export async function addBudgetChart(context: Excel.RequestContext, tables: WorkbookTables, options: BudgetChartOptions): Promise<void> {
  const ref = await requireTable(tables, "BudgetReport", options.tableNames);
  // The found table's headers already say where each column is: no need to read its rows.
  const { columnMap } = checkedMatch("BudgetReport", ref);
  const table = context.workbook.tables.getItem(ref.name);
  const column = (id: string) => table.columns.getItemAt(columnMap[id]);
  const [category, budget, actual] = [column("Category"), column("Budget"), column("Actual")];

  const sheet = context.workbook.worksheets.getItem(ref.sheet);
  const old = sheet.charts.getItemOrNullObject(BUDGET_CHART_NAME);
  await context.sync();
  if (!old.isNullObject) old.delete();

  const categories = category.getDataBodyRange();
  const chart = sheet.charts.add(Excel.ChartType.columnClustered, budget.getRange(), Excel.ChartSeriesBy.columns);
  chart.name = BUDGET_CHART_NAME;
  chart.title.text = options.title;
  chart.series.getItemAt(0).setXAxisValues(categories);
  const actualSeries = chart.series.add(ref.headers[columnMap.Actual]);
  actualSeries.setValues(actual.getDataBodyRange());
  actualSeries.setXAxisValues(categories);
  chart.setPosition(table.getRange().getLastColumn().getOffsetRange(0, 2).getCell(0, 0));
  await context.sync();
}
