import type { RawCell } from "./cell-xml";

/** Receives each row's cells within the asked columns; returns false when it needs no more rows. */
export type RowSink = (row: number, cells: RawCell[]) => boolean | void;

/** Feeds text chunks to a consumer that returns false to stop. */
export type TextSource = (onText: (chunk: string) => boolean | void) => Promise<void>;

export interface ColumnRange {
  readonly left: number;
  readonly right: number;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (text.indexOf("&") === -1) return text;
  return text.replace(ENTITY, (_, hex: string, dec: string, name: string) => (name ? NAMED[name] : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec))));
}

const GT = 62; // >
const SLASH = 47;
const QUOTE = 34;
const APOSTROPHE = 39;

/** Index just after the ">" of the tag starting at `at`, or -1 when the text ends first. */
function startTagEnd(text: string, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === QUOTE || code === APOSTROPHE) quote = code;
    else if (code === GT) return i + 1;
  }
  return -1;
}

/** Length of the tag name (with any prefix) starting after the "<" at `at`. */
function qnameLength(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code <= 32 || code === SLASH || code === GT) break;
    end++;
  }
  return end - at - 1;
}

/** Whether the tag at `at` is named `local` (with or without a prefix). */
function isNamed(text: string, at: number, length: number, local: string): boolean {
  const nameEnd = at + 1 + length;
  if (length === local.length) return text.startsWith(local, at + 1);
  return length > local.length && text.charCodeAt(nameEnd - local.length - 1) === 58 && text.startsWith(local, nameEnd - local.length);
}

/**
 * Index after the element starting at `at` (its end tag, or its own "/>"), or -1 when the
 * text stops first. Elements of the same name do not nest in sheet data.
 */
function elementEnd(text: string, at: number, length: number, open: number): number {
  if (text.charCodeAt(open - 2) === SLASH) return open;
  const close = text.indexOf(length === 1 && text.charCodeAt(at + 1) === 99 ? "</c" : `</${text.substr(at + 1, length)}`, open);
  if (close === -1) return -1;
  const closeEnd = text.indexOf(">", close);
  return closeEnd === -1 ? -1 : closeEnd + 1;
}

/** The r, s and t attributes of one start tag (scratch object reused per row, to spare the collector). */
interface CellAttributes {
  r: string | undefined;
  s: string | undefined;
  t: string | undefined;
}

/**
 * Reads the one-letter attributes r, s and t of the start tag from `from` to `to` in one pass:
 * this runs once per cell of sheets a million rows long. Other attributes are skipped.
 */
function readAttributes(text: string, from: number, to: number, into: CellAttributes): void {
  into.r = into.s = into.t = undefined;
  let i = from + 1;
  while (i < to && text.charCodeAt(i) > 32 && text.charCodeAt(i) !== GT && text.charCodeAt(i) !== SLASH) i++; // the element's name
  while (i < to) {
    let code = text.charCodeAt(i);
    while (i < to && (code <= 32 || code === SLASH)) code = text.charCodeAt(++i);
    const nameStart = i;
    while (i < to && code > 32 && code !== 61 && code !== GT) code = text.charCodeAt(++i);
    const nameLength = i - nameStart;
    while (i < to && code <= 32) code = text.charCodeAt(++i);
    if (code !== 61) return; // "=" expected; ">" ends the tag
    code = text.charCodeAt(++i);
    while (i < to && code <= 32) code = text.charCodeAt(++i);
    const close = text.indexOf(code === APOSTROPHE ? "'" : '"', i + 1);
    if (close === -1 || close >= to) return;
    if (nameLength === 1) {
      const name = text.charCodeAt(nameStart);
      const value = text.slice(i + 1, close);
      if (name === 114) into.r = value;
      else if (name === 115) into.s = value;
      else if (name === 116) into.t = value;
    }
    i = close + 1;
  }
}

/** Column number of a reference such as "AB12". */
function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    let code = ref.charCodeAt(i);
    if (code === 36) continue; // $
    if (code >= 97) code -= 32;
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column;
}

/** Element text: entities decoded, CDATA sections taken as they are, text around them kept. */
function decodedText(xml: string, from: number, to: number): string {
  const text = xml.slice(from, to);
  if (text.indexOf("<![CDATA[") === -1) return decodeEntities(text);
  let result = "";
  let at = 0;
  for (let cdata = text.indexOf("<![CDATA[", at); cdata !== -1; cdata = text.indexOf("<![CDATA[", at)) {
    const end = text.indexOf("]]>", cdata);
    result += decodeEntities(text.slice(at, cdata)) + text.slice(cdata + 9, end === -1 ? text.length : end);
    at = end === -1 ? text.length : end + 3;
  }
  return result + decodeEntities(text.slice(at));
}

