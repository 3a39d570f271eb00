import fc from "fast-check";
import { chainEntry, headOf, verifyChain, type AuditEntry, type ChainHead, type HashedAuditEntry } from "../../src/rules";

/**
 * The chain against someone who knows the formula, for random logs: every single change is
 * detected given the head, and named with the right kind; a log the add-in wrote is never flagged.
 */
type Fields = Omit<AuditEntry, "seq">;
const text = fc.string({ maxLength: 6 });
const keyId = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 16, maxLength: 16 });
/** Signed and unsigned rows alike: the keyId is hashed when present. */
const fields: fc.Arbitrary<Fields> = fc.record(
  { time: text, planId: text, action: text, from: text, to: text, actor: text, role: text, comment: text, keyId },
  { requiredKeys: ["time", "planId", "action", "from", "to", "actor", "role", "comment"] },
);

function build(rows: readonly Fields[], start: readonly HashedAuditEntry[] = []): HashedAuditEntry[] {
  const out = [...start];
  for (const row of rows) out.push(chainEntry(row, out.at(-1)));
  return out;
}

const chain = (minLength = 1) => fc.array(fields, { minLength, maxLength: 10 }).map((rows) => build(rows));
const headOfChain = (entries: readonly HashedAuditEntry[]) => headOf(entries) as ChainHead;
const EDITABLE = ["time", "planId", "action", "from", "to", "actor", "role", "comment", "hash"] as const;

describe("audit chain properties (fast-check)", () => {
  it("a log the add-in wrote is never flagged, with or without its head", () => {
    fc.assert(
      fc.property(chain(0), (entries) => {
        expect(verifyChain(entries)).toBeUndefined();
        expect(verifyChain(entries, headOf(entries), { headRequired: true })).toBeUndefined();
      }),
    );
  });

  it("any single edit of a field is the altered row", () => {
    fc.assert(
      fc.property(chain(), fc.nat(), fc.constantFrom(...EDITABLE), text, (entries, at, field, value) => {
        const index = at % entries.length;
        fc.pre(entries[index][field] !== value);
        const edited = entries.map((e, i) => (i === index ? { ...e, [field]: value } : e));
        expect(verifyChain(edited, headOfChain(entries))).toEqual({ kind: "altered", index });
      }),
    );
  });

  it("a keyId added, removed or changed is the altered row: a signature cannot be stripped or moved to another key", () => {
    fc.assert(
      fc.property(chain(), fc.nat(), fc.option(keyId, { nil: undefined }), (entries, at, value) => {
        const index = at % entries.length;
        fc.pre((entries[index].keyId ?? "") !== (value ?? ""));
        const edited = entries.map((e, i) => (i === index ? { ...e, keyId: value } : e));
        expect(verifyChain(edited, headOfChain(entries))).toEqual({ kind: "altered", index });
      }),
    );
  });

  it("any edit of a sequence number is detected", () => {
    fc.assert(
      fc.property(chain(), fc.nat(), fc.integer({ min: -3, max: 15 }), (entries, at, seq) => {
        const index = at % entries.length;
        fc.pre(entries[index].seq !== seq);
        const edited = entries.map((e, i) => (i === index ? { ...e, seq } : e));
        expect(verifyChain(edited, headOfChain(entries))).toBeDefined();
      }),
    );
  });

  it("a forged row chained in with a recomputed hash is the inserted row, whether the rows after it are renumbered or not; at the end it is an append", () => {
    fc.assert(
      fc.property(chain(), fc.nat(), fields, fc.boolean(), (entries, at, row, renumber) => {
        const index = at % (entries.length + 1);
        const forged = chainEntry(row, entries[index - 1]);
        const after = entries.slice(index).map((e) => (renumber ? { ...e, seq: e.seq + 1 } : e));
        const expected = index === entries.length ? { kind: "appended", index, added: 1 } : { kind: "inserted", index };
        expect(verifyChain([...entries.slice(0, index), forged, ...after], headOfChain(entries))).toEqual(expected);
      }),
    );
  });

  it("a deleted row is named with its sequence number; the last one deleted is a truncation", () => {
    fc.assert(
      fc.property(chain(), fc.nat(), (entries, at) => {
        const index = at % entries.length;
        const left = entries.filter((_e, i) => i !== index);
        const expected =
          index === entries.length - 1 ? { kind: "truncated", expectedCount: entries.length, actualCount: entries.length - 1 } : { kind: "deleted", index, missingFrom: index + 1, missingTo: index + 1 };
        expect(verifyChain(left, headOfChain(entries))).toEqual(expected);
      }),
    );
  });

  it("two adjacent rows swapped are named as a swap, not a deletion", () => {
    fc.assert(
      fc.property(chain(2), fc.nat(), (entries, at) => {
        const index = at % (entries.length - 1);
        const swapped = entries.map((e, i) => (i === index ? entries[index + 1] : i === index + 1 ? entries[index] : e));
        expect(verifyChain(swapped, headOfChain(entries))).toEqual({ kind: "swapped", index });
      }),
    );
  });

  it("rows cut off the end are a truncation, down to none", () => {
    fc.assert(
      fc.property(chain(), fc.nat(), (entries, at) => {
        const kept = at % entries.length;
        expect(verifyChain(entries.slice(0, kept), headOfChain(entries))).toEqual({ kind: "truncated", expectedCount: entries.length, actualCount: kept });
      }),
    );
  });

  it("rows appended with recomputed hashes, the head left as it was, are an append", () => {
    fc.assert(
      fc.property(chain(), fc.array(fields, { minLength: 1, maxLength: 4 }), (entries, rows) => {
        const longer = build(rows, entries);
        expect(verifyChain(longer, headOfChain(entries))).toEqual({ kind: "appended", index: entries.length, added: rows.length });
      }),
    );
  });

  it("a row rewritten and every hash after it recomputed, the head left as it was, is a head mismatch at the head's last row", () => {
    fc.assert(
      fc.property(chain(), fc.nat(), fc.constantFrom(...EDITABLE.filter((f) => f !== "hash")), text, (entries, at, field, value) => {
        const index = at % entries.length;
        fc.pre(entries[index][field] !== value);
        const rewritten = build(
          entries.slice(index).map(({ seq: _seq, hash: _hash, ...row }, i) => (i === 0 ? { ...row, [field]: value } : row)),
          entries.slice(0, index),
        );
        expect(verifyChain(rewritten, headOfChain(entries))).toEqual({ kind: "headMismatch", index: entries.length - 1, count: entries.length });
      }),
    );
  });
});
