/** Worksheets, tables, names and their collections over the fake model (see fake-excel-proxies.ts). */
import { parseBox } from "../../src/workbook/address";
import { boxOverlaps, FakeError, readValue, type Box, type FakeName, type FakeSheet, type FakeTable, type FakeWorkbook } from "./fake-excel-model";
import { FakeProxy, RangeProxy, type ProxyHost, type Resolver } from "./fake-excel-proxies";

function rangeOn(host: ProxyHost, sheet: () => FakeSheet, box: (sheet: FakeSheet) => Box, nullable = false): RangeProxy {
  return new RangeProxy(host, () => {
    const s = sheet();
    const b = box(s);
    if (b.rows < 1 || b.cols < 1 || b.top < 0 || b.left < 0) throw new FakeError("InvalidArgument", "empty or negative range");
    return { sheet: s, box: b };
  }, nullable);
}

export class WorksheetProxy extends FakeProxy<FakeSheet> {
  protected read(sheet: FakeSheet, prop: string): unknown {
    if (prop === "name" || prop === "visibility") return sheet[prop];
    throw new Error(`WorksheetProxy cannot load ${prop}`);
  }

  get name(): string { return this.prop("name"); }
  get visibility(): string { return this.prop("visibility"); }
  set visibility(value: "Visible" | "Hidden" | "VeryHidden") { this.queue("set visibility", (sheet) => (sheet.visibility = value)); }

  getRange(address: string): RangeProxy {
    const b = parseBox(address);
    return rangeOn(this.host, () => this.target(), () => ({ top: b.top - 1, left: b.left - 1, rows: b.bottom - b.top + 1, cols: b.right - b.left + 1 }));
  }

  getRangeByIndexes(top: number, left: number, rows: number, cols: number): RangeProxy {
    return rangeOn(this.host, () => this.target(), () => ({ top, left, rows, cols }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.host, () => {
      const sheet = this.target();
      const box = sheet.usedBox(valuesOnly);
      return box ? { sheet, box } : null;
    }, true);
  }

  get tables(): TableCollectionProxy {
    return new TableCollectionProxy(this.host, () => ({ workbook: this.host.model, sheet: this.target() }));
  }

  delete(): void {
    this.queue("delete", (sheet) => this.host.model.deleteSheet(sheet));
  }
}

export class WorksheetCollectionProxy extends FakeProxy<FakeWorkbook> {
  private itemProxies: WorksheetProxy[] = [];
  protected read(): unknown { throw new Error("load items/… on a collection"); }
  protected override loadChild(name: string, workbook: FakeWorkbook) {
    if (name !== "items") return super.loadChild(name, workbook);
    this.itemProxies = workbook.sheets.map((sheet) => new WorksheetProxy(this.host, { entity: sheet }));
    return { loadNow: (props: readonly string[]) => this.itemProxies.reduce((n, p) => n + p.loadNow(props), 0) };
  }
  get items(): WorksheetProxy[] { return this.itemProxies; }
  getItem(name: string): WorksheetProxy { return new WorksheetProxy(this.host, () => this.host.model.findSheet(name) ?? null); }
  getItemOrNullObject(name: string): WorksheetProxy { return new WorksheetProxy(this.host, () => this.host.model.findSheet(name) ?? null, true); }
  add(name: string): WorksheetProxy { return new WorksheetProxy(this.host, () => this.host.model.addSheet(name)); }
}

interface ColumnEntity { readonly name: string }

class TableColumnProxy extends FakeProxy<ColumnEntity> {
  protected read(column: ColumnEntity, prop: string): unknown {
    if (prop === "name") return column.name;
    throw new Error(`TableColumnProxy cannot load ${prop}`);
  }
  get name(): string { return this.prop("name"); }
}

class TableColumnCollectionProxy extends FakeProxy<FakeTable> {
  private itemProxies: TableColumnProxy[] = [];
  protected read(): unknown { throw new Error("load items/… on a collection"); }
  protected override loadChild(name: string, table: FakeTable) {
    if (name !== "items") return super.loadChild(name, table);
    const { top, left, cols } = table.box;
    this.itemProxies = Array.from({ length: cols }, (_, j) => new TableColumnProxy(this.host, { entity: { name: String(readValue(table.sheet.get(top, left + j))) } }));
    return { loadNow: (props: readonly string[]) => this.itemProxies.reduce((n, p) => n + p.loadNow(props), 0) };
  }
  get items(): TableColumnProxy[] { return this.itemProxies; }
}

export class TableProxy extends FakeProxy<FakeTable> {
  private worksheetProxy: WorksheetProxy | undefined;
  private columnsProxy: TableColumnCollectionProxy | undefined;

  protected read(table: FakeTable, prop: string): unknown {
    if (prop === "name" || prop === "showTotals") return table[prop];
    throw new Error(`TableProxy cannot load ${prop}`);
  }

  protected override loadChild(name: string, table: FakeTable) {
    if (name === "worksheet") return (this.worksheetProxy = new WorksheetProxy(this.host, { entity: table.sheet }));
    if (name === "columns") return (this.columnsProxy = new TableColumnCollectionProxy(this.host, { entity: table }));
    return super.loadChild(name, table);
  }

  get name(): string { return this.prop("name"); }
  set name(value: string) {
    this.queue("set name", (table) => {
      const other = this.host.model.findTable(value);
      if (other && other !== table) throw new FakeError("InvalidArgument", `table name ${value} is taken`);
      table.name = value;
    });
  }
  get showTotals(): boolean { return this.prop("showTotals"); }
  get worksheet(): WorksheetProxy { return (this.worksheetProxy ??= new WorksheetProxy(this.host, () => this.target().sheet)); }
  get columns(): TableColumnCollectionProxy { return (this.columnsProxy ??= new TableColumnCollectionProxy(this.host, () => this.target())); }

