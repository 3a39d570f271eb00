import fc from "fast-check";
import { describeRuleError } from "../../src/i18n";
import { advanceWitness, chainEntry, compareWithWitness, GENESIS_HASH, parseWitness, witnessBreakError, type AuditEntry, type HashedAuditEntry, type Witness, type WitnessBreak } from "../../src/rules";
import { device, LogBuilder } from "./signing-fixtures";

type Fields = Omit<AuditEntry, "seq">;
const row = (planId: string): Fields => ({ time: "2026-04-01T08:00:00.000Z", planId, action: "approve", from: "Draft", to: "Reviewed", actor: "王芳", role: "marketingAssistant", comment: "" });

function build(rows: readonly Fields[]): HashedAuditEntry[] {
  const out: HashedAuditEntry[] = [];
  for (const r of rows) out.push(chainEntry(r, out.at(-1)));
  return out;
}

const BOOK = "wb-7f3a";
const MARCH = "2026-03-31T09:00:00.000Z";
const APRIL = "2026-04-30T09:00:00.000Z";
const five = build(["P-1", "P-2", "P-3", "P-4", "P-5"].map(row));
const seen: Witness = { workbookId: BOOK, count: 5, lastHash: five[4].hash, seenAt: MARCH };

describe("comparing the log with the head a client saw", () => {
  it.each([
    ["the same log", five, undefined],
    ["the log continued by the add-in", build(["P-1", "P-2", "P-3", "P-4", "P-5", "P-6"].map(row)), undefined],
    ["one entry fewer (the last deleted, head recomputed)", five.slice(0, 4), { kind: "rolledBack", missing: 1, seenAt: MARCH }],
    ["an empty log", [], { kind: "rolledBack", missing: 5, seenAt: MARCH }],
    ["the last entry rewritten", build(["P-1", "P-2", "P-3", "P-4", "P-X"].map(row)), { kind: "rewritten", index: 4, seenAt: MARCH }],
    ["the first entry rewritten and everything re-chained", build(["P-X", "P-2", "P-3", "P-4", "P-5"].map(row)), { kind: "rewritten", index: 4, seenAt: MARCH }],
    ["rewritten and made longer", build(["P-X", "P-2", "P-3", "P-4", "P-5", "P-6"].map(row)), { kind: "rewritten", index: 4, seenAt: MARCH }],
  ] as [string, HashedAuditEntry[], WitnessBreak | undefined][])("%s", (_name, entries, expected) => {
    expect(compareWithWitness(seen, entries)).toEqual(expected);
  });

  it("a witness of an empty log accepts any log", () => {
    expect(compareWithWitness({ workbookId: BOOK, count: 0, lastHash: GENESIS_HASH, seenAt: MARCH }, five)).toBeUndefined();
    expect(compareWithWitness({ workbookId: BOOK, count: 0, lastHash: GENESIS_HASH, seenAt: MARCH }, [])).toBeUndefined();
  });

  it("once signed, always signed: a log seen signed from entry k that has no signed entry up to k now is reported", async () => {
    const zhang = await device("张总", "director");
    const log = new LogBuilder();
    log.step("P-1");
    log.step("P-2");
    await log.publish(zhang);
    await log.act(zhang, "P-3");
    const witness = advanceWitness(undefined, BOOK, log.entries, MARCH);
    expect(witness).toEqual({ workbookId: BOOK, count: 4, lastHash: log.entries[3].hash, signedFrom: 2, seenAt: MARCH });
    expect(compareWithWitness(witness, log.entries)).toBeUndefined();
    // The same rows, unsigned and re-chained, one more: longer, but unsigned where it was signed.
    const unsigned = build([...log.entries.map(({ seq: _s, hash: _h, keyId: _k, signature: _g, ...fields }) => fields), row("P-4")]);
    expect(compareWithWitness(witness, unsigned)).toEqual({ kind: "unsignedAgain", signedFrom: 2, seenAt: MARCH });
    // A signed entry at the witnessed row, or before it, is enough; none up to it is not.
    expect(compareWithWitness({ ...witness, signedFrom: 3 }, log.entries)).toBeUndefined();
    expect(compareWithWitness({ ...witness, signedFrom: 0 }, log.entries)).toEqual({ kind: "unsignedAgain", signedFrom: 0, seenAt: MARCH });
  });
});

