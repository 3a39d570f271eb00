import type { KeyRegistry, RegisteredKey } from "../../src/rules";
import { keyRows, myKeyStanding } from "../../src/taskpane/pages/keys/key-view";

const key = (keyId: string, name: string, role: string, state: RegisteredKey["state"]): RegisteredKey => ({ keyId, key: `text-${keyId}`, name, role, firstSeen: "2026-11-30T08:00:00.000Z", state, row: 0 });

/** 王总 (director) with an introduced key and a pending laptop; 李娜 (finance) pending; 周敏 (assistant) introduced; an old key of 周敏 revoked. */
const registry: KeyRegistry = new Map(
  [
    key("aaaaaaaaaaaaaaaa", "王总", "director", "introduced"),
    key("bbbbbbbbbbbbbbbb", "王总", "director", "pending"),
    key("cccccccccccccccc", "李娜", "finance", "pending"),
    key("dddddddddddddddd", "周敏", "marketingAssistant", "introduced"),
    key("eeeeeeeeeeeeeeee", "周敏", "marketingAssistant", "revoked"),
  ].map((k) => [k.keyId, k]),
);
const WANG = { name: "王总", role: "director" } as const;
const ZHOU = { name: "周敏", role: "marketingAssistant" } as const;
const choices = (rows: ReturnType<typeof keyRows>) => Object.fromEntries(rows.map((r) => [r.key.keyId[0], r.choices.join(",")]));

describe("the key steps offered on the Settings page", () => {
  it("a director with an introduced key: introduces his own pending laptop, approves others' pending keys, revokes any key but the one he signs with", () => {
    const rows = keyRows(registry, WANG, "aaaaaaaaaaaaaaaa");
    expect(rows.map((r) => r.mine)).toEqual([true, false, false, false, false]);
    expect(choices(rows)).toEqual({ a: "", b: "introduce,revoke", c: "approve,revoke", d: "revoke", e: "" });
  });

  it("someone else with an introduced key: only their own keys, revoked ones excepted", () => {
    const zhouNew = key("ffffffffffffffff", "周敏", "marketingAssistant", "pending");
    const withNew: KeyRegistry = new Map([...registry, [zhouNew.keyId, zhouNew]]);
    expect(choices(keyRows(withNew, ZHOU, "dddddddddddddddd"))).toEqual({ a: "", b: "", c: "", d: "", e: "", f: "introduce,revoke" });
  });

  it("a key that is pending, revoked or not in the log takes no step; without an identity nothing is offered", () => {
    expect(Object.values(choices(keyRows(registry, WANG, "bbbbbbbbbbbbbbbb"))).join("")).toBe("");
    expect(Object.values(choices(keyRows(registry, ZHOU, "eeeeeeeeeeeeeeee"))).join("")).toBe("");
    expect(Object.values(choices(keyRows(registry, WANG, "0123456789abcdef"))).join("")).toBe("");
    expect(Object.values(choices(keyRows(registry, undefined, "aaaaaaaaaaaaaaaa"))).join("")).toBe("");
  });

  it("where the user's own key stands", () => {
    expect(myKeyStanding(registry, "aaaaaaaaaaaaaaaa")).toBe("introduced");
    expect(myKeyStanding(registry, "cccccccccccccccc")).toBe("pending");
    expect(myKeyStanding(registry, "0123456789abcdef")).toBe("unpublished");
    expect(myKeyStanding(registry, undefined)).toBeUndefined();
  });
});
