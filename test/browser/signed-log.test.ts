/**
 * The signed audit log in the pane (issue 12), in Chromium at 320 px, in English and in
 * Chinese, with two users on two browser contexts: each context is one user's browser, with its
 * own IndexedDB (their signing key, the keys and log heads they have seen). The preview's
 * workbook lives in the page's memory, so a workbook moves between users as a file does: one
 * downloads it, the other opens its bytes (the preview's test hook).
 *
 * One approves; the other sees the signed entry and who signed it, and approves in turn with a
 * key nobody introduced; back with the first, that key asks to be trusted (as SSH asks of a host
 * key), and an older copy of the workbook is reported as rolled back until marked as such. axe
 * runs on the warnings with the page's CSP in force. Also: the key is kept across reloads, never
 * extractable; and a browser that refuses IndexedDB refuses to act, saying why.
 */
import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { translate, uiText, type Language } from "../../src/i18n";
import { pinWarningError, ROLE_NAMES, type Role } from "../../src/rules";
import { describe as paneText } from "../../src/taskpane/pane";
import { ARTIFACTS, checkAccessibility, launch, serveDist, watchPage, type AxeViolation, type BrowserSession, type Watch } from "./harness";
import { downloadWorkbook, notice, openWorkbook, shoot } from "./preview-page";

