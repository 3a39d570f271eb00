/**
 * The add-in manifest, checked offline: there is no XSD on npm and Microsoft's validator is a
 * web service, so these tests check what a broken manifest usually gets wrong.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { DEV_ORIGIN, parseAddinOrigin, withOrigin } from "../../scripts/build/origin";
import { child, descendants, findAll, parseXml, type XmlElement } from "./xml-tree";

const ROOT = join(__dirname, "..", "..");
const MANIFEST_XML = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const manifest = parseXml(MANIFEST_XML);
const versionOverrides = child(manifest, "VersionOverrides");
const resources = child(versionOverrides, "Resources");
const workbookHost = child(versionOverrides, "Hosts", "Host");

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

/** Which resource list each element that takes a resid refers to. */
const RESOURCE_KIND_OF_ELEMENT: Readonly<Record<string, ResourceKind>> = {
  Image: "Images",
  SourceLocation: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

function resource(kind: ResourceKind, id: string): XmlElement {
  const found = child(resources, kind).children.filter((r) => r.attributes.id === id);
  if (found.length !== 1) throw new Error(`expected one ${kind} resource "${id}", found ${found.length}`);
  return found[0];
}

function urlOf(element: XmlElement): string {
  return resource("Urls", element.attributes.resid).attributes.DefaultValue;
}

function zhOverride(element: XmlElement): string | undefined {
  return element.children.find((c) => c.name === "Override" && c.attributes.Locale === "zh-CN")?.attributes.Value;
}

/** Every URL the manifest gives Office: attribute values and texts (namespace declarations aside). */
function urlsIn(root: XmlElement): string[] {
  const values = [root, ...descendants(root)].flatMap((e) => [
    ...Object.entries(e.attributes)
      .filter(([name]) => !name.startsWith("xmlns"))
      .map(([, value]) => value),
    e.text,
  ]);
  return values.filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
}

function pngSize(file: string): { width: number; height: number } {
  const png = PNG.sync.read(readFileSync(file));
  return { width: png.width, height: png.height };
}

describe("manifest.xml", () => {
  test("is a well-formed task pane add-in for Excel with a GUID id", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes.type).toBe("TaskPaneApp");
    expect(child(manifest, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(manifest, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(manifest, "DefaultLocale").text).toBe("en-US");
    expect(child(manifest, "Hosts", "Host").attributes.Name).toBe("Workbook");
    expect(versionOverrides.attributes.type).toBe("VersionOverridesV1_0");
    expect(workbookHost.attributes.type).toBe("Workbook");
  });

  test("every resid refers to a resource of the right kind, and every resource is used", () => {
    const referenced = new Set<string>();
    for (const element of descendants(manifest)) {
      const resid = element.attributes.resid;
      if (resid === undefined) continue;
      const kind = RESOURCE_KIND_OF_ELEMENT[element.name];
      expect({ element: element.name, kind }).toEqual({ element: element.name, kind: expect.any(String) });
      expect(() => resource(kind, resid)).not.toThrow();
      referenced.add(`${kind}/${resid}`);
    }
    const defined = (["Images", "Urls", "ShortStrings", "LongStrings"] as const).flatMap((kind) =>
      child(resources, kind).children.map((r) => `${kind}/${r.attributes.id}`),
    );
    expect(new Set(defined).size).toBe(defined.length);
    expect(defined.filter((id) => !referenced.has(id))).toEqual([]);
  });

  test("every URL is https on the development origin", () => {
    const urls = urlsIn(manifest);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(`${DEV_ORIGIN}/`)).toBe(true);
  });

  test("every icon exists in assets/ with the size it is declared at", () => {
    const icons: [string, number][] = [
      [child(manifest, "IconUrl").attributes.DefaultValue, 64],
      [child(manifest, "HighResolutionIconUrl").attributes.DefaultValue, 128],
      ...findAll(workbookHost, "Image").map((image): [string, number] => [
        resource("Images", image.attributes.resid).attributes.DefaultValue,
        Number(image.attributes.size),
      ]),
    ];
    for (const [url, size] of icons) {
      const file = join(ROOT, new URL(url).pathname);
      expect(new URL(url).pathname).toMatch(/^\/assets\/[\w-]+\.png$/);
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  test("declares a shared runtime: SharedRuntime 1.1 and one long-lived runtime", () => {
    const sets = child(manifest, "Requirements", "Sets").children;
    expect(sets.map((s) => s.attributes)).toContainEqual({ Name: "SharedRuntime", MinVersion: "1.1" });
    const runtime = child(workbookHost, "Runtimes", "Runtime");
    expect(runtime.attributes.lifetime).toBe("long");
  });

  test("the task pane, the functions page and the ribbon button all open the same page", () => {
    const customFunctions = child(workbookHost, "AllFormFactors", "ExtensionPoint");
    expect(customFunctions.attributes.type).toBe("CustomFunctions");
    const page = urlOf(child(customFunctions, "Page", "SourceLocation"));
    expect(page).toBe(`${DEV_ORIGIN}/taskpane.html`);
    expect(urlOf(child(workbookHost, "Runtimes", "Runtime"))).toBe(page);
    expect(child(manifest, "DefaultSettings", "SourceLocation").attributes.DefaultValue).toBe(page);
    const showTaskpane = findAll(workbookHost, "Action").find((a) => a.attributes.type === "ShowTaskpane");
    expect(showTaskpane && urlOf(child(showTaskpane, "SourceLocation"))).toBe(page);
    expect(urlOf(child(customFunctions, "Script", "SourceLocation"))).toBe(`${DEV_ORIGIN}/functions.js`);
  });

  test("custom functions live in the MKT namespace, with zh-CN metadata", () => {
    const customFunctions = child(workbookHost, "AllFormFactors", "ExtensionPoint");
    const namespace = resource("ShortStrings", child(customFunctions, "Namespace").attributes.resid);
    expect(namespace.attributes.DefaultValue).toBe("MKT");
    expect(zhOverride(namespace)).toBeUndefined();
    const metadata = resource("Urls", child(customFunctions, "Metadata", "SourceLocation").attributes.resid);
    expect(metadata.attributes.DefaultValue).toBe(`${DEV_ORIGIN}/functions.json`);
    expect(zhOverride(metadata)).toBe(`${DEV_ORIGIN}/functions.zh-CN.json`);
  });

  test("a ribbon button on the Home tab opens the task pane", () => {
    const surface = findAll(workbookHost, "ExtensionPoint").find((e) => e.attributes.type === "PrimaryCommandSurface");
    expect(surface).toBeDefined();
    const button = findAll(surface as XmlElement, "Control").find((c) => c.attributes.type === "Button");
    expect(button && findAll(button, "Action")[0].attributes.type).toBe("ShowTaskpane");
    expect(findAll(surface as XmlElement, "Image").map((i) => i.attributes.size).sort()).toEqual(["16", "16", "32", "32", "80", "80"]);
  });

  test("every text the user sees has a zh-CN translation", () => {
    expect(zhOverride(child(manifest, "DisplayName"))).toMatch(/\p{Script=Han}/u);
    expect(zhOverride(child(manifest, "Description"))).toMatch(/\p{Script=Han}/u);
    const texts = [...child(resources, "ShortStrings").children, ...child(resources, "LongStrings").children].filter(
      (s) => s.attributes.id !== "Functions.Namespace",
    );
    for (const text of texts) expect({ id: text.attributes.id, zh: zhOverride(text) }).toEqual({ id: text.attributes.id, zh: expect.stringMatching(/\p{Script=Han}/u) });
  });
});

describe("the production manifest (ADDIN_ORIGIN)", () => {
  test("moves every URL to the production origin and stays well-formed", () => {
    const origin = parseAddinOrigin("https://rulebook.example.com/");
    const production = parseXml(withOrigin(MANIFEST_XML, origin));
    const urls = urlsIn(production);
    expect(urls).toHaveLength(urlsIn(manifest).length);
    for (const url of urls) expect(url.startsWith("https://rulebook.example.com/")).toBe(true);
    expect(urls).toContain("https://rulebook.example.com/functions.zh-CN.json");
  });

  test("accepts an https origin, with or without a path prefix", () => {
    expect(parseAddinOrigin("https://rulebook.example.com")).toBe("https://rulebook.example.com");
    expect(parseAddinOrigin(" https://rulebook.example.com:8443/ ")).toBe("https://rulebook.example.com:8443");
    expect(parseAddinOrigin("https://example.github.io/rulebook/")).toBe("https://example.github.io/rulebook");
  });

  test.each([
    ["http://rulebook.example.com", /https/],
    ["rulebook.example.com", /https URL/],
    ["ftp://rulebook.example.com", /https/],
    ["https://user:secret@rulebook.example.com", /credentials/],
    ["https://rulebook.example.com/?v=2", /query/],
    ["", /https URL/],
  ])("rejects %p", (value, reason) => {
    expect(() => parseAddinOrigin(value)).toThrow(reason);
  });

  test("the webpack configuration refuses an http origin", () => {
    const saved = process.env.ADDIN_ORIGIN;
    process.env.ADDIN_ORIGIN = "http://rulebook.example.com";
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = require("../../webpack.config.js") as (env: unknown, argv: { mode: string }) => unknown;
      expect(() => config({}, { mode: "production" })).toThrow(/https/);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_ORIGIN;
      else process.env.ADDIN_ORIGIN = saved;
    }
  });
});
