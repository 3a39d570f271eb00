import { baselineComment, chainBreakError, chainEntry, entryHash, GENESIS_HASH, headOf, loggedStatuses, parseBaseline, verifyChain, type ChainBreak, type ChainHead, type HashedAuditEntry } from "../../src/rules";
import { describeRuleError } from "../../src/i18n";

function log(count: number): HashedAuditEntry[] {
  const entries: HashedAuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push(
      chainEntry(
        { time: `2026-03-0${i + 1}T08:00:00.000Z`, planId: `P-00${i}`, action: "approve", from: "Draft", to: "Reviewed", actor: "王芳", role: "marketingAssistant", comment: i === 1 ? "预算合理" : "" },
        entries[entries.length - 1],
      ),
    );
  }
  return entries;
}

describe("audit chain", () => {
  it("hashes are SHA-256 hex over the entry and the previous hash", () => {
    const [first] = log(1);
    expect(first.seq).toBe(1);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(entryHash(first, GENESIS_HASH));
    expect(entryHash({ ...first, comment: "x" }, GENESIS_HASH)).not.toBe(first.hash);
  });

  it("an untouched log verifies, with or without its head", () => {
    const entries = log(5);
    expect(verifyChain(entries)).toBeUndefined();
    expect(verifyChain(entries, { count: 5, lastHash: entries[4].hash })).toBeUndefined();
    expect(verifyChain([])).toBeUndefined();
  });

  it.each(["comment", "actor", "to", "time"] as const)("an edited %s is named as the altered row", (field) => {
    const entries = log(5);
    entries[2] = { ...entries[2], [field]: "tampered" };
    expect(verifyChain(entries)).toEqual({ kind: "altered", index: 2 });
  });

  it("a deleted row is named with the missing sequence numbers", () => {
    const entries = log(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toEqual({ kind: "deleted", index: 1, missingFrom: 2, missingTo: 2 });
  });

  it("an inserted row is named, whether it repeats a sequence number or forges its hash", () => {
    const entries = log(4);
    const copy = { ...entries[1], comment: "forged" };
    expect(verifyChain([...entries.slice(0, 2), copy, ...entries.slice(2)])).toEqual({ kind: "inserted", index: 2 });
    // A forged row chained in with a recomputed hash, the rows after it renumbered: the forged row is named, not the first renumbered one.
    const renumbered = entries.map((e, i) => (i >= 2 ? { ...e, seq: e.seq + 1 } : e));
    const forged = chainEntry({ time: "2026-03-09T00:00:00Z", planId: "P-X", action: "approve", from: "Draft", to: "Approved", actor: "x", role: "director", comment: "" }, entries[1]);
    expect(verifyChain([...renumbered.slice(0, 2), forged, ...renumbered.slice(2)])).toEqual({ kind: "inserted", index: 2 });
    // The same forged row, the rows after it left as they were: their repeated number gives it away.
    expect(verifyChain([...entries.slice(0, 2), forged, ...entries.slice(2)])).toEqual({ kind: "inserted", index: 2 });
  });

  it("rows cut off the end are caught by the head", () => {
    const entries = log(5);
    expect(verifyChain(entries.slice(0, 3), { count: 5, lastHash: entries[4].hash })).toEqual({ kind: "truncated", expectedCount: 5, actualCount: 3 });
  });
});

const forgedRow = { time: "2026-04-01T00:00:00.000Z", planId: "P-666", action: "approve", from: "Reviewed", to: "Approved", actor: "李四", role: "director", comment: "" };

/** Rows appended with recomputed hashes, as someone who knows the formula would. */
function appendForged(entries: readonly HashedAuditEntry[], count: number): HashedAuditEntry[] {
  const out = [...entries];
  for (let i = 0; i < count; i++) out.push(chainEntry({ ...forgedRow, planId: `P-66${i}` }, out.at(-1)));
  return out;
}

/** The log with `entries[index]` replaced by `fields` and every hash from there on recomputed: a rewrite that only the head can catch. */
function rewriteFrom(entries: readonly HashedAuditEntry[], index: number, fields: Partial<HashedAuditEntry>): HashedAuditEntry[] {
  const out = entries.slice(0, index);
  entries.slice(index).forEach((e, i) => out.push(chainEntry({ ...e, ...(i === 0 ? fields : {}) }, out.at(-1))));
  return out;
}

const swap = (entries: readonly HashedAuditEntry[], i: number) => entries.map((e, j) => (j === i ? entries[i + 1] : j === i + 1 ? entries[i] : e));
const without = (entries: readonly HashedAuditEntry[], i: number) => entries.filter((_e, j) => j !== i);

describe("each break kind, at every boundary (a five-row log and its head)", () => {
  const entries = log(5);
  const head = headOf(entries) as ChainHead;
  const cases: readonly [string, HashedAuditEntry[], ChainHead | undefined, ChainBreak | undefined][] = [
    ["an untouched log", entries, head, undefined],
    ["the first row edited", [{ ...entries[0], actor: "李四" }, ...entries.slice(1)], head, { kind: "altered", index: 0 }],
    ["the last row edited", [...entries.slice(0, 4), { ...entries[4], to: "Approved" }], head, { kind: "altered", index: 4 }],
    ["the last row's hash edited", [...entries.slice(0, 4), { ...entries[4], hash: "f".repeat(64) }], head, { kind: "altered", index: 4 }],
    ["the first row deleted", entries.slice(1), head, { kind: "deleted", index: 0, missingFrom: 1, missingTo: 1 }],
    ["a middle row deleted", without(entries, 2), head, { kind: "deleted", index: 2, missingFrom: 3, missingTo: 3 }],
    ["two middle rows deleted", [...entries.slice(0, 1), ...entries.slice(3)], head, { kind: "deleted", index: 1, missingFrom: 2, missingTo: 3 }],
    ["the last row deleted", entries.slice(0, 4), head, { kind: "truncated", expectedCount: 5, actualCount: 4 }],
    ["every row deleted", [], head, { kind: "truncated", expectedCount: 5, actualCount: 0 }],
    ["the first two rows swapped", swap(entries, 0), head, { kind: "swapped", index: 0 }],
    ["two middle rows swapped", swap(entries, 2), head, { kind: "swapped", index: 2 }],
    ["the last two rows swapped", swap(entries, 3), head, { kind: "swapped", index: 3 }],
    ["a forged first row chained in", [chainEntry(forgedRow, undefined), ...entries], head, { kind: "inserted", index: 0 }],
    ["a forged row numbered 0 slipped in before the first", [{ ...chainEntry(forgedRow, undefined), seq: 0 }, ...entries], head, { kind: "inserted", index: 0 }],
    ["a row slipped in with the number and hash of the row after it, its fields edited", [...entries.slice(0, 2), { ...entries[2], to: "Approved" }, ...entries.slice(2)], head, { kind: "inserted", index: 2 }],
    ["a forged row chained in before the last", [...entries.slice(0, 4), chainEntry(forgedRow, entries[3]), entries[4]], head, { kind: "inserted", index: 4 }],
    ["one forged row appended, head left as it was", appendForged(entries, 1), head, { kind: "appended", index: 5, added: 1 }],
    ["three forged rows appended, head left as it was", appendForged(entries, 3), head, { kind: "appended", index: 5, added: 3 }],
    ["the last row rewritten with its hash, head left as it was", rewriteFrom(entries, 4, { to: "Rejected" }), head, { kind: "headMismatch", index: 4, count: 5 }],
    ["a middle row rewritten and everything after it re-chained", rewriteFrom(entries, 1, { comment: "ok" }), head, { kind: "headMismatch", index: 4, count: 5 }],
    ["the last row rewritten and a row appended", appendForged(rewriteFrom(entries, 4, { to: "Rejected" }), 1), head, { kind: "headMismatch", index: 4, count: 5 }],
    ["head count one less than the rows", entries, { count: 4, lastHash: entries[3].hash }, { kind: "appended", index: 4, added: 1 }],
    ["head count one more than the rows", entries, { count: 6, lastHash: entries[4].hash }, { kind: "truncated", expectedCount: 6, actualCount: 5 }],
    ["head count equal, another hash", entries, { count: 5, lastHash: entries[3].hash }, { kind: "headMismatch", index: 4, count: 5 }],
    ["head count 1 of a one-row log", entries.slice(0, 1), { count: 1, lastHash: entries[0].hash }, undefined],
    ["head count text (NaN)", entries, { count: Number.NaN, lastHash: head.lastHash }, { kind: "headUnreadable", field: "count" }],
    ["head count 0", entries, { count: 0, lastHash: head.lastHash }, { kind: "headUnreadable", field: "count" }],
    ["head count negative", entries, { count: -5, lastHash: head.lastHash }, { kind: "headUnreadable", field: "count" }],
    ["head count a fraction", entries, { count: 4.5, lastHash: head.lastHash }, { kind: "headUnreadable", field: "count" }],
    ["head hash blank", entries, { count: 5, lastHash: "" }, { kind: "headUnreadable", field: "lastHash" }],
    ["head hash 63 digits", entries, { count: 5, lastHash: head.lastHash.slice(1) }, { kind: "headUnreadable", field: "lastHash" }],
    ["head hash not hex", entries, { count: 5, lastHash: `${head.lastHash.slice(1)}g` }, { kind: "headUnreadable", field: "lastHash" }],
    ["head hash 65 digits", entries, { count: 5, lastHash: `${head.lastHash}0` }, { kind: "headUnreadable", field: "lastHash" }],
    ["head hash after another digit", entries, { count: 5, lastHash: `0${head.lastHash}` }, { kind: "headUnreadable", field: "lastHash" }],
    ["head hash in capitals, spaces around", entries, { count: 5, lastHash: ` ${head.lastHash.toUpperCase()} ` }, undefined],
  ];

  it.each(cases)("%s", (_name, changed, givenHead, expected) => {
    expect(verifyChain(changed, givenHead)).toEqual(expected);
  });

  it("a row numbered lower than the one before it is the intruder itself, unless it is that row's number, even when its hash chains past that row", () => {
    // A forged row chained in after row 2, then a copy of row 3 numbered 1 and chained to row 2 as well: the row numbered 1 is named, not the row before it.
    const forged = chainEntry(forgedRow, entries[1]);
    const renumbered = { ...entries[2], seq: 1, hash: entryHash({ ...entries[2], seq: 1 }, entries[1].hash) };
    expect(verifyChain([...entries.slice(0, 2), forged, renumbered, ...entries.slice(3)], head)).toEqual({ kind: "inserted", index: 3 });
  });

  it("a row break is named before anything the head says", () => {
    expect(verifyChain([{ ...entries[0], comment: "x" }, ...entries.slice(1)], { count: Number.NaN, lastHash: "" })).toEqual({ kind: "altered", index: 0 });
  });

  it("a missing head is a break only when required, and only for a log with entries", () => {
    expect(verifyChain(entries)).toBeUndefined();
    expect(verifyChain(entries, undefined, {})).toBeUndefined();
    expect(verifyChain(entries, undefined, { headRequired: false })).toBeUndefined();
    expect(verifyChain(entries, undefined, { headRequired: true })).toEqual({ kind: "headMissing", count: 5 });
    expect(verifyChain(entries.slice(0, 1), undefined, { headRequired: true })).toEqual({ kind: "headMissing", count: 1 });
    expect(verifyChain([], undefined, { headRequired: true })).toBeUndefined();
    expect(verifyChain(entries, head, { headRequired: true })).toBeUndefined();
  });

  it("the head of an intact log is its length and last hash", () => {
    expect(headOf(entries)).toEqual({ count: 5, lastHash: entries[4].hash });
    expect(headOf([])).toBeUndefined();
  });
});

describe("an old, unsigned log", () => {
  // Written by the add-in before entries were signed (hashes computed by that version): they must verify as they always did.
  const oldLog: HashedAuditEntry[] = [
    { seq: 1, time: "2026-03-01T08:00:00.000Z", planId: "P-001", action: "approve", from: "Draft", to: "Reviewed", actor: "王芳", role: "marketingAssistant", comment: "预算合理", hash: "845b205dd95514afadf6ec7f43c7f735a9edb249fdcd360e15d33e3a60137e1c" },
    { seq: 2, time: "2026-03-02T08:00:00.000Z", planId: "P-002", action: "reject", from: "Reviewed", to: "Rejected", actor: "李四", role: "director", comment: 'a"b', hash: "4e02b0674c52e8b3853ff1b7203cbd7467f03b3d4c547d1cea9654e27ebc27fc" },
  ];

  it("still verifies, with its head, without it, and when read back with blank keyIds", () => {
    expect(verifyChain(oldLog)).toBeUndefined();
    expect(verifyChain(oldLog, { count: 2, lastHash: oldLog[1].hash })).toBeUndefined();
    expect(verifyChain(oldLog.map((e) => ({ ...e, keyId: "", signature: "" })), { count: 2, lastHash: oldLog[1].hash })).toBeUndefined();
  });

  it("chainEntry still writes the same hashes; a keyId changes the hash", () => {
    const [first, second] = oldLog.map(({ hash: _hash, seq: _seq, ...fields }) => fields);
    const rebuilt = chainEntry(first, undefined);
    expect(rebuilt.hash).toBe(oldLog[0].hash);
    expect(chainEntry(second, rebuilt).hash).toBe(oldLog[1].hash);
    expect(entryHash({ ...oldLog[0], keyId: "0123456789abcdef" }, GENESIS_HASH)).not.toBe(oldLog[0].hash);
  });
});

describe("break messages", () => {
  const breaks: readonly [ChainBreak, string, string][] = [
    [{ kind: "altered", index: 1 }, "edited after it was written", "被修改过"],
    [{ kind: "inserted", index: 1 }, "slipped into", "插入了一行"],
    [{ kind: "deleted", index: 1, missingFrom: 2, missingTo: 3 }, "sequence numbers 2–3 are missing", "缺少序号 2–3"],
    [{ kind: "swapped", index: 1 }, "swapped", "调换"],
    [{ kind: "appended", index: 5, added: 2 }, "2 row(s) were added to the end of the audit log without the add-in: the AuditHead counts 5", "有 2 行不是由加载项添加的"],
    [{ kind: "truncated", expectedCount: 5, actualCount: 3 }, "should hold 5 entries but holds 3", "应有 5 条记录，现只有 3 条"],
    [{ kind: "headMissing", count: 4 }, "AuditHead table is missing", "审计链头表不见了"],
    [{ kind: "headUnreadable", field: "count" }, "Count is not a positive whole number", "条数不是正整数"],
    [{ kind: "headUnreadable", field: "lastHash" }, "LastHash is not a hash", "末条哈希不是哈希值"],
    [{ kind: "headMismatch", index: 4, count: 5 }, "another hash for entry 5", "第 5 条记录的哈希与日志不同"],
  ];
  it.each(breaks)("%j reads accurately in English and Chinese", (found, english, chinese) => {
    const error = chainBreakError(found);
    expect(describeRuleError(error, "en")).toContain(english);
    expect(describeRuleError(error, "zh")).toContain(chinese);
    expect(describeRuleError(error, "en")).not.toMatch(/\{\{|NaN|undefined/u);
    expect(describeRuleError(error, "zh")).not.toMatch(/\{\{|NaN|undefined/u);
    // A #VALUE! error in a cell.
    expect(error.kind).toBe("value");
  });
});

describe("the Baseline and the statuses the log records (SPEC §5.4)", () => {
  const e = (planId: string, action: string, to: string, comment = "") => ({ seq: 0, time: "", planId, action, from: "", to, actor: "", role: "", comment });

  it("the baseline's comment is sorted ID=Status pairs, blank IDs left out, and reads back", () => {
    const items = [{ id: " PR-2 ", status: "Draft" }, { id: "EC-1", status: "Approved" }, { id: "", status: "Paid" }, { id: "a;b=c%", status: "Draft" }, { id: "  ", status: "Paid" }];
    expect(baselineComment(items)).toBe("EC-1=Approved;PR-2=Draft;a%3Bb%3Dc%25=Draft");
    expect(parseBaseline("EC-1=Approved;PR-2=Draft;a%3Bb%3Dc%25=Draft")).toEqual([{ id: "EC-1", status: "Approved" }, { id: "PR-2", status: "Draft" }, { id: "a;b=c%", status: "Draft" }]);
    expect(baselineComment([])).toBe("");
    expect(parseBaseline("")).toEqual([]);
  });

  it("the last status is the last entry's To after the baseline; IDs ignore case and spaces", () => {
    expect(loggedStatuses([e("P-1", "approve", "Reviewed")])).toEqual({ baseline: false, statuses: new Map([["p-1", "Reviewed"]]) });
    const logged = loggedStatuses([e("P-1", "approve", "Reviewed"), e("", "Baseline", "", "P-1=Approved;P-2=Draft"), e(" p-2 ", "approve", "DirectorApproved")]);
    expect(logged).toEqual({ baseline: true, statuses: new Map([["p-1", "Approved"], ["p-2", "DirectorApproved"]]) });
  });

  it("an ID named twice in a baseline is sorted by its status", () => {
    expect(baselineComment([{ id: "P-1", status: "Draft" }, { id: "P-1", status: "Approved" }, { id: "P-0", status: "Paid" }, { id: "P-1", status: "Draft" }])).toBe("P-0=Paid;P-1=Approved;P-1=Draft;P-1=Draft");
    expect(baselineComment([{ id: "P-1", status: "Approved" }, { id: "P-1", status: "Draft" }])).toBe("P-1=Approved;P-1=Draft");
  });

  it("cells read back with spaces count as written; entries with a blank ID or To record no status", () => {
    const logged = loggedStatuses([e("P-1", "approve", " Reviewed "), e("", " Baseline ", "", "P-2=Draft"), e("  ", "approve", "Approved"), e("P-3", "approve", "  "), e("P-2", "approve", "")]);
    expect(logged).toEqual({ baseline: true, statuses: new Map([["p-1", "Reviewed"], ["p-2", "Draft"]]) });
  });
});
