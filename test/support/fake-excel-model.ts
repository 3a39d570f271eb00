/**
 * The in-memory workbook behind the fake Office.js API (fake-excel.ts): sheets of sparse
 * cells, tables, names. Writes follow Excel's rules for typed-in text, so code that forgets
 * the text format gets formulas, numbers and dates back, as it would in Excel.
 */
import { boxAddress, parseBox } from "../../src/workbook/address";

export type Scalar = string | number | boolean;

export interface FakeCell {
  value: Scalar | null;
  error?: string;
  formula?: string;
  numberFormat: string;
}

/** 0-based box, as Office.js indexes. */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
}

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export class FakeSheet {
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  readonly cells = new Map<string, FakeCell>();
  constructor(public name: string) {}

  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  ensure(row: number, col: number): FakeCell {
    const key = `${row},${col}`;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { value: null, numberFormat: "General" }));
    return cell;
  }

  /** Smallest box holding every cell with content (and, unless valuesOnly, every formatted one). */
  usedBox(valuesOnly: boolean): Box | undefined {
    let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
    for (const [key, cell] of this.cells) {
      const hasContent = cell.value !== null || cell.error !== undefined || cell.formula !== undefined;
      if (!hasContent && (valuesOnly || cell.numberFormat === "General")) continue;
      const [r, c] = key.split(",").map(Number);
      [top, left, bottom, right] = [Math.min(top, r), Math.min(left, c), Math.max(bottom, r), Math.max(right, c)];
    }
    return bottom < 0 ? undefined : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }
}

export class FakeTable {
  showTotals = false;
  constructor(
    public name: string,
    public sheet: FakeSheet,
    public box: Box,
  ) {}
}

export type FakeName = ({ name: string; sheet: string; row: number; col: number } | { name: string; constant: Scalar }) & { hidden?: boolean };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ERRORS = ["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!"];

export function boxOverlaps(a: Box, b: Box): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.cols && b.left < a.left + a.cols;
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly names: FakeName[] = [];

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): FakeSheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new FakeError("ItemNotFound", `sheet ${name}`);
    return sheet;
  }

  findTable(name: string): FakeTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): FakeSheet {
    if (this.findSheet(name)) throw new FakeError("ItemAlreadyExists", `sheet ${name}`);
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (const table of this.tables.filter((t) => t.sheet === sheet)) this.tables.splice(this.tables.indexOf(table), 1);
  }

  /** Stores values as given (test setup: strings stay strings, no parsing). */
  setValues(sheetName: string, topLeft: string, rows: readonly (readonly (Scalar | null)[])[]): void {
    const sheet = this.findSheet(sheetName) ?? this.addSheet(sheetName);
    const { top, left } = parseBox(topLeft);
    rows.forEach((row, i) => row.forEach((value, j) => (sheet.ensure(top - 1 + i, left - 1 + j).value = value)));
  }

  setFormula(sheetName: string, address: string, formula: string, result: Scalar | { error: string }): void {
    const { top, left } = parseBox(address);
    const cell = this.sheet(sheetName).ensure(top - 1, left - 1);
    cell.formula = formula;
    if (typeof result === "object") [cell.value, cell.error] = [null, result.error];
    else cell.value = result;
  }

  setNumberFormat(sheetName: string, address: string, format: string): void {
    const box = parseBox(address);
    for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) this.sheet(sheetName).ensure(r - 1, c - 1).numberFormat = format;
  }

  /** A table over `rows` (header first); a header-only table gets Excel's one blank body row. */
  addTable(sheetName: string, name: string, topLeft: string, rows: readonly (readonly (Scalar | null)[])[]): FakeTable {
    this.setValues(sheetName, topLeft, rows);
    const { top, left } = parseBox(topLeft);
    return this.createTable(this.sheet(sheetName), name, { top: top - 1, left: left - 1, rows: Math.max(rows.length, 2), cols: rows[0].length });
  }

  createTable(sheet: FakeSheet, name: string, box: Box): FakeTable {
    if (this.findTable(name)) throw new FakeError("ItemAlreadyExists", `table ${name}`);
    if (this.tables.some((t) => t.sheet === sheet && boxOverlaps(t.box, box))) throw new FakeError("InvalidOperation", "tables cannot overlap");
    const table = new FakeTable(name, sheet, box);
    this.tables.push(table);
    return table;
  }

  addName(name: string, sheetName: string, address: string): void {
    const { top, left } = parseBox(address);
    this.names.push({ name, sheet: sheetName, row: top - 1, col: left - 1 });
  }

  addConstantName(name: string, constant: Scalar): void {
    this.names.push({ name, constant });
  }

  cellAt(sheetName: string, address: string): FakeCell | undefined {
    const { top, left } = parseBox(address);
    return this.sheet(sheetName).get(top - 1, left - 1);
  }

  /** Test view of a table: header and body values as Office.js would return them. */
  tableValues(name: string): (Scalar | null)[][] {
    const table = this.findTable(name);
    if (!table) throw new FakeError("ItemNotFound", `table ${name}`);
    const { top, left, rows, cols } = table.box;
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => readValue(table.sheet.get(top + i, left + j))));
  }

  tableAddress(name: string): string {
    const table = this.findTable(name);
    if (!table) throw new FakeError("ItemNotFound", `table ${name}`);
    const { top, left, rows, cols } = table.box;
    return boxAddress({ top: top + 1, left: left + 1, bottom: top + rows, right: left + cols });
  }
}

/** The value Office.js reports for a cell ("" when empty, the error text for errors). */
export function readValue(cell: FakeCell | undefined): Scalar {
  if (!cell) return "";
  if (cell.error !== undefined) return cell.error;
  return cell.value ?? "";
}

export function readValueType(cell: FakeCell | undefined): string {
  if (!cell || (cell.value === null && cell.error === undefined)) return "Empty";
  if (cell.error !== undefined) return "Error";
  return typeof cell.value === "number" ? "Double" : typeof cell.value === "boolean" ? "Boolean" : "String";
}

function isoDateSerial(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 + 25_569 : undefined;
}

/**
 * Range.values semantics: null leaves the cell alone, "" clears it; in a text ("@") cell
 * anything is stored as text; otherwise text is parsed as if typed.
 */
export function writeValue(cell: FakeCell, value: Scalar | null): void {
  if (value === null) return;
  delete cell.formula;
  delete cell.error;
  if (value === "") return void (cell.value = null);
  if (cell.numberFormat === "@") return void (cell.value = String(value));
  if (typeof value !== "string") return void (cell.value = value);
  if (NUMBER.test(value.trim())) return void (cell.value = Number(value));
  if (/^(true|false)$/i.test(value)) return void (cell.value = value.toLowerCase() === "true");
  if (ERRORS.includes(value)) return void ([cell.value, cell.error] = [null, value]);
  const serial = isoDateSerial(value);
  if (serial !== undefined) {
    cell.value = serial;
    if (cell.numberFormat === "General") cell.numberFormat = "yyyy-mm-dd";
    return;
  }
  if (/^[=+\-@]/.test(value)) return void ([cell.formula, cell.value, cell.error] = [value, null, "#NAME?"]);
  cell.value = value;
}
