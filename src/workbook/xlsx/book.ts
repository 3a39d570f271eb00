import { SaxesParser } from "saxes";
import { boxAddress, type CellBox } from "../address";
import type { CellContext } from "./cell-xml";
import { contentTypeOf, folderOf, parseContentTypes, readRelationships, relativeTarget, relsPartOf, REL_TYPE, type ContentTypes, type Relationship } from "./package";
import { SheetDoc } from "./sheet-doc";
import { streamRows, type ColumnRange, type RowSink, type TextSource } from "./sheet-reader";
import { MINIMAL_STYLES, Styles } from "./styles";
import { attribute, child, children, closeTagEnd, decodeOoxmlEscapes, escapeAttribute, escapeText, findStartTag, localName, parseXml, setAttribute } from "./xml";
import { ZipArchive, type PartContent } from "./zip";

export interface SheetInfo {
  readonly name: string;
  readonly part: string;
  readonly sheetId: number;
}

export interface TableInfo {
  readonly part: string;
  readonly sheet: SheetInfo;
  readonly id: number;
  /** displayName: the name formulas and Office.js use. */
  readonly name: string;
  ref: string;
  readonly headerRows: number;
  readonly totalsRows: number;
  /** The tableColumn names, which Excel keeps equal to the header cells. */
  columns: readonly string[];
}

export interface DefinedName {
  readonly name: string;
  /** Set for a name that belongs to one sheet (its index in the workbook's sheet list). */
  readonly localSheetId: number | undefined;
  readonly formula: string;
}

const CONTENT_TYPES = "[Content_Types].xml";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
const TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
};


/**
 * An .xlsx/.xlsm package opened part by part (the Open XML SDK's shape): the workbook, its
 * relationships, styles and table parts are read at once (they are small); worksheets and
 * shared strings only when a table on them is read. Parts the add-in changes are kept here
 * until save(); every other part is copied into the new file as it was, byte for byte.
 */
export class XlsxBook {
  private readonly changedParts = new Map<string, string>();
  private readonly addedParts = new Map<string, PartContent>();
  private readonly docs = new Map<string, SheetDoc>();
  private sharedStrings: string[] | undefined;
  private valuesWritten = false;

  private constructor(
    private readonly archive: ZipArchive,
    private contentTypesXml: string,
    private contentTypes: ContentTypes,
    readonly workbookPart: string,
    readonly date1904: boolean,
    readonly sheets: SheetInfo[],
    readonly tables: TableInfo[],
    readonly definedNames: DefinedName[],
    private readonly workbookRels: Relationship[],
    readonly styles: Styles,
    private stylesPart: string | undefined,
    private readonly sheetNamesInWorkbook: string[],
  ) {}

  private readonly removedParts = new Set<string>();

  static async open(bytes: Uint8Array, file: string): Promise<XlsxBook> {
    const archive = await ZipArchive.open(bytes, file);
    if (!archive.has(CONTENT_TYPES)) throw new PackageShapeError("noContentTypes");
    const contentTypesXml = await archive.text(CONTENT_TYPES);
    const contentTypes = parseContentTypes(contentTypesXml);
    const office = (await readRelationships(archive, "")).find((r) => r.type === "officeDocument" && !r.external);
    if (!office || !archive.has(office.target)) throw new PackageShapeError("noWorkbook");
    const workbook = parseXml(await archive.text(office.target));
    if (workbook.name !== "workbook") throw new PackageShapeError("noWorkbook");
    const rels = await readRelationships(archive, office.target);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const sheets = children(child(workbook, "sheets"), "sheet").flatMap((s): SheetInfo[] => {
      const rel = byId.get(attribute(s, "id") ?? "");
      return rel && rel.type === "worksheet" && archive.has(rel.target) ? [{ name: attribute(s, "name") ?? "", part: rel.target, sheetId: Number(attribute(s, "sheetId")) }] : [];
    });
    const stylesRel = rels.find((r) => r.type === "styles" && archive.has(r.target));
    const styles = new Styles(stylesRel ? await archive.text(stylesRel.target) : MINIMAL_STYLES);
    const flag = attribute(child(workbook, "workbookPr") ?? workbook, "date1904");
    const allNames = children(child(workbook, "sheets"), "sheet").map((s) => attribute(s, "name") ?? "");
    const book = new XlsxBook(archive, contentTypesXml, contentTypes, office.target, flag === "1" || flag === "true", sheets, [], readDefinedNames(workbook), rels, styles, stylesRel?.target, allNames);
    for (const sheet of sheets) book.tables.push(...(await readTables(archive, sheet)));
    return book;
  }

