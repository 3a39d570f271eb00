import { attribute, children, parseXml, type XmlElement } from "./xml";
import type { ZipArchive } from "./zip";

/** One relationship of a part, its target resolved to a part name ("xl/worksheets/sheet1.xml"). */
export interface Relationship {
  readonly id: string;
  /** The type's last segment ("worksheet", "table", "styles"): transitional and strict URIs agree on it. */
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPE = `${RELATIONSHIPS_NS}/`;

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

/** A relationship target, relative to the source part's folder or absolute ("/xl/…"), as a part name. */
export function resolveTarget(sourceFolder: string, target: string): string {
  const joined = target.startsWith("/") ? target.slice(1) : sourceFolder + target;
  const parts: string[] = [];
  for (const segment of decodeURI(joined).split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

/**
 * `part` as a path relative to `sourceFolder`, for relationships the add-in writes: relative
 * targets ("../tables/table1.xml") are what Excel writes and what every reader follows.
 */
export function relativeTarget(sourceFolder: string, part: string): string {
  const from = sourceFolder.split("/").filter(Boolean);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const folder = sourcePart === "" ? "" : folderOf(sourcePart);
  return children(parseXml(xml), "Relationship").map((r) => {
    const external = attribute(r, "TargetMode") === "External";
    const target = attribute(r, "Target") ?? "";
    return {
      id: attribute(r, "Id") ?? "",
      type: (attribute(r, "Type") ?? "").split("/").pop() ?? "",
      target: external ? target : resolveTarget(folder, target),
      external,
    };
  });
}

export async function readRelationships(archive: ZipArchive, sourcePart: string): Promise<Relationship[]> {
  const relsPart = sourcePart === "" ? "_rels/.rels" : relsPartOf(sourcePart);
  return archive.has(relsPart) ? parseRelationships(await archive.text(relsPart), sourcePart) : [];
}

export interface ContentTypes {
  readonly defaults: ReadonlyMap<string, string>;
  readonly overrides: ReadonlyMap<string, string>;
}

export function parseContentTypes(xml: string): ContentTypes {
  const root: XmlElement = parseXml(xml);
  return {
    defaults: new Map(children(root, "Default").map((d) => [(attribute(d, "Extension") ?? "").toLowerCase(), attribute(d, "ContentType") ?? ""])),
    overrides: new Map(children(root, "Override").map((o) => [(attribute(o, "PartName") ?? "").replace(/^\//, "").toLowerCase(), attribute(o, "ContentType") ?? ""])),
  };
}

export function contentTypeOf(types: ContentTypes, part: string): string | undefined {
  return types.overrides.get(part.toLowerCase()) ?? types.defaults.get(part.slice(part.lastIndexOf(".") + 1).toLowerCase());
}