/** The runs of an inline string between `from` and `to`; phonetic runs (rPh) left out. */
function inlineText(xml: string, from: number, to: number): string {
  let text = "";
  let at = xml.indexOf("<", from);
  while (at !== -1 && at < to) {
    const length = qnameLength(xml, at);
    const open = startTagEnd(xml, at);
    if (xml.charCodeAt(at + 1) === SLASH || length === 0) {
      at = xml.indexOf("<", open);
      continue;
    }
    if (isNamed(xml, at, length, "rPh")) {
      at = xml.indexOf("<", elementEnd(xml, at, length, open));
      continue;
    }
    if (isNamed(xml, at, length, "t")) {
      const end = elementEnd(xml, at, length, open);
      if (end !== open) text += decodedText(xml, open, xml.lastIndexOf("</", end - 1));
      at = xml.indexOf("<", end);
      continue;
    }
    // <r> (a rich-text run) and <is>: look inside.
    at = xml.indexOf("<", open);
  }
  return text;
}

/** Reads the inside of a `<c>` (between `open` and `end`): `<v>`, or an inline string; `<f>` is skipped. */
function readCellInner(xml: string, open: number, end: number, cell: RawCell): void {
  let at = xml.indexOf("<", open);
  while (at !== -1 && at < end) {
    if (xml.charCodeAt(at + 1) === SLASH) break;
    const length = qnameLength(xml, at);
    const tagClose = startTagEnd(xml, at);
    const elementClose = elementEnd(xml, at, length, tagClose);
    if (isNamed(xml, at, length, "v")) cell.value = elementClose === tagClose ? "" : decodedText(xml, tagClose, xml.lastIndexOf("</", elementClose - 1));
    else if (isNamed(xml, at, length, "is")) cell.inline = inlineText(xml, tagClose, elementClose);
    else if (isNamed(xml, at, length, "f")) cell.formula = true;
    at = xml.indexOf("<", elementClose);
  }
}

/** The cells of the row whose inside runs from `from` to `to`, within `columns`. */
function readCells(xml: string, from: number, to: number, columns: ColumnRange, attributes: CellAttributes): RawCell[] {
  const cells: RawCell[] = [];
  let column = 0;
  let at = xml.indexOf("<", from);
  while (at !== -1 && at < to) {
    const length = qnameLength(xml, at);
    const open = startTagEnd(xml, at);
    if (length === 0 || xml.charCodeAt(at + 1) === SLASH || xml.charCodeAt(at + 1) === 33) {
      at = xml.indexOf("<", open);
      continue;
    }
    const end = elementEnd(xml, at, length, open);
    if (isNamed(xml, at, length, "c")) {
      readAttributes(xml, at, open, attributes);
      column = attributes.r ? columnOf(attributes.r) : column + 1;
      if (column >= columns.left && column <= columns.right) {
        const cell: RawCell = { column, type: attributes.t, style: attributes.s ? Number(attributes.s) : 0, value: undefined, inline: undefined, formula: false };
        if (end !== open) readCellInner(xml, open, end, cell);
        cells.push(cell);
      }
    }
    at = xml.indexOf("<", end);
  }
  return cells;
}

const CELL_START = /<c\b([^>]*?)(\/?)>/g;

/** Attributes written with single quotes or spaces around "=", which the fast path does not read. */
function oddlyQuoted(attributes: string): boolean {
  return attributes.indexOf("'") !== -1 || /\s=|=\s/.test(attributes);
}

/** The same attributes rewritten as r="…" s="…" t="…" for attributeIn. */
function generalAttributes(attributes: string): string {
  const scratch: CellAttributes = { r: undefined, s: undefined, t: undefined };
  readAttributes(`<c ${attributes}>`, 0, attributes.length + 4, scratch);
  return (["r", "s", "t"] as const).map((name) => (scratch[name] === undefined ? "" : ` ${name}="${scratch[name]}"`)).join("");
}

