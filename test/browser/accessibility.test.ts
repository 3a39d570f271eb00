/**
 * axe-core on every page of the built preview (dist/preview.html), with the page's
 * Content-Security-Policy in force: axe.min.js is added as a same-origin script (harness:
 * AXE_PATH, checkAccessibility), never with the CSP bypassed. Each page is checked after it has
 * loaded its data, in English and in Chinese, at 320 and 1000 px, and in the dark colour
 * scheme; any violation, of any impact, fails (Approvals included).
 *
 * One browser for the file; one page per language and colour scheme, its viewport resized
 * between the two widths. axe reports details of violations only (harness), the slow part.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { uiText, type Language } from "../../src/i18n";
import { ROLE_NAMES } from "../../src/rules";
import { AXE_PATH, checkAccessibility, DIST, launch, pageCsp, serveDist, watchPage, type AxeViolation, type BrowserSession, type Watch } from "./harness";

jest.setTimeout(60_000);

const WIDTHS = [320, 1000] as const;
const HEIGHT = 720;

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: BrowserSession;

beforeAll(async () => {
  [server, browser] = await Promise.all([serveDist(), launch()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** One violation per line, so that a failure reads as a list: width, rule, impact, where, what. */
function describeViolations(width: number, violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.targets.map((target, i) => [`${width} px: ${v.id} (${v.impact}) — ${v.help}`, `${target} ${v.html[i].slice(0, 160)}`, v.failures[i].replace(/\s+/g, " ")].join(" — ")),
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A text with its parameters as patterns, at the start: "Waiting for you ({{count}})" → /^Waiting for you \(\d+\)/. */
function textPattern(lang: Language, key: string, params: Record<string, string>): RegExp {
  const marks = Object.fromEntries(Object.keys(params).map((k, i) => [k, `\u0000${i}\u0000`]));
  let source = escapeRegExp(uiText(lang, key, marks));
  Object.values(params).forEach((pattern, i) => (source = source.replace(`\u0000${i}\u0000`, pattern)));
  return new RegExp(`^${source}`);
}

interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly watch: Watch;
  readonly lang: Language;
  /** The Content-Security-Policy header the page came with. */
  readonly cspHeader: string | undefined;
  t(key: string): string;
}

/** A fresh preview (its own in-memory sample workbook), the user identified as the marketing director, in `lang`. */
async function openPreview(lang: Language, colorScheme: "light" | "dark"): Promise<Session> {
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  const watch = await watchPage(page, server.origin);
  const response = await page.goto(`${server.origin}/preview.html`);
  const cspHeader = response?.headers()["content-security-policy"];
  await page.locator("#root[data-ready=true]").waitFor();
  // Settings, in the browser's language (English); the pane then speaks `lang`.
  const en = (key: string) => uiText("en", key);
  await page.getByRole("tab", { name: en("tab.settings") }).click();
  await page.getByLabel(en("settings.name")).fill("王建华");
  await page.getByRole("combobox", { name: en("settings.role") }).click();
  await page.getByRole("option", { name: ROLE_NAMES.director.en }).click();
  await page.getByRole("combobox", { name: en("settings.language") }).click();
  await page.getByRole("option", { name: lang === "zh" ? "中文" : "English" }).click();
  await page.getByRole("button", { name: en("settings.save") }).click();
  await page.getByRole("tab", { name: uiText(lang, "tab.settings") }).waitFor();
  expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
  return { context, page, watch, lang, cspHeader, t: (key) => uiText(lang, key) };
}

