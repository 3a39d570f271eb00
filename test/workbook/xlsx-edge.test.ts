/**
 * Adversarial tests of the .xlsx package layer (src/workbook/xlsx) on packages assembled by
 * hand, part by part, the way other programs write them: .NET Open XML SDK prefixes, rows and
 * cells without `r`, every cell type, rich text, escapes, the 1904 date system, tables without
 * headers or with a totals row, missing optional parts, and user content next to the add-in's
 * tables. Reads go through XlsxWorkbook.open(…).tables; writes are saved, re-opened, checked as
 * XML text and opened by ExcelJS and SheetJS.
 */
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from "@zip.js/zip.js";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import * as SheetJS from "xlsx";
import { WorkbookError, type CellValue, type RowValues, type TableKind, type TableRef, type WorkbookTables } from "../../src/workbook";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { rebateRow } from "./fixtures";

// ---------------------------------------------------------------- building packages by hand

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

interface TableSpec {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly string[];
  /** Extra attributes of <table>, e.g. ` headerRowCount="0"`. */
  readonly attrs?: string;
  readonly autoFilter?: boolean;
  /** The whole part, instead of the one built from the fields above. */
  readonly xml?: string;
}

interface SheetSpec {
  readonly name: string;
  /** Inside <sheetData>; undefined writes `<sheetData/>`. */
  readonly rows?: string;
  /** Between the root's start tag and <sheetData>. */
  readonly head?: string;
  /** Between </sheetData> and <tableParts>. */
  readonly tail?: string;
  /** After <tableParts> (extLst). */
  readonly end?: string;
  readonly tables?: readonly TableSpec[];
  /** Extra relationships of the sheet (after the tables'), as elements. */
  readonly rels?: readonly string[];
  /** The whole part, instead of the one built from the fields above. */
  readonly xml?: string;
}

interface BookSpec {
  readonly sheets: readonly SheetSpec[];
  readonly workbookPr?: string;
  readonly definedNames?: string;
  /** The calcPr element; null leaves it out. */
  readonly calcPr?: string | null;
  /** styles.xml; null leaves the part (and its relationship) out. */
  readonly styles?: string | null;
  /** <si> elements of sharedStrings.xml; undefined leaves the part out. */
  readonly sst?: readonly string[];
  readonly docProps?: boolean;
  /** Parts replaced (or added) after the package is built, by name. */
  readonly replace?: Readonly<Record<string, string>>;
  readonly omit?: readonly string[];
}

/** A styles.xml as Excel writes it: a date format (164), a fill and a bold money style. */
const STYLES =
  `${HEAD}<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/><xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

function tableXml(id: number, t: TableSpec): string {
  if (t.xml) return t.xml;
  const columns = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c).replace(/"/g, "&quot;")}"/>`).join("");
  const filter = t.autoFilter === false ? "" : `<autoFilter ref="${t.ref}"/>`;
  return (
    `${HEAD}<table xmlns="${MAIN}" id="${id}" name="${t.name}" displayName="${t.name}" ref="${t.ref}"${t.attrs ?? ""}>${filter}` +
    `<tableColumns count="${t.columns.length}">${columns}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function sheetXml(s: SheetSpec): string {
  if (s.xml) return s.xml;
  const tables = s.tables ?? [];
  const parts = tables.length > 0 ? `<tableParts count="${tables.length}">${tables.map((_, i) => `<tablePart r:id="rId${i + 1}"/>`).join("")}</tableParts>` : "";
  const data = s.rows === undefined ? "<sheetData/>" : `<sheetData>${s.rows}</sheetData>`;
  return `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${s.head ?? ""}${data}${s.tail ?? ""}${parts}${s.end ?? ""}</worksheet>`;
}

function buildParts(spec: BookSpec): Map<string, string> {
  const parts = new Map<string, string>();
  const overrides: string[] = [`<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`];
  const wbRels: string[] = [];
  let tableId = 0;
  spec.sheets.forEach((sheet, i) => {
    const n = i + 1;
    parts.set(`xl/worksheets/sheet${n}.xml`, sheetXml(sheet));
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.worksheet+xml"/>`);
    wbRels.push(`<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    const rels: string[] = [];
    for (const table of sheet.tables ?? []) {
      tableId++;
      parts.set(`xl/tables/table${tableId}.xml`, tableXml(tableId, table));
      overrides.push(`<Override PartName="/xl/tables/table${tableId}.xml" ContentType="${CT}.table+xml"/>`);
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${REL}/table" Target="../tables/table${tableId}.xml"/>`);
    }
    rels.push(...(sheet.rels ?? []));
    if (rels.length > 0) parts.set(`xl/worksheets/_rels/sheet${n}.xml.rels`, `${HEAD}<Relationships xmlns="${PKG_REL}">${rels.join("")}</Relationships>`);
  });
  let next = spec.sheets.length + 1;
  if (spec.styles !== null) {
    parts.set("xl/styles.xml", spec.styles ?? STYLES);
    overrides.push(`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`);
    wbRels.push(`<Relationship Id="rId${next++}" Type="${REL}/styles" Target="styles.xml"/>`);
  }
  if (spec.sst) {
    parts.set("xl/sharedStrings.xml", `${HEAD}<sst xmlns="${MAIN}" count="${spec.sst.length}" uniqueCount="${spec.sst.length}">${spec.sst.join("")}</sst>`);
    overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`);
    wbRels.push(`<Relationship Id="rId${next}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  const rootRels = [`<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`];
  if (spec.docProps) {
    parts.set("docProps/app.xml", `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`);
    parts.set("docProps/core.xml", `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>me</dc:creator></cp:coreProperties>`);
    overrides.push('<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>');
    overrides.push('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>');
    rootRels.push(`<Relationship Id="rId2" Type="${REL}/extended-properties" Target="docProps/app.xml"/>`);
    rootRels.push(`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`);
  }
  const sheets = spec.sheets.map((s, i) => `<sheet name="${esc(s.name).replace(/"/g, "&quot;")}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const calcPr = spec.calcPr === undefined ? '<calcPr calcId="191029"/>' : (spec.calcPr ?? "");
  parts.set(
    "xl/workbook.xml",
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}">${spec.workbookPr ?? '<workbookPr defaultThemeVersion="166925"/>'}<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${sheets}</sheets>${spec.definedNames ?? ""}${calcPr}</workbook>`,
  );
  parts.set("xl/_rels/workbook.xml.rels", `${HEAD}<Relationships xmlns="${PKG_REL}">${wbRels.join("")}</Relationships>`);
  parts.set("_rels/.rels", `${HEAD}<Relationships xmlns="${PKG_REL}">${rootRels.join("")}</Relationships>`);
  parts.set(
    "[Content_Types].xml",
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
  );
  for (const [name, text] of Object.entries(spec.replace ?? {})) parts.set(name, text);
  for (const name of spec.omit ?? []) parts.delete(name);
  return parts;
}

async function zipParts(parts: ReadonlyMap<string, string>): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter());
  // [Content_Types].xml first, as every writer puts it.
  const names = [...parts.keys()].sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : 0));
  for (const name of names) await zip.add(name, new TextReader(parts.get(name) as string));
  return zip.close();
}

const build = (spec: BookSpec): Promise<Uint8Array> => zipParts(buildParts(spec));

/** Every entry of a package as bytes, in archive order (duplicates kept, as [name, bytes] pairs). */
async function entries(bytes: Uint8Array): Promise<[string, Uint8Array][]> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  const out: [string, Uint8Array][] = [];
  for (const entry of await reader.getEntries()) if (!entry.directory) out.push([entry.filename, await entry.getData(new Uint8ArrayWriter())]);
  await reader.close();
  return out;
}

async function texts(bytes: Uint8Array): Promise<Map<string, string>> {
  return new Map((await entries(bytes)).map(([name, data]) => [name, new TextDecoder().decode(data)]));
}

// ---------------------------------------------------------------- cells