  /** Every sheet's name, chartsheets and dialog sheets too: a new sheet may take none of them. */
  get allSheetNames(): string[] {
    return this.sheetNamesInWorkbook;
  }

  /** Whether a defined name or a table already holds `name` (Excel compares names case-insensitively). */
  nameTaken(name: string): boolean {
    const key = name.toLowerCase();
    return this.definedNames.some((n) => n.name.toLowerCase() === key) || this.tables.some((t) => t.name.toLowerCase() === key);
  }

  get macroEnabled(): boolean {
    return contentTypeOf(this.contentTypes, this.workbookPart) === MACRO_WORKBOOK_TYPE;
  }

  /** Streams the rows of a sheet, cells of `columns` only, as the sheet is now. */
  async readRows(sheet: SheetInfo, columns: ColumnRange, sink: RowSink): Promise<void> {
    await this.loadSharedStrings();
    await streamRows(this.sourceOf(sheet.part), columns, sink);
  }

  cellContext(): CellContext {
    // Shared strings are loaded by the first readRows, which may come after this call.
    return { sharedString: (index) => this.sharedStrings?.[index], styles: this.styles, date1904: this.date1904 };
  }

  /** The sheet's text for changing it; later reads see the changes. */
  async sheetDoc(sheet: SheetInfo): Promise<SheetDoc> {
    let doc = this.docs.get(sheet.part);
    if (!doc) {
      doc = SheetDoc.parse(this.addedText(sheet.part) ?? (await this.archive.text(sheet.part)));
      this.docs.set(sheet.part, doc);
    }
    return doc;
  }

  /**
   * Moves a table's extent (and its filter's) after its rows changed; `added` names columns
   * that `box` takes in at the right (their header cells already written). The part is
   * replaced in one step, once its new text is whole.
   */
  async setTableExtent(table: TableInfo, box: CellBox, added: readonly string[] = []): Promise<void> {
    const ref = boxAddress(box);
    let xml = await this.partText(table.part);
    const start = findStartTag(xml, "table");
    if (!start) throw new Error(`${table.part}: no <table>`);
    xml = xml.slice(0, start.start) + setAttribute(xml.slice(start.start, start.end), "ref", ref) + xml.slice(start.end);
    if (added.length > 0) xml = withTableColumns(xml, table, added);
    const filter = findStartTag(xml, "autoFilter");
    if (filter) {
      const filterBox = { ...box, bottom: box.bottom - table.totalsRows };
      xml = xml.slice(0, filter.start) + setAttribute(xml.slice(filter.start, filter.end), "ref", boxAddress(filterBox)) + xml.slice(filter.end);
    }
    const sort = findStartTag(xml, "sortState");
    if (sort) {
      const body = { ...box, top: box.top + table.headerRows, bottom: Math.max(box.top + table.headerRows, box.bottom - table.totalsRows) };
      xml = xml.slice(0, sort.start) + setAttribute(xml.slice(sort.start, sort.end), "ref", boxAddress(body)) + xml.slice(sort.end);
    }
    this.putPart(table.part, xml);
    table.ref = ref;
    table.columns = [...table.columns, ...added];
  }

