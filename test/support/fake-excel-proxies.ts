/**
 * Office.js-shaped proxies over the fake model. Like the real API, every call is queued and
 * runs at context.sync(): properties are readable only after load + sync (reading earlier
 * throws PropertyNotLoaded), *OrNullObject results know isNullObject after a sync, and
 * methods on missing items fail at sync with ItemNotFound.
 */
import { boxAddress } from "../../src/workbook/address";
import { FakeError, readValue, readValueType, writeValue, type Box, type FakeCell, type FakeSheet, type FakeWorkbook, type Scalar } from "./fake-excel-model";

export interface Op {
  readonly label: string;
  readonly requestBytes: number;
  /** Returns the response bytes it produced. */
  readonly run: () => number;
}

export interface ProxyHost {
  readonly model: FakeWorkbook;
  enqueue(op: Op): void;
}

type Resolver<T> = (() => T | null) | { entity: T };

const jsonBytes = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

abstract class FakeProxy<T> {
  private entity: T | null | undefined;
  private readonly loaded = new Map<string, unknown>();
  private nullKnown: boolean | undefined;

  constructor(
    protected readonly host: ProxyHost,
    resolver: Resolver<T>,
    private readonly nullable = false,
  ) {
    if (typeof resolver !== "function") this.entity = resolver.entity;
    else host.enqueue({ label: `${this.constructor.name}.get`, requestBytes: 0, run: () => this.resolveWith(resolver()) });
  }

  private resolveWith(entity: T | null): number {
    if (entity === null && !this.nullable) throw new FakeError("ItemNotFound", `${this.constructor.name} not found`);
    this.entity = entity;
    this.nullKnown = entity === null;
    return 0;
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw new FakeError("PropertyNotLoaded", `${this.constructor.name}.isNullObject before sync`);
    return this.nullKnown;
  }

  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
    this.host.enqueue({ label: `${this.constructor.name}.load(${list.join(",")})`, requestBytes: 0, run: () => this.loadNow(list) });
    return this;
  }

  loadNow(props: readonly string[]): number {
    if (this.entity === null) return 0;
    const entity = this.target();
    let bytes = 0;
    const nested = new Map<string, string[]>();
    for (const prop of props) {
      const [head, ...rest] = prop.split("/");
      if (rest.length > 0) nested.set(head, [...(nested.get(head) ?? []), rest.join("/")]);
      else {
        const value = this.read(entity, prop);
        this.loaded.set(prop, value);
        bytes += jsonBytes(value);
      }
    }
    // One child per navigation property, so "items/name, items/worksheet/name" load the same items.
    for (const [head, rests] of nested) bytes += this.loadChild(head, entity).loadNow(rests);
    return bytes;
  }

  protected loadChild(name: string, _entity: T): { loadNow(props: readonly string[]): number } {
    throw new Error(`${this.constructor.name} cannot load ${name}/…`);
  }

  protected abstract read(entity: T, prop: string): unknown;

  protected prop<V>(name: string): V {
    if (!this.loaded.has(name)) throw new FakeError("PropertyNotLoaded", `${this.constructor.name}.${name}`);
    return this.loaded.get(name) as V;
  }

  target(): T {
    if (this.entity === undefined) throw new FakeError("InvalidObjectPath", `${this.constructor.name} was never resolved`);
    if (this.entity === null) throw new FakeError("ItemNotFound", `${this.constructor.name} is a null object`);
    return this.entity;
  }

  protected queue(label: string, run: (entity: T) => void, request: unknown = undefined): void {
    this.host.enqueue({ label: `${this.constructor.name}.${label}`, requestBytes: jsonBytes(request), run: () => (run(this.target()), 0) });
  }
}

interface RangeEntity {
  readonly sheet: FakeSheet;
  readonly box: Box;
}

