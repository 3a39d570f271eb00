import { baselineComment, chainEntry, entryHash, GENESIS_HASH, loggedStatuses, parseBaseline, verifyChain, type HashedAuditEntry } from "../../src/rules";

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
    const renumbered = entries.map((e, i) => (i >= 2 ? { ...e, seq: e.seq + 1 } : e));
    const forged = chainEntry({ time: "2026-03-09T00:00:00Z", planId: "P-X", action: "approve", from: "Draft", to: "Approved", actor: "x", role: "director", comment: "" }, entries[1]);
    expect(verifyChain([...renumbered.slice(0, 2), forged, ...renumbered.slice(2)])).toMatchObject({ kind: "altered", index: 3 });
  });

  it("rows cut off the end are caught by the head", () => {
    const entries = log(5);
    expect(verifyChain(entries.slice(0, 3), { count: 5, lastHash: entries[4].hash })).toEqual({ kind: "truncated", expectedCount: 5, actualCount: 3 });
  });
});

describe("the Baseline and the statuses the log records (SPEC §5.4)", () => {
  const e = (planId: string, action: string, to: string, comment = "") => ({ seq: 0, time: "", planId, action, from: "", to, actor: "", role: "", comment });

  it("the baseline's comment is sorted ID=Status pairs, blank IDs left out, and reads back", () => {
    const items = [{ id: " PR-2 ", status: "Draft" }, { id: "EC-1", status: "Approved" }, { id: "", status: "Paid" }, { id: "a;b=c%", status: "Draft" }];
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
});