  /**
   * The book as it is now, to go back to when a change of several steps fails part-way (a
   * sheet and its table added, then their rows refused): returns what puts it back. Only what
   * the add-in's own changes touch is kept (parts, sheets, tables, styles); reads are unaffected.
   */
  checkpoint(): () => void {
    const changed = new Map(this.changedParts);
    const added = new Map(this.addedParts);
    const docs = [...this.docs].map(([part, doc]) => ({ part, doc, state: doc.snapshot() }));
    const extents = this.tables.map((table) => ({ table, ref: table.ref, columns: table.columns }));
    const counts = { sheets: this.sheets.length, tables: this.tables.length, rels: this.workbookRels.length, names: this.sheetNamesInWorkbook.length };
    const definedNames = [...this.definedNames];
    const { contentTypesXml, contentTypes, valuesWritten } = this;
    const styles = this.styles.snapshot();
    return () => {
      const putBack = <K, V>(map: Map<K, V>, saved: ReadonlyMap<K, V>) => {
        map.clear();
        for (const [key, value] of saved) map.set(key, value);
      };
      putBack(this.changedParts, changed);
      putBack(this.addedParts, added);
      this.docs.clear();
      for (const { part, doc, state } of docs) {
        doc.restore(state);
        this.docs.set(part, doc);
      }
      for (const { table, ref, columns } of extents) {
        table.ref = ref;
        table.columns = columns;
      }
      this.sheets.length = counts.sheets;
      this.tables.length = counts.tables;
      this.workbookRels.length = counts.rels;
      this.sheetNamesInWorkbook.length = counts.names;
      this.definedNames.splice(0, this.definedNames.length, ...definedNames);
      this.contentTypesXml = contentTypesXml;
      this.contentTypes = contentTypes;
      this.valuesWritten = valuesWritten;
      this.styles.restore(styles);
    };
  }

  /** Values changed: Excel recalculates on open rather than show formulas' stale results. */
  noteValuesWritten(): void {
    this.valuesWritten = true;
  }

  /**
   * A workbook-level defined name that holds `formula` (a text constant is `"…"`), hidden from
   * Excel's Name Manager when asked: rewritten where the workbook defines it already (any case),
   * else added to <definedNames>, which is created in its place after <sheets> when missing.
   */
  async setDefinedName(name: string, formula: string, hidden: boolean): Promise<void> {
    const xml = await this.partText(this.workbookPart);
    const element = (prefix: string) => `<${prefix}definedName name="${escapeAttribute(name)}"${hidden ? ' hidden="1"' : ""}>${escapeText(formula)}</${prefix}definedName>`;
    this.putPart(this.workbookPart, replaceDefinedName(xml, name, element) ?? addDefinedName(xml, element));
    const entry = { name, localSheetId: undefined, formula };
    const at = this.definedNames.findIndex((n) => n.localSheetId === undefined && n.name.toLowerCase() === name.toLowerCase());
    if (at === -1) this.definedNames.push(entry);
    else this.definedNames[at] = entry;
  }

  /** A new sheet at the end of the workbook (so sheet-scoped names keep their sheet index). */
  async addSheet(name: string): Promise<SheetInfo> {
    const part = this.freePartName("xl/worksheets/sheet", ".xml");
    const relId = await this.addRelationship(this.workbookPart, "worksheet", part);
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    let xml = await this.partText(this.workbookPart);
    const sheetsTag = findStartTag(xml, "sheets");
    if (!sheetsTag) throw new Error("workbook without <sheets>");
    const prefix = sheetsTag.qname.slice(0, sheetsTag.qname.length - "sheets".length);
    // The namespace is declared on the element itself: openpyxl binds "r" on each <sheet>, not on the root.
    const element = `<${prefix}sheet xmlns:r="${REL_TYPE.slice(0, -1)}" name="${escapeAttribute(name)}" sheetId="${sheetId}" r:id="${relId}"/>`;
    if (sheetsTag.selfClosing) {
      xml = xml.slice(0, sheetsTag.start) + xml.slice(sheetsTag.start, sheetsTag.end).replace(/\s*\/>$/, ">") + element + `</${sheetsTag.qname}>` + xml.slice(sheetsTag.end);
    } else {
      const close = xml.lastIndexOf("</", closeTagEnd(xml, sheetsTag.qname, sheetsTag.end) - 1);
      xml = xml.slice(0, close) + element + xml.slice(close);
    }
    this.putPart(this.workbookPart, xml);
    this.addedParts.set(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_TYPE.slice(0, -1)}"><dimension ref="A1"/><sheetData/></worksheet>`);
    this.addContentType(part, TYPES.worksheet);
    const sheet = { name, part, sheetId };
    this.sheets.push(sheet);
    this.sheetNamesInWorkbook.push(name);
    return sheet;
  }

