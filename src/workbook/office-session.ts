import { WorkbookError } from "./errors";
import { OfficeWorkbookTables } from "./office-workbook";
import { columnSpec } from "./schema";
import type { WorkbookTables } from "./types";
import type { BudgetChartOptions, WorkbookSession } from "./session";

export const BUDGET_CHART_NAME = "MktBudgetChart";

function headersOf(id: string): string {
  const spec = columnSpec("BudgetReport", id);
  return spec ? `${spec.en} / ${spec.zh}` : id;
}

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
  const name = options.tableNames?.BudgetReport;
  const ref = await tables.findTable("BudgetReport", name ? { name } : undefined);
  if (!ref) throw new WorkbookError("tableNotFound", name ? { table: "BudgetReport", tableName: name } : { table: "BudgetReport" });
  const { columnMap } = await tables.readTable(ref);
  const table = context.workbook.tables.getItem(ref.name);
  const column = (id: string) => {
    const at = columnMap[id];
    if (at === undefined) throw new WorkbookError("missingColumn", { table: "BudgetReport", tableName: ref.name, sheet: ref.sheet, column: id, headers: headersOf(id) });
    return table.columns.getItemAt(at);
  };
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
