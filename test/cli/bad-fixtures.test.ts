/**
 * The command line on bad inputs made by real programs (test/fixtures/workbooks/bad, see its
 * README): one message of ours each, exit code 1, and no output file.
 */
import { copyFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { cliSandbox } from "../support/cli-sandbox";

const BAD = join(__dirname, "..", "fixtures", "workbooks", "bad");
const sandbox = cliSandbox("mkt-bad-");
const { stderr } = sandbox;
let dir: string;
beforeEach(() => {
  dir = sandbox.dir;
});

it.each([
  ["encrypted.xlsx", "is password-protected; remove the password and save it again."],
  ["legacy.xls", "is a .xls file; open it in Excel and save it as .xlsx."],
  ["sheet.ods", "is a .ods file; open it in Excel and save it as .xlsx."],
  ["data.csv", "is a .csv file; open it in Excel and save it as .xlsx."],
  ["not-a-workbook.xlsx", "is not an Excel workbook (.xlsx or .xlsm)."],
  ["truncated.xlsx", "is incomplete: the file was cut off"],
  ["corrupt.xlsx", "is damaged: its contents do not match their checksums."],
  ["corrupt-deflate.xlsx", "is damaged: its contents do not match their checksums."],
])("%s: one message, exit 1, nothing written", async (file, message) => {
  const input = join(dir, file);
  await copyFile(join(BAD, file), input);
  const out = join(dir, file.endsWith(".xlsm") ? "out.xlsm" : "out.xlsx");
  expect(await main(["refresh-rebates", input, "--year", "2025", "--out", out, "--lang", "en"])).toBe(1);
  const lines = stderr.join("").trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`${input} ${message}`);
  expect(await readdir(dir)).toEqual([file]);
});

it.each(["sheet.ods", "encrypted.xlsx"])("check on %s does not report an empty workbook as fine", async (file) => {
  expect(await main(["check", join(BAD, file), "--lang", "en"])).toBe(1);
  expect(stderr.join("")).not.toContain("can be read");
});
