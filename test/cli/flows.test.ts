import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { openXlsx } from "../support/xlsx-files";
import { cliSandbox } from "../support/cli-sandbox";
import { rowsOf } from "../services/fixtures";
import { BASELINED, book, REQUESTS } from "../services/flows-fixture";
import { buildExcelJsWorkbook, type Fixture } from "../workbook/harness";
import { profileSandbox } from "./profiles";

const sandbox = cliSandbox("mkt-flows-");
const { stderr } = sandbox;
const profiles = profileSandbox();

/** What the command printed on stdout, line by line. */
function stdout(): string[] {
  const calls = (process.stdout.write as unknown as jest.Mock).mock.calls as unknown[][];
  return calls.map((c) => String(c[0])).join("").split("\n").filter((line) => line !== "");
}

async function write(fixture: Fixture, name = "book.xlsx"): Promise<string> {
  const path = join(sandbox.dir, name);
  await writeFile(path, new Uint8Array((await buildExcelJsWorkbook(fixture).xlsx.writeBuffer()) as ArrayBuffer));
  return path;
}

/** Without the two unreadable rows (BAD-1, BAD-2). */
const readable = () => book({ requests: REQUESTS.slice(0, 11) });

async function statusOf(path: string, id: string) {
  const { tables } = await openXlsx(path);
  const rows = [...(await rowsOf(tables, "Plans")), ...(await rowsOf(tables, "Requests"))];
  return rows.find((r) => r.values.ID === id)?.values.Status;
}

async function logOf(path: string) {
  return (await rowsOf((await openXlsx(path)).tables, "AuditLog")).map((r) => r.values);
}

