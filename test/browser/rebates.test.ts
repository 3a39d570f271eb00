/**
 * The Rebates page at 320 px on the built preview (issue 10 points 2 and 3): the result is
 * computed and shown before anything is written, "Write to workbook" writes it, and the
 * rows then move along Calculated → Reviewed → … in bulk, with one confirmation and one audit
 * entry per row, filtered by status and searched by dealer, with who acts next on each.
 */
import type { Page } from "playwright-core";
import { editCell, identify, notice, openTab, previewPerTest, shoot, verifyLog, type PreviewHook } from "./preview-page";

jest.setTimeout(90_000);

const preview = previewPerTest();

type Hooked = { __mktTest: { workbook: PreviewHook } };

/** A table of the preview's workbook as the add-in reads it: undefined when there is none. */
const tableRows = (page: Page, kind: string) =>
  page.evaluate(async (table) => {
    const tables = (window as unknown as Hooked).__mktTest.workbook.tables;
    const ref = await tables.findTable(table);
    return ref && (await tables.readTable(ref)).rows.map((r) => r.values);
  }, kind);

const rebateEntries = async (page: Page) => ((await tableRows(page, "AuditLog")) ?? []).filter((v) => String(v.PlanID).startsWith("REBATE/"));

async function computeAndWrite(page: Page): Promise<void> {
  await openTab(page, "Rebates");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Compute rebates" }).click();
  await page.getByTestId("rebate-result").waitFor();
  await page.getByRole("button", { name: "Write to workbook" }).click();
  await notice(page).getByText(/Written to the workbook\.$/).waitFor();
}

/** The summary of who acts next, once the page shows `text` (it follows each reload of the table). */
const waitingIs = (page: Page, text: string) =>
  page
    .getByTestId("rebate-waiting")
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
    .waitFor();
/** Verify log, on the Approvals page: the entries the moves added chain on. */
async function expectLogIntact(page: Page): Promise<void> {
  await openTab(page, "Approvals");
  expect(await verifyLog(page)).toMatch(/The audit log's \d+ entries form an unbroken chain\./);
}

const statusRows = (page: Page) => page.getByTestId("rebate-statuses").locator("tbody tr");

test("the first computation says it is the year's first, shows every dealer, and writes nothing until asked", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Rebates");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Compute rebates" }).click();
  const first = /^2025: (\d+) dealers, total rebate [\d,.]+ \(retroactive\)\. This is the year's first refresh: the workbook had no rebates for it\. Not written yet: check the result, then write it to the workbook\.$/;
  const text = (await notice(page).getByText(first).textContent()) ?? "";
  const dealers = Number(first.exec(text)?.[1]);
  expect(dealers).toBeGreaterThan(10);
  await expect(page.getByTestId("rebate-result").locator("tbody tr").count()).resolves.toBe(dealers);
  // Numbers and their headers are right-aligned, with the currency in the header.
  const header = page.getByTestId("rebate-result").getByRole("columnheader", { name: "Rebate (¥)" });
  expect(await header.evaluate((th) => getComputedStyle(th).textAlign)).toBe("end");
  expect(await tableRows(page, "Rebates")).toBeUndefined();
  await shoot(page, "rebates-computed-320");

  await page.getByRole("button", { name: "Write to workbook" }).click();
  await notice(page).getByText(/This is the year's first refresh: the workbook had no rebates for it\. Written to the workbook\.$/).waitFor();
  expect(await tableRows(page, "Rebates")).toHaveLength(dealers);
  await waitingIs(page, `Waiting: Marketing director ${dealers}.`);
  await expect(page.getByTestId("rebate-result").count()).resolves.toBe(0);

  // Computed again: the same result, and the page says the workbook holds it.
  await page.getByRole("button", { name: "Compute rebates" }).click();
  await notice(page).getByText(/change\(s\) since the last refresh\. The workbook already holds exactly this\.$/).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test("sorting by any column: rebate descending, then dealer", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Rebates");
  await page.getByRole("spinbutton", { name: "Year" }).fill("2025");
  await page.getByRole("button", { name: "Compute rebates" }).click();
  const table = page.getByTestId("rebate-result");
  await table.waitFor();
  const amounts = async () => (await table.locator("tbody tr td:nth-child(3)").allTextContents()).map((a) => Number(a.replace(/,/g, "")));
  await table.getByRole("columnheader", { name: "Rebate (¥)" }).click();
  await table.getByRole("columnheader", { name: "Rebate (¥)" }).click();
  expect(await table.getByRole("columnheader", { name: "Rebate (¥)" }).getAttribute("aria-sort")).toBe("descending");
  const descending = await amounts();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(descending[0]).toBeGreaterThan(descending.at(-1) as number);
  await table.getByRole("columnheader", { name: "Dealer" }).click();
  const dealers = await table.locator("tbody tr td:nth-child(1)").allTextContents();
  expect(dealers).toEqual([...dealers].sort((a, b) => a.localeCompare(b, "en-US", { numeric: true, sensitivity: "base" })));
});