const is = (ref: string, text: string, s?: number) => `<c r="${ref}"${s !== undefined ? ` s="${s}"` : ""} t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, value: number, s?: number) => `<c r="${ref}"${s !== undefined ? ` s="${s}"` : ""}><v>${value}</v></c>`;
const row = (r: number, cells: string, attrs = "") => `<row r="${r}"${attrs}>${cells}</row>`;

const REBATE_HEADERS = ["Dealer", "Year", "Gross", "Returns", "Net", "Tier", "Rate", "Rebate", "Status", "Note"];
const LETTERS = "ABCDEFGHIJKLMNOP";

/** The Rebates header row at row `r`, starting at column `left` (1-based). */
function headerRow(r: number, left = 1, headers: readonly string[] = REBATE_HEADERS): string {
  return row(r, headers.map((h, i) => is(`${LETTERS[left - 1 + i]}${r}`, esc(h))).join(""));
}

/** The cells of one Rebates body row at row `r`, with style `s` on every cell when given. */
function rebateCells(r: number, dealer: string, rebate: number, s?: number, left = 1): string {
  const values: (string | number)[] = [dealer, 2025, rebate * 50, 0, rebate * 50, 0, 0.02, rebate, "Calculated", "old note"];
  return values.map((v, i) => (typeof v === "string" ? is(`${LETTERS[left - 1 + i]}${r}`, esc(v), s) : num(`${LETTERS[left - 1 + i]}${r}`, v, s))).join("");
}

const rebatesTable = (ref = "A1:J3", extra: Partial<TableSpec> = {}): TableSpec => ({ name: "Rebates", ref, columns: REBATE_HEADERS, ...extra });

// ---------------------------------------------------------------- using the layer

async function open(bytes: Uint8Array): Promise<XlsxWorkbook> {
  return XlsxWorkbook.open(bytes);
}

async function found(tables: WorkbookTables, kind: TableKind, name?: string): Promise<TableRef> {
  const ref = await tables.findTable(kind, name ? { name } : undefined);
  if (!ref) throw new Error(`${kind} not found`);
  return ref;
}

async function rowsOf(tables: WorkbookTables, kind: TableKind): Promise<{ row: number; values: RowValues }[]> {
  return (await tables.readTable(await found(tables, kind))).rows.map((r) => ({ row: r.row, values: r.values }));
}

async function problem(promise: Promise<unknown>): Promise<WorkbookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkbookError)) throw new Error(`expected a WorkbookError, got ${String(error)}`);
  return error;
}

const d = (iso: string): Date => new Date(iso.includes("T") ? iso : `${iso}T00:00:00Z`);

/** Elements of `xml` in no namespace, and unbound prefixes: what a namespace-aware reader (Excel) rejects. */
function namespaceProblems(xml: string): string[] {
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on("opentag", (tag) => {
    if (tag.uri === "") problems.push(`<${tag.name}> in no namespace`);
  });
  parser.on("error", (error) => {
    problems.push(error.message);
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    problems.push(String(error));
  }
  return problems;
}

/** Fails on anything a namespace-aware XML parser rejects (not well-formed). */
function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on("error", (error) => void problems.push(error.message));
  try {
    parser.write(xml).close();
  } catch (error) {
    problems.push(String(error));
  }
  return problems;
}

/** ExcelJS and SheetJS both open the package, with no console warning or error on the way. */
async function otherReadersOpen(bytes: Uint8Array): Promise<{ exceljs: ExcelJS.Workbook; sheetjs: SheetJS.WorkBook }> {
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    const exceljs = new ExcelJS.Workbook();
    await exceljs.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheetjs = SheetJS.read(bytes, { type: "array", cellFormula: true, cellStyles: true });
    expect({ warnings: warn.mock.calls, errors: error.mock.calls, logs: log.mock.calls }).toEqual({ warnings: [], errors: [], logs: [] });
    return { exceljs, sheetjs };
  } finally {
    warn.mockRestore();
    error.mockRestore();
    log.mockRestore();
  }
}

/** Parts of `after` that differ from `before` (by name), and parts added or removed. */
async function changedParts(before: Uint8Array, after: Uint8Array): Promise<{ changed: string[]; added: string[]; removed: string[] }> {
  const a = new Map(await entries(before));
  const b = new Map(await entries(after));
  return {
    changed: [...a].filter(([n, bytes]) => b.has(n) && Buffer.compare(Buffer.from(bytes), Buffer.from(b.get(n) as Uint8Array)) !== 0).map(([n]) => n),
    added: [...b.keys()].filter((n) => !a.has(n)),
    removed: [...a.keys()].filter((n) => !b.has(n)),
  };
}

/** The XML of one `<c>` in a sheet part's text. */
function cellXmlAt(sheet: string, ref: string): string | undefined {
  const m = new RegExp(`<(?:\\w+:)?c\\s[^>]*?r=["']${ref}["'][^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?c>)`).exec(sheet);
  return m?.[0];
}

const rebateValues = (dealer: string, rebate: number, note: CellValue = null) => ({ ...rebateRow(dealer, rebate), Note: note });

// ================================================================= reading

/** One Rebates row per case: the dealer names the case, the Note cell (J) holds the cell under test. */
const CELL_CASES: readonly { label: string; cell: (ref: string) => string; expected: CellValue }[] = [
  { label: "t=str formula result", cell: (r) => `<c r="${r}" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>`, expected: "ab" },
  { label: "t=str with an entity", cell: (r) => `<c r="${r}" t="str"><v>a&amp;b &#x4E2D;</v></c>`, expected: "a&b 中" },
  { label: "t=e error", cell: (r) => `<c r="${r}" t="e"><f>1/0</f><v>#DIV/0!</v></c>`, expected: { error: "#DIV/0!" } },
  { label: "t=b true", cell: (r) => `<c r="${r}" t="b"><v>1</v></c>`, expected: true },
  { label: "t=b false", cell: (r) => `<c r="${r}" t="b"><v>0</v></c>`, expected: false },
  { label: "t=d ISO date", cell: (r) => `<c r="${r}" t="d"><v>2025-03-05T00:00:00Z</v></c>`, expected: d("2025-03-05") },
  { label: "t=d ISO date-time without zone", cell: (r) => `<c r="${r}" t="d"><v>2025-03-05T12:30:00</v></c>`, expected: d("2025-03-05T12:30:00Z") },
  { label: "t=d bare day", cell: (r) => `<c r="${r}" t="d"><v>2025-03-05</v></c>`, expected: d("2025-03-05") },
  { label: "t=n with empty v", cell: (r) => `<c r="${r}" t="n"><v/></c>`, expected: null },
  { label: "formula with cached value", cell: (r) => `<c r="${r}"><f>1+1</f><v>2</v></c>`, expected: 2 },
  { label: "formula without cached value", cell: (r) => `<c r="${r}"><f>1+1</f></c>`, expected: null },
  { label: "shared formula master", cell: (r) => `<c r="${r}"><f t="shared" ref="J20:J21" si="0">ROW()*2</f><v>40</v></c>`, expected: 40 },
  { label: "shared formula child", cell: (r) => `<c r="${r}"><f t="shared" si="0"/><v>42</v></c>`, expected: 42 },
  {
    label: "inline rich text with rPh",
    cell: (r) => `<c r="${r}" t="inlineStr"><is><r><rPr><b/><sz val="11"/><rFont val="MS Gothic"/></rPr><t>東京</t></r><r><t xml:space="preserve"> 支店</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c>`,
    expected: "東京 支店",
  },
  { label: "shared string: rich text with rPh", cell: (r) => `<c r="${r}" t="s"><v>0</v></c>`, expected: "華東" },
  { label: "shared string: _x000D_ escape", cell: (r) => `<c r="${r}" t="s"><v>1</v></c>`, expected: "line1\r\nline2" },
  { label: "shared string: entities", cell: (r) => `<c r="${r}" t="s"><v>2</v></c>`, expected: "A & B 中 文 <x>" },
  { label: "shared string: CDATA", cell: (r) => `<c r="${r}" t="s"><v>3</v></c>`, expected: "A&B <c>" },
  { label: "shared string: _x005F_ keeps a literal escape", cell: (r) => `<c r="${r}" t="s"><v>4</v></c>`, expected: "_x000D_" },
  { label: "inline string: entities", cell: (r) => `<c r="${r}" t="inlineStr"><is><t>A &amp; B &#x4E2D;&#25991;&quot;&apos;</t></is></c>`, expected: "A & B 中文\"'" },
  { label: "inline string: CDATA", cell: (r) => `<c r="${r}" t="inlineStr"><is><t><![CDATA[x<y&z]]></t></is></c>`, expected: "x<y&z" },
  { label: "inline string: text around CDATA", cell: (r) => `<c r="${r}" t="inlineStr"><is><t>pre <![CDATA[mid]]> post</t></is></c>`, expected: "pre mid post" },
  { label: "inline string: _xHHHH_ escapes", cell: (r) => `<c r="${r}" t="inlineStr"><is><t>_x0041__x005F_x0042_</t></is></c>`, expected: "A_x0042_" },
  { label: "attribute values in single quotes", cell: (r) => `<c r='${r}' t='inlineStr'><is><t>single</t></is></c>`, expected: "single" },
  { label: "spaces around = in attributes", cell: (r) => `<c r = "${r}"  t = "inlineStr" ><is><t>spaced</t></is></c>`, expected: "spaced" },
];

const SST = [
  '<si><r><t>華</t></r><r><rPr><i/><sz val="11"/></rPr><t>東</t></r><rPh sb="0" eb="1"><t>カ</t></rPh><phoneticPr fontId="1"/></si>',
  "<si><t>line1_x000D_\nline2</t></si>",
  "<si><t>A &amp; B &#x4E2D; &#25991; &lt;x&gt;</t></si>",
  "<si><t><![CDATA[A&B <c>]]></t></si>",
  "<si><t>_x005F_x000D_</t></si>",
];

/** Prefixes every element with `x:` and binds it, as the .NET Open XML SDK writes parts. */
function prefixed(xml: string, prefix = "x", ns = MAIN): string {
  // CDATA sections are text: what looks like a tag inside one is left alone.
  const parts = xml.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  const tagged = parts.map((part) => (part.startsWith("<![CDATA[") ? part : part.replace(/<(\/?)([A-Za-z][\w]*)(?=[\s/>])/g, `<$1${prefix}:$2`))).join("");
  return tagged.replace(` xmlns="${ns}"`, ` xmlns:${prefix}="${ns}"`);
}

function casesSheetRows(): string {
  let rows = headerRow(1);
  CELL_CASES.forEach((c, i) => {
    const r = i + 2;
    rows += row(r, is(`A${r}`, `case ${i}`) + num(`B${r}`, 2025) + c.cell(`J${r}`));
  });
  return rows;
}