function sheetPrefix(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function cellsOf(e: RangeEntity): { cell: FakeCell | undefined; row: number; col: number; i: number; j: number }[] {
  return Array.from({ length: e.box.rows * e.box.cols }, (_, k) => {
    const [i, j] = [Math.floor(k / e.box.cols), k % e.box.cols];
    return { cell: e.sheet.get(e.box.top + i, e.box.left + j), row: e.box.top + i, col: e.box.left + j, i, j };
  });
}

function matrix<V>(e: RangeEntity, f: (cell: FakeCell | undefined) => V): V[][] {
  return Array.from({ length: e.box.rows }, (_, i) => Array.from({ length: e.box.cols }, (_, j) => f(e.sheet.get(e.box.top + i, e.box.left + j))));
}

function checkShape(e: RangeEntity, values: unknown[][], what: string): void {
  if (values.length !== e.box.rows || values.some((row) => row.length !== e.box.cols)) throw new FakeError("InvalidArgument", `${what}: shape does not match the range`);
}

function usedWithin(e: RangeEntity, valuesOnly: boolean): RangeEntity | null {
  const used = cellsOf(e).filter(({ cell }) => cell && (cell.value !== null || cell.error !== undefined || cell.formula !== undefined || (!valuesOnly && cell.numberFormat !== "General")));
  if (used.length === 0) return null;
  const rows = used.map((u) => u.row);
  const cols = used.map((u) => u.col);
  const [top, left] = [Math.min(...rows), Math.min(...cols)];
  return { sheet: e.sheet, box: { top, left, rows: Math.max(...rows) - top + 1, cols: Math.max(...cols) - left + 1 } };
}

export class RangeProxy extends FakeProxy<RangeEntity> {
  protected read(e: RangeEntity, prop: string): unknown {
    switch (prop) {
      case "address": return `${sheetPrefix(e.sheet.name)}!${boxAddress({ top: e.box.top + 1, left: e.box.left + 1, bottom: e.box.top + e.box.rows, right: e.box.left + e.box.cols })}`;
      case "rowIndex": return e.box.top;
      case "columnIndex": return e.box.left;
      case "rowCount": return e.box.rows;
      case "columnCount": return e.box.cols;
      case "values": return matrix(e, readValue);
      case "valueTypes": return matrix(e, readValueType);
      case "numberFormat": return matrix(e, (cell) => cell?.numberFormat ?? "General");
      default: throw new Error(`RangeProxy cannot load ${prop}`);
    }
  }

  get address(): string { return this.prop("address"); }
  get rowIndex(): number { return this.prop("rowIndex"); }
  get columnIndex(): number { return this.prop("columnIndex"); }
  get rowCount(): number { return this.prop("rowCount"); }
  get columnCount(): number { return this.prop("columnCount"); }
  get values(): Scalar[][] { return this.prop("values"); }
  get valueTypes(): string[][] { return this.prop("valueTypes"); }
  get numberFormat(): string[][] { return this.prop("numberFormat"); }

  set values(values: (Scalar | null)[][]) {
    this.queue("set values", (e) => {
      checkShape(e, values, "values");
      for (const { row, col, i, j } of cellsOf(e)) if (values[i][j] !== null) writeValue(e.sheet.ensure(row, col), values[i][j]);
    }, values);
  }

  set numberFormat(formats: (string | null)[][]) {
    this.queue("set numberFormat", (e) => {
      checkShape(e, formats, "numberFormat");
      for (const { row, col, i, j } of cellsOf(e)) if (formats[i][j] !== null) e.sheet.ensure(row, col).numberFormat = formats[i][j] || "General";
    }, formats);
  }

  private derived(box: (e: RangeEntity) => Box): RangeProxy {
    return new RangeProxy(this.host, () => {
      const e = this.target();
      const inner = box(e);
      if (inner.top + inner.rows > e.box.top + e.box.rows || inner.left + inner.cols > e.box.left + e.box.cols) throw new FakeError("InvalidArgument", "outside the range");
      return { sheet: e.sheet, box: inner };
    });
  }

  getRow(row: number): RangeProxy {
    return this.derived((e) => ({ top: e.box.top + row, left: e.box.left, rows: 1, cols: e.box.cols }));
  }

  getCell(row: number, col: number): RangeProxy {
    return this.derived((e) => ({ top: e.box.top + row, left: e.box.left + col, rows: 1, cols: 1 }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.host, () => usedWithin(this.target(), valuesOnly), true);
  }

  copyFrom(source: RangeProxy, copyType: string = "All"): void {
    this.queue("copyFrom", (dest) => {
      const from = source.target();
      if (from.box.rows !== dest.box.rows || from.box.cols !== dest.box.cols) throw new FakeError("InvalidArgument", "copyFrom: ranges differ in size");
      const copies = cellsOf(from).map(({ cell, i, j }) => ({ cell: cell && { ...cell }, i, j }));
      for (const { cell, i, j } of copies) {
        const [row, col] = [dest.box.top + i, dest.box.left + j];
        const target = dest.sheet.ensure(row, col);
        if (copyType === "All" || copyType === "Formats") target.numberFormat = cell?.numberFormat ?? "General";
        if (copyType === "All" || copyType === "Values") Object.assign(target, { value: cell?.value ?? null, error: cell?.error, formula: copyType === "All" ? cell?.formula : undefined });
      }
    });
  }

  clear(applyTo: string = "All"): void {
    this.queue(`clear(${applyTo})`, (e) => {
      for (const { cell } of cellsOf(e)) {
        if (!cell) continue;
        if (applyTo === "All" || applyTo === "Contents") Object.assign(cell, { value: null, error: undefined, formula: undefined });
        if (applyTo === "All" || applyTo === "Formats") cell.numberFormat = "General";
      }
    });
  }
}

export { FakeProxy, type RangeEntity, type Resolver };