  /** A new table part on `sheet`, spanning `box` with these column names. */
  async addTable(sheet: SheetInfo, name: string, box: CellBox, columns: readonly string[]): Promise<TableInfo> {
    const part = this.freePartName("xl/tables/table", ".xml");
    const id = Math.max(0, ...this.tables.map((t) => t.id)) + 1;
    const ref = boxAddress(box);
    const tableColumns = columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeAttribute(c)}"/>`).join("");
    this.addedParts.set(
      part,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN_NS}" id="${id}" name="${escapeAttribute(name)}" displayName="${escapeAttribute(name)}" ref="${ref}" headerRowCount="1">` +
        `<autoFilter ref="${ref}"/><tableColumns count="${columns.length}">${tableColumns}</tableColumns>` +
        `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    );
    this.addContentType(part, TYPES.table);
    const relId = await this.addRelationship(sheet.part, "table", part);
    const doc = await this.sheetDoc(sheet);
    // The namespace is declared on the element: an existing sheet's root may not bind "r".
    doc.appendToTail("tableParts", `<${doc.prefix}tablePart xmlns:r="${REL_TYPE.slice(0, -1)}" r:id="${relId}"/>`);
    const table: TableInfo = { part, sheet, id, name, ref, headerRows: 1, totalsRows: 0, columns };
    this.tables.push(table);
    return table;
  }

  /** The new package: changed parts rewritten, every other part copied as it was. */
  async save(): Promise<Uint8Array> {
    if (this.valuesWritten) this.putPart(this.workbookPart, withFullCalcOnLoad(await this.partText(this.workbookPart)));
    if (this.styles.changed) await this.saveStyles();
    if ([...this.docs.values()].some((doc) => doc.formulaOverwritten)) await this.dropCalcChain();
    const replaced = new Map<string, PartContent>(this.changedParts);
    const added = new Map(this.addedParts);
    for (const [part, doc] of this.docs) if (doc.changed) (this.archive.has(part) ? replaced : added).set(part, () => doc.chunks());
    return this.archive.write(replaced, added, this.removedParts);
  }

  // ------------------------------------------------------------------ parts

  private sourceOf(part: string): TextSource {
    const doc = this.docs.get(part);
    if (doc) return async (onText) => {
      for (const chunk of doc.chunks()) if (onText(chunk) === false) return;
    };
    const added = this.addedText(part);
    if (added !== undefined) return async (onText) => void onText(added);
    return (onText) => this.archive.readText(part, onText);
  }

  private addedText(part: string): string | undefined {
    const content = this.addedParts.get(part);
    return typeof content === "string" ? content : undefined;
  }

  private async partText(part: string): Promise<string> {
    return this.changedParts.get(part) ?? this.addedText(part) ?? (await this.archive.text(part));
  }

  private putPart(part: string, xml: string): void {
    if (this.addedParts.has(part)) this.addedParts.set(part, xml);
    else this.changedParts.set(this.archive.storedName(part) ?? part, xml);
  }

  private freePartName(stem: string, extension: string): string {
    for (let n = 1; ; n++) {
      const name = `${stem}${n}${extension}`;
      if (!this.archive.has(name) && !this.addedParts.has(name)) return name;
    }
  }

  private async addRelationship(source: string, type: string, target: string): Promise<string> {
    const relsPart = relsPartOf(source);
    const exists = this.archive.has(relsPart) || this.addedParts.has(relsPart);
    let xml = exists ? await this.partText(relsPart) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const used = new Set([...xml.matchAll(/\sId\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((m) => m[1] ?? m[2]));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const root = findStartTag(xml, "Relationships");
    if (!root) throw new Error(`${relsPart}: no <Relationships>`);
    const prefix = root.qname.slice(0, root.qname.length - "Relationships".length);
    const element = `<${prefix}Relationship Id="${id}" Type="${REL_TYPE}${type}" Target="${escapeAttribute(relativeTarget(folderOf(source), target))}"/>`;
    xml = appendToRoot(xml, root, element);
    if (exists) this.putPart(relsPart, xml);
    else this.addedParts.set(relsPart, xml);
    if (source === this.workbookPart) this.workbookRels.push({ id, type, target, external: false });
    return id;
  }

  private addContentType(part: string, type: string): void {
    const root = findStartTag(this.contentTypesXml, "Types");
    if (!root) throw new Error("[Content_Types].xml: no <Types>");
    const prefix = root.qname.slice(0, root.qname.length - "Types".length);
    this.contentTypesXml = appendToRoot(this.contentTypesXml, root, `<${prefix}Override PartName="/${escapeAttribute(part)}" ContentType="${type}"/>`);
    this.contentTypes = parseContentTypes(this.contentTypesXml);
    this.putPart(CONTENT_TYPES, this.contentTypesXml);
  }

  /** Writes the appended styles; a workbook without a styles part gets one (once, however often it is saved). */
  private async saveStyles(): Promise<void> {
    if (this.stylesPart) {
      this.putPart(this.stylesPart, this.styles.serialize());
      return;
    }
    const part = this.archive.has("xl/styles.xml") ? this.freePartName("xl/styles", ".xml") : "xl/styles.xml";
    this.addedParts.set(part, this.styles.serialize());
    this.addContentType(part, TYPES.styles);
    await this.addRelationship(this.workbookPart, "styles", part);
    this.stylesPart = part;
  }

  /**
   * Excel's calculation chain lists the cells that hold formulas; once a formula cell is
   * overwritten it is stale, so it goes (with its relationship and content type), as
   * Excel itself allows: fullCalcOnLoad rebuilds it.
   */
  private async dropCalcChain(): Promise<void> {
    const rel = this.workbookRels.find((r) => r.type === "calcChain" && !r.external);
    if (!rel || !this.archive.has(rel.target)) return;
    this.removedParts.add(rel.target.toLowerCase());
    const relsPart = relsPartOf(this.workbookPart);
    const rels = await this.partText(relsPart);
    this.putPart(relsPart, removeElement(rels, "Relationship", (tag) => new RegExp(`\\sId\\s*=\\s*["']${rel.id}["']`).test(tag)));
    this.contentTypesXml = removeElement(this.contentTypesXml, "Override", (tag) => tag.toLowerCase().includes(`"/${rel.target.toLowerCase()}"`));
    this.putPart(CONTENT_TYPES, this.contentTypesXml);
    this.workbookRels.splice(this.workbookRels.indexOf(rel), 1);
  }