describe.each([
  ["unprefixed", (x: string) => x],
  ["prefixed x: (.NET Open XML SDK)", (x: string) => prefixed(x)],
])("reading every kind of cell, %s", (_, shape) => {
  let byCase: Map<string, RowValues>;
  beforeAll(async () => {
    const last = CELL_CASES.length + 1;
    const spec: BookSpec = { sheets: [{ name: "R", rows: casesSheetRows(), tables: [rebatesTable(`A1:J${last}`)] }], sst: SST };
    const parts = buildParts(spec);
    for (const name of ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/tables/table1.xml", "xl/workbook.xml", "xl/styles.xml"]) {
      parts.set(name, shape(parts.get(name) as string));
    }
    const workbook = await open(await zipParts(parts));
    const rows = await rowsOf(workbook.tables, "Rebates");
    byCase = new Map(rows.map((r) => [String(r.values.Dealer), r.values]));
  });

  it.each(CELL_CASES.map((c, i) => [c.label, i] as const))("%s", (_label, i) => {
    expect(byCase.get(`case ${i}`)?.Note).toEqual(CELL_CASES[i].expected);
  });
});

describe("reading: rows and cells without r", () => {
  it("numbers rows and cells that omit r after the previous ones", async () => {
    const rows =
      headerRow(1) +
      `<row>${is("A2", "two")}<c><v>2025</v></c></row>` + // row 2 (no r), B2 (no r)
      `<row><c t="inlineStr"><is><t>three</t></is></c><c/><c/><c/><c/><c/><c/><c/><c/><c t="inlineStr"><is><t>J3</t></is></c></row>` + // row 3, A..J by position
      row(5, is("A5", "five") + `<c r="I5" t="inlineStr"><is><t>I5</t></is></c><c t="inlineStr"><is><t>J5</t></is></c>`) +
      `<row spans="1:10"><c t="inlineStr"><is><t>six</t></is></c></row>`; // row 6
    const bytes = await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J6")] }] });
    const got = await rowsOf((await open(bytes)).tables, "Rebates");
    expect(got.map((r) => [r.row, r.values.Dealer, r.values.Year, r.values.Status, r.values.Note])).toEqual([
      [2, "two", 2025, null, null],
      [3, "three", null, null, "J3"],
      [5, "five", null, "I5", "J5"],
      [6, "six", null, null, null],
    ]);
  });

  it("the same, with x: prefixes", async () => {
    const rows = headerRow(1) + `<row>${is("A2", "two")}<c><v>2025</v></c></row><row><c t="inlineStr"><is><t>three</t></is></c></row>`;
    const parts = buildParts({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J3")] }] });
    parts.set("xl/worksheets/sheet1.xml", prefixed(parts.get("xl/worksheets/sheet1.xml") as string));
    const got = await rowsOf((await open(await zipParts(parts))).tables, "Rebates");
    expect(got.map((r) => [r.row, r.values.Dealer, r.values.Year])).toEqual([
      [2, "two", 2025],
      [3, "three", null],
    ]);
  });
});

describe("reading: package shapes", () => {
  it("reads a package whose every part is prefixed: workbook, relationships, content types, sheet, table, styles, shared strings", async () => {
    const rows = headerRow(1) + row(2, `<c r="A2" t="s"><v>0</v></c>` + num("B2", 2025) + num("H2", 12.5, 3));
    const parts = buildParts({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J2")] }], sst: ["<si><t>华东商贸</t></si>"], workbookPr: '<workbookPr date1904="false"/>' });
    for (const name of ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/tables/table1.xml", "xl/workbook.xml", "xl/styles.xml"]) parts.set(name, prefixed(parts.get(name) as string));
    for (const name of ["_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/worksheets/_rels/sheet1.xml.rels"]) parts.set(name, prefixed(parts.get(name) as string, "pr", PKG_REL));
    parts.set("[Content_Types].xml", prefixed(parts.get("[Content_Types].xml") as string, "ct", "http://schemas.openxmlformats.org/package/2006/content-types"));
    const { tables } = await open(await zipParts(parts));
    expect(await found(tables, "Rebates")).toMatchObject({ name: "Rebates", sheet: "R", headers: REBATE_HEADERS });
    expect((await rowsOf(tables, "Rebates")).map((r) => [r.row, r.values.Dealer, r.values.Year, r.values.Rebate])).toEqual([[2, "华东商贸", 2025, 12.5]]);
  });

  it("follows absolute relationship targets (/xl/…)", async () => {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1));
    const parts = buildParts({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J2")] }] });
    parts.set("_rels/.rels", (parts.get("_rels/.rels") as string).replace('Target="xl/workbook.xml"', 'Target="/xl/workbook.xml"'));
    parts.set("xl/_rels/workbook.xml.rels", (parts.get("xl/_rels/workbook.xml.rels") as string).replace(/Target="/g, 'Target="/xl/'));
    parts.set("xl/worksheets/_rels/sheet1.xml.rels", (parts.get("xl/worksheets/_rels/sheet1.xml.rels") as string).replace('Target="../tables/', 'Target="/xl/tables/'));
    const bytes = await zipParts(parts);
    const workbook = await open(bytes);
    const ref = await found(workbook.tables, "Rebates");
    expect((await rowsOf(workbook.tables, "Rebates")).map((r) => r.values.Dealer)).toEqual(["A"]);
    await workbook.tables.replaceRows(ref, [rebateRow("X", 1), rebateRow("Y", 2)]);
    const saved = await workbook.save();
    const names = (await entries(saved)).map(([n]) => n);
    expect(names.length).toBe(new Set(names).size);
    expect((await texts(saved)).get("xl/tables/table1.xml")).toContain('ref="A1:J3"');
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => r.values.Dealer)).toEqual(["X", "Y"]);
  });

  it("reads a workbook without sharedStrings, styles or docProps", async () => {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1));
    const bytes = await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J2")] }], styles: null });
    expect((await rowsOf((await open(bytes)).tables, "Rebates"))[0].values).toEqual(rebateValues("A", 1, "old note"));
  });

  it("finds a table on a worksheet with <sheetData/> and reads no rows", async () => {
    const bytes = await build({ sheets: [{ name: "R", tables: [rebatesTable("A1:J2")] }] });
    expect(await rowsOf((await open(bytes)).tables, "Rebates")).toEqual([]);
  });

  it("reads a table whose header row is hidden (headerRowCount=0) from its first row", async () => {
    const rows = row(1, rebateCells(1, "first", 1)) + row(2, rebateCells(2, "second", 2));
    const bytes = await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J2", { attrs: ' headerRowCount="0"', autoFilter: false })] }] });
    const workbook = await open(bytes);
    expect((await rowsOf(workbook.tables, "Rebates")).map((r) => [r.row, r.values.Dealer])).toEqual([
      [1, "first"],
      [2, "second"],
    ]);
    const ref = await found(workbook.tables, "Rebates");
    await workbook.tables.replaceRows(ref, [rebateRow("X", 1), rebateRow("Y", 2), rebateRow("Z", 3)]);
    const saved = await workbook.save();
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => [r.row, r.values.Dealer])).toEqual([
      [1, "X"],
      [2, "Y"],
      [3, "Z"],
    ]);
    expect((await texts(saved)).get("xl/tables/table1.xml")).toContain('ref="A1:J3"');
  });

  it("leaves a totals row out of the rows, and refuses to rewrite or append to such a table", async () => {
    const totals = row(4, is("A4", "Total") + `<c r="H4"><f>SUBTOTAL(109,Rebates[Rebate])</f><v>3</v></c>`);
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1)) + row(3, rebateCells(3, "B", 2)) + totals;
    const bytes = await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J4", { attrs: ' totalsRowCount="1"', autoFilter: true })] }] });
    const workbook = await open(bytes);
    expect((await rowsOf(workbook.tables, "Rebates")).map((r) => r.values.Dealer)).toEqual(["A", "B"]);
    const ref = await found(workbook.tables, "Rebates");
    expect((await problem(workbook.tables.replaceRows(ref, [rebateRow("X", 1)]))).code).toBe("tableHasTotalsRow");
    expect((await problem(workbook.tables.appendRows(ref, [rebateRow("X", 1)]))).code).toBe("tableHasTotalsRow");
    expect(await changedParts(bytes, await workbook.save())).toEqual({ changed: [], added: [], removed: [] });
  });
});

describe("reading and writing in the 1904 date system", () => {
  const LINES = ["Dealer", "Date", "Amount", "Share", "Sheet", "Row"];
  // 2025-01-15 is 45672 in the 1900 system, 44210 in the 1904 one.
  const rows =
    headerRow(1, 1, LINES) +
    row(2, is("A2", "styled") + num("B2", 44210, 1) + num("C2", 100) + num("D2", 1) + is("E2", "P") + num("F2", 2)) +
    row(3, is("A3", "plain") + num("B3", 44210) + num("C3", 100) + num("D3", 1) + is("E3", "P") + num("F3", 3)) +
    row(4, is("A4", "iso") + `<c r="B4" t="d"><v>2025-01-15T00:00:00Z</v></c>` + num("C4", 100) + num("D4", 1) + is("E4", "P") + num("F4", 4));
  const spec: BookSpec = { sheets: [{ name: "L", rows, tables: [{ name: "RebateLines", ref: "A1:F4", columns: LINES }] }], workbookPr: '<workbookPr date1904="1"/>' };

  it("reads date-styled serials, plain serials in a Date column and ISO cells as the same day", async () => {
    const got = await rowsOf((await open(await build(spec))).tables, "RebateLines");
    expect(got.map((r) => [r.values.Dealer, r.values.Date])).toEqual([
      ["styled", d("2025-01-15")],
      ["plain", d("2025-01-15")],
      ["iso", d("2025-01-15")],
    ]);
  });

  it("writes dates as 1904 serials, and other readers see the same day", async () => {
    const workbook = await open(await build(spec));
    const ref = await found(workbook.tables, "RebateLines");
    await workbook.tables.appendRows(ref, [{ Dealer: "new", Date: d("2025-01-15"), Amount: 5, Share: 0.1, Sheet: "P", Row: 9 }]);
    const saved = await workbook.save();
    const sheet = (await texts(saved)).get("xl/worksheets/sheet1.xml") as string;
    expect(cellXmlAt(sheet, "B5")).toMatch(/<v>44210<\/v>/);
    expect((await rowsOf((await open(saved)).tables, "RebateLines")).map((r) => r.values.Date)).toEqual(Array(4).fill(d("2025-01-15")));
    const { exceljs, sheetjs } = await otherReadersOpen(saved);
    expect(exceljs.getWorksheet("L")?.getCell("B5").value).toEqual(d("2025-01-15"));
    expect(SheetJS.utils.sheet_to_json(sheetjs.Sheets.L, { raw: false, dateNF: "yyyy-mm-dd", defval: null })[3]).toMatchObject({ Date: "2025-01-15" });
  });
});

