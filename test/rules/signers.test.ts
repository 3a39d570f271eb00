import { describeRuleError } from "../../src/i18n";
import { signersProblemError, signersRows, signersTableProblems, verifySignedLog, type SignerRow, type SignersProblem } from "../../src/rules";
import { device, LogBuilder } from "./signing-fixtures";

async function published() {
  const zhang = await device("张总", "director");
  const wang = await device("王芳", "marketingAssistant");
  const li = await device("李四", "marketingManager");
  const log = new LogBuilder();
  await log.publish(zhang);
  await log.publish(wang);
  await log.approve(wang.keyId, zhang);
  await log.publish(li);
  await log.revoke(li.keyId, zhang);
  const rows = signersRows((await verifySignedLog(log.entries)).registry);
  return { zhang, wang, li, log, rows };
}

describe("the Signers table", () => {
  it("holds one row per published key, in the order the log published them, with its state", async () => {
    const { zhang, wang, li, log, rows } = await published();
    expect(rows).toEqual([
      { name: "张总", role: "director", key: zhang.key, keyId: zhang.keyId, firstSeen: log.entries[0].time, state: "introduced" },
      { name: "王芳", role: "marketingAssistant", key: wang.key, keyId: wang.keyId, firstSeen: log.entries[1].time, state: "introduced" },
      { name: "李四", role: "marketingManager", key: li.key, keyId: li.keyId, firstSeen: log.entries[3].time, state: "revoked" },
    ]);
  });

  it("as the add-in wrote it, in any order and with spaces around values, has no problem", async () => {
    const { rows } = await published();
    expect(signersTableProblems(rows, rows)).toEqual([]);
    expect(signersTableProblems(rows, [...rows].reverse())).toEqual([]);
    expect(signersTableProblems(rows, rows.map((r) => ({ ...r, name: ` ${r.name} `, keyId: `${r.keyId} ` })))).toEqual([]);
    expect(signersTableProblems([], [])).toEqual([]);
  });

  it("names each row edited, added or removed outside the add-in", async () => {
    const { rows, wang } = await published();
    const forged: SignerRow = { ...rows[1], keyId: "0123456789abcdef", key: "forged" };
    const actual: SignerRow[] = [{ ...rows[0], role: "president" }, { ...rows[1], state: "revoked", key: rows[0].key }, forged, { ...rows[1] }];
    expect(signersTableProblems(rows, actual)).toEqual([
      { kind: "edited", index: 0, keyId: rows[0].keyId, fields: ["role"] },
      { kind: "edited", index: 1, keyId: wang.keyId, fields: ["key", "state"] },
      { kind: "added", index: 2, keyId: "0123456789abcdef" },
      { kind: "added", index: 3, keyId: wang.keyId },
      { kind: "removed", keyId: rows[2].keyId, name: "李四" },
    ]);
  });

  it("the first and the last row removed, a blank row added", async () => {
    const { rows } = await published();
    const blank: SignerRow = { name: "", role: "", key: "", keyId: "", firstSeen: "", state: "introduced" };
    expect(signersTableProblems(rows, [rows[1], blank])).toEqual([
      { kind: "added", index: 1, keyId: "" },
      { kind: "removed", keyId: rows[0].keyId, name: "张总" },
      { kind: "removed", keyId: rows[2].keyId, name: "李四" },
    ]);
  });

  it.each([
    [{ kind: "edited", index: 0, keyId: "0123456789abcdef", fields: ["role", "state"] }, "key 0123456789abcdef was edited outside the add-in (role, state)", "在加载项之外被修改（role, state）"],
    [{ kind: "added", index: 0, keyId: "0123456789abcdef" }, "was added outside the add-in", "在加载项之外添加"],
    [{ kind: "removed", keyId: "0123456789abcdef", name: "李四" }, "李四's key 0123456789abcdef was removed", "李四 的密钥 0123456789abcdef 一行在加载项之外被删除"],
  ] as [SignersProblem, string, string][])("%j reads accurately in English and Chinese", (problem, english, chinese) => {
    expect(describeRuleError(signersProblemError(problem), "en")).toContain(english);
    expect(describeRuleError(signersProblemError(problem), "zh")).toContain(chinese);
  });
});