  private async loadSharedStrings(): Promise<void> {
    if (this.sharedStrings) return;
    const rel = this.workbookRels.find((r) => r.type === "sharedStrings" && this.archive.has(r.target));
    this.sharedStrings = rel ? await readSharedStrings(this.archive, rel.target) : [];
  }
}

export class PackageShapeError extends Error {
  constructor(readonly reason: "noContentTypes" | "noWorkbook") {
    super(reason === "noContentTypes" ? "no [Content_Types].xml" : "no workbook part");
    this.name = "PackageShapeError";
  }
}

function readDefinedNames(workbook: ReturnType<typeof parseXml>): DefinedName[] {
  return children(child(workbook, "definedNames"), "definedName").map((n) => {
    const local = attribute(n, "localSheetId");
    return { name: attribute(n, "name") ?? "", localSheetId: local === undefined ? undefined : Number(local), formula: n.text.trim() };
  });
}

/** The table part with `added` appended to its tableColumns (ids after the highest in use). */
function withTableColumns(xml: string, table: TableInfo, added: readonly string[]): string {
  const list = findStartTag(xml, "tableColumns");
  if (!list || list.selfClosing) throw new Error(`${table.part}: no <tableColumns>`);
  const prefix = list.qname.slice(0, list.qname.length - "tableColumns".length);
  const close = xml.lastIndexOf("</", closeTagEnd(xml, list.qname, list.end) - 1);
  const ids = [...xml.slice(list.end, close).matchAll(/<(?:[\w.-]+:)?tableColumn\s[^>]*?\bid\s*=\s*"(\d+)"/g)].map((m) => Number(m[1]));
  const first = Math.max(0, ...ids) + 1;
  const elements = added.map((name, i) => `<${prefix}tableColumn id="${first + i}" name="${escapeAttribute(name)}"/>`).join("");
  const open = setAttribute(xml.slice(list.start, list.end), "count", String(table.columns.length + added.length));
  return xml.slice(0, list.start) + open + xml.slice(list.end, close) + elements + xml.slice(close);
}