describe("readNamedValue with quoted sheet names", () => {
  it("reads names pointing at sheets with spaces and apostrophes, and constants", async () => {
    const spec: BookSpec = {
      sheets: [
        { name: "My sheet", rows: row(2, is("B2", "累进")) },
        { name: "Bob's data", rows: row(1, num("A1", 0.05)) + row(3, is("C3", "far")) },
      ],
      definedNames:
        "<definedNames>" +
        "<definedName name=\"Mode\">'My sheet'!$B$2</definedName>" +
        "<definedName name=\"Rate\">'Bob''s data'!$A$1</definedName>" +
        "<definedName name=\"Far\">'Bob''s data'!$C$3:$C$3</definedName>" +
        '<definedName name="Text">"retro&amp;active"</definedName>' +
        '<definedName name="Local" localSheetId="0">\'My sheet\'!$B$2</definedName>' +
        "</definedNames>",
    };
    const { tables } = await open(await build(spec));
    expect(await tables.readNamedValue("mode")).toBe("累进");
    expect(await tables.readNamedValue("Rate")).toBe(0.05);
    expect(await tables.readNamedValue("Far")).toBe("far");
    expect(await tables.readNamedValue("Text")).toBe("retro&active");
    expect(await tables.readNamedValue("Local")).toBeUndefined();
  });
});

// ================================================================= writing

/** A Rebates sheet full of the user's things around and inside the table. */
function busySheet(): SheetSpec {
  const rows =
    headerRow(1).replace("</row>", is("L1", "User col") + "</row>") +
    row(2, rebateCells(2, "old A", 1, 2) + is("L2", "keep L2", 2) + num("M2", 7), ' spans="1:13" ht="30" customHeight="1"') +
    row(3, rebateCells(3, "old B", 2, 2) + `<c r="L3"><f>M2*2</f><v>14</v></c>`) +
    row(5, is("L5", "keep L5"), ' hidden="1"') +
    row(8, is("A8", "far below") + is("L8", "keep L8"));
  return {
    name: "Rebates",
    head: '<sheetPr><tabColor rgb="FF00B050"/></sheetPr><dimension ref="A1:M8"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="20" customWidth="1"/></cols>',
    rows,
    tail:
      '<mergeCells count="1"><mergeCell ref="N10:O11"/></mergeCells>' +
      '<conditionalFormatting sqref="H2:H3"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>100</formula></cfRule></conditionalFormatting>' +
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="L2:L20"><formula1>"a,b"</formula1></dataValidation></dataValidations>' +
      '<hyperlinks><hyperlink ref="L1" r:id="rId2"/><hyperlink ref="L5" location="\'Rebates\'!A1" display="top"/></hyperlinks>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    tables: [rebatesTable("A1:J3")],
    rels: [`<Relationship Id="rId2" Type="${REL}/hyperlink" Target="https://example.com/a?b=1&amp;c=2" TargetMode="External"/>`],
  };
}

describe("writing into a sheet full of the user's things", () => {
  let input: Uint8Array;
  let saved: Uint8Array;
  let before: Map<string, string>;
  let after: Map<string, string>;
  const NEW = [rebateRow("华东商贸", 10, "=1+1"), rebateRow("B", 20, "+86 138"), rebateRow("C", 30, "-5%"), rebateRow("D", 40, "@mention")];

  beforeAll(async () => {
    input = await build({ sheets: [busySheet(), { name: "Other", rows: row(1, is("A1", "x")) }], docProps: true });
    const workbook = await open(input);
    await workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), NEW);
    saved = await workbook.save();
    before = await texts(input);
    after = await texts(saved);
  });

  it("reads back exactly the rows written, text that looks like a formula as text", async () => {
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => [r.row, r.values])).toEqual(NEW.map((v, i) => [i + 2, v]));
    const sheet = after.get("xl/worksheets/sheet1.xml") as string;
    expect(sheet.match(/<c r="[A-J]\d+"[^>]*>(?:(?!<\/c>).)*<f>/g)).toBeNull();
    expect(cellXmlAt(sheet, "J2")).toContain('t="inlineStr"');
    expect(cellXmlAt(sheet, "J2")).toContain(">=1+1<");
  });

  it("changes only the sheet, its table, the workbook (fullCalcOnLoad) and styles.xml", async () => {
    const { changed, added, removed } = await changedParts(input, saved);
    expect({ added, removed }).toEqual({ added: [], removed: [] });
    expect(changed.sort()).toEqual(["xl/styles.xml", "xl/tables/table1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    expect(after.get("xl/workbook.xml")).toMatch(/<calcPr calcId="191029" fullCalcOnLoad="1"\/>/);
    expect(after.get("xl/tables/table1.xml")).toBe((before.get("xl/tables/table1.xml") as string).replace(/ref="A1:J3"/g, 'ref="A1:J5"'));
  });

  it("keeps everything after sheetData byte for byte: merges, conditional formats, validations, hyperlinks, margins", async () => {
    const tail = (xml: string) => xml.slice(xml.indexOf("</sheetData>"));
    expect(tail(after.get("xl/worksheets/sheet1.xml") as string)).toBe(tail(before.get("xl/worksheets/sheet1.xml") as string));
    const head = (xml: string) => xml.slice(0, xml.indexOf("<dimension")) + xml.slice(xml.indexOf("/>", xml.indexOf("<dimension")), xml.indexOf("<sheetData"));
    expect(head(after.get("xl/worksheets/sheet1.xml") as string)).toBe(head(before.get("xl/worksheets/sheet1.xml") as string));
  });

  it("keeps the user's cells right of and below the table, and the rows' attributes", async () => {
    const sheet = after.get("xl/worksheets/sheet1.xml") as string;
    const old = before.get("xl/worksheets/sheet1.xml") as string;
    for (const ref of ["L1", "L2", "M2", "L3", "L5", "A8", "L8"]) expect({ ref, xml: cellXmlAt(sheet, ref) }).toEqual({ ref, xml: cellXmlAt(old, ref) });
    expect(sheet).toMatch(/<row r="2" ht="30" customHeight="1">/);
    expect(sheet).toMatch(/<row r="5" hidden="1">/);
    expect(sheet).toMatch(/<row r="8">/);
  });

  it("keeps each rewritten cell's style, deriving number formats from it", async () => {
    const sheet = after.get("xl/worksheets/sheet1.xml") as string;
    const styles = after.get("xl/styles.xml") as string;
    // Text cells keep s="2" (the fill); money cells get a new style: the fill plus #,##0.00 (id 4).
    expect(cellXmlAt(sheet, "A2")).toContain('s="2"');
    expect(cellXmlAt(sheet, "I3")).toContain('s="2"');
    const money = Number(/s="(\d+)"/.exec(cellXmlAt(sheet, "H2") as string)?.[1]);
    expect(money).toBeGreaterThanOrEqual(4);
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    expect(xfs[money]).toMatch(/fillId="2"/);
    expect(xfs[money]).toMatch(/numFmtId="4"/);
    const oldXfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(before.get("xl/styles.xml") as string)?.[1] ?? "").matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    expect(xfs.slice(0, 4)).toEqual(oldXfs);
    expect(styles).toMatch(new RegExp(`<cellXfs count="${xfs.length}">`));
    expect(styles.slice(0, styles.indexOf("<cellXfs"))).toBe((before.get("xl/styles.xml") as string).slice(0, (before.get("xl/styles.xml") as string).indexOf("<cellXfs")));
    // Rows 4 and 5 are new to the table: the Rate column shows 0.00% (id 10).
    const rate = Number(/s="(\d+)"/.exec(cellXmlAt(sheet, "G5") as string)?.[1]);
    expect(xfs[rate]).toMatch(/numFmtId="10"/);
  });

  it("opens in ExcelJS and SheetJS with no warnings, and they read the same values", async () => {
    const { exceljs, sheetjs } = await otherReadersOpen(saved);
    const ws = exceljs.getWorksheet("Rebates") as ExcelJS.Worksheet;
    expect([ws.getCell("A2").value, ws.getCell("J2").value, ws.getCell("H5").value, ws.getCell("L5").value, ws.getCell("A8").value]).toEqual(["华东商贸", "=1+1", 40, "keep L5", "far below"]);
    expect(ws.getCell("J2").formula).toBeUndefined();
    expect(sheetjs.Sheets.Rebates.J2).toMatchObject({ t: "s", v: "=1+1" });
    expect(sheetjs.Sheets.Rebates.J2.f).toBeUndefined();
    expect(sheetjs.Sheets.Rebates["!merges"]).toEqual([SheetJS.utils.decode_range("N10:O11")]);
  });

  it("refuses to grow over cells below the table and writes nothing", async () => {
    const workbook = await open(input);
    const ref = await found(workbook.tables, "Rebates");
    const error = await problem(workbook.tables.replaceRows(ref, [1, 2, 3, 4, 5, 6, 7].map((n) => rebateRow(`N${n}`, n))));
    expect(error).toMatchObject({ code: "noRoomBelowTable", params: { address: "A4:J8" } });
    expect((await rowsOf(workbook.tables, "Rebates")).map((r) => r.values.Dealer)).toEqual(["old A", "old B"]);
    expect(await changedParts(input, await workbook.save())).toEqual({ changed: [], added: [], removed: [] });
  });

  it("updateRow changes one cell and keeps its style and the row's other cells", async () => {
    const workbook = await open(input);
    const ref = await found(workbook.tables, "Rebates");
    const [first] = (await workbook.tables.readTable(ref)).rows;
    expect(await workbook.tables.updateRow(ref, first, { Status: "Verified" })).toMatchObject({ ok: true });
    const sheet = (await texts(await workbook.save())).get("xl/worksheets/sheet1.xml") as string;
    expect(cellXmlAt(sheet, "I2")).toBe('<c r="I2" s="2" t="inlineStr"><is><t xml:space="preserve">Verified</t></is></c>');
    for (const ref of ["A2", "H2", "J2", "L2", "M2"]) expect({ ref, xml: cellXmlAt(sheet, ref) }).toEqual({ ref, xml: cellXmlAt(before.get("xl/worksheets/sheet1.xml") as string, ref) });
  });
});

