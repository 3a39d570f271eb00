import { boxAddress, cellAddress, columnNumber, type CellBox } from "../address";
import { WorkbookError } from "../errors";
import { closeTagEnd, findStartTag, setAttribute } from "./xml";

/** One `<row>` of a worksheet as written, with its row number made explicit. */
interface SheetRow {
  readonly r: number;
  /** The row exactly as read, while nothing has changed it (a self-closing row stays one). */
  readonly raw?: string;
  /** The start tag, e.g. `<row r="5" ht="20" customHeight="1">`. */
  readonly open: string;
  /** Everything between the start and end tags (the cells), as written. */
  readonly inner: string;
  readonly qname: string;
}

/**
 * New rows `r`..`last` that hold only cells the add-in writes, rendered when the part is
 * written or read rather than held as text: a million-row table costs its values, not
 * their XML as well.
 */
interface LazyRows {
  readonly r: number;
  readonly last: number;
  /** The cells of row `r` (its inside, without the `<row>` tags). */
  readonly render: (r: number) => string;
}

type RowEntry = SheetRow | LazyRows;

const isLazy = (entry: RowEntry): entry is LazyRows => "render" in entry;

interface DocState {
  readonly head: string;
  readonly rows: RowEntry[];
  readonly tail: string;
  readonly changed: boolean;
  readonly formulaOverwritten: boolean;
}

/** One `<c>` of a row as written. */
interface SheetCell {
  readonly column: number;
  readonly xml: string;
  readonly style: number | undefined;
}

