/**
 * Purchases workbooks of any size for the benchmarks, written the way Excel writes them
 * (shared strings, date serials with a date style, a table part per table), streamed
 * straight into the zip: building a million-row workbook through a spreadsheet library
 * would need more memory than the run being measured.
 */
import { writeFile } from "node:fs/promises";
import { configure, TextReader, Uint8ArrayWriter, ZipWriter } from "@zip.js/zip.js";
import { generateLargePurchases, REBATE_TIERS, type LargePurchasesOptions } from "../scripts/make-sample-workbook";
import { dateToSerial } from "../src/workbook/cells";

configure({ useWebWorkers: false });

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface LargeWorkbook {
  readonly rows: number;
  /** Net purchases per dealer in `year`, worked out here from the generated rows. */
  readonly netByDealer: ReadonlyMap<string, number>;
}

function* purchasesSheet(rows: ReturnType<typeof generateLargePurchases>, index: Map<string, number>): Generator<string> {
  yield `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:D${rows.length + 1}"/><sheetData>`;
  yield `<row r="1"><c r="A1" t="s"><v>${index.get("Dealer")}</v></c><c r="B1" t="s"><v>${index.get("Date")}</v></c><c r="C1" t="s"><v>${index.get("Amount")}</v></c><c r="D1" t="s"><v>${index.get("Type")}</v></c></row>`;
  let batch = "";
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    const r = i + 2;
    batch += `<row r="${r}"><c r="A${r}" t="s"><v>${index.get(p.dealer)}</v></c><c r="B${r}" s="1"><v>${dateToSerial(p.date)}</v></c><c r="C${r}" s="2"><v>${p.amount}</v></c><c r="D${r}" t="s"><v>${index.get(p.type)}</v></c></row>`;
    if (batch.length > 1 << 20) {
      yield batch;
      batch = "";
    }
  }
  yield `${batch}</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;
}

function stream(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

export async function writeLargePurchasesWorkbook(path: string, options: LargePurchasesOptions & { year: number }): Promise<LargeWorkbook> {
  const rows = generateLargePurchases(options);
  const strings = ["Dealer", "Date", "Amount", "Type", "Threshold", "Rate", "Mode", "retroactive", ...new Set(rows.flatMap((r) => [r.dealer, r.type]))];
  const index = new Map(strings.map((s, i) => [s, i]));
  const zip = new ZipWriter(new Uint8ArrayWriter(), { level: 6, dataDescriptor: false, zip64: false });
  const text = (name: string, content: string) => zip.add(name, new TextReader(content));
  await text(
    "[Content_Types].xml",
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.worksheet+xml"/>` +
      `<Override PartName="/xl/tables/table1.xml" ContentType="${CT}.table+xml"/><Override PartName="/xl/tables/table2.xml" ContentType="${CT}.table+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
  );
  await text("_rels/.rels", `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  await text("xl/workbook.xml", `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Purchases" sheetId="1" r:id="rId1"/><sheet name="RebatePolicy" sheetId="2" r:id="rId2"/></sheets><calcPr calcId="191029"/></workbook>`);
  await text(
    "xl/_rels/workbook.xml.rels",
    `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  await text(
    "xl/styles.xml",
    `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  await text("xl/sharedStrings.xml", `${HEAD}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join("")}</sst>`);
  await zip.add("xl/worksheets/sheet1.xml", stream(purchasesSheet(rows, index)));
  const tiers = REBATE_TIERS.map(([t, rate], i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${t}</v></c><c r="B${i + 2}"><v>${rate}</v></c></row>`).join("");
  const mode = `<c r="D1" t="s"><v>${index.get("Mode")}</v></c><c r="E1" t="s"><v>${index.get("retroactive")}</v></c>`;
  await text(
    "xl/worksheets/sheet2.xml",
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData><row r="1"><c r="A1" t="s"><v>${index.get("Threshold")}</v></c><c r="B1" t="s"><v>${index.get("Rate")}</v></c>${mode}</row>${tiers}</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`,
  );
  const rels = (target: string) => `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/table" Target="${target}"/></Relationships>`;
  await text("xl/worksheets/_rels/sheet1.xml.rels", rels("../tables/table1.xml"));
  await text("xl/worksheets/_rels/sheet2.xml.rels", rels("../tables/table2.xml"));
  const table = (id: number, name: string, ref: string, columns: string[]) =>
    `${HEAD}<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}"><autoFilter ref="${ref}"/><tableColumns count="${columns.length}">${columns.map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`).join("")}</tableColumns><tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>`;
  await text("xl/tables/table1.xml", table(1, "Purchases", `A1:D${rows.length + 1}`, ["Dealer", "Date", "Amount", "Type"]));
  await text("xl/tables/table2.xml", table(2, "RebatePolicy", `A1:B${REBATE_TIERS.length + 1}`, ["Threshold", "Rate"]));
  await writeFile(path, await zip.close());

  const netByDealer = new Map<string, number>();
  for (const p of rows) {
    if (p.date.getUTCFullYear() !== options.year && p.date.getFullYear() !== options.year) continue;
    const sign = /return|退货/i.test(p.type) ? -1 : 1;
    netByDealer.set(p.dealer, (netByDealer.get(p.dealer) ?? 0) + sign * p.amount);
  }
  return { rows: rows.length, netByDealer };
}