describe("writing: cells below the table that only look empty", () => {
  async function growInto(cell: string): Promise<{ outcome: string; sheet: string; styles: string }> {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1)) + row(3, rebateCells(3, "B", 2)) + row(4, cell);
    const workbook = await open(await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J3")] }] }));
    const ref = await found(workbook.tables, "Rebates");
    const outcome = await workbook.tables.replaceRows(ref, [1, 2, 3].map((n) => rebateRow(`N${n}`, n))).then(
      () => "written",
      (e: WorkbookError) => e.code,
    );
    const out = await texts(await workbook.save());
    return { outcome, sheet: out.get("xl/worksheets/sheet1.xml") as string, styles: out.get("xl/styles.xml") as string };
  }

  it("a formula whose cached result is empty text (Excel's IF(…,\"\",…)) is data: refuses to grow over it", async () => {
    const { outcome, sheet } = await growInto(`<c r="H4" t="str"><f>IF(SUM(H2:H3)&gt;0,"","none")</f><v></v></c>`);
    expect({ outcome, formulaKept: sheet.includes("<f>IF(SUM(H2:H3)&gt;0") }).toEqual({ outcome: "noRoomBelowTable", formulaKept: true });
  });

  it("a formula without a cached value (as openpyxl writes it) is data: refuses to grow over it", async () => {
    const { outcome, sheet } = await growInto(`<c r="H4"><f>SUM(H2:H3)</f><v></v></c>`);
    expect({ outcome, formulaKept: sheet.includes("<f>SUM(H2:H3)</f>") }).toEqual({ outcome: "noRoomBelowTable", formulaKept: true });
  });

  it("a cell holding a space is data (Office.js's used range counts it): refuses to grow over it", async () => {
    const { outcome } = await growInto(is("C4", " "));
    expect(outcome).toBe("noRoomBelowTable");
  });

  it("a cell with only a style is free to grow into, and keeps its style (the fill, plus the money format)", async () => {
    const { outcome, sheet, styles } = await growInto('<c r="C4" s="2"/>');
    expect(outcome).toBe("written");
    const s = Number(/s="(\d+)"/.exec(cellXmlAt(sheet, "C4") as string)?.[1]);
    const xfs = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    expect(xfs[s]).toMatch(/fillId="2"/);
    expect(xfs[s]).toMatch(/numFmtId="4"/);
  });
});

describe("writing: a table away from A1, with user cells left, right and below", () => {
  it("keeps cells outside the table's columns in every row it rewrites or adds", async () => {
    const rows =
      row(3, is("A3", "left3") + headerRow(3, 3).replace(/^<row r="3">|<\/row>$/g, "") + is("N3", "right3")) +
      row(4, is("A4", "left4") + rebateCells(4, "old", 1, undefined, 3) + is("N4", "right4")) +
      row(5, is("B5", "left5") + is("O5", "right5")) +
      row(6, is("A6", "left6")) +
      row(9, is("C9", "below"));
    const input = await build({ sheets: [{ name: "R", head: '<dimension ref="A3:O9"/>', rows, tables: [rebatesTable("C3:L4")] }] });
    const workbook = await open(input);
    const ref = await found(workbook.tables, "Rebates");
    await workbook.tables.replaceRows(ref, [rebateRow("X", 1), rebateRow("Y", 2), rebateRow("Z", 3)]);
    const saved = await workbook.save();
    const sheet = (await texts(saved)).get("xl/worksheets/sheet1.xml") as string;
    for (const [refs, text] of [["A3", "left3"], ["N3", "right3"], ["A4", "left4"], ["N4", "right4"], ["B5", "left5"], ["O5", "right5"], ["A6", "left6"], ["C9", "below"]]) {
      expect(cellXmlAt(sheet, refs)).toContain(`>${text}<`);
    }
    expect(sheet).toMatch(/<row r="5"><c r="B5"[^]*?<c r="C5"[^]*?<c r="K5"[^]*?<c r="O5"/);
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => [r.row, r.values.Dealer])).toEqual([
      [4, "X"],
      [5, "Y"],
      [6, "Z"],
    ]);
    expect(sheet).toContain('<dimension ref="A3:O9"/>');
    await otherReadersOpen(saved);
  });
});

describe("writing: text the add-in puts in Rebates.Note", () => {
  async function writeNotes(notes: readonly string[]): Promise<{ saved: Uint8Array; sheet: string }> {
    const workbook = await open(await build({ sheets: [{ name: "R", rows: headerRow(1) + row(2, rebateCells(2, "A", 1)), tables: [rebatesTable("A1:J2")] }] }));
    const ref = await found(workbook.tables, "Rebates");
    await workbook.tables.replaceRows(ref, notes.map((note, i) => rebateRow(`D${i}`, i, note)));
    const saved = await workbook.save();
    return { saved, sheet: (await texts(saved)).get("xl/worksheets/sheet1.xml") as string };
  }

  it("text starting with = + - @ stays text for every reader", async () => {
    const notes = ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x")', "=cmd|' /C calc'!A0"];
    const { saved, sheet } = await writeNotes(notes);
    expect(sheet).not.toMatch(/<f[\s>]/);
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => r.values.Note)).toEqual(notes);
    const { exceljs, sheetjs } = await otherReadersOpen(saved);
    notes.forEach((note, i) => {
      expect(exceljs.getWorksheet("R")?.getCell(`J${i + 2}`).value).toBe(note);
      expect(sheetjs.Sheets.R[`J${i + 2}`]).toMatchObject({ t: "s", v: note });
    });
  });

  it("writes text of 32,767 characters and refuses 32,768, writing nothing", async () => {
    const long = "长".repeat(32_767);
    const { saved } = await writeNotes([long]);
    expect((await rowsOf((await open(saved)).tables, "Rebates"))[0].values.Note).toBe(long);
    const workbook = await open(saved);
    const error = await problem(workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1, `${long}x`)]));
    expect(error).toMatchObject({ code: "invalidCellValue", params: { column: "Note" } });
  });

  it("control characters travel as _xHHHH_ and come back; a literal _x0041_ stays literal", async () => {
    const notes = ["a\u0001b\u001fc", "tab\there", "_x0041_", "\u000b\u000c"];
    const { saved, sheet } = await writeNotes(notes);
    expect(wellFormed(sheet)).toEqual([]);
    expect(sheet).toContain("a_x0001_b_x001F_c");
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => r.values.Note)).toEqual(notes);
    const { sheetjs } = await otherReadersOpen(saved);
    expect(sheetjs.Sheets.R.J2.v).toBe("a\u0001b\u001fc");
    expect(sheetjs.Sheets.R.J4.v).toBe("_x0041_");
  });

  it("a carriage return survives an XML parser (it must be written as _x000D_ or &#13;, not raw)", async () => {
    const notes = ["line1\r\nline2", "lone\rCR"];
    const { saved, sheet } = await writeNotes(notes);
    expect(sheet).not.toContain("\r");
    const { exceljs } = await otherReadersOpen(saved);
    expect([exceljs.getWorksheet("R")?.getCell("J2").value, exceljs.getWorksheet("R")?.getCell("J3").value]).toEqual(notes);
  });
});

