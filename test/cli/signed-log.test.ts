/**
 * The signed audit log on the command line (issue 12): `act` signs with the profile's key,
 * `verify-log` checks every signature, pins keys on first use and compares the log with the
 * heads this computer (or finance, in a file) saw. Against someone who knows how the log
 * works: each edit below recomputes every hash and the AuditHead, as the README's formula
 * allows, and is still reported.
 */
import { copyFile, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { profileDir } from "../../src/cli/profile";
import { chainEntry, entryHash, generateSigningKeyPair, GENESIS_HASH, keyPairSigner, signEntry, type HashedAuditEntry } from "../../src/rules";
import { actOnWorkItem, findItems, listItems, readAuditLog } from "../../src/services";
import { WORKBOOK_ID_NAME, type RowValues } from "../../src/workbook";
import { cliSandbox } from "../support/cli-sandbox";
import { openXlsx, saveXlsx } from "../support/xlsx-files";
import { book, REQUESTS } from "../services/flows-fixture";
import { buildExcelJsWorkbook } from "../workbook/harness";
import { profileSandbox } from "./profiles";
import { linesOf, runBin } from "./run-bin";

const sandbox = cliSandbox("mkt-signed-");
const { stderr } = sandbox;
const profiles = profileSandbox();

function stdout(): string {
  const calls = (process.stdout.write as unknown as jest.Mock).mock.calls as unknown[][];
  return calls.map((c) => String(c[0])).join("");
}

const said = () => stderr.join("");

function clearOutput(): void {
  stderr.length = 0;
  (process.stdout.write as unknown as jest.Mock).mockClear();
}

const CHEN = ["--as", "陈总裁", "--role", "president"];
const WANG = ["--as", "王总", "--role", "Marketing director"];
const ZHENG = ["--as", "郑部长", "--role", "departmentHead"];

/** The command as `person` (their own profile), in English. */
const as = (person: string, ...args: string[]) => main([...args, "--lang", "en"], profiles.env(person));
const verify = (person: string, file: string, ...options: string[]) => as(person, "verify-log", file, ...options);

async function keyOf(person: string): Promise<{ keyId: string; name: string; role: string }> {
  return JSON.parse(await readFile(join(profiles.dir(person), "key.json"), "utf8"));
}

/**
 * 陈总裁 approves EC-1 (entries 1–3: his key, the Baseline, the step), a copy is kept
 * (early.xlsx), then 王总 approves PR-2 from his own profile (entries 4–5: his key, the step).
 */
async function twoPeople(): Promise<{ input: string; early: string }> {
  const input = join(sandbox.dir, "book.xlsx");
  await writeFile(input, new Uint8Array((await buildExcelJsWorkbook(book({ requests: REQUESTS.slice(0, 11) })).xlsx.writeBuffer()) as ArrayBuffer));
  expect(await as("chen", "act", input, "--id", "EC-1", "--action", "approve", ...CHEN, "--in-place")).toBe(0);
  const early = join(sandbox.dir, "early.xlsx");
  await copyFile(input, early);
  expect(await as("wang", "act", input, "--id", "PR-2", "--action", "approve", ...WANG, "--in-place")).toBe(0);
  clearOutput();
  return { input, early };
}

async function logOf(path: string) {
  return readAuditLog((await openXlsx(path)).tables);
}

const rowValues = (e: HashedAuditEntry): RowValues => ({
  Seq: e.seq,
  Time: e.time,
  PlanID: e.planId,
  Action: e.action,
  From: e.from,
  To: e.to,
  Actor: e.actor,
  Role: e.role,
  Comment: e.comment,
  Hash: e.hash,
  KeyId: e.keyId ?? null,
  Signature: e.signature ?? null,
});

/** Every sequence number and hash recomputed from the first row on, as the README's formula says; signatures stay as they were (only the key's holder can make new ones). */
function rechain(entries: readonly HashedAuditEntry[]): HashedAuditEntry[] {
  const out: HashedAuditEntry[] = [];
  entries.forEach((entry, i) => {
    const full = { ...entry, seq: i + 1 };
    out.push({ ...full, hash: entryHash(full, out[i - 1]?.hash ?? GENESIS_HASH) });
  });
  return out;
}

/** Rewrites the AuditLog with `edit`'s rows and the AuditHead to match them (or empties the head), through the product's own file layer. */
async function forge(path: string, edit: (entries: HashedAuditEntry[]) => HashedAuditEntry[] | Promise<HashedAuditEntry[]>, head: "recomputed" | "deleted" = "recomputed"): Promise<void> {
  const workbook = await openXlsx(path);
  const entries = await edit((await readAuditLog(workbook.tables)).map((r) => r.entry));
  await workbook.tables.replaceRows((await workbook.tables.findTable("AuditLog"))!, entries.map(rowValues));
  const last = entries.at(-1);
  await workbook.tables.replaceRows((await workbook.tables.findTable("AuditHead"))!, head === "deleted" || !last ? [] : [{ Count: entries.length, LastHash: last.hash }]);
  await saveXlsx(workbook, path);
}

async function outsider() {
  return keyPairSigner(await generateSigningKeyPair());
}

const fields = ({ time, planId, action, from, to, actor, role, comment }: HashedAuditEntry) => ({ time, planId, action, from, to, actor, role, comment });

describe("two people, each with a profile of their own", () => {
  it("act signs with each profile's key; the log's first key and its first director's key are trusted on first use; a key nobody introduced warns until it is trusted", async () => {
    const { input } = await twoPeople();
    const [chen, wang] = [await keyOf("chen"), await keyOf("wang")];
    expect(chen).toMatchObject({ name: "陈总裁", role: "president" });
    expect(wang).toMatchObject({ name: "王总", role: "director" });
    const log = await logOf(input);
    expect(log.map((r) => [r.entry.seq, r.entry.action, r.entry.keyId])).toEqual([
      [1, "addKey", chen.keyId],
      [2, "Baseline", chen.keyId],
      [3, "approve", chen.keyId],
      [4, "addKey", wang.keyId],
      [5, "approve", wang.keyId],
    ]);
    for (const person of ["wang", "chen"]) {
      clearOutput();
      expect(await verify(person, input)).toBe(0);
      expect(stdout()).toBe("entries=5 intact=true signedFrom=1\n");
      expect(said()).toContain("The audit log's 5 entries form an unbroken chain.\nEvery entry is signed, from the first on.\n");
      expect(said()).not.toContain("Warning");
    }

    // 郑部长 approves EC-6 with a first key of his own: no other key of his introduced it and no director approved it. His profile knows it as its own.
    clearOutput();
    expect(await as("zheng", "act", input, "--id", "EC-6", "--action", "approve", "--confirm", ...ZHENG, "--in-place")).toBe(0);
    const zheng = await keyOf("zheng");
    const after = await logOf(input);
    expect(after.slice(5).map((r) => [r.entry.seq, r.entry.action, r.entry.keyId])).toEqual([
      [6, "addKey", zheng.keyId],
      [7, "approve", zheng.keyId],
    ]);
    clearOutput();
    expect(await verify("zheng", input)).toBe(0);
    expect(said()).toContain(`Note: 1 entry(ies) signed with 郑部长's (Department head) key ${zheng.keyId}, which the log does not introduce; you trusted it on this computer.`);

    // 王总 has never seen that key: a warning until he acknowledges it.
    clearOutput();
    expect(await verify("wang", input)).toBe(1);
    expect(said()).toContain(`1 warning(s), to check before you trust the keys they name:\n  ${after[6].sheet}!row ${after[6].row}: Warning: this audit log entry is signed with 郑部长's key ${zheng.keyId}`);
    expect(said()).toContain(`1 key(s) this computer has not seen before need your word:\n  Warning: 郑部长 (Department head) signs with key ${zheng.keyId}, which no other key of theirs introduced`);
    expect(said()).toContain(`    If it is theirs: mkt-rulebook verify-log ${input} --trust ${zheng.keyId}\n`);

    // act refuses, with the same warning, as long as the key is not acknowledged.
    clearOutput();
    expect(await as("wang", "act", input, "--id", "DA-1", "--action", "approve", ...WANG, "--in-place")).toBe(1);
    expect(said()).toContain(`  Warning: 郑部长 (Department head) signs with key ${zheng.keyId}`);
    expect(said()).toContain("Not done: the log is signed with keys you have not acknowledged (above).");
    expect((await logOf(input)).length).toBe(7);

    clearOutput();
    expect(await verify("wang", input, "--trust", zheng.keyId.toUpperCase())).toBe(0);
    expect(said()).toContain(`郑部长 (Department head), key ${zheng.keyId}: trusted on this computer from now on.`);
    clearOutput();
    expect(await verify("wang", input)).toBe(0);
    expect(said()).not.toContain("Warning:");
  });

  it("--trust of a key that signs nothing in the log, or of no key ID at all, is a usage mistake (exit 2)", async () => {
    const { input } = await twoPeople();
    expect(await as("zheng", "act", input, "--id", "EC-6", "--action", "approve", "--confirm", ...ZHENG, "--in-place")).toBe(0);
    clearOutput();
    expect(await verify("wang", input, "--trust", "0123456789abcdef")).toBe(2);
    expect(said()).toContain(`--trust 0123456789abcdef: no key of that ID signs this log. Keys waiting for your word: ${(await keyOf("zheng")).keyId}.`);
    expect(said()).toContain("Usage: mkt-rulebook verify-log");
    clearOutput();
    expect(await verify("wang", input, "--trust", "wang")).toBe(2);
    expect(said()).toContain("--trust: “wang” is not a key ID: 16 hexadecimal digits");
  });

  it("a log signed from its third entry on: the first two are vouched for by the chain only", async () => {
    const input = join(sandbox.dir, "old.xlsx");
    await writeFile(input, new Uint8Array((await buildExcelJsWorkbook(book({ requests: REQUESTS.slice(0, 11) })).xlsx.writeBuffer()) as ArrayBuffer));
    // An add-in from before signing: the Baseline and one unsigned step.
    const old = await openXlsx(input);
    const list = await listItems(old.tables);
    const outcome = await actOnWorkItem(old.tables, list, { item: findItems(list, "PR-2")[0], action: "approve", actor: { name: "王总", role: "director" }, comment: "" });
    expect(outcome.kind).toBe("done");
    await saveXlsx(old, input);
    expect(await as("chen", "act", input, "--id", "PR-2", "--action", "approve", ...CHEN, "--in-place")).toBe(0);
    clearOutput();
    expect(await verify("chen", input)).toBe(0);
    expect(stdout()).toBe("entries=4 intact=true signedFrom=3\n");
    expect(said()).toContain("Entries 1–2 are unsigned (vouched for by the chain only); signed from entry 3.");
    clearOutput();
    expect(await main(["verify-log", input, "--lang", "zh"], profiles.env("chen"))).toBe(0);
    expect(said()).toContain("第 1–2 条记录未签名（只有哈希链为其作证）；从第 3 条起已签名。");
  });
});

describe("the profile's signing key", () => {
  it("lives in MKT_RULEBOOK_HOME, else $XDG_CONFIG_HOME/mkt-rulebook, else ~/.config/mkt-rulebook", () => {
    expect(profileDir({ MKT_RULEBOOK_HOME: "/p", XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/p");
    expect(profileDir({ MKT_RULEBOOK_HOME: "", XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe(join("/x", "mkt-rulebook"));
    expect(profileDir({ HOME: "/h" })).toBe(join("/h", ".config", "mkt-rulebook"));
  });

  it("is made on the first act, in key.json (0600) in a profile folder of its own (0700), and refuses to sign for anyone else (exit 2)", async () => {
    const { input } = await twoPeople();
    const folder = profiles.dir("chen");
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, "key.json"))).mode & 0o777).toBe(0o600);
    const key = JSON.parse(await readFile(join(folder, "key.json"), "utf8"));
    expect(Object.keys(key).sort()).toEqual(["created", "keyId", "name", "privateJwk", "publicKey", "role"]);
    expect(key.privateJwk).toMatchObject({ kty: "EC", crv: "P-256" });
    for (const file of ["known-keys.json", "witnesses.json"]) expect((await stat(join(folder, file))).mode & 0o777).toBe(0o600);

    const before = await readFile(input);
    expect(await as("chen", "act", input, "--id", "EC-6", "--action", "approve", ...WANG, "--in-place")).toBe(2);
    expect(said()).toContain(`This profile's signing key ${key.keyId} belongs to 陈总裁 (President), made on`);
    expect(said()).toContain("it does not sign as 王总 (Marketing director). Act as 陈总裁, or give 王总 a profile of their own");
    expect(said()).toContain("Usage: mkt-rulebook act");
    clearOutput();
    // Another role is another signer too.
    expect(await as("chen", "act", input, "--id", "EC-6", "--action", "approve", "--as", "陈总裁", "--role", "director", "--in-place")).toBe(2);
    expect(said()).toContain("it does not sign as 陈总裁 (Marketing director)");
    expect(await readFile(input)).toEqual(before);
    clearOutput();
    expect(await main(["act", input, "--id", "EC-6", "--action", "approve", ...WANG, "--in-place", "--lang", "zh"], profiles.env("chen"))).toBe(2);
    expect(said()).toContain(`本配置的签名密钥 ${key.keyId} 属于 陈总裁（总裁）`);
  });

  it("a key file that is damaged, or that others can read, is one line of ours (exit 1), nothing written", async () => {
    const { input } = await twoPeople();
    const path = join(profiles.dir("chen"), "key.json");
    const before = await readFile(input);
    const act = () => as("chen", "act", input, "--id", "EC-6", "--action", "approve", ...CHEN, "--in-place");
    const key = JSON.parse(await readFile(path, "utf8"));
    await writeFile(path, JSON.stringify({ ...key, privateJwk: { ...key.privateJwk, x: key.privateJwk.y } }), { mode: 0o600 });
    expect(await act()).toBe(1);
    expect(linesOf(said())).toEqual([`${path} is not a file this tool wrote (it is damaged or was edited by hand); nothing was written. Restore it from a backup, or move it away to start afresh (this computer then forgets what it held).`]);
    clearOutput();
    await writeFile(path, "{ not json", { mode: 0o600 });
    expect(await act()).toBe(1);
    expect(linesOf(said())).toHaveLength(1);
    clearOutput();
    await writeFile(path, JSON.stringify(key));
    const { chmod } = await import("node:fs/promises");
    await chmod(path, 0o644);
    expect(await act()).toBe(1);
    expect(linesOf(said())).toEqual([expect.stringContaining(`${path} can be read by other users (mode 0644): a signing key must be yours alone`)]);
    expect(await readFile(input)).toEqual(before);
  });

  it("a profile that is not a folder is one line naming the file and the reason (exit 1)", async () => {
    const { input } = await twoPeople();
    const notAFolder = join(sandbox.dir, "profile-file");
    await writeFile(notAFolder, "");
    const env = { ...process.env, MKT_RULEBOOK_HOME: notAFolder };
    expect(await main(["verify-log", input, "--lang", "en"], env)).toBe(1);
    expect(linesOf(said())).toEqual([`${join(notAFolder, "known-keys.json")} cannot be read: a part of the path is not a folder. It is part of your profile (MKT_RULEBOOK_HOME); nothing was written.`]);
  });

  it("act --out: the copy gets a workbook ID of its own", async () => {
    const { input } = await twoPeople();
    const out = join(sandbox.dir, "copy.xlsx");
    expect(await as("wang", "act", input, "--id", "DA-1", "--action", "approve", ...WANG, "--out", out)).toBe(0);
    const idOf = async (path: string) => (await openXlsx(path)).tables.readNamedValue(WORKBOOK_ID_NAME);
    expect(await idOf(out)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf(out)).not.toBe(await idOf(input));
    clearOutput();
    expect(await verify("wang", out)).toBe(0);
    expect(await verify("wang", input)).toBe(0);
  });
});

describe("verify-log against someone who knows how the log works (hashes and AuditHead recomputed)", () => {
  /** 王总's profile has seen the intact log (its witness: 5 entries). */
  async function seenBook(): Promise<{ input: string; log: Awaited<ReturnType<typeof logOf>>; wangKey: string }> {
    const { input } = await twoPeople();
    expect(await verify("wang", input)).toBe(0);
    clearOutput();
    return { input, log: await logOf(input), wangKey: (await keyOf("wang")).keyId };
  }

  const at = (log: Awaited<ReturnType<typeof logOf>>, index: number) => `${log[index].sheet}!row ${log[index].row}: `;

  it.each<[string, (e: HashedAuditEntry[]) => HashedAuditEntry[] | Promise<HashedAuditEntry[]>, (log: Awaited<ReturnType<typeof logOf>>, key: string) => string[]]>([
    ["the last row edited", (e) => rechain([...e.slice(0, 4), { ...e[4], comment: "approved by phone" }]), (log, key) => [`${at(log, 4)}This audit log entry's signature does not verify (key ${key})`, "entry 5 is not the one you saw"]],
    ["a forged row appended", (e) => [...e, chainEntry({ ...fields(e[4]), planId: "EC-6", from: "Draft", to: "DeptApproved", actor: "部长", role: "departmentHead" }, e[4])], (log) => [`${log[0].sheet}!row ${log[4].row + 1}: This audit log entry is not signed, but the log is signed from entry 1 on`]],
    ["the last row deleted", (e) => e.slice(0, 4), () => ["Compared with what this computer saw of this workbook: The audit log was rolled back or rewritten since you last saw it on", "1 entries are missing"]],
    ["a middle row edited and everything after it re-chained", (e) => rechain([...e.slice(0, 2), { ...e[2], comment: "no comment" }, ...e.slice(3)]), (log) => [`${at(log, 2)}This audit log entry's signature does not verify`, "entry 5 is not the one you saw"]],
    ["two rows swapped and re-chained", (e) => rechain([e[0], e[1], e[3], e[2], e[4]]), (log, key) => [`${at(log, 2)}This audit log entry's signature does not verify (key ${key})`]],
    ["two rows swapped, their numbers kept", (e) => [e[0], e[2], e[1], e[3], e[4]], (log) => [`${at(log, 1)}This audit log row and the next one were swapped`]],
    ["the whole log wiped, head included", () => [], () => ["The AuditLog is gone, although the add-in has written it in this workbook", "5 entries are missing"]],
    [
      "the last row re-signed with an outsider's key",
      async (e) => [...e.slice(0, 4), await signEntry({ ...fields(e[4]), comment: "approved by phone" }, e[3], await outsider())],
      (log) => [`${at(log, 4)}This audit log entry is signed with key `, "which no earlier entry published"],
    ],
  ])("%s: exit 1, named", async (_what, edit, expected) => {
    const { input, log, wangKey } = await seenBook();
    await forge(input, edit);
    expect(await verify("wang", input)).toBe(1);
    for (const text of expected(log, wangKey)) expect(said()).toContain(text);
  });

  it("the AuditHead deleted: exit 1, the head is missing", async () => {
    const { input } = await seenBook();
    await forge(input, (e) => e, "deleted");
    expect(await verify("wang", input)).toBe(1);
    expect(said()).toContain("The AuditHead table is missing, so rows cut off the end of the audit log cannot be noticed");
  });
});

describe("witnessed heads", () => {
  it("an earlier copy is reported as rolled back against this computer's witness; --older-copy accepts it and keeps the witness", async () => {
    const { input, early } = await twoPeople();
    expect(await verify("wang", input)).toBe(0);
    clearOutput();
    expect(await verify("wang", early)).toBe(1);
    expect(said()).toMatch(/Compared with what this computer saw of this workbook: The audit log was rolled back or rewritten since you last saw it on \d{4}-\d{2}-\d{2} \d{2}:\d{2}: 2 entries are missing\./u);
    expect(said()).toContain(`If ${early} is an older copy, say so: mkt-rulebook verify-log ${early} --older-copy`);
    clearOutput();
    expect(await verify("wang", early, "--older-copy")).toBe(0);
    expect(said()).toContain("Checked as an older copy: what this computer saw of this workbook (5 entries, on");
    clearOutput();
    // The newer original still verifies: the witness was kept at 5 entries.
    expect(await verify("wang", input)).toBe(0);
    const witnesses = JSON.parse(await readFile(join(profiles.dir("wang"), "witnesses.json"), "utf8"));
    expect(Object.values(witnesses)).toEqual([expect.objectContaining({ count: 5 })]);
  });

  it("act refuses a rolled-back copy; with --older-copy and --out it acts, on a copy with its own ID", async () => {
    const { input, early } = await twoPeople();
    expect(await verify("wang", input)).toBe(0);
    clearOutput();
    const out = join(sandbox.dir, "fork.xlsx");
    const act = (...more: string[]) => as("wang", "act", early, "--id", "DA-1", "--action", "approve", ...WANG, "--out", out, ...more);
    expect(await act()).toBe(1);
    expect(said()).toContain("Not done: The audit log was rolled back or rewritten since you last saw it on");
    expect(said()).toContain("If this file is an older copy, run again with --older-copy");
    clearOutput();
    expect(await act("--older-copy")).toBe(0);
    expect(await verify("wang", input)).toBe(0);
    expect(await verify("wang", out)).toBe(0);
  });

  it("--export-head prints the head as JSON; --witness FILE.json compares with it (another profile), and catches the earlier copy", async () => {
    const { input, early } = await twoPeople();
    expect(await verify("wang", input, "--export-head")).toBe(0);
    const head = JSON.parse(stdout());
    expect(head).toEqual({ workbookId: expect.stringMatching(/^[0-9a-f-]{36}$/), count: 5, lastHash: (await logOf(input))[4].entry.hash, signedFrom: 0, seenAt: expect.any(String) });
    const headFile = join(sandbox.dir, "head.json");
    await writeFile(headFile, stdout());
    const wangKey = (await keyOf("wang")).keyId;

    clearOutput();
    expect(await verify("finance", input, "--witness", headFile, "--trust", wangKey)).toBe(0);
    clearOutput();
    expect(await verify("finance", early, "--witness", headFile)).toBe(1);
    expect(said()).toContain(`Compared with the head in ${headFile}: The audit log was rolled back or rewritten since you last saw it on`);
    expect(said()).toContain("2 entries are missing");

    clearOutput();
    await writeFile(headFile, JSON.stringify({ ...head, workbookId: "another-workbook" }));
    expect(await verify("finance", input, "--witness", headFile)).toBe(1);
    expect(said()).toContain(`${headFile} is the head of workbook another-workbook, but this workbook's ID is ${head.workbookId}`);
  });

  it("a witness file that is missing or not a head is one line (exit 1); --export-head refuses a broken log", async () => {
    const { input } = await twoPeople();
    const headFile = join(sandbox.dir, "head.json");
    expect(await verify("wang", input, "--witness", headFile)).toBe(1);
    expect(linesOf(said())).toEqual([`${headFile}: no such file.`]);
    clearOutput();
    await writeFile(headFile, JSON.stringify({ count: 5 }));
    expect(await verify("wang", input, "--witness", headFile)).toBe(1);
    expect(linesOf(said())).toEqual([`${headFile} is not a log head written by --export-head (JSON with workbookId, count, lastHash and seenAt).`]);
    clearOutput();
    await forge(input, (e) => e, "deleted");
    expect(await verify("wang", input, "--export-head")).toBe(1);
    expect(stdout()).toBe("");
    expect(said()).toContain("No head exported: the log has the problems above");
  });
});

describe("the compiled command", () => {
  it("act and verify-log through bin/mkt-rulebook.cjs: the key made (0600), the log verified, its head exported", async () => {
    const input = join(sandbox.dir, "book.xlsx");
    await writeFile(input, new Uint8Array((await buildExcelJsWorkbook(book({ requests: REQUESTS.slice(0, 11) })).xlsx.writeBuffer()) as ArrayBuffer));
    const env = { MKT_RULEBOOK_HOME: profiles.dir("zhao") };
    const acted = runBin(["act", input, "--id", "EC-1", "--action", "approve", ...CHEN, "--in-place"], { env });
    expect(acted.stderr).toContain("A signing key was made for 陈总裁 (President)");
    expect(acted.status).toBe(0);
    expect((await stat(join(profiles.dir("zhao"), "key.json"))).mode & 0o777).toBe(0o600);
    const verified = runBin(["verify-log", input], { env });
    expect([verified.status, verified.stdout]).toEqual([0, "entries=3 intact=true signedFrom=1\n"]);
    const exported = runBin(["verify-log", input, "--export-head"], { env });
    expect(JSON.parse(exported.stdout)).toMatchObject({ count: 3, signedFrom: 0 });
  });
});
