import { createHash } from "node:crypto";
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Worksheet } from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { appendAuditEntry } from "../../src/services";
import { openExcelJs, openXlsx, saveExcelJs, saveXlsx } from "../support/xlsx-files";
import { cliSandbox } from "../support/cli-sandbox";
import { profileSandbox } from "./profiles";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");
const sandbox = cliSandbox("mkt-cli-");
profileSandbox();
const { stderr } = sandbox;
let dir: string;
beforeEach(() => {
  dir = sandbox.dir;
});

const sha = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");

async function rebatesOf(path: string) {
  const { tables } = await openXlsx(path);
  const ref = await tables.findTable("Rebates");
  return ref ? (await tables.readTable(ref)).rows : undefined;
}

/** Rows of other years do not count for a 2025 refresh, so the broken cell must be in 2025. */
function firstRowOfYear(sheet: Worksheet, year: number): number {
  for (let row = 2; row <= sheet.rowCount; row++) {
    const date = sheet.getCell(`B${row}`).value;
    if (date instanceof Date && date.getUTCFullYear() === year) return row;
  }
  throw new Error(`no ${year} purchase in the sample`);
}

describe("mkt-rulebook refresh-rebates on the sample workbook", () => {
  it("writes a Rebates table to --out and leaves the input untouched", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    const before = await sha(input);
    const out = join(dir, "out.xlsx");
    expect(await main(["refresh-rebates", input, "--year", "2025", "--out", out, "--lang", "en"])).toBe(0);
    expect(await sha(input)).toBe(before);
    const rows = await rebatesOf(out);
    expect(rows).toHaveLength(40);
    expect(rows?.[0].values.Status).toBe("Calculated");
    // A first refresh says so, instead of counting every dealer as a change.
    expect(stderr.join("")).toMatch(/^40 dealers, total rebate [\d,.]+\. The year's first refresh: the workbook had no rebates for it\.$/m);
    stderr.length = 0;
    expect(await main(["refresh-rebates", out, "--year", "2025", "--in-place", "--lang", "zh"])).toBe(0);
    expect(stderr.join("")).toMatch(/^40 个经销商，返利合计 [\d,.]+；自上次刷新以来有 0 处变化。$/m);
  }, 60_000);

  it("in place keeps a backup, and a second refresh changes nothing", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place"])).toBe(0);
    expect((await readdir(dir)).some((f) => f.startsWith("book.backup-"))).toBe(true);
    const afterFirst = await sha(input);
    stderr.length = 0;
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    expect(stderr.join("")).toContain("Nothing changed");
    expect(await sha(input)).toBe(afterFirst);
  }, 60_000);

  it("a purchase row that cannot be read is listed with sheet and row; nothing is written", async () => {
    const workbook = await openExcelJs(SAMPLE);
    const purchases = workbook.getWorksheet("Purchases") as Worksheet;
    const row = firstRowOfYear(purchases, 2025);
    purchases.getCell(`C${row}`).value = "about 5000";
    const input = join(dir, "bad.xlsx");
    await saveExcelJs(workbook, input);
    const out = join(dir, "out.xlsx");
    expect(await main(["refresh-rebates", input, "--year", "2025", "--out", out, "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain(`Purchases!row ${row}: Amount: “about 5000” is not a number`);
    expect((await readdir(dir)).includes("out.xlsx")).toBe(false);
  }, 60_000);

  it("lists what changed under rows already there: a reviewed rebate whose amount moved goes back to Calculated", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place"])).toBe(0);
    const workbook = await openXlsx(input);
    const { tables } = workbook;
    const ref = (await tables.findTable("Rebates")) as NonNullable<Awaited<ReturnType<typeof tables.findTable>>>;
    const first = (await tables.readTable(ref)).rows[0];
    await tables.updateRow(ref, first, { Status: "Reviewed", Rebate: (first.values.Rebate as number) + 100 });
    await saveXlsx(workbook, input);
    stderr.length = 0;
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    expect(stderr.join("")).toContain(`  ${String(first.values.Dealer)}: `);
    expect(stderr.join("")).toContain("back to Calculated for a new review");
  }, 60_000);

  it("messages in Chinese with --lang zh", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--lang", "zh"])).toBe(0);
    expect(stderr.join("")).toContain("经销商");
  }, 60_000);
});

