/**
 * The Approvals page in Chromium at 320 px, on the sample workbook's plans and requests
 * (SPEC §5, issue 9): the people of each flow take their steps, failed checks and returns
 * are confirmed first, the lists filter, and a status typed into a cell locks its item.
 * The browser runs in China's time zone, so the history shows local times with the zone.
 * Every step is signed (issue 12): a person's first step publishes their key first (an addKey
 * entry, so entry numbers go up by two), and the history says which key signed each entry.
 */
import type { Page } from "playwright-core";
import { editCell, identify, notice, openTab, previewPerTest, shoot, verifyLog } from "./preview-page";

jest.setTimeout(60_000);

const preview = previewPerTest({ timezoneId: "Asia/Shanghai" });

const LOCAL_TIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d GMT\+8`;

function item(page: Page, id: string) {
  return page.getByRole("button", { name: new RegExp(`^${id} · `) }).first();
}

async function openItem(page: Page, id: string) {
  await item(page, id).click();
  await page.getByTestId("fields").waitFor();
}

async function comment(page: Page, text: string) {
  await page.getByLabel("Comment (required to return or reject)").fill(text);
}

async function answer(page: Page, button: string) {
  await page.getByRole("alertdialog").getByRole("button", { name: button, exact: true }).click();
  await page.getByRole("alertdialog").waitFor({ state: "hidden" });
}

/** Nothing may stick out sideways at 320 px. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

test("an expense claim goes through its four steps, each by another person; the history shows local times and the log verifies", async () => {
  const page = preview.page;
  const steps: [name: string, role: string, status: string][] = [
    ["郑部长", "Department head", "Approved by department head"],
    ["钱会计", "Finance", "Checked by finance"],
    ["周总裁", "President", "Approved"],
    ["孙出纳", "Finance", "Paid"],
  ];
  for (const [i, [name, role, status]] of steps.entries()) {
    await identify(page, name, role);
    await page.getByRole("heading", { name: /^Waiting for you \(\d+\)$/ }).waitFor();
    await openItem(page, "R2025-001");
    if (i === 0) {
      // The whole claim before the buttons, its cells under their headers.
      const fields = page.getByTestId("fields");
      for (const text of ["Expense claim", "华东区经销商大会场地费", "陈思远", "2025-12-02", "市场活动", "18,600.00", "银行转账", "Draft"]) await fields.getByText(text, { exact: true }).waitFor();
      await page.getByTestId("checks").getByText(/^✓ Amount 18,600\.00 fits the category's budget left this month: [\d,.]+\.$/).waitFor();
      await expectNoSidewaysScroll(page);
      await shoot(page, "approvals-claim-320");
    }
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    // Each person's first step publishes their signing key first (an addKey entry), then the step.
    await notice(page).getByText(`R2025-001 is now ${status}. Audit entry #${2 * i + 3} written.`).waitFor();
  }
  // Paid is final: the claim waits for nobody, and its history is the Baseline (from before signing) and the four signed steps.
  await openItem(page, "R2025-001");
  await page.getByText("No further step.").waitFor();
  const history = page.getByTestId("history").getByRole("listitem");
  const signed = "signed with key [0-9a-f]{8}";
  await expect(history.allTextContents()).resolves.toEqual([
    "#1 2025-12-05 09:00 GMT+8 · the log was started by 周立伟: recorded as Draft · unsigned",
    expect.stringMatching(new RegExp(`^#3 ${LOCAL_TIME} · 郑部长 \\(Department head\\): approved Draft → Approved by department head · ${signed}$`)),
    expect.stringMatching(new RegExp(`^#5 ${LOCAL_TIME} · 钱会计 \\(Finance\\): approved Approved by department head → Checked by finance · ${signed}$`)),
    expect.stringMatching(new RegExp(`^#7 ${LOCAL_TIME} · 周总裁 \\(President\\): approved Checked by finance → Approved · ${signed}$`)),
    expect.stringMatching(new RegExp(`^#9 ${LOCAL_TIME} · 孙出纳 \\(Finance\\): approved Approved → Paid · ${signed}$`)),
  ]);
  // Four people, four keys: the first key of the log is trusted on first use; nobody has introduced the other three yet.
  const verified = await verifyLog(page);
  expect(verified).toContain("The audit log's 9 entries form an unbroken chain.");
  expect(verified).toContain("Entries 1–1 are unsigned: only the chain vouches for them.");
  expect(verified).toContain("From entry 2, every entry is signed");
  await page.getByTestId("trust-signature-warnings").getByText("Signature warnings (3):").waitFor();
});