/**
 * Words of letters or digits (not Chinese, which breaks between any two characters) that the
 * layout split over two lines, in the visible page: a text range over the word has one box
 * per line it is on.
 */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.querySelector("main") ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? "").matchAll(/[\p{L}\p{N}]+/gu)) {
        if (/\p{Script=Han}/u.test(match[0])) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if ([...range.getClientRects()].filter((r) => r.width > 0).length > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

/** axe at each width on the page as it stands; every violation as one line. */
async function violationsAtEachWidth({ page }: Session): Promise<string[]> {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    found.push(...describeViolations(width, await checkAccessibility(page)));
  }
  await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
  return found;
}

async function openTab({ page, t }: Session, id: string) {
  await page.getByRole("tab", { name: t(`tab.${id}`) }).click();
}

/**
 * Each page opened, then brought by its main action to the state worth checking: its data
 * loaded, its results shown. Approvals comes last in a session: what it mounts can stay in the
 * document after it is left (Tabster's dummy elements on <body>, see the last test), and would
 * be charged to the others. The page's opening is checked before its action.
 */
const PAGES: Record<string, (session: Session) => Promise<void>> = {
  rebates: async (session) => {
    const { page, lang, t } = session;
    await page.getByRole("spinbutton", { name: t("common.year") }).fill("2025");
    await page.getByRole("button", { name: t("rebates.compute") }).click();
    await page.getByTestId("notice").getByText(textPattern(lang, "rebates.summaryFirst", { year: "2025", dealers: "\\d+", total: "[\\d,.]+", mode: ".+" })).waitFor();
    // The computed result, then written: the progress bar, the summary, and the rows with the director's checkboxes.
    await page.getByTestId("rebate-result").waitFor();
    await page.getByRole("button", { name: t("common.write") }).click();
    await page.getByTestId("rebate-progress").waitFor();
    await page.getByTestId("rebate-statuses").waitFor();
    await page.getByRole("checkbox", { name: t("rebates.selectAll") }).waitFor();
  },
  bonuses: async (session) => {
    const { page, t } = session;
    await page.getByLabel(t("common.month")).fill("2025-11");
    await page.getByRole("button", { name: t("bonuses.compute") }).click();
    // The table's first rep (its header's sort buttons come first), then the statement's explanation and actions.
    await page.getByTestId("bonus-table").locator("tbody").getByRole("button").first().click();
    await page.getByTestId("bonus-explanation").locator("li").first().waitFor();
  },
  budget: async (session) => {
    const { page, t } = session;
    await page.getByRole("spinbutton", { name: t("common.year") }).fill("2025");
    await page.getByRole("button", { name: t("budget.compute") }).click();
    // The totals by category, and the latest month booked open with its table and chart.
    await page.getByTestId("budget-categories").waitFor();
    await page.getByTestId("budget-table").waitFor();
    await page.getByTestId("budget-chart").waitFor();
  },
  opportunities: async (session) => {
    const { page, t } = session;
    await page.getByLabel(t("common.month")).fill("2025-12");
    await page.getByRole("spinbutton", { name: t("common.year") }).fill("2025");
    await page.getByRole("button", { name: t("opportunities.find") }).click();
    // Both lists, the reps' and the dealers', with the reps' rank codes.
    await page.getByTestId("opportunities-reps").locator("abbr[data-rank]").first().waitFor();
    await page.getByTestId("opportunities-dealers").waitFor();
  },
  settings: async (session) => {
    const { page, t } = session;
    // Every field shown, the table names too.
    await page.getByText(t("settings.tables"), { exact: true }).click();
    await page.getByRole("textbox", { name: uiText(session.lang, "settings.tableName", { table: uiText(session.lang, "tableKind.Plans") }) }).waitFor();
  },
  approvals: async (session) => {
    const { page, lang, t } = session;
    await page.getByText(textPattern(lang, "approvals.waiting", { count: "\\d+" })).waitFor();
    // A plan opened: its details, checks and history.
    await page.getByRole("button", { name: /P2025-009/ }).first().click();
    await page.getByTestId("checks").waitFor();
    await page.getByText(t("approvals.noHistory")).or(page.getByTestId("history").locator("li").first()).waitFor();
  },
};

describe.each([
  { lang: "en" as const, colorScheme: "light" as const },
  { lang: "zh" as const, colorScheme: "light" as const },
  { lang: "en" as const, colorScheme: "dark" as const },
])("$lang, $colorScheme", ({ lang, colorScheme }) => {
  let session: Session;

  beforeAll(async () => {
    session = await openPreview(lang, colorScheme);
  });

  afterAll(async () => {
    await session?.context.close();
  });

  afterEach(() => {
    // Nothing logged as an error (CSP violations are), nothing fetched from elsewhere.
    expect(session.watch.errors.splice(0)).toEqual([]);
    expect(session.watch.outside.splice(0)).toEqual([]);
  });

  if (lang === "en" && colorScheme === "light") {
    test("axe runs with the page's CSP in force: sent as a header, refusing string evaluation and inline scripts before and after axe; axe comes from the page's origin and finds a planted fault", async () => {
      const { page, watch } = session;
      const csp = pageCsp(join(DIST, "preview.html"));
      expect(csp.split("; ")).toContain("script-src 'self'");
      expect(session.cspHeader).toBe(csp);

      // Code run by page.evaluate comes through DevTools, which Chromium lets evaluate strings
      // whatever the CSP says (`eval("1")` in page.evaluate runs). So the page itself is made
      // to try: a string timer (needs 'unsafe-eval') and an inline script (needs 'unsafe-inline').
      const refusals = () =>
        page.evaluate(async () => {
          const refused = new Set<string>();
          const listen = (event: SecurityPolicyViolationEvent) => refused.add(`${event.effectiveDirective} ${event.blockedURI}`);
          document.addEventListener("securitypolicyviolation", listen);
          const ran = window as unknown as { stringRan?: boolean; inlineRan?: boolean };
          ran.stringRan = ran.inlineRan = false;
          // A string to evaluate: the CSP is expected to refuse it.
          window.setTimeout("window.stringRan = true", 0);
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.head.append(script);
          await new Promise((resolve) => setTimeout(resolve, 100));
          script.remove();
          document.removeEventListener("securitypolicyviolation", listen);
          return { refused: [...refused].sort(), stringRan: ran.stringRan, inlineRan: ran.inlineRan };
        });
      const refusedByCsp = { refused: ["script-src eval", "script-src-elem inline"], stringRan: false, inlineRan: false };
      // Chromium logs each refusal, once per policy (the meta tag's and the header's): expected here.
      const logged = () => [...new Set(watch.errors.splice(0).map((e) => (/unsafe-eval/.test(e) ? "eval refused" : /inline script/.test(e) ? "inline script refused" : e)))].sort();

      expect(await refusals()).toEqual(refusedByCsp);
      expect(logged()).toEqual(["eval refused", "inline script refused"]);
      expect(await checkAccessibility(page)).toEqual(expect.any(Array));
      expect(watch.errors).toEqual([]);
      expect(await page.evaluate(() => [...document.scripts].map((s) => s.src).filter((src) => /axe/.test(src)))).toEqual([`${server.origin}${AXE_PATH}`]);
      expect(await refusals()).toEqual(refusedByCsp);
      expect(logged()).toEqual(["eval refused", "inline script refused"]);

      // axe really checks: an image without a text alternative is reported.
      await page.evaluate(() => {
        const img = document.createElement("img");
        img.id = "planted";
        img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        document.querySelector("main")?.append(img);
      });
      const planted = await checkAccessibility(page);
      await page.evaluate(() => document.getElementById("planted")?.remove());
      expect(planted.filter((v) => v.id === "image-alt").flatMap((v) => v.targets)).toEqual(["#planted"]);
    });
  }

  const others = Object.keys(PAGES).filter((id) => id !== "approvals");

  test.each(others)("%s: no violations at 320 and 1000 px, as opened and after its main action; at 320 px nothing wider than the pane and no word broken", async (id) => {
    await openTab(session, id);
    expect(await violationsAtEachWidth(session)).toEqual([]);
    await PAGES[id](session);
    expect(await violationsAtEachWidth(session)).toEqual([]);
    expect(await session.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTHS[0]);
    expect(await brokenWords(session.page)).toEqual([]);
  });

  if (lang === "en" && colorScheme === "light") {
    test("rebates, opened on a workbook that already has a Rebates table: no violations", async () => {
      const { page, t } = session;
      await openTab(session, "settings");
      await openTab(session, "rebates");
      await page.getByTestId("rebate-statuses").waitFor();
      await page.getByRole("button", { name: t("rebates.compute") }).waitFor();
      expect(await violationsAtEachWidth(session)).toEqual([]);
    });

    test("the tab bar without Tabster's arrow group: one Tab stop, arrow keys wrap, Home and End, Enter opens, Tab goes on to the page", async () => {
      const { page, t } = session;
      const tabStops = () => page.getByRole("tab").evaluateAll((tabs) => tabs.filter((tab) => (tab as HTMLElement).tabIndex === 0).map((tab) => tab.getAttribute("value")));
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("value") ?? document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName);
      await openTab(session, "budget");
      expect(await tabStops()).toEqual(["budget"]);
      for (const [key, tab] of [["ArrowRight", "settings"], ["ArrowRight", "approvals"], ["ArrowLeft", "settings"], ["Home", "approvals"], ["End", "settings"], ["ArrowLeft", "budget"], ["ArrowLeft", "bonuses"]] as const) {
        await page.keyboard.press(key);
        expect([key, await focused()]).toEqual([key, tab]);
        expect(await tabStops()).toEqual([tab]);
      }
      // Moving the focus opens nothing; Tab leaves the bar for the open page, and the bar's stop is its tab again.
      await page.getByRole("button", { name: t("budget.compute") }).waitFor();
      await page.keyboard.press("Tab");
      expect(await page.getByRole("spinbutton", { name: t("common.year") }).evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await tabStops()).toEqual(["budget"]);
      await page.keyboard.press("Shift+Tab");
      expect(await focused()).toBe("budget");
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      await page.getByRole("textbox", { name: t("settings.name") }).waitFor();
      expect(await tabStops()).toEqual(["settings"]);
    });
  }

  test("approvals: no violations at 320 and 1000 px, as opened and after opening a plan", async () => {
    await openTab(session, "approvals");
    expect(await violationsAtEachWidth(session)).toEqual([]);
    await PAGES.approvals(session);
    expect(await violationsAtEachWidth(session)).toEqual([]);
  });

  if (lang === "en" && colorScheme === "light") {
    test("approvals leaves nothing behind: settings, opened after approvals, has no violations", async () => {
      await openTab(session, "settings");
      await PAGES.settings(session);
      expect(await violationsAtEachWidth(session)).toEqual([]);
    });
  }
});