async function readTables(archive: ZipArchive, sheet: SheetInfo): Promise<TableInfo[]> {
  const rels = (await readRelationships(archive, sheet.part)).filter((r) => r.type === "table" && !r.external && archive.has(r.target));
  const tables: TableInfo[] = [];
  for (const rel of rels) {
    const table = parseXml(await archive.text(rel.target));
    if (table.name !== "table") continue;
    const columns = children(child(table, "tableColumns"), "tableColumn").map((c) => decodeOoxmlEscapes(attribute(c, "name") ?? ""));
    tables.push({
      part: rel.target,
      sheet,
      id: Number(attribute(table, "id") ?? 0),
      name: attribute(table, "displayName") ?? attribute(table, "name") ?? "",
      ref: attribute(table, "ref") ?? "A1",
      headerRows: Number(attribute(table, "headerRowCount") ?? 1),
      totalsRows: Number(attribute(table, "totalsRowCount") ?? 0),
      columns,
    });
  }
  return tables;
}

async function readSharedStrings(archive: ZipArchive, part: string): Promise<string[]> {
  const strings: string[] = [];
  const parser = new SaxesParser({ position: false });
  let current: string | undefined;
  let inText = false;
  let phonetic = false;
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") current = "";
    else if (name === "rPh") phonetic = true;
    else if (name === "t" && !phonetic) inText = true;
  });
  const onText = (text: string) => {
    if (inText && current !== undefined) current += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "t") inText = false;
    else if (name === "rPh") phonetic = false;
    else if (name === "si") {
      strings.push(current ?? "");
      current = undefined;
    }
  });
  await archive.readText(part, (chunk) => void parser.write(chunk));
  parser.close();
  return strings;
}


/** The workbook part with the workbook-level definition of `name` replaced; undefined when there is none. */
function replaceDefinedName(xml: string, name: string, element: (prefix: string) => string): string | undefined {
  for (const match of xml.matchAll(/<((?:[\w.-]+:)?)definedName\b([^>]*?)(?:\/>|>[\s\S]*?<\/\1definedName>)/g)) {
    const attributes = match[2];
    // Compared as written in the part: the name, escaped as an attribute, in any case (Excel's names ignore case).
    const own = /\bname\s*=\s*"([^"]*)"/.exec(attributes)?.[1] ?? "";
    if (/\blocalSheetId\s*=/.test(attributes) || own.toLowerCase() !== escapeAttribute(name).toLowerCase()) continue;
    return xml.slice(0, match.index) + element(match[1]) + xml.slice(match.index + match[0].length);
  }
  return undefined;
}

