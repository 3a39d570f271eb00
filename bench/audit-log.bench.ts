import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPair, keyPairSigner, publicKeyText, verifyChain, verifySignedLog, type AuditEntry } from "../src/rules";
import { appendAuditEntries, readAuditLog, takeKeyStep, type LogSigner } from "../src/services";
import { XlsxWorkbook } from "../src/workbook/xlsx";
import { formatNumber, formatTable, median } from "./measure";
import { failure, nodeRunner } from "./node-process";

/** A busy year of approvals: about 80 signed steps a working day. */
const ENTRIES = 20_000;
/** Entries appended per write, as a bulk rebate move writes them. */
const BATCH = 500;
/** verify-log, as a whole process, may take at most this long per signed entry (start-up included). */
const MAX_MS_PER_ENTRY = 1;
const MAX_PEAK_BYTES = 2e9;
const REPEATS = 3;
const CLI = join(process.cwd(), "bin", "mkt-rulebook.cjs");
const SAMPLE = join(process.cwd(), "assets", "sample-workbook.xlsx");

const count = (n: number) => n.toLocaleString("en-US");

interface Person {
  readonly name: string;
  readonly role: string;
  readonly signer: LogSigner;
}

async function person(name: string, role: string): Promise<Person> {
  const pair = await generateSigningKeyPair();
  return { name, role, signer: { ...(await keyPairSigner(pair)), publicKey: await publicKeyText(pair.publicKey) } };
}

const stepOf = (who: Person, n: number): Omit<AuditEntry, "seq"> => ({
  time: new Date(Date.UTC(2025, 0, 1, 8) + n * 60_000).toISOString(),
  planId: `BENCH-${n}`,
  action: "approve",
  from: "Submitted",
  to: "Approved",
  actor: who.name,
  role: who.role,
  comment: "",
});

/**
 * The sample workbook with a long signed log: a director publishes the first key, approves
 * three colleagues' keys, and the four take turns writing batches of steps, as the add-in
 * writes them (appendAuditEntries), so that every key is introduced and nothing warns.
 */
async function signedLogWorkbook(file: string): Promise<void> {
  const book = await XlsxWorkbook.open(await readFile(SAMPLE), { file });
  const { tables } = book;
  const director = await person("王总", "director");
  const others = [await person("李娜", "finance"), await person("周敏", "marketingAssistant"), await person("赵强", "marketingManager")];
  await takeKeyStep(tables, { kind: "publish" }, director, { signer: director.signer });
  for (const other of others) {
    await takeKeyStep(tables, { kind: "publish" }, other, { signer: other.signer });
    await takeKeyStep(tables, { kind: "approve", keyId: other.signer.keyId }, director, { signer: director.signer });
  }
  const people = [director, ...others];
  for (let n = 0, turn = 0; n < ENTRIES; n += BATCH, turn++) {
    const who = people[turn % people.length];
    const batch = Array.from({ length: Math.min(BATCH, ENTRIES - n) }, (_, i) => stepOf(who, n + i));
    await appendAuditEntries(tables, batch, "en", { signer: who.signer });
  }
  await writeFile(file, await book.save());
}

/** The rules alone over the entries already read: the chain, then every signature. */
async function inProcess(file: string): Promise<{ entries: number; chainMs: number; signaturesMs: number; problems: number }> {
  const { tables } = await XlsxWorkbook.open(await readFile(file), { file });
  const entries = (await readAuditLog(tables)).map((r) => r.entry);
  const chainTimes: number[] = [];
  const signatureTimes: number[] = [];
  let problems = 0;
  for (let i = 0; i < REPEATS; i++) {
    let start = performance.now();
    if (verifyChain(entries)) problems++;
    chainTimes.push(performance.now() - start);
    start = performance.now();
    problems += (await verifySignedLog(entries)).problems.length;
    signatureTimes.push(performance.now() - start);
  }
  return { entries: entries.length, chainMs: median(chainTimes), signaturesMs: median(signatureTimes), problems };
}

/**
 * `verify-log` on the file as a user runs it, median of REPEATS, each with a fresh profile (no
 * head seen, no keys known: the log's keys are all introduced, so none warns).
 */
async function verifyLogRuns(dir: string, file: string) {
  const runner = await nodeRunner(dir);
  const runs = [];
  for (let i = 0; i < REPEATS; i++) {
    process.env.MKT_RULEBOOK_HOME = await mkdtemp(join(dir, "profile-"));
    runs.push(await runner.run([CLI, "verify-log", file, "--lang", "en"]));
  }
  delete process.env.MKT_RULEBOOK_HOME;
  return runs;
}

export async function runAuditLogBenchmarks(): Promise<{ table: string; ok: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), "mkt-bench-log-"));
  try {
    const file = join(dir, "signed-log.xlsx");
    const made = performance.now();
    await signedLogWorkbook(file);
    const writeMs = performance.now() - made;
    const rules = await inProcess(file);
    const runs = await verifyLogRuns(dir, file);
    const failed = runs.map(failure).find((f) => f !== undefined);
    const ms = median(runs.map((r) => r.ms));
    const peak = Math.max(...runs.map((r) => r.maxRssBytes));
    const intact = runs.every((r) => r.stdout.includes(`entries=${rules.entries} intact=true`));
    const fast = ms <= MAX_MS_PER_ENTRY * rules.entries;
    const ok = failed === undefined && intact && rules.problems === 0 && fast && peak <= MAX_PEAK_BYTES;
    const mark = (met: boolean, note: string) => (met ? note : `${note}  ✗ MISSED`);
    const rows = [
      ["writing the log: appendAuditEntries in batches of " + count(BATCH), `${formatNumber(writeMs)} ms`, `${count(rules.entries)} entries, 4 signers`],
      ["rules: verifyChain (SHA-256 chain)", `${formatNumber(rules.chainMs)} ms`, `${formatNumber(rules.entries / (rules.chainMs / 1000))} entries/s`],
      ["rules: verifySignedLog (ECDSA P-256 signatures)", `${formatNumber(rules.signaturesMs)} ms`, mark(rules.problems === 0, `${formatNumber(rules.entries / (rules.signaturesMs / 1000))} entries/s; ${rules.problems} problems`)],
      [`\`mkt-rulebook verify-log\` (median of ${REPEATS})`, `${formatNumber(ms)} ms`, mark(failed === undefined && intact && fast, `target ≤ ${MAX_MS_PER_ENTRY} ms per entry (${count(MAX_MS_PER_ENTRY * rules.entries)} ms); ${failed ?? (intact ? "exit 0, intact" : "not reported intact")}`)],
      ["its peak memory", `${count(Math.round(peak / 1e6))} MB`, mark(peak <= MAX_PEAK_BYTES, `target ≤ ${count(MAX_PEAK_BYTES / 1e6)} MB`)],
    ];
    return { table: `A signed audit log of ${count(ENTRIES)} steps in the sample workbook\n\n${formatTable(["measure", "value", "note"], rows)}`, ok };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