describe("usage", () => {
  it("an unknown command or a missing file argument is exit code 2", async () => {
    expect(await main(["frobnicate"])).toBe(2);
    expect(await main(["bonus"])).toBe(2);
  });
  it("--help is exit code 0", async () => {
    expect(await main(["--help"])).toBe(0);
    expect(await main(["refresh-rebates", "--help"])).toBe(0);
  });
});

/** Every cell value of every sheet but `except`, for "nothing else was touched". */
async function otherSheets(path: string, except: readonly string[]): Promise<Record<string, unknown[]>> {
  const workbook = await openExcelJs(path);
  const sheets: Record<string, unknown[]> = {};
  workbook.eachSheet((sheet) => {
    if (except.includes(sheet.name)) return;
    const values: unknown[] = [];
    sheet.eachRow((row) => values.push(JSON.stringify(row.values)));
    sheets[sheet.name] = values;
  });
  return sheets;
}

describe("the other commands on the sample workbook", () => {
  it("bonus and budget write their tables and leave every other sheet as it was", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    const out = join(dir, "bonus.xlsx");
    expect(await main(["bonus", input, "--month", "2025-06", "--out", out, "--lang", "en"])).toBe(0);
    const out2 = join(dir, "budget.xlsx");
    expect(await main(["budget", out, "--month", "2025-06", "--ytd", "--out", out2, "--lang", "en"])).toBe(0);
    const { tables } = await openXlsx(out2);
    const bonuses = await tables.readTable((await tables.findTable("Bonuses")) as never);
    expect(bonuses.rows).toHaveLength(30);
    const report = await tables.readTable((await tables.findTable("BudgetReport")) as never);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows.every((r) => r.values.Period === "2025-01…2025-06")).toBe(true);
    const touched = [bonuses.ref.sheet, report.ref.sheet];
    expect(await otherSheets(out2, touched)).toEqual(await otherSheets(input, touched));
  }, 60_000);

  it("check passes on the sample and lists every unreadable row of a broken copy", async () => {
    expect(await main(["check", SAMPLE, "--lang", "en"])).toBe(0);
    const workbook = await openExcelJs(SAMPLE);
    (workbook.getWorksheet("Purchases") as Worksheet).getCell("C3").value = "n/a";
    (workbook.getWorksheet("Purchases") as Worksheet).getCell("A4").value = null;
    const input = join(dir, "bad.xlsx");
    await saveExcelJs(workbook, input);
    stderr.length = 0;
    expect(await main(["check", input, "--lang", "en"])).toBe(1);
    const text = stderr.join("");
    expect(text).toContain("2 problem(s) found");
    expect(text).toContain("Purchases!row 3: Amount: “n/a” is not a number");
    expect(text).toContain("Purchases!row 4: Dealer is required");
  }, 60_000);

  it("verify-log names the first row that was edited", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    const book = await openXlsx(input);
    for (const id of ["P-1", "P-2", "P-3"]) await appendAuditEntry(book.tables, { time: "2025-05-01T00:00:00.000Z", planId: id, action: "approve", from: "Draft", to: "Reviewed", actor: "李明", role: "marketingAssistant", comment: "" }, "en");
    const log = await book.tables.readTable((await book.tables.findTable("AuditLog")) as never);
    await saveXlsx(book, input);
    const workbook = await openExcelJs(input);
    const row = (workbook.getWorksheet(log.ref.sheet) as Worksheet).getRow(log.rows[1].row);
    row.eachCell((cell) => {
      if (cell.value === "李明") cell.value = "someone else";
    });
    await saveExcelJs(workbook, input);
    expect(await main(["verify-log", input, "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain(`${log.ref.sheet}!row ${log.rows[1].row}: The audit log row was edited`);
  }, 60_000);

  it("keeps a part it knows nothing of (here a chart) byte for byte, without a warning", async () => {
    const zip = await JSZip.loadAsync(await readFile(SAMPLE));
    zip.file("xl/charts/chart1.xml", "<chartSpace/>");
    const input = join(dir, "chart.xlsx");
    await writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    expect(await main(["refresh-rebates", input, "--year", "2025", "--out", join(dir, "o.xlsx"), "--lang", "en"])).toBe(0);
    expect(stderr.join("")).not.toContain("Warning");
    const out = await JSZip.loadAsync(await readFile(join(dir, "o.xlsx")));
    expect(await out.file("xl/charts/chart1.xml")?.async("string")).toBe("<chartSpace/>");
  }, 60_000);
});
