import {
  compareNumbers,
  compareText,
  fromDay,
  fromLabel,
  groupVersions,
  hashLines,
  hashNumber,
  parseVersionStatus,
  versionsInForce,
  versionsThatMayCount,
  type VersionStatus,
} from "../../src/rules";
import { day } from "./policy-fixtures";

describe("parseVersionStatus (SPEC §4.2)", () => {
  it.each([
    ["Draft", "Draft"],
    ["草稿", "Draft"],
    ["", "Draft"],
    [" ", "Draft"],
    ["Approved", "Approved"],
    ["approved ", "Approved"],
    ["已批准", "Approved"],
    ["Rejected", "Rejected"],
    ["REJECTED", "Rejected"],
    ["已驳回", "Rejected"],
    ["已否决", "Rejected"],
    ["Reviewed", undefined],
    ["x", undefined],
  ])("“%s” → %s", (text, status) => expect(parseVersionStatus(text)).toBe(status));
});

describe("From dates", () => {
  it("a blank From is 1900-01-01, before every dated version", () => {
    expect(fromLabel(undefined)).toBe("1900-01-01");
    expect(fromDay(undefined)).toBe(fromDay(day("1900-01-01")));
    expect(fromDay(undefined)).toBeLessThan(fromDay(day("1900-03-01")));
  });
  it("a day number, whatever the time of day", () => {
    expect(fromDay(new Date(2019, 3, 1, 23, 59))).toBe(fromDay(day("2019-04-01")));
    expect(fromDay(day("2019-04-02")) - fromDay(day("2019-04-01"))).toBe(1);
    expect(fromLabel(day("2019-04-01"))).toBe("2019-04-01");
  });
});

describe("groupVersions", () => {
  const row = (n: number, from: string | undefined, status: string) => ({ row: n, from: from === undefined ? undefined : day(from), status });

  it("one version per From day, oldest first, rows in table order", () => {
    const versions = groupVersions([row(2, "2020-01-01", "Draft"), row(3, undefined, "Draft"), row(4, "2020-01-01", "Draft"), row(5, "2019-01-01", "Draft")], true);
    expect(versions.map((v) => v.rows.map((r) => r.row))).toEqual([[3], [5], [2, 4]]);
    expect(versions.map((v) => v.from)).toEqual([undefined, day("2019-01-01"), day("2020-01-01")]);
  });

  it("without a Status column every row is approved; with one, each row's status counts", () => {
    expect(groupVersions([row(2, undefined, "Draft")], false)[0]).toEqual({ from: undefined, status: "Approved", rows: [row(2, undefined, "Draft")], problems: [] });
    expect(groupVersions([row(2, undefined, "Draft")], true)[0].status).toBe("Draft");
  });

  it("no rows, no versions", () => expect(groupVersions([], true)).toEqual([]));
});

describe("versionsInForce and versionsThatMayCount", () => {
  const v = (from: string | undefined, status: VersionStatus | undefined) => ({ from: from === undefined ? undefined : day(from), status });
  const versions = [v(undefined, "Approved"), v("2019-04-01", "Approved"), v("2019-05-01", "Draft"), v("2019-06-01", "Rejected"), v("2019-07-01", undefined), v("2020-01-01", "Approved")];

  it.each([
    ["1900-01-01", [0]],
    ["2019-03-31", [0]],
    ["2019-04-01", [0, 1]],
    ["2020-01-01", [0, 1, 5]],
  ])("approved with From ≤ %s", (asOf, indexes) => expect(versionsInForce(versions, day(asOf))).toEqual(indexes.map((i) => versions[i])));

  it("every approved one without asOf", () => expect(versionsInForce(versions)).toEqual([versions[0], versions[1], versions[5]]));

  it("those that may count: approved or with a status that is mixed or unreadable, never drafts or rejected ones", () => {
    expect(versionsThatMayCount(versions, day("2019-07-01"))).toEqual([versions[0], versions[1], versions[4]]);
    expect(versionsThatMayCount(versions, day("2019-06-30"))).toEqual([versions[0], versions[1]]);
    expect(versionsThatMayCount(versions)).toEqual([versions[0], versions[1], versions[4], versions[5]]);
  });
});

describe("what the hashes are made of", () => {
  it.each([
    [0.17, "0.17"],
    [17 / 100, "0.17"],
    [13_000, "13000"],
    [0.1 + 0.2, "0.30000000000000004"],
    [-0, "0"],
    [1e21, "1e+21"],
    [undefined, ""],
  ])("hashNumber(%d) = “%s”", (value, text) => expect(hashNumber(value)).toBe(text));

  it("hashLines: SHA-256 hex of the lines joined by \\n, in UTF-8", () => {
    expect(hashLines(["VatRate|||0.13"])).toBe("2d0275adebb456a91b61db4bada36eb6e9d9788076c180dcfdea40a0a633e180");
    expect(hashLines(["BaseRate||9000|0.05", "BaseRate||13000|0.1"])).toBe("52e996787deb73634d1785c27d10ca1ba1951f365d72b16ec7f5babe7c1f74bd");
    // printf '增值税' | sha256sum
    expect(hashLines(["增值税"])).toBe("082d3a8223bf6ce43366bc6b20c92a63929b2dc38887354515488117a1f60763");
  });

  it("compareText: by UTF-16 code units, not by locale", () => {
    expect(compareText("SM", "SR")).toBeLessThan(0);
    expect(compareText("SR", "SM")).toBeGreaterThan(0);
    expect(compareText("SM", "SM")).toBe(0);
    expect(compareText("Z", "a")).toBeLessThan(0);
    expect(compareText("", "A")).toBeLessThan(0);
  });

  it("compareNumbers: by size, blank first", () => {
    expect(compareNumbers(9_000, 13_000)).toBeLessThan(0);
    expect(compareNumbers(13_000, 9_000)).toBeGreaterThan(0);
    expect(compareNumbers(5, 5)).toBe(0);
    expect(compareNumbers(undefined, -1e9)).toBeLessThan(0);
    expect(compareNumbers(-1e9, undefined)).toBeGreaterThan(0);
    expect(compareNumbers(undefined, undefined)).toBe(0);
  });
});
