/**
 * One workbook description, built for either implementation, so the same contract tests
 * run against the .xlsx package layer (on files ExcelJS writes) and Office.js (the fake Excel).
 */
import ExcelJS from "exceljs";
import { parseBox } from "../../src/workbook/address";
import { dateToSerial } from "../../src/workbook/cells";
import { OfficeWorkbookTables, type OfficeWorkbookOptions, type WorkbookTables } from "../../src/workbook";
import { excelJsFromBytes } from "../support/xlsx-files";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { FakeWorkbook, fakeExcel, type FakeExcelContext } from "../support/fake-excel";

export type FixtureValue = string | number | boolean | null | Date | { formula: string; result: string | number | boolean } | { error: string };

export interface FixtureTable {
  readonly name: string;
  readonly at: string;
  /** Header row first. */
  readonly rows: readonly (readonly FixtureValue[])[];
}

export interface FixtureSheet {
  readonly name: string;
  readonly cells?: readonly { at: string; rows: readonly (readonly FixtureValue[])[] }[];
  readonly tables?: readonly FixtureTable[];
}

export interface Fixture {
  readonly sheets: readonly FixtureSheet[];
  readonly names?: readonly { name: string; sheet: string; at: string }[];
}

export interface Harness {
  readonly tables: WorkbookTables;
  /** The same workbook seen afresh: ExcelJS saves and reloads it, Office.js opens a new context. */
  reopen(): Promise<WorkbookTables>;
  /** The cell holds a text constant, not a formula (after a save and reload for ExcelJS). */
  cellIsText(sheet: string, address: string): Promise<boolean>;
  /** Fails the write step `step` steps from now; `variant` = Office.js operations of that batch applied first. */
  failAt(step: number, variant: number): void;
  stepsTaken(): number;
  /** Fault variants worth trying at each step. */
  readonly faultVariants: readonly number[];
  sheetNames(): Promise<string[]>;
  /** A person (not the add-in) types `value` into a cell; the tables to go on with see it. */
  editByUser(sheet: string, address: string, value: FixtureValue): Promise<WorkbookTables>;
}

export type MakeHarness = (fixture: Fixture) => Promise<Harness>;

// ---------------------------------------------------------------- ExcelJS

function excelJsValue(value: FixtureValue): ExcelJS.CellValue {
  return value as ExcelJS.CellValue;
}

function fillExcelJs(sheet: ExcelJS.Worksheet, at: string, rows: readonly (readonly FixtureValue[])[]): void {
  const { top, left } = parseBox(at);
  rows.forEach((row, i) =>
    row.forEach((value, j) => {
      const cell = sheet.getCell(top + i, left + j);
      cell.value = excelJsValue(value);
      if (value instanceof Date) cell.numFmt = "yyyy-mm-dd";
    }),
  );
}

export function buildExcelJsWorkbook(fixture: Fixture): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const spec of fixture.sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    for (const block of spec.cells ?? []) fillExcelJs(sheet, block.at, block.rows);
    for (const table of spec.tables ?? []) {
      const [headers, ...body] = table.rows;
      sheet.addTable({
        name: table.name,
        ref: table.at,
        headerRow: true,
        columns: headers.map((h) => ({ name: String(h), filterButton: true })),
        rows: body.length > 0 ? body.map((r) => r.map(excelJsValue)) : [headers.map(() => null)],
      });
      fillExcelJs(sheet, table.at, table.rows);
    }
  }
  for (const name of fixture.names ?? []) workbook.definedNames.add(`'${name.sheet}'!${name.at.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")}`, name.name);
  return workbook;
}

// ---------------------------------------------------------------- .xlsx package layer

