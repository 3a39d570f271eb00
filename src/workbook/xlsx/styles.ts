import { isDateFormat } from "../cells";
import { attribute, child, children, closeTagEnd, findStartTag, parseXml, serializeElement, setAttribute, escapeAttribute, type XmlElement } from "./xml";

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the CJK date ids). */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Formats the add-in writes that have a built-in id, so no custom format is needed for them. */
const BUILT_IN_IDS: Readonly<Record<string, number>> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };
const FIRST_CUSTOM_ID = 164;

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/**
 * The workbook's cell formats (styles.xml): which style indexes show dates, and new formats
 * appended for the cells the add-in writes. Existing entries are never renumbered.
 */
export class Styles {
  private readonly customFormats: Map<number, string>;
  private readonly cellFormats: XmlElement[];
  private readonly added: { formats: [number, string][]; xfs: XmlElement[] } = { formats: [], xfs: [] };
  private readonly derived = new Map<string, number>();

  /** The namespace prefix of the part's elements ("x:" in Open XML SDK files). */
  private readonly rootPrefix: string;

  constructor(private readonly xml: string) {
    const root = parseXml(xml);
    this.rootPrefix = root.qname.slice(0, root.qname.length - root.name.length);
    this.customFormats = new Map(children(child(root, "numFmts"), "numFmt").map((f) => [Number(attribute(f, "numFmtId")), attribute(f, "formatCode") ?? ""]));
    this.cellFormats = children(child(root, "cellXfs"), "xf");
  }

  formatCode(styleIndex: number): string | undefined {
    const xf = this.xfAt(styleIndex);
    if (!xf) return undefined;
    const id = Number(attribute(xf, "numFmtId") ?? 0);
    if (BUILT_IN_DATE_IDS.has(id)) return "yyyy-mm-dd";
    return this.customFormats.get(id) ?? this.added.formats.find(([i]) => i === id)?.[1] ?? Object.keys(BUILT_IN_IDS).find((code) => BUILT_IN_IDS[code] === id);
  }

  isDate(styleIndex: number): boolean {
    let known = this.dateStyles.get(styleIndex);
    if (known === undefined) this.dateStyles.set(styleIndex, (known = this.computeIsDate(styleIndex)));
    return known;
  }

  /** Asked once per cell of a million-row sheet; a style's answer never changes. */
  private readonly dateStyles = new Map<number, boolean>();

  private computeIsDate(styleIndex: number): boolean {
    const xf = this.xfAt(styleIndex);
    if (!xf) return false;
    const id = Number(attribute(xf, "numFmtId") ?? 0);
    return BUILT_IN_DATE_IDS.has(id) || isDateFormat(this.customFormats.get(id) ?? this.added.formats.find(([i]) => i === id)?.[1]);
  }

  private xfAt(index: number): XmlElement | undefined {
    return this.cellFormats[index] ?? this.added.xfs[index - this.cellFormats.length];
  }

  /** A style like `base` but showing `format`; appended once per (base, format). */
  withFormat(base: number, format: string): number {
    if (this.formatCode(base) === format) return base;
    const key = `${base}\u0000${format}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const template = this.xfAt(base) ?? this.cellFormats[0];
    const attributes = { ...(template?.attributes ?? { fontId: "0", fillId: "0", borderId: "0", xfId: "0" }), numFmtId: String(this.formatId(format)), applyNumberFormat: "1" };
    const xf: XmlElement = { name: "xf", qname: template?.qname ?? "xf", attributes, children: template?.children ?? [], text: "" };
    this.added.xfs.push(xf);
    const index = this.cellFormats.length + this.added.xfs.length - 1;
    this.derived.set(key, index);
    return index;
  }

  get changed(): boolean {
    return this.added.xfs.length > 0;
  }

  /** How many formats were appended, to take back those of a write that failed. */
  snapshot(): { formats: number; xfs: number; derived: Map<string, number> } {
    return { formats: this.added.formats.length, xfs: this.added.xfs.length, derived: new Map(this.derived) };
  }

  restore(saved: { formats: number; xfs: number; derived: Map<string, number> }): void {
    this.added.formats.length = saved.formats;
    this.added.xfs.length = saved.xfs;
    this.derived.clear();
    for (const [key, index] of saved.derived) this.derived.set(key, index);
    for (const index of [...this.dateStyles.keys()]) if (index >= this.cellFormats.length + saved.xfs) this.dateStyles.delete(index);
  }

  /** styles.xml with the new formats and cell formats appended, everything else as it was. */
  serialize(): string {
    let xml = this.xml;
    const prefix = this.rootPrefix;
    if (this.added.formats.length > 0) xml = appendInto(xml, "numFmts", this.added.formats.map(([id, code]) => `<${prefix}numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`), "styleSheet");
    if (this.added.xfs.length > 0) xml = appendInto(xml, "cellXfs", this.added.xfs.map(serializeElement), "styleSheet");
    return xml;
  }

  private formatId(format: string): number {
    if (format in BUILT_IN_IDS) return BUILT_IN_IDS[format];
    for (const [id, code] of [...this.customFormats, ...this.added.formats]) if (code === format) return id;
    const id = Math.max(FIRST_CUSTOM_ID - 1, ...this.customFormats.keys(), ...this.added.formats.map(([i]) => i)) + 1;
    this.added.formats.push([id, format]);
    return id;
  }
}

/**
 * Appends elements at the end of `container` and updates its count; creates the container
 * as the first child of `root` when it is missing (numFmts comes first in a styleSheet).
 */
function appendInto(xml: string, container: string, elements: string[], root: string): string {
  const found = findStartTag(xml, container);
  if (!found) {
    const rootTag = findStartTag(xml, root);
    if (!rootTag) throw new Error(`no <${root}>`);
    const prefix = rootTag.qname.includes(":") ? rootTag.qname.slice(0, rootTag.qname.indexOf(":") + 1) : "";
    const created = `<${prefix}${container} count="${elements.length}">${elements.join("")}</${prefix}${container}>`;
    return xml.slice(0, rootTag.end) + created + xml.slice(rootTag.end);
  }
  const startTag = xml.slice(found.start, found.end);
  const count = Number(/\scount\s*=\s*"(\d+)"/.exec(startTag)?.[1] ?? NaN);
  if (found.selfClosing) {
    const open = setAttribute(startTag.replace(/\s*\/>$/, ">"), "count", String(elements.length));
    return xml.slice(0, found.start) + open + elements.join("") + `</${found.qname}>` + xml.slice(found.end);
  }
  const end = closeTagEnd(xml, found.qname, found.end);
  const closeStart = xml.lastIndexOf("</", end - 1);
  const existing = Number.isNaN(count) ? countChildren(xml.slice(found.end, closeStart)) : count;
  const open = setAttribute(startTag, "count", String(existing + elements.length));
  return xml.slice(0, found.start) + open + xml.slice(found.end, closeStart) + elements.join("") + xml.slice(closeStart);
}

function countChildren(inner: string): number {
  return (inner.match(/<(?:[\w.-]+:)?(?:xf|numFmt)[\s/>]/g) ?? []).length;
}
