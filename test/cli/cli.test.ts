import { createHash } from "node:crypto";
import { copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worksheet } from "exceljs";
import { main } from "../../src/cli/main";
import { ExcelJsWorkbookTables, loadWorkbookFromFile, saveWorkbookToFile } from "../../src/workbook/node";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");
let dir: string;
let stderr: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mkt-cli-"));
  stderr = [];
  jest.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  jest.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const sha = async (path: string) => createHash("sha256").update(await readFile(path)).digest("hex");

async function rebatesOf(path: string) {
  const tables = new ExcelJsWorkbookTables(await loadWorkbookFromFile(path));
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
  }, 60_000);

  it("in place keeps a backup, and a second refresh changes nothing", async () => {
    const input = join(dir, "book.xlsx");
    await copyFile(SAMPLE, input);
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place"])).toBe(0);
    expect((await readdir(dir)).some((f) => f.startsWith("book.backup-"))).toBe(true);
    const afterFirst = await sha(input);
    stderr = [];
    expect(await main(["refresh-rebates", input, "--year", "2025", "--in-place", "--lang", "en"])).toBe(0);
    expect(stderr.join("")).toContain("Nothing changed");
    expect(await sha(input)).toBe(afterFirst);
  }, 60_000);

  it("a purchase row that cannot be read is listed with sheet and row; nothing is written", async () => {
    const workbook = await loadWorkbookFromFile(SAMPLE);
    const purchases = workbook.getWorksheet("Purchases") as Worksheet;
    const row = firstRowOfYear(purchases, 2025);
    purchases.getCell(`C${row}`).value = "about 5000";
    const input = join(dir, "bad.xlsx");
    await saveWorkbookToFile(workbook, input);
    const out = join(dir, "out.xlsx");
    expect(await main(["refresh-rebates", input, "--year", "2025", "--out", out, "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain(`Purchases!row ${row}: Amount: “about 5000” is not a number`);
    expect((await readdir(dir)).includes("out.xlsx")).toBe(false);
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