jest.setTimeout(180_000);

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: BrowserSession;
const opened: { context: BrowserContext; watch: Watch }[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [server, browser] = await Promise.all([serveDist(), launch()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  for (const { context, watch } of opened.splice(0)) {
    await context.close();
    // Nothing logged as an error (CSP violations are), nothing fetched from elsewhere.
    expect(watch.errors).toEqual([]);
    expect(watch.outside).toEqual([]);
  }
});

/** One user's browser: a fresh context (its own storage) at 320 px, the preview opened in it. */
async function userBrowser(lang: Language, init?: () => void): Promise<Page> {
  const context = await browser.newContext({ locale: lang === "zh" ? "zh-CN" : "en-US" });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  opened.push({ context, watch: await watchPage(page, server.origin) });
  await page.goto(`${server.origin}/preview.html`);
  await page.locator("#root[data-ready=true]").waitFor();
  return page;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const LOCAL_TIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d \S+`;

/** The texts of one language, as the pane says them. */
function texts(lang: Language) {
  const t = (key: string, params: Record<string, unknown> = {}) => uiText(lang, key, params);
  return {
    t,
    status: (code: string) => t(`status.${code}`),
    /** A rule message with its time parameter as a pattern (the time the log was seen, in the user's zone). */
    rulePattern: (code: string, params: Record<string, unknown>, timeParam: string) => {
      const mark = "\u0000";
      return new RegExp(`^${escapeRegExp(translate(lang, `rule.${code}`, { ...params, [timeParam]: mark })).replace(mark, LOCAL_TIME)}$`);
    },
  };
}

/** Says who the user is in Settings, in the pane's language, then opens Approvals. */
async function identify(page: Page, lang: Language, name: string, role: Role) {
  const { t } = texts(lang);
  await page.getByRole("tab", { name: t("tab.settings") }).click();
  await page.getByLabel(t("settings.name")).fill(name);
  await page.getByRole("combobox", { name: t("settings.role") }).click();
  await page.getByRole("option", { name: ROLE_NAMES[role][lang], exact: true }).click();
  await page.getByRole("button", { name: t("settings.save") }).click();
  await notice(page).getByText(t("settings.savedAs", { name, role: ROLE_NAMES[role][lang] }), { exact: true }).waitFor();
  await page.getByRole("tab", { name: t("tab.approvals") }).click();
}

async function openItem(page: Page, id: string) {
  await page.getByRole("button", { name: new RegExp(`^${id} · `) }).first().click();
  await page.getByTestId("fields").waitFor();
}

/** "Verify log", then its result: the check is done, the panel above the buttons shows what it found. */
async function verify(page: Page, lang: Language, count: number): Promise<string> {
  const { t } = texts(lang);
  await page.getByRole("button", { name: t("approvals.verify") }).click();
  return (await notice(page).filter({ hasText: t("approvals.logOk", { count }) }).textContent()) ?? "";
}

type Hooked = { __mktTest: { workbook: { tables: { findTable(kind: string): Promise<unknown>; readTable(ref: unknown): Promise<{ rows: { values: Record<string, unknown> }[] }>; readNamedValue(name: string): Promise<unknown> } } } };

/** The rows of a table of the page's workbook, as the add-in reads them. */
const tableRows = (page: Page, kind: string) =>
  page.evaluate(async (table) => {
    const tables = (window as unknown as Hooked).__mktTest.workbook.tables;
    const ref = await tables.findTable(table);
    return ref ? (await tables.readTable(ref)).rows.map((r) => r.values) : [];
  }, kind);

const workbookId = (page: Page) => page.evaluate(() => (window as unknown as Hooked).__mktTest.workbook.tables.readNamedValue("MKT_WorkbookId"));

/** The key the Signers table gives `name`. */
async function keyIdOf(page: Page, name: string): Promise<string> {
  const row = (await tableRows(page, "Signers")).find((r) => r.Name === name);
  if (!row) throw new Error(`${name} has no key in Signers`);
  return String(row.KeyId);
}

/** axe on the whole page as it stands, with the CSP the test server sends: every violation, one line each. */
async function violations(page: Page): Promise<string[]> {
  // Colours as they settle, not half-way through a button's transition back from busy (a spinner's endless animation is no transition).
  await page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition)));
  const found: AxeViolation[] = await checkAccessibility(page);
  return found.flatMap((v) => v.targets.map((target, i) => `${v.id} (${v.impact}): ${target} ${v.html[i].slice(0, 120)}`));
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.closest("[data-testid]")?.getAttribute("data-testid"));

/** Settings' "Signing keys", opened, once the section has read the log. */
async function openKeys(page: Page, lang: Language) {
  const { t } = texts(lang);
  await page.getByRole("tab", { name: t("tab.settings") }).click();
  await page.locator("summary", { hasText: t("keys.title") }).click();
  await page.getByTestId("my-key").waitFor();
}

/** One key of the Keys list, by its owner and key ID. */
const keyItem = (page: Page, name: string, keyId: string) => page.getByTestId("signing-key").filter({ hasText: name }).filter({ hasText: keyId });

describe.each<Language>(["en", "zh"])("%s", (lang) => {
  const { t, status, rulePattern } = texts(lang);

  /** 郑部长, the department head, approves the expense claim in a browser of his own: the sample's log (its Baseline, unsigned) gains his key, the log's first, and his step. */
  async function departmentHeadApproves(): Promise<{ page: Page; keyId: string }> {
    const page = await userBrowser(lang);
    await identify(page, lang, "郑部长", "departmentHead");
    await openItem(page, "R2025-001");
    await page.getByRole("button", { name: t("approvals.approve"), exact: true }).click();
    await notice(page).getByText(t("approvals.done", { id: "R2025-001", status: status("DeptApproved"), seq: 3 })).waitFor();
    return { page, keyId: await keyIdOf(page, "郑部长") };
  }

  test("two users: one approves, the other sees the signed entry and its signer; a key nobody introduced asks to be trusted; an older copy is reported as rolled back until marked as such", async () => {
    // A: the department head approves the expense claim.
    const { page: a, keyId: keyA } = await departmentHeadApproves();
    const first = await downloadWorkbook(a, t("app.download"));

    // B, on another browser, opens A's file: A's key was the log's first, so B trusts it without being asked.
    const b = await userBrowser(lang);
    await identify(b, lang, "钱会计", "finance");
    await openWorkbook(b, first);
    const proof = await verify(b, lang, 3);
    expect(proof).toContain(t("trust.proofUnsignedPart", { last: 1 }));
    expect(proof).toContain(t("trust.proofSignedPart", { from: 2 }));
    expect(await b.getByTestId("log-trust").count()).toBe(0);
    await openItem(b, "R2025-001");
    const history = b.getByTestId("history").getByRole("listitem");
    await history.filter({ hasText: new RegExp(`^#1 .* · ${escapeRegExp(t("trust.unsigned"))}$`) }).waitFor();
    await history.filter({ hasText: new RegExp(`^#3 .*郑部长.* · ${escapeRegExp(t("trust.signedWith", { keyId: keyA.slice(0, 8) }))}$`) }).waitFor();
    await b.getByRole("button", { name: t("approvals.approve"), exact: true }).click();
    await notice(b).getByText(t("approvals.done", { id: "R2025-001", status: status("FinanceChecked"), seq: 5 })).waitFor();
    const keyB = await keyIdOf(b, "钱会计");
    expect(keyB).not.toBe(keyA);
    // B's key is B's own (B is never asked to trust it); that nobody has introduced it is a warning in everyone's log.
    await verify(b, lang, 5);
    expect(await b.getByTestId("trust-pin").count()).toBe(0);
    await b.getByTestId("trust-signature-warnings").getByText(t("trust.signatureWarnings", { count: 1 })).waitFor();
    await openItem(b, "R2025-001");
    await b.getByTestId("history").getByRole("listitem").filter({ hasText: new RegExp(`^#5 .*钱会计.* · ${escapeRegExp(t("trust.signedWith", { keyId: keyB.slice(0, 8) }))}$`) }).waitFor();
    expect(await b.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shoot(b, `signed-log-history-${lang}-320`);
    const second = await downloadWorkbook(b, t("app.download"));

    // A opens B's file: B's key is new to A and nobody introduced it, so A is asked, once.
    await openWorkbook(a, second);
    const pin = a.getByTestId("trust-pin");
    await pin.getByText(paneText(pinWarningError({ name: "钱会计", role: "finance", keyId: keyB, reason: "notIntroduced" }), lang), { exact: true }).waitFor();
    expect(await violations(a)).toEqual([]);
    expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shoot(a, `signed-log-pin-${lang}-320`);
    await pin.getByRole("button", { name: t("trust.trustKey") }).click();
    await a.getByTestId("trust-key-trusted").getByText(t("trust.keyTrusted", { name: "钱会计", keyId: keyB })).waitFor();
    expect(await pin.count()).toBe(0);
    expect(await focusedTestId(a)).toBe("trust-key-trusted");
    // Checked again: trusted from now on.
    await verify(a, lang, 5);
    expect(await a.getByTestId("trust-pin").count()).toBe(0);

    // A opens the older copy (3 entries): A saw 5, so 2 are missing.
    await openWorkbook(a, first);
    const rolledBack = a.getByTestId("trust-witness");
    await rolledBack.getByText(rulePattern("auditRolledBack", { missing: 2 }, "seenAt")).waitFor();
    expect(await violations(a)).toEqual([]);
    expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shoot(a, `signed-log-rolled-back-${lang}-320`);
    // The verify notice points to it.
    expect(await verify(a, lang, 3)).toContain(t("trust.seeAbove"));
    await rolledBack.getByRole("button", { name: t("trust.olderCopy") }).click();
    await a.getByTestId("trust-older-copy").getByText(t("trust.olderCopyMarked")).waitFor();
    expect(await rolledBack.count()).toBe(0);
    expect(await focusedTestId(a)).toBe("trust-older-copy");
    expect(await violations(a)).toEqual([]);

    // A acts on the copy: it gets a workbook ID of its own, and is no longer compared with the log A saw.
    const originalId = await workbookId(a);
    await openItem(a, "R2025-006");
    await a.getByRole("button", { name: t("approvals.approveDespite") }).click();
    await a.getByRole("alertdialog").getByRole("button", { name: t("approvals.confirmApprove"), exact: true }).click();
    await notice(a).getByText(t("approvals.done", { id: "R2025-006", status: status("DeptApproved"), seq: 4 })).waitFor();
    expect(await workbookId(a)).not.toBe(originalId);
    expect(await verify(a, lang, 4)).not.toContain(t("trust.seeAbove"));
    expect(await a.getByTestId("log-trust").count()).toBe(0);
  });

  test("Settings' signing keys: in a log begun by a department head, finance publishes a key (pending), the director publishes his (trusted at once, the log's first director) and approves finance's; finance then signs without a warning", async () => {
    const { page: a, keyId: keyA } = await departmentHeadApproves();

    // Finance publishes her key from Settings, without acting: pending.
    const b = await userBrowser(lang);
    await identify(b, lang, "钱会计", "finance");
    await openWorkbook(b, await downloadWorkbook(a, t("app.download")));
    await openKeys(b, lang);
    await b.getByTestId("my-key").getByText(t("keys.standing.unpublished"), { exact: false }).waitFor();
    await b.getByRole("button", { name: t("keys.publish") }).click();
    const keyB = await keyIdOf(b, "钱会计");
    await notice(b).getByText(t("keys.done", { keyId: keyB, state: t("keys.state.pending") })).waitFor();
    await b.getByTestId("my-key").getByText(t("keys.standing.pending"), { exact: false }).waitFor();
    await keyItem(b, "郑部长", keyA).getByText(t("keys.state.introduced"), { exact: false }).waitFor();
    // A pending key takes no step.
    expect(await b.getByTestId("signing-key").getByRole("button").count()).toBe(0);

    // The director publishes his key: the log's first director's, introduced at once; he approves finance's, after a question.
    const c = await userBrowser(lang);
    await identify(c, lang, "王总", "director");
    await openWorkbook(c, await downloadWorkbook(b, t("app.download")));
    await openKeys(c, lang);
    await c.getByRole("button", { name: t("keys.publish") }).click();
    const keyC = await keyIdOf(c, "王总");
    await notice(c).getByText(t("keys.done", { keyId: keyC, state: t("keys.state.introduced") })).waitFor();
    await keyItem(c, "钱会计", keyB).getByRole("button", { name: t("keys.approveFor", { name: "钱会计", keyId: keyB }) }).click();
    const dialog = c.getByRole("alertdialog");
    await dialog.getByText(t("keys.confirmApproveNote", { name: "钱会计" })).waitFor();
    expect(await violations(c)).toEqual([]);
    await dialog.getByRole("button", { name: t("keys.approve"), exact: true }).click();
    await notice(c).getByText(t("keys.done", { keyId: keyB, state: t("keys.state.introduced") })).waitFor();
    const last = (await tableRows(c, "AuditLog")).at(-1);
    expect(last).toMatchObject({ Action: "approveKey", PlanID: `KEY/${keyB}`, Actor: "王总", KeyId: keyC });
    expect(await violations(c)).toEqual([]);
    expect(await c.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shoot(c, `signed-log-keys-${lang}-320`);

    // Finance opens the approved log: her key is introduced, and her step carries no warning.
    await openWorkbook(b, await downloadWorkbook(c, t("app.download")));
    await openKeys(b, lang);
    await b.getByTestId("my-key").getByText(t("keys.standing.introduced"), { exact: false }).waitFor();
    await b.getByRole("tab", { name: t("tab.approvals") }).click();
    await openItem(b, "R2025-001");
    await b.getByRole("button", { name: t("approvals.approve"), exact: true }).click();
    await notice(b).getByText(t("approvals.done", { id: "R2025-001", status: status("FinanceChecked"), seq: 7 })).waitFor();
    await verify(b, lang, 7);
    expect(await b.getByTestId("log-trust").count()).toBe(0);
  });
});


