import { addBudgetChart, BUDGET_CHART_NAME } from "../../src/workbook/office-session";
import { describeError } from "../../src/i18n";
import { WorkbookError, type TableRef, type WorkbookTables } from "../../src/workbook";

/** Records what the chart code asks of Office.js: ranges are named by how they were reached. */
function recordingExcel(oldChart: boolean) {
  const log: string[] = [];
  type R = { desc: string };
  const range = (desc: string): R & Record<string, unknown> => ({
    desc,
    getLastColumn: () => range(`${desc}.lastColumn`),
    getOffsetRange: (r: number, c: number) => range(`${desc}.offset(${r},${c})`),
    getCell: (r: number, c: number) => range(`${desc}.cell(${r},${c})`),
  });
  const series = (name: string) => ({
    setXAxisValues: (r: R) => log.push(`${name} x ${r.desc}`),
    setValues: (r: R) => log.push(`${name} values ${r.desc}`),
  });
  const chart = {
    name: "",
    title: { text: "" },
    series: { getItemAt: (i: number) => series(`series${i}`), add: (name: string) => (log.push(`add series ${name}`), series(name)) },
    setPosition: (r: R) => log.push(`position ${r.desc}`),
  };
  const context = {
    workbook: {
      tables: {
        getItem: (name: string) => ({
          columns: { getItemAt: (i: number) => ({ getRange: () => range(`column${i}`), getDataBodyRange: () => range(`column${i}.body`) }) },
          getRange: () => range(`table ${name}`),
        }),
      },
      worksheets: {
        getItem: (sheet: string) => ({
          charts: {
            getItemOrNullObject: (name: string) => ({ isNullObject: !oldChart, delete: () => log.push(`delete ${sheet}!${name}`) }),
            add: (type: string, source: R, by: string) => (log.push(`chart ${type} of ${source.desc} by ${by}`), chart),
          },
        }),
      },
    },
    sync: async () => void log.push("sync"),
  };
  return { log, chart, context: context as unknown as Excel.RequestContext };
}

const REF: TableRef = { kind: "BudgetReport", name: "预算报告", sheet: "预算报告", headers: ["类别", "期间", "实际", "预算", "差异", "差异率", "状态", "有利/不利"], language: "zh" };

/** The chart needs only the found table's headers: reading its rows would fail the test. */
function tablesWith(ref: TableRef | undefined): WorkbookTables {
  return {
    findTable: async () => ref,
    readTable: async () => {
      throw new Error("the chart must not read the table's rows");
    },
  } as unknown as WorkbookTables;
}

describe("the native budget chart in Excel", () => {
  const original = (globalThis as { Excel?: unknown }).Excel;
  beforeAll(() => {
    (globalThis as { Excel?: unknown }).Excel = { ChartType: { columnClustered: "ColumnClustered" }, ChartSeriesBy: { columns: "Columns" } };
  });
  afterAll(() => {
    (globalThis as { Excel?: unknown }).Excel = original;
  });

  test("replaces the old chart with Budget and Actual by Category, found by header wherever the columns are", async () => {
    const { log, chart, context } = recordingExcel(true);
    await addBudgetChart(context, tablesWith(REF), { title: "预算与实际" });
    expect(log).toEqual([
      "sync",
      `delete 预算报告!${BUDGET_CHART_NAME}`,
      "chart ColumnClustered of column3 by Columns",
      "series0 x column0.body",
      "add series 实际",
      "实际 values column2.body",
      "实际 x column0.body",
      "position table 预算报告.lastColumn.offset(0,2).cell(0,0)",
      "sync",
    ]);
    expect(chart).toMatchObject({ name: BUDGET_CHART_NAME, title: { text: "预算与实际" } });
  });

  test("without a BudgetReport table, or without one of its columns, it says which", async () => {
    const { context } = recordingExcel(false);
    await expect(addBudgetChart(context, tablesWith(undefined), { title: "t", tableNames: { BudgetReport: "Report2025" } })).rejects.toMatchObject({
      code: "tableNotFound",
      params: { table: "BudgetReport", tableName: "Report2025" },
    });
    const missing = addBudgetChart(context, tablesWith({ ...REF, headers: REF.headers.filter((h) => h !== "实际") }), { title: "t" });
    await expect(missing).rejects.toBeInstanceOf(WorkbookError);
    await expect(missing).rejects.toMatchObject({ code: "missingColumn", params: { column: "Actual", headers: ["Actual", "实际"] } });
    expect(describeError(await missing.catch((error: unknown) => error), "en")).toContain("add a column headed Actual / 实际");
  });
});