describe("writing into .NET Open XML SDK packages (x: prefixes, no default namespace)", () => {
  function sdkParts(sheets: readonly SheetSpec[], extra: Partial<BookSpec> = {}): Map<string, string> {
    const parts = buildParts({ sheets, ...extra });
    for (const [name, text] of parts) if (/^xl\/(worksheets\/sheet\d+|tables\/table\d+|workbook|styles|sharedStrings)\.xml$/.test(name)) parts.set(name, prefixed(text));
    return parts;
  }

  it("replaceRows writes cells in the main namespace of a prefixed sheet", async () => {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1)) + row(3, rebateCells(3, "B", 2));
    const workbook = await open(await zipParts(sdkParts([{ name: "R", rows, tables: [rebatesTable("A1:J3")] }])));
    await workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1), rebateRow("Y", 2), rebateRow("Z", 3)]);
    const saved = await texts(await workbook.save());
    expect(namespaceProblems(saved.get("xl/worksheets/sheet1.xml") as string)).toEqual([]);
    expect(namespaceProblems(saved.get("xl/workbook.xml") as string)).toEqual([]);
    expect(namespaceProblems(saved.get("xl/styles.xml") as string)).toEqual([]);
    expect(namespaceProblems(saved.get("xl/tables/table1.xml") as string)).toEqual([]);
  });

  it("replaceRows adding a column (PolicyFrom) extends the prefixed table part in its namespace, with a fresh column id", async () => {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1));
    const workbook = await open(await zipParts(sdkParts([{ name: "R", rows, tables: [rebatesTable("A1:J2")] }])));
    await workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [{ ...rebateRow("X", 1), PolicyFrom: d("2025-01-01") }]);
    const saved = await texts(await workbook.save());
    const table = saved.get("xl/tables/table1.xml") as string;
    expect(namespaceProblems(table)).toEqual([]);
    expect(namespaceProblems(saved.get("xl/worksheets/sheet1.xml") as string)).toEqual([]);
    expect(table).toMatch(/<x:table [^>]*ref="A1:K2"/);
    expect(table).toMatch(/<x:tableColumns count="11">/);
    expect(table).toContain('<x:tableColumn id="11" name="PolicyFrom"/></x:tableColumns>');
    const reopened = await open(await workbook.save());
    expect(await found(reopened.tables, "Rebates")).toMatchObject({ headers: [...REBATE_HEADERS, "PolicyFrom"] });
    expect((await rowsOf(reopened.tables, "Rebates"))[0].values.PolicyFrom).toEqual(d("2025-01-01"));
  });

  it("updateRow writes its cell in the main namespace of a prefixed sheet", async () => {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1));
    const workbook = await open(await zipParts(sdkParts([{ name: "R", rows, tables: [rebatesTable("A1:J2")] }])));
    const ref = await found(workbook.tables, "Rebates");
    const [first] = (await workbook.tables.readTable(ref)).rows;
    await workbook.tables.updateRow(ref, first, { Status: "Verified" });
    const saved = await texts(await workbook.save());
    expect(namespaceProblems(saved.get("xl/worksheets/sheet1.xml") as string)).toEqual([]);
  });

  it("ensureTable on an existing empty prefixed sheet writes headers and tableParts in the main namespace", async () => {
    const workbook = await open(await zipParts(sdkParts([{ name: "Data", rows: row(1, is("A1", "x")) }, { name: "Rebates" }])));
    const ref = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    await workbook.tables.replaceRows(ref, [rebateRow("X", 1)]);
    const saved = await texts(await workbook.save());
    expect(namespaceProblems(saved.get("xl/worksheets/sheet2.xml") as string)).toEqual([]);
  });

  it("ensureTable adding a sheet to a prefixed workbook keeps the workbook part valid", async () => {
    const workbook = await open(await zipParts(sdkParts([{ name: "Data", rows: row(1, is("A1", "x")) }], { calcPr: null })));
    const ref = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    await workbook.tables.replaceRows(ref, [rebateRow("X", 1)]);
    const bytes = await workbook.save();
    const saved = await texts(bytes);
    expect(namespaceProblems(saved.get("xl/workbook.xml") as string)).toEqual([]);
    expect(saved.get("xl/workbook.xml")).toMatch(/<x:calcPr fullCalcOnLoad="1"\/><\/x:workbook>/);
    expect((await rowsOf((await open(bytes)).tables, "Rebates")).map((r) => r.values.Dealer)).toEqual(["X"]);
  });

  it("new number formats go into a prefixed styles.xml in its namespace", async () => {
    const LINES = ["Dealer", "Date", "Amount", "Share", "Sheet", "Row"];
    const rows = headerRow(1, 1, LINES) + row(2, is("A2", "a") + num("B2", 45672) + num("C2", 1) + num("D2", 1) + is("E2", "P") + num("F2", 2));
    const styles = STYLES.replace(/<numFmts count="1">.*?<\/numFmts>/, ""); // no custom formats yet
    const workbook = await open(await zipParts(sdkParts([{ name: "L", rows, tables: [{ name: "RebateLines", ref: "A1:F2", columns: LINES }] }], { styles })));
    await workbook.tables.replaceRows(await found(workbook.tables, "RebateLines"), [{ Dealer: "x", Date: d("2025-01-15"), Amount: 1, Share: 1, Sheet: "P", Row: 2 }]);
    const saved = await texts(await workbook.save());
    expect(saved.get("xl/styles.xml")).toContain('formatCode="yyyy-mm-dd"');
    expect(namespaceProblems(saved.get("xl/styles.xml") as string)).toEqual([]);
  });
});

describe("writing: relationships parts other programs write", () => {
  it("adds a table relationship to an empty, self-closed <Relationships/> part", async () => {
    const input = await build({
      sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }, { name: "Rebates" }],
      replace: { "xl/worksheets/_rels/sheet2.xml.rels": `${HEAD}<Relationships xmlns="${PKG_REL}"/>` },
    });
    const workbook = await open(input);
    await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    const bytes = await workbook.save();
    const rels = (await texts(bytes)).get("xl/worksheets/_rels/sheet2.xml.rels") as string;
    expect(wellFormed(rels)).toEqual([]);
    expect(await (await open(bytes)).tables.findTable("Rebates")).toMatchObject({ sheet: "Rebates" });
  });

  it("does not reuse a relationship Id written in single quotes", async () => {
    const rels = `${HEAD}<Relationships xmlns='${PKG_REL}'><Relationship Id='rId1' Type='${REL}/hyperlink' Target='https://example.com' TargetMode='External'/></Relationships>`;
    const input = await build({
      sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }, { name: "Rebates", tail: '<hyperlinks><hyperlink ref="C5" r:id="rId1"/></hyperlinks>' }],
      replace: { "xl/worksheets/_rels/sheet2.xml.rels": rels },
    });
    const workbook = await open(input);
    await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    const out = (await texts(await workbook.save())).get("xl/worksheets/_rels/sheet2.xml.rels") as string;
    const ids = [...out.matchAll(/Id\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]);
    expect(ids.length).toBe(2);
    expect(new Set(ids).size).toBe(2);
  });

  it("adds to a prefixed relationships part in its namespace", async () => {
    const input = await build({
      sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }, { name: "Rebates" }],
      replace: { "xl/worksheets/_rels/sheet2.xml.rels": `${HEAD}<pr:Relationships xmlns:pr="${PKG_REL}"><pr:Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://example.com" TargetMode="External"/></pr:Relationships>` },
    });
    const workbook = await open(input);
    await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    const out = (await texts(await workbook.save())).get("xl/worksheets/_rels/sheet2.xml.rels") as string;
    expect(namespaceProblems(out)).toEqual([]);
  });
});

describe("writing: single-quoted attributes in the sheet the add-in changes", () => {
  const rows =
    headerRow(1) +
    `<row r='2'>${rebateCells(2, "A", 1)}</row>` +
    `<row r='3'>${rebateCells(3, "B", 2)}</row>` +
    `<row r='7'><c r='L7' s='2' t='inlineStr'><is><t>user L7</t></is></c></row>`;

  it("keeps the user's row 7 and its cell L7 (with its style) where they were", async () => {
    const workbook = await open(await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J3")] }] }));
    await workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1), rebateRow("Y", 2)]);
    const saved = await workbook.save();
    const sheet = (await texts(saved)).get("xl/worksheets/sheet1.xml") as string;
    expect(sheet).toMatch(/<row r=['"]7['"]><c r=['"]L7['"] s=['"]2['"]/);
    const { sheetjs } = await otherReadersOpen(saved);
    expect(sheetjs.Sheets.R.L7?.v).toBe("user L7");
  });

  it("a cell r and t in single quotes inside an unprefixed row is read where it is", async () => {
    const sheetRows = headerRow(1) + row(2, is("A2", "A") + `<c r='I2' t='inlineStr'><is><t>Approved</t></is></c>`);
    const { tables } = await open(await build({ sheets: [{ name: "R", rows: sheetRows, tables: [rebatesTable("A1:J2")] }] }));
    expect((await rowsOf(tables, "Rebates"))[0].values).toMatchObject({ Dealer: "A", Status: "Approved", Year: null });
  });
});