/** ECMA-376 CT_Workbook: <definedNames> follows <sheets>, <functionGroups> and <externalReferences>. */
const BEFORE_DEFINED_NAMES = ["sheets", "functionGroups", "externalReferences"];

function addDefinedName(xml: string, element: (prefix: string) => string): string {
  const list = findStartTag(xml, "definedNames");
  if (list) {
    const prefix = list.qname.slice(0, list.qname.length - "definedNames".length);
    if (list.selfClosing) return xml.slice(0, list.start) + `<${list.qname}>${element(prefix)}</${list.qname}>` + xml.slice(list.end);
    const close = xml.lastIndexOf("</", closeTagEnd(xml, list.qname, list.end) - 1);
    return xml.slice(0, close) + element(prefix) + xml.slice(close);
  }
  const root = findStartTag(xml, "workbook");
  const prefix = root ? root.qname.slice(0, root.qname.length - "workbook".length) : "";
  const after = Math.max(
    ...BEFORE_DEFINED_NAMES.map((name) => {
      const found = findStartTag(xml, name);
      return !found ? -1 : found.selfClosing ? found.end : closeTagEnd(xml, found.qname, found.end);
    }),
  );
  if (after === -1) throw new Error("workbook without <sheets>");
  return xml.slice(0, after) + `<${prefix}definedNames>${element(prefix)}</${prefix}definedNames>` + xml.slice(after);
}

/** Elements that come before calcPr in a workbook part and never nest (ECMA-376 CT_Workbook). */
const BEFORE_CALC_PR = ["sheets", "functionGroups", "externalReferences", "definedNames"];

function withFullCalcOnLoad(xml: string): string {
  const calc = findStartTag(xml, "calcPr");
  if (calc) return xml.slice(0, calc.start) + setAttribute(xml.slice(calc.start, calc.end), "fullCalcOnLoad", "1") + xml.slice(calc.end);
  const root = findStartTag(xml, "workbook");
  const prefix = root ? root.qname.slice(0, root.qname.length - "workbook".length) : "";
  const at = Math.max(
    ...BEFORE_CALC_PR.map((name) => {
      const found = findStartTag(xml, name);
      return !found ? -1 : found.selfClosing ? found.end : closeTagEnd(xml, found.qname, found.end);
    }),
  );
  const insertAt = at === -1 ? xml.lastIndexOf("</") : at;
  return xml.slice(0, insertAt) + `<${prefix}calcPr fullCalcOnLoad="1"/>` + xml.slice(insertAt);
}

/** Adds `element` as the last child of the root whose start tag is `root` (which may be self-closed: `<Relationships/>`). */
function appendToRoot(xml: string, root: { start: number; end: number; selfClosing: boolean; qname: string }, element: string): string {
  if (root.selfClosing) return xml.slice(0, root.start) + xml.slice(root.start, root.end).replace(/\s*\/>$/, ">") + element + `</${root.qname}>` + xml.slice(root.end);
  const close = xml.lastIndexOf("</");
  return xml.slice(0, close) + element + xml.slice(close);
}

/** The part without the (self-closing) `name` elements whose tag `matches`. */
function removeElement(xml: string, name: string, matches: (tag: string) => boolean): string {
  let result = xml;
  for (let found = findStartTag(result, name); found; found = findStartTag(result, name, found.start + 1)) {
    const end = found.selfClosing ? found.end : closeTagEnd(result, found.qname, found.end);
    if (matches(result.slice(found.start, found.end))) {
      result = result.slice(0, found.start) + result.slice(end);
      return result;
    }
  }
  return result;
}

