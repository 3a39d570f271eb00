import { XMLParser, XMLValidator } from "fast-xml-parser";

/** An XML element with namespace prefixes removed (bt:Image → Image, xsi:type → type). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function toElement(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ":@");
  if (!name || name.startsWith("?") || name === "#text" || name === "#comment") return undefined;
  const content = node[name] as OrderedNode[];
  const children = content.map(toElement).filter((e): e is XmlElement => e !== undefined);
  const text = content.map((c) => (typeof c["#text"] === "string" || typeof c["#text"] === "number" ? String(c["#text"]) : "")).join("").trim();
  return { name, attributes: node[":@"] ?? {}, children, text };
}

/** Parses a document after checking it is well-formed; throws with the parser's reason otherwise. */
export function parseXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", removeNSPrefix: true, preserveOrder: true, parseTagValue: false, parseAttributeValue: false });
  const roots = (parser.parse(xml) as OrderedNode[]).map(toElement).filter((e): e is XmlElement => e !== undefined);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

export function* descendants(element: XmlElement): Generator<XmlElement> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

export function findAll(root: XmlElement, name: string): XmlElement[] {
  return [...descendants(root)].filter((e) => e.name === name);
}

/** The one element reached by following child names from `root`; throws when absent or ambiguous. */
export function child(root: XmlElement, ...path: string[]): XmlElement {
  let current = root;
  for (const name of path) {
    const matches = current.children.filter((c) => c.name === name);
    if (matches.length !== 1) throw new Error(`expected one <${name}> in <${current.name}>, found ${matches.length}`);
    current = matches[0];
  }
  return current;
}