/** An attribute's value in a start tag's attribute text (`r="A2" s="1"`), found without a regex. */
function attributeIn(attributes: string, name: string): string | undefined {
  for (let at = attributes.indexOf(`${name}="`); at !== -1; at = attributes.indexOf(`${name}="`, at + 1)) {
    if (at === 0 || attributes.charCodeAt(at - 1) <= 32) return attributes.slice(at + name.length + 2, attributes.indexOf('"', at + name.length + 2));
  }
  return undefined;
}

/**
 * readCells for the shape nearly every writer uses (unprefixed elements, double-quoted
 * attributes): the start tags are found by the regex engine, the common `<v>` by indexOf.
 * Anything else inside a cell (an inline string, a formula) goes through readCellInner.
 */
function readCellsUnprefixed(xml: string, from: number, to: number, columns: ColumnRange): RawCell[] {
  const cells: RawCell[] = [];
  let column = 0;
  CELL_START.lastIndex = from;
  for (let match = CELL_START.exec(xml); match && match.index < to; match = CELL_START.exec(xml)) {
    const attributes = oddlyQuoted(match[1]) ? generalAttributes(match[1]) : match[1];
    const ref = attributeIn(attributes, "r");
    column = ref ? columnOf(ref) : column + 1;
    const open = CELL_START.lastIndex;
    const end = match[2] === "/" ? open : xml.indexOf("</c>", open) + 4;
    if (end < open) break;
    CELL_START.lastIndex = end;
    if (column < columns.left || column > columns.right) continue;
    const style = attributeIn(attributes, "s");
    const cell: RawCell = { column, type: attributeIn(attributes, "t"), style: style ? Number(style) : 0, value: undefined, inline: undefined, formula: false };
    if (end !== open) {
      if (xml.startsWith("<v>", open)) {
        const close = xml.indexOf("</v>", open);
        const text = xml.slice(open + 3, close);
        cell.value = text.indexOf("&") === -1 && text.indexOf("<") === -1 ? text : decodedText(xml, open + 3, close);
      } else readCellInner(xml, open, end, cell);
    }
    cells.push(cell);
  }
  return cells;
}

/**
 * Streams a worksheet part row by row, so a 1,048,576-row sheet is never held whole. Only
 * `<sheetData>` is looked at; rows and cells without an `r` attribute follow the previous
 * one, as the format allows. Sheets are the one part too big for a general XML parser's
 * speed (saxes reads about 20 MB/s; a full sheet is hundreds of MB), so this scanner knows
 * just the row and cell elements.
 */
export async function streamRows(source: TextSource, columns: ColumnRange, sink: RowSink): Promise<void> {
  let buffer = "";
  let inData = false;
  let done = false;
  let previous = 0;
  const attributes: CellAttributes = { r: undefined, s: undefined, t: undefined };

  const consume = (): void => {
    let at = 0;
    if (!inData) {
      const start = buffer.search(/<(?:[\w.-]+:)?sheetData[\s/>]/);
      if (start === -1) {
        buffer = buffer.slice(Math.max(0, buffer.length - 64));
        return;
      }
      const open = startTagEnd(buffer, start);
      if (open === -1) {
        buffer = buffer.slice(start);
        return;
      }
      if (buffer.charCodeAt(open - 2) === SLASH) {
        done = true;
        return;
      }
      inData = true;
      at = open;
    }
    for (;;) {
      const lt = buffer.indexOf("<", at);
      if (lt === -1 || lt + 1 >= buffer.length) break;
      const next = buffer.charCodeAt(lt + 1);
      if (next === SLASH) {
        done = true; // </sheetData>
        return;
      }
      if (next === 33 || next === 63) {
        // a comment or processing instruction between rows
        const close = buffer.indexOf(">", lt);
        if (close === -1) break;
        at = close + 1;
        continue;
      }
      const length = qnameLength(buffer, lt);
      const open = startTagEnd(buffer, lt);
      if (open === -1) break;
      const end = elementEnd(buffer, lt, length, open);
      if (end === -1) break;
      if (isNamed(buffer, lt, length, "row")) {
        readAttributes(buffer, lt, open, attributes);
        const stated = attributes.r;
        const row = stated ? Number(stated) : previous + 1;
        previous = row;
        const cells = end === open ? [] : length === 3 ? readCellsUnprefixed(buffer, open, end, columns) : readCells(buffer, open, end, columns, attributes);
        if (sink(row, cells) === false) {
          done = true;
          return;
        }
      }
      at = end;
    }
    buffer = buffer.slice(at);
  };

  await source((chunk) => {
    if (done) return false;
    buffer += chunk;
    consume();
    return !done;
  });
}