const CELL_REF = /\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d+["']/;
const STYLE = /\ss\s*=\s*["'](\d+)["']/;
const ROW_NUMBER = /\sr\s*=\s*["'](\d+)["']/;
const FORMULA = /<(?:[\w.-]+:)?f[\s/>]/;
/** The start tag of a shared formula's first cell (it carries the group's range): its group id. */
const SHARED_MASTER = /<(?:[\w.-]+:)?f\s(?=[^>]*\bt\s*=\s*["']shared["'])(?=[^>]*\bref\s*=)[^>]*\bsi\s*=\s*["'](\d+)["']/;

/**
 * A worksheet part the add-in changes, held as its text: what comes before the rows, the
 * rows, and what comes after. Only the rows and cells a write touches are rebuilt; the rest
 * (columns, views, merges, validations, formatting, drawings, protection) stays as written.
 */
export class SheetDoc {
  private constructor(
    private head: string,
    private rows: RowEntry[],
    private tail: string,
    private readonly rowQname: string,
  ) {}

  static parse(xml: string): SheetDoc {
    const data = findStartTag(xml, "sheetData");
    if (!data) throw new Error("worksheet without sheetData");
    const prefix = data.qname.slice(0, data.qname.length - "sheetData".length);
    if (data.selfClosing) {
      const open = xml.slice(data.start, data.end).replace(/\s*\/>$/, ">");
      return new SheetDoc(xml.slice(0, data.start) + open, [], `</${data.qname}>` + xml.slice(data.end), `${prefix}row`);
    }
    const end = closeTagEnd(xml, data.qname, data.end);
    const closeStart = xml.lastIndexOf("</", end - 1);
    const rows: SheetRow[] = [];
    let at = data.end;
    let previous = 0;
    for (let found = findStartTag(xml, "row", at); found && found.start < closeStart; found = findStartTag(xml, "row", at)) {
      const openTag = xml.slice(found.start, found.end);
      const stated = ROW_NUMBER.exec(openTag);
      const r = stated ? Number(stated[1]) : previous + 1;
      const rowEnd = found.selfClosing ? found.end : closeTagEnd(xml, found.qname, found.end);
      const inner = found.selfClosing ? "" : xml.slice(found.end, xml.lastIndexOf("</", rowEnd - 1));
      const open = stated ? (found.selfClosing ? openTag.replace(/\s*\/>$/, ">") : openTag) : setAttribute(openTag.replace(/\s*\/>$/, ">"), "r", String(r));
      rows.push({ r, raw: stated ? xml.slice(found.start, rowEnd) : undefined, open, inner, qname: found.qname });
      previous = r;
      at = rowEnd;
    }
    return new SheetDoc(xml.slice(0, data.end), rows, xml.slice(closeStart), `${prefix}row`);
  }

  /** The rows and surrounding text as they are now, to put back after a failed write. */
  /** Whether anything was changed (a doc opened only to be restored is not written back). */
  changed = false;
  /** A cell holding a formula was overwritten: Excel's calculation chain no longer matches. */
  formulaOverwritten = false;

  /** The namespace prefix the sheet writes its elements with ("x:" in Open XML SDK files, usually ""). */
  get prefix(): string {
    return this.rowQname.slice(0, this.rowQname.length - "row".length);
  }

  snapshot(): DocState {
    return { head: this.head, rows: this.rows, tail: this.tail, changed: this.changed, formulaOverwritten: this.formulaOverwritten };
  }

  restore(saved: DocState): void {
    ({ head: this.head, rows: this.rows, tail: this.tail, changed: this.changed, formulaOverwritten: this.formulaOverwritten } = saved);
  }

  /** The part's text in pieces, for streaming into the archive or into the reader. */
  *chunks(): Iterable<string> {
    yield this.head;
    for (const entry of this.rows) {
      if (!isLazy(entry)) yield entry.raw ?? `${entry.open}${entry.inner}</${entry.qname}>`;
      else for (let r = entry.r; r <= entry.last; r++) yield `<${this.rowQname} r="${r}">${entry.render(r)}</${this.rowQname}>`;
    }
    yield this.tail;
  }

  text(): string {
    return [...this.chunks()].join("");
  }

  /** The style index of each cell in `columns` of row `r`, where a cell has one. */
  stylesAt(r: number, columns: { left: number; right: number }): Map<number, number> {
    this.materialize();
    const row = this.rows[this.indexOf(r)] as SheetRow | undefined;
    const styles = new Map<number, number>();
    if (row?.r !== r) return styles;
    for (const cell of parseCells(r, row.inner)) {
      if (cell.column >= columns.left && cell.column <= columns.right && cell.style !== undefined) styles.set(cell.column, cell.style);
    }
    return styles;
  }

  /**
   * Replaces the cells of rows `top`..`bottom` in columns `left`..`right` with `cellsOf(r)`
   * (ready `<c>` elements, left to right); cells outside those columns stay. All or nothing:
   * the rows are swapped in only once every one is built.
   */
  replaceCells(area: CellBox, cellsOf: (r: number) => string): void {
    this.materialize();
    const first = this.indexOf(area.top);
    let last = first;
    const rebuilt: SheetRow[] = [];
    const removedMasters = new Map<string, string>();
    for (let r = area.top; r <= area.bottom; r++) {
      const existing = this.rows[last]?.r === r ? (this.rows[last++] as SheetRow) : undefined;
      const cells = existing ? parseCells(r, existing.inner) : [];
      const kept = cells.filter((c) => c.column < area.left || c.column > area.right);
      for (const cell of cells) {
        if (cell.column < area.left || cell.column > area.right || !FORMULA.test(cell.xml)) continue;
        this.formulaOverwritten = true;
        const master = SHARED_MASTER.exec(cell.xml);
        if (master) removedMasters.set(master[1], cellAddress(r, cell.column));
      }
      const before = kept.filter((c) => c.column < area.left).map((c) => c.xml).join("");
      const after = kept.filter((c) => c.column > area.right).map((c) => c.xml).join("");
      const inner = before + cellsOf(r) + after;
      const open = existing ? existing.open.replace(/\sspans\s*=\s*"[^"]*"/, "") : `<${this.rowQname} r="${r}">`;
      if (inner !== "" || (existing && hasRowProperties(existing.open))) rebuilt.push({ r, open, inner, qname: existing?.qname ?? this.rowQname });
    }
    const rows = [...this.rows.slice(0, first), ...rebuilt, ...this.rows.slice(last)];
    for (const [group, cell] of removedMasters) if (rows.some((row) => !isLazy(row) && sharedGroupIn(row, group))) throw new WorkbookError("sharedFormulaSplit", { cell });
    this.rows = rows;
    this.changed = true;
  }

  /** Row numbers from `top` to `bottom` that the sheet holds a `<row>` for. */
  existingRows(top: number, bottom: number): number[] {
    this.materialize();
    const found: number[] = [];
    for (let i = this.indexOf(top); i < this.rows.length && this.rows[i].r <= bottom; i++) found.push(this.rows[i].r);
    return found;
  }

  /** Adds rows `top`..`last`, none of which exist yet, rendered on demand (see LazyRows). */
  addLazyRows(top: number, last: number, render: (r: number) => string): void {
    const at = this.indexOf(top);
    this.rows = [...this.rows.slice(0, at), { r: top, last, render }, ...this.rows.slice(at)];
    this.changed = true;
  }

  /** Lazy rows become ordinary ones before rows are edited in place (rare: a second write to one sheet). */
  private materialize(): void {
    if (!this.rows.some(isLazy)) return;
    this.rows = this.rows.flatMap((entry) => {
      if (!isLazy(entry)) return [entry];
      const rows: SheetRow[] = [];
      for (let r = entry.r; r <= entry.last; r++) rows.push({ r, open: `<${this.rowQname} r="${r}">`, inner: entry.render(r), qname: this.rowQname });
      return rows;
    });
  }

  /** Widens `<dimension>` so it covers `box` (a hint to readers; never narrowed). */
  coverInDimension(box: CellBox): void {
    const found = findStartTag(this.head, "dimension");
    if (!found) return;
    const tag = this.head.slice(found.start, found.end);
    const current = /\sref\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const now = current ? parseRange(current) : undefined;
    const wider = now ? { top: Math.min(now.top, box.top), left: Math.min(now.left, box.left), bottom: Math.max(now.bottom, box.bottom), right: Math.max(now.right, box.right) } : box;
    this.head = this.head.slice(0, found.start) + setAttribute(tag, "ref", boxAddress(wider)) + this.head.slice(found.end);
    this.changed = true;
  }

  /**
   * Adds `element` to the container `name` after the rows (e.g. a tablePart into tableParts),
   * creating the container before the worksheet's own extLst (or its end) when missing.
   */
  appendToTail(name: string, element: string): void {
    this.changed = true;
    const found = findStartTag(this.tail, name);
    if (found && !found.selfClosing) {
      const close = this.tail.lastIndexOf("</", closeTagEnd(this.tail, found.qname, found.end) - 1);
      const count = (this.tail.slice(found.end, close).match(/<(?:[\w.-]+:)?[A-Za-z]+[\s/>]/g) ?? []).length + 1;
      const open = setAttribute(this.tail.slice(found.start, found.end), "count", String(count));
      this.tail = this.tail.slice(0, found.start) + open + this.tail.slice(found.end, close) + element + this.tail.slice(close);
      return;
    }
    const created = `<${this.prefix}${name} count="1">${element}</${this.prefix}${name}>`;
    if (found) {
      this.tail = this.tail.slice(0, found.start) + created + this.tail.slice(found.end);
      return;
    }
    const at = this.rootExtLst() ?? this.tail.lastIndexOf("</");
    this.tail = this.tail.slice(0, at) + created + this.tail.slice(at);
  }

  /** Where the worksheet's own extLst starts: its last child, not one inside a cfRule or other element. */
  private rootExtLst(): number | undefined {
    const rootClose = this.tail.lastIndexOf("</");
    const pattern = /<(?:[\w.-]+:)?extLst[\s>]/g;
    let last: RegExpExecArray | null = null;
    for (let m = pattern.exec(this.tail); m; m = pattern.exec(this.tail)) last = m;
    if (!last) return undefined;
    const end = closeTagEnd(this.tail, last[0].slice(1, -1), last.index + 1);
    return this.tail.slice(end, rootClose).trim() === "" ? last.index : undefined;
  }

  /** Index of the first row numbered `r` or more. */
  private indexOf(r: number): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.rows[middle].r < r) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Whether the row still holds a cell of shared-formula group `group` (whose first cell would be gone). */
function sharedGroupIn(row: SheetRow, group: string): boolean {
  return new RegExp(`<(?:[\\w.-]+:)?f\\s[^>]*\\bsi\\s*=\\s*["']${group}["']`).test(row.inner);
}

function hasRowProperties(open: string): boolean {
  return /\s(ht|customHeight|hidden|s|customFormat|outlineLevel|collapsed|thickTop|thickBot)\s*=/.test(open);
}

function parseRange(ref: string): CellBox | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!match) return undefined;
  const [left, top] = [columnNumber(match[1]), Number(match[2])];
  return { top, left, bottom: match[4] ? Number(match[4]) : top, right: match[3] ? columnNumber(match[3]) : left };
}

/** The `<c>` elements of a row, each with its column; cells without `r` follow the previous one. */
function parseCells(r: number, inner: string): SheetCell[] {
  const cells: SheetCell[] = [];
  let at = 0;
  let column = 0;
  for (let found = findStartTag(inner, "c", at); found; found = findStartTag(inner, "c", at)) {
    const end = found.selfClosing ? found.end : closeTagEnd(inner, found.qname, found.end);
    const open = inner.slice(found.start, found.end);
    const ref = CELL_REF.exec(open);
    column = ref ? columnNumber(ref[1]) : column + 1;
    let xml = inner.slice(found.start, end);
    if (!ref) xml = setAttribute(open, "r", cellAddress(r, column)) + xml.slice(open.length);
    const style = STYLE.exec(open);
    cells.push({ column, xml, style: style ? Number(style[1]) : undefined });
    at = end;
  }
  return cells;
}