test("approving over budget needs a confirmation that names the failure; cancelling writes nothing; the approval is logged with it", async () => {
  const page = preview.page;
  await identify(page, "郑部长", "Department head");
  await openItem(page, "R2025-006");
  const failure = /^✗ Amount 68,000\.00 exceeds the category's budget left this month: [\d,.]+ \(after actuals and claims already approved\)\.$/;
  await page.getByTestId("checks").getByText(failure).waitFor();
  // Approve does not lead when a check failed: its button says so.
  expect(await page.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
  await page.getByRole("button", { name: "Approve despite failed checks…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Approve R2025-006 although 1 check(s) failed?" });
  await dialog.getByText(failure).waitFor();
  await dialog.getByText("Your approval is logged with these failures.").waitFor();
  await shoot(page, "approvals-confirm-320");
  await answer(page, "Cancel");
  expect(await verifyLog(page)).toContain("The audit log's 1 entries form an unbroken chain.");

  await page.getByRole("button", { name: "Approve despite failed checks…" }).click();
  await answer(page, "Approve anyway");
  await notice(page).getByText("R2025-006 is now Approved by department head. Audit entry #3 written.").waitFor();
  await openItem(page, "R2025-006");
  await page.getByTestId("history").getByText(/^#3 .*: approved Draft → Approved by department head · signed with key [0-9a-f]{8} — Approved with failed checks: budget \(68000\.00 > [\d.]+\)$/).waitFor();
});

test("return and reject need a comment and a confirmation that shows it; editing the log afterwards is detected", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openItem(page, "P2025-007");
  await page.getByRole("button", { name: "Return for revision…" }).click();
  await notice(page).getByText("A comment is required to return P2025-007.").waitFor();
  expect(await page.getByRole("alertdialog").count()).toBe(0);

  await comment(page, "请补充三四线城市的渠道预算明细");
  await page.getByRole("button", { name: "Return for revision…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Return P2025-007 to 刘晓燕 for revision?" });
  await dialog.getByText("请补充三四线城市的渠道预算明细").waitFor();
  await answer(page, "Cancel");
  await page.getByRole("button", { name: "Return for revision…" }).click();
  await answer(page, "Return");
  await notice(page).getByText("P2025-007 is now Draft. Audit entry #3 written.").waitFor();

  await openItem(page, "R2025-019");
  await comment(page, "该区域已有两家经销商");
  await page.getByRole("button", { name: "Reject…" }).click();
  await page.getByRole("alertdialog", { name: "Reject R2025-019?" }).getByText("Rejecting is final. Your comment:").waitFor();
  await answer(page, "Reject");
  await notice(page).getByText("R2025-019 is now Rejected. Audit entry #4 written.").waitFor();
  expect(await verifyLog(page)).toContain("4 entries form an unbroken chain");

  const row = await editCell(page, { table: "AuditLog", where: [{ column: "Seq", equals: 3 }], column: "Comment", value: "同意" });
  expect(await verifyLog(page)).toContain(`The audit log was changed: a row was edited at AuditLog!row ${row}.`);
});

test("the lists filter by type, region and status and search by ID or title; waiting for me comes first", async () => {
  const page = preview.page;
  await identify(page, "钱会计", "Finance");
  const headings = page.getByRole("heading", { level: 2 });
  await expect(headings.allTextContents()).resolves.toEqual(["Waiting for you (3)", "Everything you can see (36)"]);
  const choose = async (filter: string, option: string) => {
    await page.getByRole("combobox", { name: filter }).click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };
  await choose("Type", "Return");
  await page.getByText("4 of 36 shown.").waitFor();
  await expect(headings.allTextContents()).resolves.toEqual(["Waiting for you (1)", "Everything you can see (4)"]);
  await choose("Region", "华北");
  await page.getByText("1 of 36 shown.").waitFor();
  await item(page, "R2025-017").waitFor();
  await choose("Region", "All");
  await choose("Status", "Rejected");
  await page.getByText("1 of 36 shown.").waitFor();
  await item(page, "R2025-018").waitFor();
  await choose("Type", "All");
  await choose("Status", "All");

  const search = page.getByRole("searchbox", { name: "Search by ID or title" });
  await search.fill("调货");
  await page.getByText("2 of 36 shown.").waitFor();
  for (const id of ["R2025-010", "R2025-011"]) await item(page, id).waitFor();
  await search.fill("r2025-02");
  await page.getByText("2 of 36 shown.").waitFor();
  for (const id of ["R2025-020", "R2025-021"]) await item(page, id).waitFor();
  await search.fill("no such item");
  await page.getByText("No item matches the filter.").waitFor();
  await expectNoSidewaysScroll(page);
});

test("a status typed into a cell by hand is shown with the logged one, and nobody can act on the item", async () => {
  const page = preview.page;
  const row = await editCell(page, { table: "Requests", where: [{ column: "ID", equals: "R2025-015" }], column: "Status", value: "Approved" });
  await identify(page, "钱会计", "Finance");
  // It would now wait for finance (Approved → Refunded), but the log says it is a draft.
  await page.getByRole("heading", { name: "Waiting for you (3)" }).waitFor();
  await item(page, "R2025-015").getByText("Return · Approved · ⚠ Locked: status not in the log").waitFor();
  await openItem(page, "R2025-015");
  await page.getByTestId("locked").getByText(`Locked. The Status cell (申请!row ${row}) says Approved, but the audit log records Draft. Nobody can act on it until the cell is put back to Draft.`).waitFor();
  expect(await page.getByRole("button", { name: /^Approve/ }).count()).toBe(0);
  await shoot(page, "approvals-locked-320");
});

test("an item changed in the sheet meanwhile is not overwritten: the user is told and the list reloads", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openItem(page, "R2025-013");
  await editCell(page, { table: "Requests", where: [{ column: "ID", equals: "R2025-013" }], column: "Status", value: "Draft" });
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await notice(page).getByText("R2025-013 was changed in the workbook meanwhile; nothing was written. The list has been reloaded: check it and act again.").waitFor();
  expect(await verifyLog(page)).toContain("The audit log's 1 entries form an unbroken chain.");
});