describe("mkt-rulebook status", () => {
  it("prints every plan and request, one key=value line each, with who acts next and the checks", async () => {
    const input = await write(readable());
    expect(await main(["status", input, "--lang", "en"])).toBe(0);
    const lines = stdout();
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe("id=PR-1 table=Plans row=2 type=promotionPlan status=Approved next= to= checks=requiredFields:ok,budget:ok problems=0");
    expect(lines).toContain("id=EC-1 table=Requests row=2 type=expenseClaim status=FinanceChecked next=president to=Approved checks=requiredFields:ok,budget:ok problems=0");
    expect(lines).toContain("id=EC-6 table=Requests row=7 type=expenseClaim status=Draft next=departmentHead to=DeptApproved checks=requiredFields:failed,budget:failed problems=0");
    expect(lines).toContain("id=RPT-2 table=Requests row=9 type=promotionReport status=Draft next=director to=DirectorApproved checks=requiredFields:ok,link:failed problems=0");
    expect(stderr.join("")).toContain("13 item(s); 10 waiting for a step.");
  });

  it("--id shows one item's checks in words (中文); unreadable rows make exit code 1 and are listed", async () => {
    const input = await write(book());
    expect(await main(["status", input, "--id", "ec-6", "--lang", "zh"])).toBe(0);
    expect(stdout()).toEqual(["id=EC-6 table=Requests row=7 type=expenseClaim status=Draft next=departmentHead to=DeptApproved checks=requiredFields:failed,budget:failed problems=0"]);
    expect(stderr.join("")).toContain("EC-6（费用报销，Requests!第 7 行）：草稿；下一步：部门负责人");
    expect(stderr.join("")).toContain("✗ 必填项：缺少 支付方式");
    expect(stderr.join("")).toContain("✗ 预算：4,000.00，剩余 3,500.00");
    stderr.length = 0;
    expect(await main(["status", input, "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain("Requests!row 13: Type: “Holiday” is not one of");
    expect(stderr.join("")).toContain("Requests!row 14: Submitted: “26-3-15” cannot be a real date");
    stderr.length = 0;
    expect(await main(["status", input, "--id", "NOPE", "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain("No plan or request has the ID NOPE.");
  });

  it("reports a broken chain of the Workflows table and shows nobody acting on its items", async () => {
    const input = await write(book({ requests: REQUESTS.slice(0, 11), workflows: [["调货申请", 1, "Draft", "ManagerApproved", "regionalManager"], ["调货申请", 2, "ManagerApproved", "Approved", "nobody"]] }));
    expect(await main(["status", input, "--id", "ST-1", "--lang", "en"])).toBe(1);
    expect(stdout()[0]).toContain("id=ST-1 table=Requests row=12 type=stockTransfer status=Draft next= to=");
    expect(stderr.join("")).toContain("The Workflows table has 1 problem(s)");
    expect(stderr.join("")).toContain("Workflows!row 3: “nobody” is not a role.");
  });
});

describe("mkt-rulebook check", () => {
  it("lists unreadable Requests rows and a broken chain of the Workflows table", async () => {
    const input = await write(book({ workflows: [["Return", 1, "Draft", "Approved", "marketingManager"], ["Return", 2, "Refunded", "Done", "sales"]] }));
    expect(await main(["check", input, "--lang", "en"])).toBe(1);
    const said = stderr.join("");
    expect(said).toContain("Requests!row 13: Type: “Holiday” is not one of");
    expect(said).toContain("Requests!row 14: Submitted: “26-3-15” cannot be a real date");
    expect(said).toContain("Workflows!row 3: Gap: nothing leads to Refunded.");
    expect(said).not.toContain("Table Workflows not found");
    expect(stdout()).toEqual(expect.arrayContaining(["Requests\tRequests!Requests\t13", "Workflows\tWorkflows!Workflows\t2"]));
  });
});

describe("mkt-rulebook act", () => {
  it("takes one step to --out: the status and a log entry; the input is left as it was", async () => {
    const input = await write(readable());
    const before = await readFile(input);
    const out = join(sandbox.dir, "out.xlsx");
    expect(await main(["act", input, "--id", "EC-1", "--action", "approve", "--as", "陈总裁", "--role", "公司领导", "--out", out, "--lang", "en"])).toBe(0);
    // The entry publishing the actor's new key (1), the log's Baseline (2), then the step (3).
    expect(stdout()).toEqual(["id=EC-1 action=approve from=FinanceChecked to=Approved seq=3"]);
    expect(stderr.join("")).toContain("EC-1: Checked by finance → Approved, logged as entry 3.");
    expect(await readFile(input)).toEqual(before);
    expect(await statusOf(out, "EC-1")).toBe("Approved");
    expect(await logOf(out)).toEqual([
      expect.objectContaining({ Seq: 1, Action: "addKey", Actor: "陈总裁", Role: "president" }),
      expect.objectContaining({ Seq: 2, Action: "Baseline", Actor: "陈总裁", Role: "president", Comment: "DA-1=Draft;EC-1=FinanceChecked;EC-2=Approved;EC-3=Paid;EC-4=Approved;EC-5=Approved;EC-6=Draft;PR-1=Approved;PR-2=Draft;RPT-1=Draft;RPT-2=Draft;ST-1=Draft;TD-1=Approved" }),
      expect.objectContaining({ Seq: 3, PlanID: "EC-1", Action: "approve", From: "FinanceChecked", To: "Approved", Actor: "陈总裁", Role: "president" }),
    ]);
    expect(await main(["verify-log", out])).toBe(0);
  });

  it("--in-place: a plan step, with a backup beside the file; a second step by another person (their own profile) continues the log", async () => {
    const input = await write(readable());
    expect(await main(["act", input, "--id", "PR-2", "--action", "approve", "--as", "王总", "--role", "Marketing director", "--in-place"], profiles.env("wang"))).toBe(0);
    expect((await readdir(sandbox.dir)).some((f) => f.startsWith("book.backup-"))).toBe(true);
    expect(await main(["act", input, "--id", "PR-2", "--action", "reject", "--as", "陈总裁", "--role", "president", "--comment", "预算不足", "--in-place"], profiles.env("chen"))).toBe(0);
    expect(await statusOf(input, "PR-2")).toBe("Rejected");
    expect((await logOf(input)).map((e) => [e.Seq, e.Action, e.From ?? "", e.To ?? ""])).toEqual([[1, "addKey", "", ""], [2, "Baseline", "", ""], [3, "approve", "Draft", "DirectorApproved"], [4, "addKey", "", ""], [5, "reject", "DirectorApproved", "Rejected"]]);
    expect((await logOf(input))[4].Comment).toBe("预算不足");
  });

  it("refuses with the reason and exit code 1, writing nothing: own item, another role, no comment", async () => {
    const input = await write(readable());
    const out = join(sandbox.dir, "out.xlsx");
    const act = (...args: string[]) => main(["act", input, "--id", "EC-1", "--out", out, "--lang", "en", ...args]);
    expect(await act("--action", "approve", "--as", "李雷", "--role", "president")).toBe(1);
    expect(stderr.join("")).toContain("Not done: You submitted EC-1; someone else must act on it.");
    expect(await act("--action", "approve", "--as", "王总", "--role", "director")).toBe(1);
    expect(stderr.join("")).toContain("Only the president role may move this to Approved");
    expect(await act("--action", "return", "--as", "陈总裁", "--role", "president")).toBe(1);
    expect(stderr.join("")).toContain("A comment is required to return EC-1.");
    expect(await readdir(sandbox.dir)).toEqual(["book.xlsx"]);
  });

  it("an approve with failed checks needs --confirm; the log entry then names the failures", async () => {
    const input = await write(readable());
    const out = join(sandbox.dir, "out.xlsx");
    const args = ["act", input, "--id", "EC-6", "--action", "approve", "--as", "部长", "--role", "部门负责人", "--out", out, "--lang", "en"];
    expect(await main(args)).toBe(1);
    expect(stderr.join("")).toContain("Not done: EC-6 has failed checks:");
    expect(stderr.join("")).toContain("✗ required fields: missing Payment");
    expect(stderr.join("")).toContain("run again with --confirm");
    expect(await readdir(sandbox.dir)).toEqual(["book.xlsx"]);
    expect(await main([...args, "--confirm", "--comment", "急用"])).toBe(0);
    expect((await logOf(out))[2]).toMatchObject({ From: "Draft", To: "DeptApproved", Comment: "Approved with failed checks: required fields missing (payment); budget (4000.00 > 3500.00). 急用" });
  });

  it.each<[string, string[], string]>([
    ["an unknown action", ["--action", "approved", "--role", "president"], "--action: “approved” is not approve, return or reject."],
    ["an unknown role", ["--action", "approve", "--role", "boss"], "--role: “boss” is not a role."],
    ["neither --out nor --in-place", ["--action", "approve", "--role", "president", "--no-out"], "add --out FILE or --in-place"],
  ])("%s is a usage error: exit code 2 with the usage line, nothing written", async (_what, args, message) => {
    const input = await write(readable());
    const saving = args.includes("--no-out") ? [] : ["--out", join(sandbox.dir, "out.xlsx")];
    expect(await main(["act", input, "--id", "EC-1", "--as", "陈总裁", "--lang", "en", ...args.filter((a) => a !== "--no-out"), ...saving])).toBe(2);
    expect(stderr.join("")).toContain(message);
    expect(stderr.join("")).toContain("Usage: mkt-rulebook act");
    expect(await readdir(sandbox.dir)).toEqual(["book.xlsx"]);
  });

  it("an ID on two rows is refused (exit code 1) rather than guessed", async () => {
    const input = await write(book({ requests: [...REQUESTS.slice(0, 11), ["ec-1", "Exchange", "dup", "华东", "Tom", null, "D", "P", null, null, null, null, "r", null, "Draft"]] }));
    expect(await main(["act", input, "--id", "EC-1", "--action", "approve", "--as", "陈总裁", "--role", "president", "--in-place", "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain("2 rows have the ID EC-1 (Requests!2, Requests!13)");
    expect(await statusOf(input, "EC-1")).toBe("FinanceChecked");
  });

  it("a missing --id or --as is a usage error too", async () => {
    const input = await write(readable());
    expect(await main(["act", input, "--action", "approve", "--as", "x", "--role", "president", "--in-place"])).toBe(2);
    expect(await main(["act", input, "--id", "EC-1", "--action", "approve", "--role", "president", "--in-place"])).toBe(2);
  });
});

describe("the log is the truth (SPEC §5.4): a Status cell the log does not bear out", () => {
  // BASELINED (test/services/flows-fixture.ts): EC-2 is Approved but never logged, EC-5 Approved but logged Paid, TD-1 Approved but logged Draft.
  const lines = [
    "  Requests!row 3: EC-2's Status cell says Approved, but the audit log has no record of EC-2, so it must be Draft (a new submission). Put it back to Draft before anyone acts on EC-2.",
    "  Requests!row 6: EC-5's Status cell says Approved, but the audit log records Paid: the cell was changed by hand. Put it back to Paid before anyone acts on EC-5.",
    "  Requests!row 10: TD-1's Status cell says Approved, but the audit log records Draft: the cell was changed by hand. Put it back to Draft before anyone acts on TD-1.",
  ];

  it("check reports each at its row, exit code 1", async () => {
    const input = await write(BASELINED);
    expect(await main(["check", input, "--lang", "en"])).toBe(1);
    for (const line of lines) expect(stderr.join("")).toContain(`${line}\n`);
  });

  it("verify-log: the chain is intact, the mismatches are problems, exit code 1", async () => {
    const input = await write(BASELINED);
    expect(await main(["verify-log", input, "--lang", "en"])).toBe(1);
    expect(stdout()).toEqual(["entries=4 intact=true"]);
    expect(stderr.join("")).toContain("The audit log's 4 entries form an unbroken chain.");
    expect(stderr.join("")).toContain(`3 item(s) whose Status is not the one the audit log records:\n${lines.join("\n")}\n`);
  });

  it("verify-log in Chinese", async () => {
    const input = await write(BASELINED);
    expect(await main(["verify-log", input, "--lang", "zh"])).toBe(1);
    expect(stderr.join("")).toContain("3 个事项的状态与审计日志记录的不一致：");
    expect(stderr.join("")).toContain("EC-5 的状态单元格为 Approved，但审计日志记录的是 Paid：该单元格被手工改过。请先改回 Paid，之后才能处理 EC-5。");
  });

  it("status shows the logged status on the item's line; the item waits on nobody and act refuses it", async () => {
    const input = await write(BASELINED);
    expect(await main(["status", input, "--lang", "en"])).toBe(1);
    const out = stdout();
    expect(out.find((l) => l.startsWith("id=EC-5 "))).toBe("id=EC-5 table=Requests row=6 type=expenseClaim status=Approved next= to= checks=requiredFields:ok,budget:failed problems=0 logged=Paid");
    expect(out.find((l) => l.startsWith("id=EC-2 "))).toMatch(/ status=Approved next= to= .* logged=none$/u);
    expect(out.find((l) => l.startsWith("id=EC-1 "))).toMatch(/ next=president to=Approved .* problems=0$/u);
    expect(await main(["status", input, "--id", "EC-5", "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain("  ✗ EC-5's Status cell says Approved, but the audit log records Paid");
    expect(await main(["act", input, "--id", "EC-5", "--action", "approve", "--as", "钱会计", "--role", "finance", "--in-place", "--lang", "en"])).toBe(1);
    expect(stderr.join("")).toContain("Not done: EC-5's Status cell says Approved, but the audit log records Paid");
    expect((await logOf(input)).length).toBe(4);
  });
});
