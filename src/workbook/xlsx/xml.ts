import { SaxesParser } from "saxes";

/** A parsed element of a small package part (workbook, relationships, styles, tables). */
export interface XmlElement {
  /** Local name, without a namespace prefix: writers differ in prefixes (`x:sheet`, `sheet`). */
  readonly name: string;
  /** Name as written, with its prefix. */
  readonly qname: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Text directly inside the element. */
  text: string;
}

export function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/** The whole part as a tree; used only for small parts, never for worksheets. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: localName(tag.name), qname: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: "" };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("text", (value) => {
    if (stack.length > 0) stack[stack.length - 1].text += value;
  });
  parser.on("cdata", (value) => {
    if (stack.length > 0) stack[stack.length - 1].text += value;
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(text).close();
  if (!root) throw new Error("empty XML part");
  return root;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** An attribute by local name, whatever its prefix (`r:id`, `ns1:id`). */
export function attribute(element: XmlElement, name: string): string | undefined {
  if (name in element.attributes) return element.attributes[name];
  const key = Object.keys(element.attributes).find((k) => localName(k) === name && k.includes(":"));
  return key === undefined ? undefined : element.attributes[key];
}

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

export function serializeElement(element: XmlElement): string {
  const attributes = Object.entries(element.attributes).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("");
  const inner = escapeText(element.text) + element.children.map(serializeElement).join("");
  return inner === "" ? `<${element.qname}${attributes}/>` : `<${element.qname}${attributes}>${inner}</${element.qname}>`;
}

/**
 * OOXML's own escape for characters XML cannot hold (ECMA-376 §22.9.2.19): `_x000D_` is a
 * carriage return, and `_x005F_` a literal underscore that keeps what follows from being read
 * as an escape.
 */
export function decodeOoxmlEscapes(text: string): string {
  return text.indexOf("_x") === -1 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Characters XML 1.0 cannot carry, so they travel as _xHHHH_.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function encodeOoxmlEscapes(text: string): string {
  return text
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(XML_INVALID, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** Replaces (or adds) one attribute in a start tag's text, leaving the rest of the tag as written. */
export function setAttribute(startTag: string, name: string, value: string): string {
  const pattern = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (pattern.test(startTag)) return startTag.replace(pattern, `$1"${escapeAttribute(value)}"`);
  const end = startTag.endsWith("/>") ? startTag.length - 2 : startTag.length - 1;
  return `${startTag.slice(0, end)} ${name}="${escapeAttribute(value)}"${startTag.slice(end)}`;
}

/**
 * Where the element `name` (any prefix) starts and its start tag ends, from `from` on.
 * Attribute values are skipped as quoted strings, so a ">" inside one does not end the tag.
 */
export function findStartTag(text: string, name: string, from = 0): { start: number; end: number; selfClosing: boolean; qname: string } | undefined {
  const pattern = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?${name})(?=[\\s/>])`, "g");
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  if (!match) return undefined;
  const end = tagEnd(text, match.index);
  return { start: match.index, end, selfClosing: text[end - 2] === "/", qname: match[1] };
}

/** Index just after the ">" closing the tag that starts at `start`. */
export function tagEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ">") return i + 1;
  }
  throw new Error("unterminated tag");
}

/** Index just after `</qname>` for the element whose start tag ended at `from` (no nesting of the same name). */
export function closeTagEnd(text: string, qname: string, from: number): number {
  const close = text.indexOf(`</${qname}`, from);
  if (close === -1) throw new Error(`no </${qname}>`);
  return tagEnd(text, close);
}