test("the signing key is made once and kept in IndexedDB across reloads, its private key not extractable; the log publishes it once", async () => {
  const page = await userBrowser("en");
  await identify(page, "en", "郑部长", "departmentHead");
  await openItem(page, "R2025-001");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await notice(page).getByText("R2025-001 is now Approved by department head. Audit entry #3 written.").waitFor();
  const saved = await downloadWorkbook(page);
  await page.reload();
  await page.locator("#root[data-ready=true]").waitFor();
  await openWorkbook(page, saved);
  await openItem(page, "R2025-006");
  await page.getByRole("button", { name: "Approve despite failed checks…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Approve anyway", exact: true }).click();
  await notice(page).getByText("R2025-006 is now Approved by department head. Audit entry #4 written.").waitFor();
  const log = await tableRows(page, "AuditLog");
  expect(log.filter((e) => e.Action === "addKey").map((e) => e.Actor)).toEqual(["郑部长"]);
  const keyId = await keyIdOf(page, "郑部长");
  expect(log.slice(1).map((e) => e.KeyId)).toEqual([keyId, keyId, keyId]);

  const kept = await page.evaluate(
    () =>
      new Promise<{ keys: string[]; type: string; extractable: boolean; usages: string[]; exported: string }>((resolve, reject) => {
        const request = indexedDB.open("mkt-rulebook-trust");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const store = db.transaction("keys").objectStore("keys");
          const keys = store.getAllKeys();
          const pair = store.get("郑部长|departmentHead");
          pair.onsuccess = async () => {
            const privateKey = (pair.result as CryptoKeyPair).privateKey;
            const exported = await crypto.subtle.exportKey("pkcs8", privateKey).then(
              () => "exported",
              (error: Error) => error.name,
            );
            db.close();
            resolve({ keys: (keys.result as string[]).map(String), type: privateKey.type, extractable: privateKey.extractable, usages: privateKey.usages, exported });
          };
        };
      }),
  );
  expect(kept).toEqual({ keys: ["郑部长|departmentHead"], type: "private", extractable: false, usages: ["sign"], exported: "InvalidAccessError" });
});

test("a browser that refuses IndexedDB (a private window): the pane says so in the user's language, and refuses to act rather than write unsigned", async () => {
  const detail = "The user denied permission to access the database.";
  const page = await userBrowser("zh", () => {
    Object.defineProperty(window, "indexedDB", {
      configurable: true,
      get: () => ({
        open: () => {
          throw new DOMException("The user denied permission to access the database.", "SecurityError");
        },
      }),
    });
  });
  const { t } = texts("zh");
  await identify(page, "zh", "郑部长", "departmentHead");
  await page.getByTestId("trust-unavailable").getByText(t("trust.unavailable", { detail })).waitFor();
  await openItem(page, "R2025-001");
  await page.getByRole("button", { name: t("approvals.approve"), exact: true }).click();
  await notice(page).getByText(t("trust.actRefused", { detail })).waitFor();
  expect((await tableRows(page, "AuditLog")).length).toBe(1);
  expect(await workbookId(page)).toBeUndefined();
  expect(await violations(page)).toEqual([]);
  await shoot(page, "signed-log-no-storage-zh-320");
});