test("in Chinese at 320 px: the lists, the confirmation and the lock read in Chinese", async () => {
  const page = preview.page;
  await identify(page, "郑部长", "Department head");
  await openTab(page, "Settings");
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await openTab(page, "审批");
  await page.getByRole("heading", { name: "待您处理（2）" }).waitFor();
  await item(page, "R2025-006").getByText("费用报销 · 草稿 · 下一步：部门负责人").waitFor();
  await openItem(page, "R2025-006");
  await page.getByRole("button", { name: "检查未通过，仍要批准…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "R2025-006 有 1 项检查未通过，仍要批准吗？" });
  await dialog.getByText(/^✗ 金额 68,000\.00 超出该类别当月剩余预算 [\d,.]+（已扣除实际支出和已批准的报销）。$/).waitFor();
  await expectNoSidewaysScroll(page);
  await shoot(page, "approvals-confirm-zh-320");
  await answer(page, "取消");
  await page.getByRole("searchbox", { name: "按编号或标题搜索" }).fill("退货");
  await page.getByText("显示 4 / 36 项。").waitFor();
  await expectNoSidewaysScroll(page);
});

test("Settings says what each role may do, the chosen one under its field", async () => {
  const page = preview.page;
  await openTab(page, "Settings");
  await page.getByRole("combobox", { name: "Your role" }).click();
  await page.getByRole("option", { name: "Department head", exact: true }).click();
  await page.getByText("Moves Expense claim to Approved by department head.", { exact: true }).waitFor();
  await page.getByText("What each role may do").click();
  const roles = page.getByTestId("roles").getByRole("listitem");
  expect(await roles.count()).toBe(13);
  await roles.getByText("Moves Stock transfer to Arranged.").waitFor();
  await roles.filter({ hasText: "Sales admin" }).getByText("Acts in no approval chain. Keeps the Sales and Reps tables.").waitFor();
  await expectNoSidewaysScroll(page);
});

test("the director sees what a policy version changes, approves it, and Settings shows the policy in force by date", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openItem(page, "POLICY-2026-01-01");
  await page.getByTestId("changes").getByText("VAT rate: 17% → 13%", { exact: true }).waitFor();
  await page.getByTestId("fields").getByText("李会计", { exact: true }).waitFor();
  await page.getByTestId("checks").getByText("✓ Every row can be read, and the version makes a whole policy.").waitFor();
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await notice(page).getByText("POLICY-2026-01-01 is now Approved. Audit entry #3 written.").waitFor();
  await openItem(page, "POLICY-2026-01-01");
  await page.getByTestId("history").getByText(/^#3 .*: approved Draft → Approved · signed with key [0-9a-f]{8} — versionHash=[0-9a-f]{64}$/).waitFor();
  expect(await verifyLog(page)).toContain("The audit log's 3 entries form an unbroken chain.");

  await openTab(page, "Settings");
  await page.getByText("Policy in force").click();
  const date = page.getByLabel("In force on", { exact: true });
  await date.fill("2025-12-01");
  await page.getByTestId("policy-rules").getByText("VAT rate: 17% (built in)", { exact: false }).waitFor();
  await date.fill("2026-01-01");
  await page.getByTestId("policy-rules").getByText("VAT rate: 13% (2026-01-01)", { exact: false }).waitFor();
  await page.getByTestId("policy-versions").getByText("POLICY-2026-01-01: Approved").waitFor();
  await expectNoSidewaysScroll(page);
  await shoot(page, "settings-policy-320");
});