test("the director reviews selected rows in one step: one confirmation, one audit entry per row, and the log still verifies", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await computeAndWrite(page);
  const rows = statusRows(page);
  const total = await rows.count();
  const dealers = (await rows.locator("td:nth-child(2)").allTextContents()).slice(0, 3);
  for (const dealer of dealers) await page.getByRole("checkbox", { name: `Select ${dealer}` }).check();
  await page.getByRole("button", { name: "Move selected (3)" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Move 3 rebate(s) one step?" });
  await dialog.getByText("3 × Calculated → Reviewed").waitFor();
  await dialog.getByText("Each row gets its own audit log entry, in the name of 王建华 (Marketing director).").waitFor();
  await shoot(page, "rebates-confirm-320");
  // Cancel writes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await rebateEntries(page)).toEqual([]);

  await page.getByRole("button", { name: "Move selected (3)" }).click();
  await dialog.getByRole("button", { name: "Move" }).click();
  await notice(page).getByText("3 rebate(s) moved; the audit log has one entry for each.").waitFor();
  const entries = await rebateEntries(page);
  expect(entries.map((e) => [e.PlanID, e.From, e.To, e.Actor, e.Role])).toEqual(dealers.map((d) => [`REBATE/2025/${d}`, "Calculated", "Reviewed", "王建华", "director"]));
  await waitingIs(page, `Waiting: Marketing director ${total - 3} · Finance 3.`);
  for (const dealer of dealers) await expect(rows.filter({ hasText: dealer }).locator("td").last().textContent()).resolves.toBe("Finance");

  // A late purchase changes a reviewed amount: computed again, the row goes back to Calculated, and the page says so before writing.
  await editCell(page, {
    table: "Purchases",
    where: [{ column: "Dealer", equals: dealers[0] }, { column: "Date", year: 2025 }, { column: "Type", oneOf: ["进货", "purchase"] }],
    column: "Amount",
    value: { add: 500_000 },
  });
  await page.getByRole("button", { name: "Compute rebates" }).click();
  const reopened = new RegExp(`^${dealers[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: [\\d,.]+ → [\\d,.]+; back to Calculated for a new review\\.$`);
  await notice(page).getByText(reopened).waitFor();
  await expect(page.getByTestId("rebate-result").locator("tbody tr").filter({ hasText: dealers[0] }).locator("td").last().textContent()).resolves.toBe("Calculated");
  await page.getByRole("button", { name: "Write to workbook" }).click();
  await waitingIs(page, `Waiting: Marketing director ${total - 2} · Finance 2.`);
  await expectLogIntact(page);
});

test("finance filters by status and searches a dealer, moves all shown, and may not select rows that wait for the director", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await computeAndWrite(page);
  const total = await statusRows(page).count();
  await page.getByRole("button", { name: `Move all shown (${total})` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Move" }).click();
  await notice(page).getByText(`${total} rebate(s) moved; the audit log has one entry for each.`).waitFor();

  await identify(page, "李娜", "Finance");
  await openTab(page, "Rebates");
  await waitingIs(page, `Waiting: Finance ${total}.`);
  const dealer = (await statusRows(page).first().locator("td:nth-child(2)").textContent()) ?? "";
  await page.getByRole("searchbox", { name: "Search dealer" }).fill(dealer.slice(0, 4).toUpperCase());
  const shown = await statusRows(page).count();
  expect(shown).toBeGreaterThanOrEqual(1);
  expect(shown).toBeLessThan(total);
  await page.getByText(`${shown} of ${total} shown.`).waitFor();
  await page.getByRole("button", { name: `Move all shown (${shown})` }).click();
  await page.getByRole("alertdialog").getByText(`${shown} × Reviewed → Verified`).waitFor();
  await page.getByRole("alertdialog").getByRole("button", { name: "Move" }).click();
  await notice(page).getByText(`${shown} rebate(s) moved; the audit log has one entry for each.`).waitFor();

  await page.getByRole("searchbox", { name: "Search dealer" }).fill("");
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Verified" }).click();
  await expect(statusRows(page).count()).resolves.toBe(shown);
  // Verified waits for the president: finance has nothing to select here.
  await page.getByText("Nothing shown waits for you (Finance).").waitFor();
  await expect(page.getByTestId("rebate-statuses").getByRole("checkbox").count()).resolves.toBe(0);
  await shoot(page, "rebates-finance-320");
  await expectLogIntact(page);
});

test("a row edited in the workbook after it was read is not moved, and the page says which", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await computeAndWrite(page);
  const dealer = (await statusRows(page).first().locator("td:nth-child(2)").textContent()) ?? "";
  await page.getByRole("checkbox", { name: `Select ${dealer}` }).check();
  await editCell(page, { table: "Rebates", where: [{ column: "Dealer", equals: dealer }], column: "Note", value: "checked by phone" });
  await page.getByRole("button", { name: "Move selected (1)" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Move" }).click();
  await notice(page).getByText("Nothing was moved.").waitFor();
  await notice(page).getByText(`Changed in the workbook meanwhile, so not moved: ${dealer}. The table has been reloaded.`).waitFor();
  expect(await rebateEntries(page)).toEqual([]);
});

test("在中文界面中：首次计算、写入、待处理汇总与批量推进", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await openTab(page, "Settings");
  await page.getByRole("combobox", { name: "Language" }).click();
  await page.getByRole("option", { name: "中文" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await openTab(page, "返利");
  await page.getByRole("spinbutton", { name: "年度" }).fill("2025");
  await page.getByRole("button", { name: "计算返利" }).click();
  await notice(page).getByText(/这是该年度的首次刷新：工作簿中此前没有该年度的返利。尚未写入：请核对结果，再写入工作簿。$/).waitFor();
  await page.getByTestId("rebate-result").getByRole("columnheader", { name: "返利金额（元）" }).waitFor();
  await page.getByRole("button", { name: "写入工作簿" }).click();
  await notice(page).getByText(/已写入工作簿。$/).waitFor();
  const total = await statusRows(page).count();
  await waitingIs(page, `待处理：营销总监 ${total} 项。`);
  await page.getByRole("button", { name: `推进全部显示项（${total}）` }).click();
  await page.getByRole("alertdialog").getByText(`${total} 项：已计算 → 已审核`).waitFor();
  await page.getByRole("alertdialog").getByRole("button", { name: "推进" }).click();
  await notice(page).getByText(`已推进 ${total} 项返利；审计日志为每项各记一条。`).waitFor();
  await waitingIs(page, `待处理：财务 ${total} 项。`);
  // Statuses stay whole words at 320 px: every status cell is one line high.
  const lines = await page.getByTestId("rebate-statuses").locator("tbody tr td:nth-child(4)").evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getClientRects().length;
    }),
  );
  expect(new Set(lines)).toEqual(new Set([1]));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shoot(page, "rebates-zh-320");
});

test("the rebate list prints as shown: every dealer under a header that repeats on each A4 page, its terms in both languages", async () => {
  const page = preview.page;
  await identify(page, "王建华", "Marketing director");
  await computeAndWrite(page);
  const total = await statusRows(page).count();
  await page.evaluate(() => {
    const counted = window as unknown as { printed: number };
    counted.printed = 0;
    window.print = () => void counted.printed++;
  });
  await page.getByRole("button", { name: "Print rebate list" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const view = page.getByTestId("print-view");
  await page.emulateMedia({ media: "print" });
  try {
    expect(await view.isVisible()).toBe(true);
    expect(await page.locator("#root").isVisible()).toBe(false);
    const printed = await view.innerText();
    for (const term of ["Dealer 经销商", "Net purchases 净进货额", "Rebate 返利金额", "Status 状态", "Calculated 已计算"]) expect(printed).toContain(term);
    await expect(view.locator("tbody tr").count()).resolves.toBeGreaterThanOrEqual(total);
    expect(await view.locator("thead").evaluate((head) => getComputedStyle(head).display)).toBe("table-header-group");
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
  } finally {
    await page.emulateMedia({ media: "screen" });
  }

  // Filtered, the list prints only what is shown.
  await page.getByRole("searchbox", { name: "Search dealer" }).fill("商贸");
  const shown = await statusRows(page).count();
  expect(shown).toBeLessThan(total);
  await page.getByRole("button", { name: "Print rebate list" }).click();
  const dealers = await view.locator("tbody tr td:first-child").allTextContents();
  expect(dealers.filter((d) => d.includes("商贸"))).toHaveLength(shown);
});