  getRange(): RangeProxy { return rangeOn(this.host, () => this.target().sheet, () => this.target().box); }
  getHeaderRowRange(): RangeProxy { return rangeOn(this.host, () => this.target().sheet, () => ({ ...this.target().box, rows: 1 })); }
  getDataBodyRange(): RangeProxy {
    return rangeOn(this.host, () => this.target().sheet, () => {
      const { top, left, rows, cols } = this.target().box;
      return { top: top + 1, left, rows: rows - 1 - (this.target().showTotals ? 1 : 0), cols };
    });
  }

  resize(range: RangeProxy): void {
    this.queue("resize", (table) => {
      const { sheet, box } = range.target();
      if (sheet !== table.sheet || box.top !== table.box.top) throw new FakeError("InvalidArgument", "resize must keep the header row");
      if (box.rows < 2) throw new FakeError("InvalidArgument", "a table needs a body row");
      if (this.host.model.tables.some((t) => t !== table && t.sheet === sheet && boxOverlaps(t.box, box))) throw new FakeError("InvalidOperation", "tables cannot overlap");
      table.box = box;
    });
  }

  delete(): void {
    this.queue("delete", (table) => this.host.model.tables.splice(this.host.model.tables.indexOf(table), 1));
  }
}

interface TableScope { readonly workbook: FakeWorkbook; readonly sheet?: FakeSheet }

export class TableCollectionProxy extends FakeProxy<TableScope> {
  private itemProxies: TableProxy[] = [];
  protected read(): unknown { throw new Error("load items/… on a collection"); }
  protected override loadChild(name: string, scope: TableScope) {
    if (name !== "items") return super.loadChild(name, scope);
    const tables = scope.workbook.tables.filter((t) => !scope.sheet || t.sheet === scope.sheet);
    this.itemProxies = tables.map((table) => new TableProxy(this.host, { entity: table }));
    return { loadNow: (props: readonly string[]) => this.itemProxies.reduce((n, p) => n + p.loadNow(props), 0) };
  }
  get items(): TableProxy[] { return this.itemProxies; }
  getItem(name: string): TableProxy { return new TableProxy(this.host, () => this.host.model.findTable(name) ?? null); }
  getItemOrNullObject(name: string): TableProxy { return new TableProxy(this.host, () => this.host.model.findTable(name) ?? null, true); }

  /** Like Excel: blank header cells become Column1, Column2, … */
  add(range: RangeProxy | string, hasHeaders: boolean): TableProxy {
    if (!hasHeaders) throw new Error("the fake only makes tables with headers");
    return new TableProxy(this.host, () => {
      const scope = this.target();
      const { sheet, box } = typeof range === "string" ? { sheet: scope.sheet as FakeSheet, box: toBox(range) } : range.target();
      for (let j = 0; j < box.cols; j++) {
        const cell = sheet.ensure(box.top, box.left + j);
        if (cell.value === null || cell.value === "") cell.value = `Column${j + 1}`;
      }
      return scope.workbook.createTable(sheet, `Table${scope.workbook.tables.length + 1}`, box);
    });
  }
}

function toBox(address: string): Box {
  const b = parseBox(address);
  return { top: b.top - 1, left: b.left - 1, rows: b.bottom - b.top + 1, cols: b.right - b.left + 1 };
}

export class NamedItemProxy extends FakeProxy<FakeName> {
  protected read(name: FakeName, prop: string): unknown {
    if (prop === "name") return name.name;
    const constant = "constant" in name ? name.constant : undefined;
    if (prop === "type") return constant === undefined ? "Range" : typeof constant === "number" ? "Double" : typeof constant === "boolean" ? "Boolean" : "String";
    if (prop === "value") return "constant" in name ? name.constant : `=${name.sheet}!$A$1`;
    throw new Error(`NamedItemProxy cannot load ${prop}`);
  }
  get name(): string { return this.prop("name"); }
  get type(): string { return this.prop("type"); }
  get value(): unknown { return this.prop("value"); }
  set visible(visible: boolean) {
    this.queue("set visible", (name) => void (name.hidden = !visible));
  }
  delete(): void {
    this.queue("delete", (name) => this.host.model.names.splice(this.host.model.names.indexOf(name), 1));
  }
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.host, () => {
      const name = this.target();
      const sheet = "sheet" in name ? this.host.model.findSheet(name.sheet) : undefined;
      return sheet && "row" in name ? { sheet, box: { top: name.row, left: name.col, rows: 1, cols: 1 } } : null;
    }, true);
  }
}

export class NamedItemCollectionProxy extends FakeProxy<FakeWorkbook> {
  protected read(): unknown { throw new Error("not loadable"); }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.host, () => this.host.model.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null, true);
  }
  /** Only what the add-in defines: a text constant, `="…"`. */
  add(name: string, reference: string): NamedItemProxy {
    const text = /^="((?:[^"]|"")*)"$/.exec(reference);
    if (!text) throw new Error(`the fake defines text constants only, not ${reference}`);
    this.queue("add", () => {
      if (this.host.model.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new FakeError("ItemAlreadyExists", `name ${name}`);
      this.host.model.addConstantName(name, text[1].replace(/""/g, '"'));
    });
    return this.getItemOrNullObject(name);
  }
}

export function workbookProxies(host: ProxyHost, model: Resolver<FakeWorkbook>) {
  return {
    worksheets: new WorksheetCollectionProxy(host, model),
    tables: new TableCollectionProxy(host, { entity: { workbook: host.model } }),
    names: new NamedItemCollectionProxy(host, model),
  };
}
