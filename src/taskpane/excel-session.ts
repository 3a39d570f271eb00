import { columnSpec, OfficeWorkbookTables, WorkbookError, type WorkbookTables } from "../workbook";
import type { BudgetChartOptions, WorkbookSession } from "./session";

const CHART_NAME = "MktBudgetChart";

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

  /** Replaces the pane's chart: clustered columns of Budget and Actual per BudgetReport row. */
  writeBudgetChart(options: BudgetChartOptions): Promise<void> {
    return Excel.run(async (context) => {
      const tables = new OfficeWorkbookTables(context);
      const name = options.tableNames?.BudgetReport;
      const ref = await tables.findTable("BudgetReport", name ? { name } : undefined);
      if (!ref) throw new WorkbookError("tableNotFound", { table: "BudgetReport" });
      const data = await tables.readTable(ref);
      const column = (id: string) => {
        const at = data.columnMap[id];
        if (at === undefined) throw new WorkbookError("missingColumn", { table: "BudgetReport", tableName: ref.name, sheet: ref.sheet, column: id, headers: headersOf(id) });
        return table.columns.getItemAt(at);
      };
      const table = context.workbook.tables.getItem(ref.name);
      const sheet = context.workbook.worksheets.getItem(ref.sheet);
      const old = sheet.charts.getItemOrNullObject(CHART_NAME);
      await context.sync();
      if (!old.isNullObject) old.delete();

      const categories = column("Category").getDataBodyRange();
      const chart = sheet.charts.add(Excel.ChartType.columnClustered, column("Budget").getRange(), Excel.ChartSeriesBy.columns);
      chart.name = CHART_NAME;
      chart.title.text = options.title;
      chart.series.getItemAt(0).setXAxisValues(categories);
      const actual = chart.series.add(ref.headers[data.columnMap.Actual] ?? "Actual");
      actual.setValues(column("Actual").getDataBodyRange());
      actual.setXAxisValues(categories);
      const right = table.getRange().getLastColumn().getOffsetRange(0, 2).getCell(0, 0);
      chart.setPosition(right);
      await context.sync();
    });
  }
}