/** The package layer over the bytes ExcelJS writes for the fixture; every reopen is a save and a fresh open. */
export const makeXlsxHarness: MakeHarness = async (fixture) => {
  let steps = 0;
  let failing: number | undefined;
  const onWriteStep = () => {
    if (steps++ === failing) throw new Error("injected fault");
  };
  const bytes = new Uint8Array((await buildExcelJsWorkbook(fixture).xlsx.writeBuffer()) as ArrayBuffer);
  const workbook = await XlsxWorkbook.open(bytes, { onWriteStep });
  const saved = async () => workbook.save();
  return {
    tables: workbook.tables,
    reopen: async () => (await XlsxWorkbook.open(await saved())).tables,
    cellIsText: async (sheet, address) => {
      const cell = (await excelJsFromBytes(await saved())).getWorksheet(sheet)?.getCell(address);
      return typeof cell?.value === "string" && cell.formula === undefined;
    },
    failAt: (step) => void (failing = steps + step),
    stepsTaken: () => steps,
    faultVariants: [0],
    sheetNames: async () => (await excelJsFromBytes(await saved())).worksheets.map((w) => w.name),
    editByUser: async (sheet, address, value) => {
      const edited = await excelJsFromBytes(await saved());
      (edited.getWorksheet(sheet) as ExcelJS.Worksheet).getCell(address).value = excelJsValue(value);
      return (await XlsxWorkbook.open(new Uint8Array((await edited.xlsx.writeBuffer()) as ArrayBuffer), { onWriteStep })).tables;
    },
  };
};

// ---------------------------------------------------------------- Office.js (fake)

function fakeValue(model: FakeWorkbook, sheet: string, row: number, col: number, value: FixtureValue): void {
  const s = model.findSheet(sheet) ?? model.addSheet(sheet);
  const cell = s.ensure(row, col);
  if (value instanceof Date) [cell.value, cell.numberFormat] = [dateToSerial(value), "yyyy-mm-dd"];
  else if (value !== null && typeof value === "object" && "formula" in value) [cell.formula, cell.value] = [value.formula, value.result];
  else if (value !== null && typeof value === "object") [cell.value, cell.error] = [null, value.error];
  else cell.value = value;
}

function fillFake(model: FakeWorkbook, sheet: string, at: string, rows: readonly (readonly FixtureValue[])[]): void {
  const { top, left } = parseBox(at);
  rows.forEach((row, i) => row.forEach((value, j) => fakeValue(model, sheet, top - 1 + i, left - 1 + j, value)));
}

export function buildFakeWorkbook(fixture: Fixture): FakeWorkbook {
  const model = new FakeWorkbook();
  for (const spec of fixture.sheets) {
    model.addSheet(spec.name);
    for (const block of spec.cells ?? []) fillFake(model, spec.name, block.at, block.rows);
    for (const table of spec.tables ?? []) {
      model.addTable(spec.name, table.name, table.at, [table.rows[0].map(String)]);
      fillFake(model, spec.name, table.at, table.rows);
      const fake = model.findTable(table.name);
      if (fake) fake.box = { ...fake.box, rows: Math.max(table.rows.length, 2) };
    }
  }
  for (const name of fixture.names ?? []) model.addName(name.name, name.sheet, name.at);
  return model;
}

export interface OfficeHarness extends Harness {
  readonly context: FakeExcelContext;
  readonly model: FakeWorkbook;
}

export function makeOfficeHarness(options: OfficeWorkbookOptions = {}): (fixture: Fixture) => Promise<OfficeHarness> {
  return async (fixture) => {
    const model = buildFakeWorkbook(fixture);
    const context = fakeExcel(model);
    return {
      context,
      model,
      tables: new OfficeWorkbookTables(context.asRequestContext(), options),
      reopen: async () => new OfficeWorkbookTables(fakeExcel(model).asRequestContext(), options),
      cellIsText: async (sheet, address) => {
        const cell = model.cellAt(sheet, address);
        return typeof cell?.value === "string" && cell.formula === undefined;
      },
      failAt: (step, variant) => context.failAtSync(context.syncCount + 1 + step, variant),
      stepsTaken: () => context.syncCount,
      faultVariants: [0, 1, 2, Number.MAX_SAFE_INTEGER],
      sheetNames: async () => model.sheets.map((s) => s.name),
      editByUser: async (sheet, address, value) => {
        const { top, left } = parseBox(address);
        fakeValue(model, sheet, top - 1, left - 1, value);
        return new OfficeWorkbookTables(context.asRequestContext(), options);
      },
    };
  };
}