describe("writing: a workbook without styles, sharedStrings or docProps", () => {
  it("creates styles.xml with its relationship and content type when a number format is first needed", async () => {
    const input = await build({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }], styles: null });
    const workbook = await open(input);
    const ref = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    await workbook.tables.replaceRows(ref, [rebateRow("X", 12.5), rebateRow("Y", 1)]);
    const bytes = await workbook.save();
    const out = await texts(bytes);
    expect(out.get("xl/_rels/workbook.xml.rels")).toMatch(/Type="[^"]*\/styles" Target="styles\.xml"/);
    expect(out.get("[Content_Types].xml")).toContain(`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`);
    expect(wellFormed(out.get("xl/styles.xml") as string)).toEqual([]);
    const sheet = out.get("xl/worksheets/sheet2.xml") as string;
    const s = Number(/s="(\d+)"/.exec(cellXmlAt(sheet, "H2") as string)?.[1]);
    const xfs = [...(out.get("xl/styles.xml") as string).matchAll(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/g)][0][1].match(/<xf\b[^>]*\/>/g) ?? [];
    expect(xfs[s]).toContain('numFmtId="4"');
    expect((await rowsOf((await open(bytes)).tables, "Rebates")).map((r) => r.values.Rebate)).toEqual([12.5, 1]);
    const { exceljs, sheetjs } = await otherReadersOpen(bytes);
    expect(exceljs.getWorksheet("Rebates")?.getCell("H2").numFmt).toBe("#,##0.00");
    expect(sheetjs.Sheets.Rebates.H2.v).toBe(12.5);
    const names = (await entries(bytes)).map(([n]) => n);
    expect(names.length).toBe(new Set(names).size);
  });

  it("does not add a second xl/styles.xml entry when an unrelated one is already in the archive", async () => {
    const parts = buildParts({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }], styles: null });
    parts.set("xl/styles.xml", STYLES); // present, but no relationship points at it
    const workbook = await open(await zipParts(parts));
    const ref = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    await workbook.tables.replaceRows(ref, [rebateRow("X", 12.5)]);
    const names = (await entries(await workbook.save())).map(([n]) => n);
    expect(names.filter((n) => n === "xl/styles.xml")).toEqual(["xl/styles.xml"]);
  });

  it("creates a table with a sheet name holding an apostrophe and a space; names pointing there still read", async () => {
    const input = await build({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }], styles: null, definedNames: "<definedNames><definedName name=\"Mode\">'Data'!$A$1</definedName></definedNames>" });
    const workbook = await open(input);
    const ref = await workbook.tables.ensureTable("Rebates", { sheetName: "Bob's rebates & more", tableName: "Rebates", language: "zh" });
    await workbook.tables.replaceRows(ref, [rebateRow("华东商贸", 1)]);
    const bytes = await workbook.save();
    const reopened = await open(bytes);
    expect(await reopened.tables.findTable("Rebates")).toMatchObject({ sheet: "Bob's rebates & more", language: "zh" });
    expect(await reopened.tables.readNamedValue("Mode")).toBe("x");
    const { exceljs } = await otherReadersOpen(bytes);
    expect(exceljs.getWorksheet("Bob's rebates & more")?.getCell("A2").value).toBe("华东商贸");
  });
});

describe("writing: where new elements go in the parts the add-in changes", () => {
  it("puts tableParts after conditional formatting, not inside a data bar's extLst", async () => {
    const databar =
      '<conditionalFormatting sqref="A2:A20"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' +
      '<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{00000000-0001-0000-0000-000000000000}</x14:id></ext></extLst></cfRule></conditionalFormatting>';
    const input = await build({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }, { name: "Rebates", tail: databar + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' }] });
    const workbook = await open(input);
    await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    const sheet = (await texts(await workbook.save())).get("xl/worksheets/sheet2.xml") as string;
    expect(sheet.indexOf("<tableParts")).toBeGreaterThan(sheet.indexOf("</conditionalFormatting>"));
    expect(sheet.indexOf("<tableParts")).toBeGreaterThan(sheet.indexOf("<pageMargins"));
  });

  it("puts calcPr at the workbook level, not inside a workbookView's extLst", async () => {
    const input = await build({
      sheets: [{ name: "R", rows: headerRow(1) + row(2, rebateCells(2, "A", 1)), tables: [rebatesTable("A1:J2")] }],
      calcPr: null,
    });
    const parts = new Map(await texts(input));
    parts.set(
      "xl/workbook.xml",
      (parts.get("xl/workbook.xml") as string).replace(/<workbookView ([^>]*)\/>/, '<workbookView $1><extLst><ext uri="{x}" xmlns:y="urn:y"><y:z/></ext></extLst></workbookView>'),
    );
    const workbook = await open(await zipParts(parts));
    await workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1)]);
    const xml = (await texts(await workbook.save())).get("xl/workbook.xml") as string;
    expect(xml).toMatch(/<\/sheets><calcPr fullCalcOnLoad="1"\/><\/workbook>$/);
  });
});

describe("writing: all or nothing, at the part level", () => {
  it("a write refused part-way (bad value in row 2) leaves styles.xml and the sheet byte for byte", async () => {
    const input = await build({ sheets: [{ name: "R", rows: headerRow(1) + `<row r="2" spans="1:10">${rebateCells(2, "A", 1)}</row><row r="3"/>`, tables: [rebatesTable("A1:J2")] }] });
    const workbook = await open(input);
    const error = await problem(workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("ok", 1), { ...rebateRow("bad", 2), Rebate: Number.NaN }]));
    expect(error.code).toBe("invalidCellValue");
    expect(await changedParts(input, await workbook.save())).toEqual({ changed: [], added: [], removed: [] });
  });
});

describe("writing: formulas the user left in or around the add-in's cells", () => {
  it("overwriting a shared formula's master cell leaves no dependent cell without its master", async () => {
    const rows =
      headerRow(1) +
      row(2, rebateCells(2, "A", 1).replace(/<c r="J2"[^]*?<\/c>/, '<c r="J2" t="str"><f t="shared" ref="J2:J5" si="0">A2&amp;"!"</f><v>A!</v></c>')) +
      row(3, rebateCells(3, "B", 2).replace(/<c r="J3"[^]*?<\/c>/, '<c r="J3" t="str"><f t="shared" si="0"/><v>B!</v></c>')) +
      row(5, '<c r="J5" t="str"><f t="shared" si="0"/><v>!</v></c>');
    const workbook = await open(await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J3")] }] }));
    // J5 copies J2's formula: overwriting J2 would orphan it, so the write is refused and nothing changes.
    expect(await problem(workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1), rebateRow("Y", 2)]))).toMatchObject({ code: "sharedFormulaSplit", params: { cell: "J2" } });
    const sheet = (await texts(await workbook.save())).get("xl/worksheets/sheet1.xml") as string;
    const dependents = (sheet.match(/<f t="shared" si="0"\/>/g) ?? []).length;
    const masters = (sheet.match(/<f t="shared" ref="[^"]*" si="0">/g) ?? []).length;
    expect({ dependents, masters: dependents > 0 ? masters : 1 }).toEqual({ dependents, masters: 1 });
  });

  it("overwriting formula cells does not leave calcChain.xml pointing at cells without formulas", async () => {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1).replace(/<c r="H2"[^]*?<\/c>/, '<c r="H2"><f>C2*0.02</f><v>1</v></c>'));
    const parts = buildParts({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J2")] }] });
    parts.set("xl/calcChain.xml", `${HEAD}<calcChain xmlns="${MAIN}"><c r="H2" i="1"/></calcChain>`);
    parts.set("xl/_rels/workbook.xml.rels", (parts.get("xl/_rels/workbook.xml.rels") as string).replace("</Relationships>", `<Relationship Id="rId9" Type="${REL}/calcChain" Target="calcChain.xml"/></Relationships>`));
    parts.set("[Content_Types].xml", (parts.get("[Content_Types].xml") as string).replace("</Types>", `<Override PartName="/xl/calcChain.xml" ContentType="${CT}.calcChain+xml"/></Types>`));
    const workbook = await open(await zipParts(parts));
    await workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1)]);
    const out = await texts(await workbook.save());
    const chain = out.get("xl/calcChain.xml");
    const sheet = out.get("xl/worksheets/sheet1.xml") as string;
    const stale = chain === undefined ? [] : [...chain.matchAll(/<c r="([A-Z]+\d+)"/g)].map((m) => m[1]).filter((ref) => !/<f[\s>]/.test(cellXmlAt(sheet, ref) ?? ""));
    expect(stale).toEqual([]);
  });
});

describe("reading: what Office.js reads for the same cells", () => {
  it("a number column whose cell has a date format reads as the number (Office.js gives the number)", async () => {
    const rows = headerRow(1, 1, ["Dealer", "Date", "Amount"]) + row(2, is("A2", "a") + num("B2", 45672, 1) + num("C2", 45000, 1));
    const { tables } = await open(await build({ sheets: [{ name: "P", rows, tables: [{ name: "Purchases", ref: "A1:C2", columns: ["Dealer", "Date", "Amount"] }] }] }));
    expect((await rowsOf(tables, "Purchases"))[0].values).toEqual({ Dealer: "a", Date: d("2025-01-15"), Amount: 45000 });
  });
});

describe("writing: rows and cells without r in the sheet the add-in changes", () => {
  it("keeps a user cell that has no r at its column, and numbers the rows as before", async () => {
    const body = (label: string) => `<c t="inlineStr"><is><t>${label}</t></is></c><c><v>2025</v></c><c/><c/><c/><c/><c/><c/><c/><c/><c t="inlineStr"><is><t>user K</t></is></c>`;
    const rows = headerRow(1) + `<row>${body("A")}</row><row>${body("B")}</row><row><c/><c t="inlineStr"><is><t>B4 user</t></is></c></row>`;
    const workbook = await open(await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J3")] }] }));
    await workbook.tables.replaceRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1), rebateRow("Y", 2)]);
    const saved = await workbook.save();
    // ExcelJS cannot read cells without r at all (input or output), so SheetJS checks this one.
    const sheetjs = SheetJS.read(saved, { type: "array" });
    expect([sheetjs.Sheets.R.K2?.v, sheetjs.Sheets.R.K3?.v, sheetjs.Sheets.R.B4?.v, sheetjs.Sheets.R.A2?.v, sheetjs.Sheets.R.A3?.v]).toEqual(["user K", "user K", "B4 user", "X", "Y"]);
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => [r.row, r.values.Dealer])).toEqual([
      [2, "X"],
      [3, "Y"],
    ]);
  });
});

