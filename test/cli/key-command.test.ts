/**
 * `mkt-rulebook key` (issue 12 point 1): a director approves a signer's first key, a signer
 * introduces their own second device's key, a key is revoked; each step a signed entry, and
 * refused (exit 1, nothing written) when the profile's key may not take it.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { readAuditLog, verifyAuditLog } from "../../src/services";
import { cliSandbox } from "../support/cli-sandbox";
import { openXlsx } from "../support/xlsx-files";
import { book, REQUESTS } from "../services/flows-fixture";
import { buildExcelJsWorkbook } from "../workbook/harness";
import { profileSandbox } from "./profiles";

const sandbox = cliSandbox("mkt-key-");
const profiles = profileSandbox();

const WANG = ["--as", "王总", "--role", "Marketing director"];
const CHEN = ["--as", "陈总裁", "--role", "president"];
const as = (person: string, ...args: string[]) => main([...args, "--lang", "en"], profiles.env(person));
const keyIdOf = async (person: string): Promise<string> => JSON.parse(await readFile(join(profiles.dir(person), "key.json"), "utf8")).keyId;
const said = () => sandbox.stderr.join("");
/** As verify-log asks: a key checked with its owner is acknowledged before anything is done on a log it signs. */
const trust = async (person: string, file: string, ...keyIds: string[]) => expect(await as(person, "verify-log", file, ...keyIds.flatMap((k) => ["--trust", k]))).not.toBe(2);

/** 王总 (director) approves EC-1 first, his key trusted on first use; then 陈总裁 approves PR-2 with a first key of his own, pending. */
async function twoSigners(): Promise<string> {
  const input = join(sandbox.dir, "book.xlsx");
  await writeFile(input, new Uint8Array((await buildExcelJsWorkbook(book({ requests: REQUESTS.slice(0, 11) })).xlsx.writeBuffer()) as ArrayBuffer));
  expect(await as("wang", "act", input, "--id", "PR-2", "--action", "approve", ...WANG, "--in-place")).toBe(0);
  expect(await as("chen", "act", input, "--id", "EC-1", "--action", "approve", ...CHEN, "--in-place")).toBe(0);
  return input;
}

async function signersOf(path: string) {
  const { tables } = await openXlsx(path);
  const ref = await tables.findTable("Signers");
  return ref ? (await tables.readTable(ref)).rows.map((r) => [r.values.Name, r.values.State]) : [];
}

test("the director approves the president's pending first key: a signed entry, and Signers says introduced", async () => {
  const input = await twoSigners();
  expect(await signersOf(input)).toEqual([
    ["王总", "introduced"],
    ["陈总裁", "pending"],
  ]);
  const chen = await keyIdOf("chen");
  await trust("wang", input, chen);
  sandbox.stderr.length = 0;
  expect(await as("wang", "key", input, "--approve", chen, ...WANG, "--in-place")).toBe(0);
  expect(said()).toContain(`Key ${chen} is now introduced; the step is signed and logged.`);
  expect(await signersOf(input)).toEqual([
    ["王总", "introduced"],
    ["陈总裁", "introduced"],
  ]);
  const { tables } = await openXlsx(input);
  const last = (await readAuditLog(tables)).at(-1)?.entry;
  expect(last).toMatchObject({ action: "approveKey", planId: `KEY/${chen}`, actor: "王总", role: "director", keyId: await keyIdOf("wang") });
  expect((await verifyAuditLog(tables)).break).toBeUndefined();
});

test("the president may not approve a key, and a step without exactly one of the three is a usage mistake: nothing is written", async () => {
  const input = await twoSigners();
  await trust("chen", input, await keyIdOf("wang"));
  const before = await readFile(input);
  sandbox.stderr.length = 0;
  expect(await as("chen", "key", input, "--approve", await keyIdOf("wang"), ...CHEN, "--in-place")).toBe(1);
  expect(said()).toMatch(/^Not done: /m);
  expect(await as("chen", "key", input, ...CHEN, "--in-place")).toBe(2);
  expect(said()).toContain("Give exactly one of --publish, --introduce, --approve or --revoke.");
  expect(await readFile(input)).toEqual(before);
});

test("the director's second computer publishes its key, pending, and his first computer introduces it by its key ID; then revokes it", async () => {
  const input = await twoSigners();
  await trust("wang-laptop", input, await keyIdOf("wang"), await keyIdOf("chen"));
  expect(await as("wang-laptop", "act", input, "--id", "DA-1", "--action", "approve", ...WANG, "--in-place")).toBe(0);
  const laptop = await keyIdOf("wang-laptop");
  expect((await signersOf(input)).at(-1)).toEqual(["王总", "pending"]);
  await trust("wang", input, await keyIdOf("chen"), laptop);
  expect(await as("wang", "key", input, "--introduce", laptop, ...WANG, "--in-place")).toBe(0);
  expect((await signersOf(input)).at(-1)).toEqual(["王总", "introduced"]);
  expect(await as("wang", "key", input, "--revoke", laptop, ...WANG, "--in-place")).toBe(0);
  expect((await signersOf(input)).at(-1)).toEqual(["王总", "revoked"]);
});

test("a profile that never acted publishes its key with --publish: made now, logged as pending; publishing again is refused", async () => {
  const input = await twoSigners();
  await trust("li", input, await keyIdOf("wang"), await keyIdOf("chen"));
  const LI = ["--as", "李娜", "--role", "finance"];
  expect(await as("li", "key", input, "--revoke", await keyIdOf("chen"), ...LI, "--in-place")).toBe(2);
  expect(said()).toContain("This profile has no signing key yet: publish one with key --publish");
  sandbox.stderr.length = 0;
  expect(await as("li", "key", input, "--publish", ...LI, "--in-place")).toBe(0);
  const li = await keyIdOf("li");
  expect(said()).toContain(`Key ${li} is now pending; the step is signed and logged.`);
  expect((await signersOf(input)).at(-1)).toEqual(["李娜", "pending"]);
  const { tables } = await openXlsx(input);
  expect((await readAuditLog(tables)).at(-1)?.entry).toMatchObject({ action: "addKey", planId: `KEY/${li}`, actor: "李娜", role: "finance", keyId: li });
  const before = await readFile(input);
  expect(await as("li", "key", input, "--publish", ...LI, "--in-place")).toBe(1);
  expect(await readFile(input)).toEqual(before);
});
