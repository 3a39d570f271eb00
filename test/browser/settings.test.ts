/**
 * The Settings page of the built preview (dist/preview.html) at 320 px, as a new user meets it
 * in English and in Chinese (the browser's language, as Office's display language in Excel):
 * the first-run welcome, the warning about unsaved changes and the draft kept across tabs, a
 * confirmation of every save (a new language's in that language), every label in the pane's
 * language, and a storage that fails. The preview keeps settings in localStorage.
 */
import type { Page } from "playwright-core";
import { uiText, type Language } from "../../src/i18n";
import { ROLE_NAMES } from "../../src/rules";
import { TABLE_KINDS } from "../../src/workbook";
import { checkAccessibility } from "./harness";
import { notice, previewPerTest, shoot } from "./preview-page";

jest.setTimeout(60_000);

const OTHER: Readonly<Record<Language, Language>> = { en: "zh", zh: "en" };
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: "English", zh: "中文" };

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

/** axe-core with the page's CSP in force (harness): rule and elements of each violation. */
async function expectNoViolations(page: Page) {
  expect((await checkAccessibility(page)).map((v) => `${v.id}: ${v.targets.join(", ")}`)).toEqual([]);
}

describe.each<Language>(["en", "zh"])("Settings in %s at 320 px", (lang) => {
  const preview = previewPerTest({ locale: lang === "zh" ? "zh-CN" : "en-US" });
  const t = (key: string, params: Record<string, unknown> = {}, language: Language = lang) => uiText(language, key, params);
  const tab = (page: Page, id: string, language: Language = lang) => page.getByRole("tab", { name: t(`tab.${id}`, {}, language) });
  const nameField = (page: Page) => page.getByRole("textbox", { name: t("settings.name") });
  const unsaved = (page: Page) => page.getByTestId("unsaved");

  async function chooseRole(page: Page, role: keyof typeof ROLE_NAMES) {
    await page.getByRole("combobox", { name: t("settings.role") }).click();
    await page.getByRole("option", { name: ROLE_NAMES[role][lang], exact: true }).click();
  }

  async function saveIdentity(page: Page, name: string, role: keyof typeof ROLE_NAMES) {
    await nameField(page).fill(name);
    await chooseRole(page, role);
    await page.getByRole("button", { name: t("settings.save") }).click();
    await notice(page).getByText(t("settings.savedAs", { name, role: ROLE_NAMES[role][lang] }), { exact: true }).waitFor();
  }

  test("the first run opens Settings with a welcome saying what to set and why; once name and role are saved, it is gone and the next start opens Approvals", async () => {
    const page = preview.page;
    expect(await tab(page, "settings").getAttribute("aria-selected")).toBe("true");
    const welcome = page.getByTestId("welcome");
    await welcome.getByText(t("settings.welcomeTitle"), { exact: true }).waitFor();
    await welcome.getByText(t("settings.welcomeIdentity"), { exact: true }).waitFor();
    await welcome.getByText(t("settings.welcomeLanguage"), { exact: true }).waitFor();
    await welcome.getByText(t("settings.welcomeTables"), { exact: true }).waitFor();
    // The language field shows the one the pane speaks, already chosen.
    expect(await page.getByRole("combobox", { name: t("settings.language") }).textContent()).toBe(LANGUAGE_NAMES[lang]);
    await expectNoSidewaysScroll(page);
    await expectNoViolations(page);
    await shoot(page, `settings-welcome-${lang}-320`);

    await saveIdentity(page, "钱会计", "finance");
    expect(await welcome.count()).toBe(0);
    await shoot(page, `settings-saved-${lang}-320`);

    await page.reload();
    await page.locator("#root[data-ready=true]").waitFor();
    expect(await tab(page, "approvals").getAttribute("aria-selected")).toBe("true");
    await tab(page, "settings").click();
    expect(await nameField(page).inputValue()).toBe("钱会计");
    expect(await page.getByTestId("welcome").count()).toBe(0);
  });

  test("unsaved changes: a warning on the page and a mark on the tab; the draft survives a change of tab; Discard restores, Save applies", async () => {
    const page = preview.page;
    await saveIdentity(page, "王建华", "director");
    expect(await unsaved(page).count()).toBe(0);

    await nameField(page).fill("李会计");
    await unsaved(page).getByText(t("settings.unsaved"), { exact: true }).waitFor();
    // No leftover confirmation next to the warning.
    expect(await notice(page).count()).toBe(0);
    await page.getByRole("tab", { name: `${t("tab.settings")} (${t("settings.unsavedTab")})` }).waitFor();
    // Back to what is saved by hand: nothing unsaved.
    await nameField(page).fill("王建华");
    await unsaved(page).waitFor({ state: "detached" });

    await nameField(page).fill("李会计");
    await chooseRole(page, "finance");
    await tab(page, "approvals").click();
    // Elsewhere the saved settings are in force until Save; the tab still says there is a draft.
    expect(await page.getByRole("tab", { name: t("settings.unsavedTab") }).count()).toBe(1);
    await tab(page, "settings").click();
    expect(await nameField(page).inputValue()).toBe("李会计");
    expect(await page.getByRole("combobox", { name: t("settings.role") }).textContent()).toBe(ROLE_NAMES.finance[lang]);
    await unsaved(page).waitFor();
    await expectNoSidewaysScroll(page);
    await expectNoViolations(page);
    await shoot(page, `settings-unsaved-${lang}-320`);

    await page.getByRole("button", { name: t("settings.discard") }).click();
    expect(await nameField(page).inputValue()).toBe("王建华");
    expect(await page.getByRole("combobox", { name: t("settings.role") }).textContent()).toBe(ROLE_NAMES.director[lang]);
    await unsaved(page).waitFor({ state: "detached" });
    expect(await page.getByRole("tab", { name: t("settings.unsavedTab") }).count()).toBe(0);

    await nameField(page).fill("李会计");
    await tab(page, "budget").click();
    await tab(page, "settings").click();
    await page.getByRole("button", { name: t("settings.save") }).click();
    await notice(page).getByText(t("settings.savedAs", { name: "李会计", role: ROLE_NAMES.director[lang] }), { exact: true }).waitFor();
    await unsaved(page).waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: t("settings.discard") }).count()).toBe(0);
  });

  test("every save is confirmed, one with nothing changed too; a new language's confirmation reads in the new language", async () => {
    const page = preview.page;
    const other = OTHER[lang];
    await page.getByRole("button", { name: t("settings.save") }).click();
    await notice(page).getByText(t("settings.saved"), { exact: true }).waitFor();
    // Leaving the page puts the confirmation away.
    await tab(page, "approvals").click();
    await tab(page, "settings").click();
    expect(await notice(page).count()).toBe(0);

    await page.getByRole("combobox", { name: t("settings.language") }).click();
    await page.getByRole("option", { name: LANGUAGE_NAMES[other] }).click();
    await page.getByRole("button", { name: t("settings.save") }).click();
    await notice(page).getByText(t("settings.saved", {}, other), { exact: true }).waitFor();
    await tab(page, "settings", other).waitFor();
    expect(await page.locator("main").getAttribute("lang")).toBe(other === "zh" ? "zh-CN" : "en");
    await expectNoSidewaysScroll(page);
    await shoot(page, `settings-language-${lang}-to-${other}-320`);

    await page.getByRole("combobox", { name: t("settings.language", {}, other) }).click();
    await page.getByRole("option", { name: LANGUAGE_NAMES[lang] }).click();
    await page.getByRole("button", { name: t("settings.save", {}, other) }).click();
    await notice(page).getByText(t("settings.saved"), { exact: true }).waitFor();
    await tab(page, "settings").waitFor();
  });

  test("every label reads in the pane's language: each table by its own name (in Chinese, no English left)", async () => {
    const page = preview.page;
    await page.getByText(t("settings.tables"), { exact: true }).click();
    const panel = page.getByRole("tabpanel");
    const tableLabels = TABLE_KINDS.map((kind) => t("settings.tableName", { table: t(`tableKind.${kind}`) }));
    for (const label of tableLabels) await panel.getByRole("textbox", { name: label, exact: true }).waitFor();
    // The field shows the name the add-in looks for, which is the Excel table's name.
    expect(await panel.getByRole("textbox", { name: tableLabels[TABLE_KINDS.indexOf("Plans")], exact: true }).getAttribute("placeholder")).toBe("Plans");
    if (lang === "zh") expect(tableLabels).toEqual(expect.arrayContaining(["销售表", "营销计划表", "返利政策表", "审批流程表"]));
    else expect(tableLabels).toEqual(expect.arrayContaining(["Sales table", "Plans table"]));

    const texts = await panel.locator("label, summary, button, [data-testid=welcome]").allTextContents();
    expect(texts).toEqual(expect.arrayContaining([t("settings.name"), t("settings.role"), t("settings.language"), t("settings.tables"), t("settings.rolesList"), t("settings.save"), ...tableLabels]));
    if (lang === "zh") {
      // English only where it names a language for its readers ("English").
      const english = texts.map((text) => text.replace(/English/g, "")).filter((text) => /[A-Za-z]/.test(text));
      expect(english).toEqual([]);
    }
    await expectNoSidewaysScroll(page);
    await shoot(page, `settings-tables-${lang}-320`);
  });

  test("a storage that refuses to save: the user is told why, the form keeps the entries, and they apply for this session", async () => {
    const page = preview.page;
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await page.reload();
    await page.locator("#root[data-ready=true]").waitFor();
    await nameField(page).fill("郑部长");
    await chooseRole(page, "departmentHead");
    await page.getByRole("button", { name: t("settings.save") }).click();
    const refused = notice(page).getByText(t("settings.notStored", { detail: "The quota has been exceeded." }), { exact: true });
    await refused.waitFor();
    expect(await notice(page).getAttribute("role")).toBe("alert");
    expect(await nameField(page).inputValue()).toBe("郑部长");
    expect(await page.getByRole("combobox", { name: t("settings.role") }).textContent()).toBe(ROLE_NAMES.departmentHead[lang]);
    await expectNoSidewaysScroll(page);
    await expectNoViolations(page);
    await shoot(page, `settings-not-stored-${lang}-320`);
    // In force for this session: Approvals knows who acts.
    await tab(page, "approvals").click();
    await page.getByText(t("approvals.waiting", { count: 2 })).waitFor();
    expect(await page.getByText(t("app.needIdentity")).count()).toBe(0);
    // The failure stays on the page until the next edit or save.
    await tab(page, "settings").click();
    await refused.waitFor();
  });

  test("a storage that cannot be read: the user is told at start, on an empty form, with no welcome", async () => {
    const page = preview.page;
    await page.addInitScript(() => {
      Storage.prototype.getItem = () => {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      };
    });
    await page.reload();
    await page.locator("#root[data-ready=true]").waitFor();
    expect(await tab(page, "settings").getAttribute("aria-selected")).toBe("true");
    await notice(page).getByText(t("settings.notRead", { detail: "Access is denied for this document." }), { exact: true }).waitFor();
    expect(await page.getByTestId("welcome").count()).toBe(0);
    expect(await nameField(page).inputValue()).toBe("");
  });
});