describe("writing: a pretty-printed sheet (whitespace between elements)", () => {
  it("reads it, and writing keeps the user's cells", async () => {
    const pretty = (cells: string) => cells.replace(/></g, ">\n    <");
    const rows = `\n  ${headerRow(1)}\n  ${pretty(row(2, rebateCells(2, "A", 1) + is("L2", "user")))}\n  `;
    const workbook = await open(await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J2")] }] }));
    expect((await rowsOf(workbook.tables, "Rebates"))[0].values).toEqual(rebateValues("A", 1, "old note"));
    await workbook.tables.appendRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1)]);
    const saved = await workbook.save();
    expect((await rowsOf((await open(saved)).tables, "Rebates")).map((r) => r.values.Dealer)).toEqual(["A", "X"]);
    const { sheetjs } = await otherReadersOpen(saved);
    expect(sheetjs.Sheets.R.L2?.v).toBe("user");
  });
});

describe("writing twice in one session", () => {
  const LINES = ["Dealer", "Date", "Amount", "Share", "Sheet", "Row"];
  const line = (n: number) => ({ Dealer: `D${n}`, Date: d("2025-01-15"), Amount: n, Share: n / 10, Sheet: "P", Row: n });
  const rows = headerRow(1, 1, LINES) + row(2, is("A2", "a", 2) + num("B2", 45672, 2) + num("C2", 1, 2) + num("D2", 1, 2) + is("E2", "P", 2) + num("F2", 2, 2));

  it("keeps the cells' own style (the fill) on the second write, without adding a style per write", async () => {
    const workbook = await open(await build({ sheets: [{ name: "L", rows, tables: [{ name: "RebateLines", ref: "A1:F2", columns: LINES }] }] }));
    const ref = await found(workbook.tables, "RebateLines");
    const dateStyleOfB2 = async () => {
      const out = await texts(await workbook.save());
      const xfs = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(out.get("xl/styles.xml") as string)?.[1] ?? "").match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
      const s = Number(/s="(\d+)"/.exec(cellXmlAt(out.get("xl/worksheets/sheet1.xml") as string, "B2") as string)?.[1]);
      return { xf: xfs[s], count: xfs.length };
    };
    await workbook.tables.replaceRows(ref, [line(1)]);
    const first = await dateStyleOfB2();
    expect(first.xf).toMatch(/fillId="2"/);
    await workbook.tables.replaceRows(ref, [line(2)]);
    await workbook.tables.replaceRows(ref, [line(3)]);
    const third = await dateStyleOfB2();
    expect({ fill: /fillId="2"/.test(third.xf), newStyles: third.count - first.count }).toEqual({ fill: true, newStyles: 0 });
  });

  it("reads, updates and saves rows written earlier in the session", async () => {
    const workbook = await open(await build({ sheets: [{ name: "L", rows, tables: [{ name: "RebateLines", ref: "A1:F2", columns: LINES }] }] }));
    const ref = await found(workbook.tables, "RebateLines");
    await workbook.tables.replaceRows(ref, [line(1), line(2), line(3)]);
    await workbook.tables.appendRows(ref, [line(4)]);
    const [, second] = (await workbook.tables.readTable(ref)).rows;
    expect(await workbook.tables.updateRow(ref, second, { Sheet: "Q" })).toMatchObject({ ok: true, row: { row: 3, values: { ...line(2), Sheet: "Q" } } });
    const saved = await workbook.save();
    expect((await rowsOf((await open(saved)).tables, "RebateLines")).map((r) => r.values)).toEqual([line(1), { ...line(2), Sheet: "Q" }, line(3), line(4)]);
    const { exceljs } = await otherReadersOpen(saved);
    expect(exceljs.getWorksheet("L")?.getCell("B5").value).toEqual(d("2025-01-15"));
  });
});

describe("writing: the package around the parts", () => {
  it("copies entries stored uncompressed and with data descriptors, and other readers open the result", async () => {
    const parts = buildParts({ sheets: [{ name: "R", rows: headerRow(1) + row(2, rebateCells(2, "A", 1)), tables: [rebatesTable("A1:J2")] }], docProps: true });
    const zip = new ZipWriter(new Uint8ArrayWriter(), { level: 0, dataDescriptor: true });
    for (const [name, text] of parts) await zip.add(name, new TextReader(text));
    const input = await zip.close();
    const workbook = await open(input);
    await workbook.tables.appendRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1)]);
    const saved = await workbook.save();
    const { exceljs } = await otherReadersOpen(saved);
    expect(exceljs.getWorksheet("R")?.getCell("A3").value).toBe("X");
    const { changed } = await changedParts(input, saved);
    expect(changed.sort()).toEqual(["xl/styles.xml", "xl/tables/table1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
  });

  it("a table at the last worksheet rows cannot grow past row 1,048,576", async () => {
    const rows = headerRow(1048575) + row(1048576, rebateCells(1048576, "A", 1));
    const workbook = await open(await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1048575:J1048576")] }] }));
    const ref = await found(workbook.tables, "Rebates");
    expect((await rowsOf(workbook.tables, "Rebates")).map((r) => r.row)).toEqual([1048576]);
    expect((await problem(workbook.tables.appendRows(ref, [rebateRow("X", 1)]))).code).toBe("tooManyRows");
  });

  it("ExcelJS sees the table the add-in creates, with its extent after the write", async () => {
    const workbook = await open(await build({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }], docProps: true }));
    const ref = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" });
    await workbook.tables.replaceRows(ref, [rebateRow("X", 1), rebateRow("Y", 2), rebateRow("Z", 3)]);
    const { exceljs } = await otherReadersOpen(await workbook.save());
    const table = exceljs.getWorksheet("Rebates")?.getTable("Rebates") as unknown as { table: { tableRef: string; columns: { name: string }[] } };
    expect(table.table.tableRef).toBe("A1:K4");
    expect(table.table.columns.map((c) => c.name)).toEqual([...REBATE_HEADERS, "PolicyFrom"]);
  });

  it("does not create a table whose name a defined name already holds (Excel rejects the file)", async () => {
    const input = await build({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }], definedNames: '<definedNames><definedName name="Rebates">Data!$A$1</definedName></definedNames>' });
    const workbook = await open(input);
    const outcome = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" }).then(
      () => "created",
      (e: unknown) => (e instanceof WorkbookError ? e.code : String(e)),
    );
    expect(outcome).not.toBe("created");
  });

  it("does not add a second sheet named like an existing chartsheet", async () => {
    const parts = buildParts({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }] });
    parts.set("xl/workbook.xml", (parts.get("xl/workbook.xml") as string).replace("</sheets>", '<sheet name="Rebates" sheetId="7" r:id="rId77"/></sheets>'));
    parts.set("xl/_rels/workbook.xml.rels", (parts.get("xl/_rels/workbook.xml.rels") as string).replace("</Relationships>", `<Relationship Id="rId77" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`));
    parts.set("xl/chartsheets/sheet1.xml", `${HEAD}<chartsheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`);
    parts.set("[Content_Types].xml", (parts.get("[Content_Types].xml") as string).replace("</Types>", `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="${CT}.chartsheet+xml"/></Types>`));
    const workbook = await open(await zipParts(parts));
    const outcome = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" }).then(
      () => "created",
      (e: unknown) => (e instanceof WorkbookError ? e.code : String(e)),
    );
    if (outcome === "created") {
      const xml = (await texts(await workbook.save())).get("xl/workbook.xml") as string;
      expect((xml.match(/<sheet name="Rebates"/g) ?? []).length).toBe(1);
    }
  });
});

describe("labels and names in the shapes other programs write", () => {
  it("finds a label in a prefixed sheet whose cells have no r", async () => {
    const parts = buildParts({ sheets: [{ name: "Policy", rows: `<row r="3"><c/><c t="inlineStr"><is><t>模式：</t></is></c><c t="inlineStr"><is><t>累进</t></is></c></row>` }] });
    parts.set("xl/worksheets/sheet1.xml", prefixed(parts.get("xl/worksheets/sheet1.xml") as string));
    const { tables } = await open(await zipParts(parts));
    expect(await tables.findLabelledValue(["Mode", "模式"])).toEqual({ sheet: "Policy", row: 3, column: 3, value: "累进" });
  });

  it("finds a label whose cells use single-quoted attributes", async () => {
    const rows = `<row r='3'><c r='B3' t='inlineStr'><is><t>Mode</t></is></c><c r='C3' t='inlineStr'><is><t>retroactive</t></is></c></row>`;
    const { tables } = await open(await build({ sheets: [{ name: "Policy", rows }] }));
    expect(await tables.findLabelledValue(["Mode"])).toEqual({ sheet: "Policy", row: 3, column: 3, value: "retroactive" });
  });
});

describe("ensureTable on an existing sheet that only looks empty", () => {
  it("a formula without a cached value (openpyxl omits <v>) makes the sheet non-empty", async () => {
    const input = await build({ sheets: [{ name: "Data", rows: row(1, is("A1", "x")) }, { name: "Rebates", rows: row(1, '<c r="B1"><f>NOW()</f></c>') }] });
    const workbook = await open(input);
    const outcome = await workbook.tables.ensureTable("Rebates", { sheetName: "Rebates", tableName: "Rebates", language: "en" }).then(
      () => "created",
      (e: unknown) => (e instanceof WorkbookError ? e.code : String(e)),
    );
    expect(outcome).toBe("sheetNotEmpty");
  });

  it("a formula below the table with a cached number blocks growth (sanity)", async () => {
    const rows = headerRow(1) + row(2, rebateCells(2, "A", 1)) + row(3, '<c r="H3"><f>SUM(H2)</f><v>1</v></c>');
    const workbook = await open(await build({ sheets: [{ name: "R", rows, tables: [rebatesTable("A1:J2")] }] }));
    expect((await problem(workbook.tables.appendRows(await found(workbook.tables, "Rebates"), [rebateRow("X", 1)]))).code).toBe("noRoomBelowTable");
  });
});