describe("advancing the witness", () => {
  it("a first look remembers the log's head", () => {
    expect(advanceWitness(undefined, BOOK, five, MARCH)).toEqual(seen);
    expect(advanceWitness(undefined, BOOK, [], MARCH)).toEqual({ workbookId: BOOK, count: 0, lastHash: GENESIS_HASH, seenAt: MARCH });
  });

  it("moves on over a log that continues it, and to the new date over the same log", () => {
    const six = build(["P-1", "P-2", "P-3", "P-4", "P-5", "P-6"].map(row));
    expect(advanceWitness(seen, BOOK, six, APRIL)).toEqual({ workbookId: BOOK, count: 6, lastHash: six[5].hash, seenAt: APRIL });
    expect(advanceWitness(seen, BOOK, five, APRIL)).toEqual({ ...seen, seenAt: APRIL });
  });

  it("never moves to a shorter, rewritten or broken log: the old witness stays, to report it again", () => {
    expect(advanceWitness(seen, BOOK, five.slice(0, 4), APRIL)).toBe(seen);
    expect(advanceWitness(seen, BOOK, build(["P-X", "P-2", "P-3", "P-4", "P-5", "P-6"].map(row)), APRIL)).toBe(seen);
    const broken = [...five, { ...chainEntry(row("P-6"), five[4]), comment: "edited" }];
    expect(advanceWitness(seen, BOOK, broken, APRIL)).toBe(seen);
  });

  it("a broken log seen first is witnessed as empty; another workbook's witness is replaced", () => {
    const broken = [five[0], { ...five[1], comment: "edited" }];
    expect(advanceWitness(undefined, BOOK, broken, MARCH)).toEqual({ workbookId: BOOK, count: 0, lastHash: GENESIS_HASH, seenAt: MARCH });
    expect(advanceWitness({ ...seen, workbookId: "other" }, BOOK, five.slice(0, 2), APRIL)).toEqual({ workbookId: BOOK, count: 2, lastHash: five[1].hash, seenAt: APRIL });
  });

  it("a log signed from its very first entry is witnessed as signed from entry 0; a log seen unsigned that becomes signed is witnessed from its first signed entry", () => {
    const signedRow = (planId: string): Fields => ({ ...row(planId), keyId: "0123456789abcdef" });
    const signedThroughout = build(["P-1", "P-2"].map(signedRow));
    expect(advanceWitness(undefined, BOOK, signedThroughout, MARCH)).toEqual({ workbookId: BOOK, count: 2, lastHash: signedThroughout[1].hash, signedFrom: 0, seenAt: MARCH });
    const laterSigned = build([...["P-1", "P-2", "P-3", "P-4", "P-5"].map(row), signedRow("P-6")]);
    expect(laterSigned.slice(0, 5)).toEqual(five);
    expect(advanceWitness(seen, BOOK, laterSigned, APRIL)).toEqual({ workbookId: BOOK, count: 6, lastHash: laterSigned[5].hash, signedFrom: 5, seenAt: APRIL });
    expect(parseWitness({ ...seen, signedFrom: 0 })).toEqual({ ...seen, signedFrom: 0 });
    expect(parseWitness({ ...seen, signedFrom: -1 })).toBeUndefined();
  });

  it("keeps the row signing started from", () => {
    const witness = { ...seen, signedFrom: 1 };
    expect(advanceWitness(witness, BOOK, build(["P-1", "P-2", "P-3", "P-4", "P-5", "P-6"].map(row)), APRIL).signedFrom).toBe(1);
  });
});

describe("a witness file (verify-log --witness)", () => {
  it("reads back what advanceWitness writes, through JSON", () => {
    expect(parseWitness(JSON.parse(JSON.stringify(seen)))).toEqual(seen);
    expect(parseWitness({ ...seen, signedFrom: 4 })).toEqual({ ...seen, signedFrom: 4 });
    expect(parseWitness({ ...seen, count: 0, lastHash: GENESIS_HASH })).toEqual({ ...seen, count: 0, lastHash: GENESIS_HASH });
  });

  it.each([
    ["not an object", "head"],
    ["null", null],
    ["no workbook ID", { ...seen, workbookId: undefined }],
    ["a count in text", { ...seen, count: "5" }],
    ["a negative count", { ...seen, count: -1 }],
    ["a fractional count", { ...seen, count: 4.5 }],
    ["a short hash", { ...seen, lastHash: seen.lastHash.slice(1) }],
    ["no date", { ...seen, seenAt: undefined }],
    ["signed from the count", { ...seen, signedFrom: 5 }],
    ["signed from a negative row", { ...seen, signedFrom: -1 }],
    ["signed from text", { ...seen, signedFrom: "2" }],
  ])("%s is not a witness", (_name, value) => {
    expect(parseWitness(value)).toBeUndefined();
  });
});

describe("against an adversary who recomputes every hash and the head (fast-check)", () => {
  const planId = fc.constantFrom("P-1", "P-2", "P-3", "P-4");
  const fieldsArb = fc.record({ time: fc.constantFrom("t1", "t2"), planId, action: fc.constantFrom("approve", "reject"), from: fc.constant("Draft"), to: fc.constantFrom("Reviewed", "Approved"), actor: fc.constantFrom("王芳", "李四"), role: fc.constant("director"), comment: fc.string({ maxLength: 3 }) });
  const change = fc.oneof(
    fc.record({ kind: fc.constant("edit" as const), at: fc.nat(), comment: fc.string({ minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), row: fieldsArb }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("swap" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  );

  it("any single edit, insertion, deletion, swap or truncation is reported by the witness", () => {
    fc.assert(
      fc.property(fc.array(fieldsArb, { minLength: 2, maxLength: 8 }), change, (rows, c) => {
        const n = rows.length;
        const changed = [...rows];
        if (c.kind === "edit") changed[c.at % n] = { ...rows[c.at % n], comment: `${rows[c.at % n].comment}${c.comment}` };
        if (c.kind === "insert") changed.splice(c.at % n, 0, c.row);
        if (c.kind === "delete") changed.splice(c.at % n, 1);
        if (c.kind === "swap") changed.splice(c.at % (n - 1), 2, rows[(c.at % (n - 1)) + 1], rows[c.at % (n - 1)]);
        if (c.kind === "truncate") changed.length = c.at % n;
        // Rows that read the same are the same log: only a real change must be reported.
        fc.pre(JSON.stringify(changed.slice(0, n)) !== JSON.stringify(rows));
        const witness = advanceWitness(undefined, BOOK, build(rows), MARCH);
        const rewritten = build(changed);
        const expected = rewritten.length < n ? { kind: "rolledBack", missing: n - rewritten.length, seenAt: MARCH } : { kind: "rewritten", index: n - 1, seenAt: MARCH };
        expect(compareWithWitness(witness, rewritten)).toEqual(expected);
        expect(advanceWitness(witness, BOOK, rewritten, APRIL)).toBe(witness);
      }),
    );
  });
});

describe("witness messages", () => {
  it.each([
    [{ kind: "rolledBack", missing: 3, seenAt: MARCH }, `since you last saw it on ${MARCH}: 3 entries are missing`, `自您 ${MARCH} 上次查看以来，审计日志被回滚或改写：缺少 3 条记录`],
    [{ kind: "rewritten", index: 4, seenAt: MARCH }, "entry 5 is not the one you saw", "第 5 条记录已不是您当时看到的那一条"],
    [{ kind: "unsignedAgain", signedFrom: 2, seenAt: MARCH }, "signed from entry 3 on", "从第 3 条起已签名"],
  ] as [WitnessBreak, string, string][])("%j reads accurately in English and Chinese", (found, english, chinese) => {
    expect(describeRuleError(witnessBreakError(found), "en")).toContain(english);
    expect(describeRuleError(witnessBreakError(found), "zh")).toContain(chinese);
  });
});
