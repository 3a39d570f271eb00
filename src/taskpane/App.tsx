import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  renderTabList_unstable,
  Tab,
  Title3,
  tokens,
  useTabList_unstable,
  useTabListContextValues_unstable,
  useTabListStyles_unstable,
  webDarkTheme,
  webLightTheme,
  type TabListProps,
} from "@fluentui/react-components";
import { forwardRef, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import type { PaneEnvironment } from "./office-environment";
import { ApprovalsPage } from "./pages/ApprovalsPage";
import { BonusesPage } from "./pages/BonusesPage";
import { BudgetPage } from "./pages/BudgetPage";
import { OpportunitiesPage } from "./pages/OpportunitiesPage";
import { RebatesPage } from "./pages/RebatesPage";
import { SettingsPage } from "./pages/SettingsPage";
import { errorNotice, makePane, NoticeBar, PaneContext, type Notice } from "./pane";
import { UnavailableSession, type WorkbookSession } from "../workbook/session";
import { EMPTY_SETTINGS, isIdentified, type LoadedSettings, type PaneSettings } from "./settings";
import { useSettingsForm } from "./settings-form";
import { memoryStore, type SettingsStore } from "./settings-store";
import { memoryTrustStore, PaneTrust, TrustContext } from "./trust";

// Opportunities before Rebates and Bonuses, whose figures it looks ahead from.
export const PAGES = ["approvals", "opportunities", "rebates", "bonuses", "budget", "settings"] as const;
export type PageId = (typeof PAGES)[number];

const useStyles = makeStyles({
  // Not on the FluentProvider: it hands its className to every portal (dropdown lists), which
  // would then cover the page.
  page: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "100%",
    overflowWrap: "anywhere",
  },
  tabs: { flexWrap: "wrap" },
  unsavedMark: { color: tokens.colorPaletteMarigoldForeground1, marginLeft: tokens.spacingHorizontalXXS },
  visuallyHidden: { position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: 0, overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap", border: 0 },
});

/**
 * Fluent's TabList without its arrow-key group. That group is a Tabster mover, which puts two
 * focusable, aria-hidden "dummy" elements (<i tabindex="0" aria-hidden="true">) at the ends of
 * the tab list: focusable elements hidden from screen readers (axe: aria-hidden-focus). The
 * tabs rove their tabindex in App instead, as the WAI-ARIA tabs pattern has it.
 */
const PageTabList = forwardRef<HTMLDivElement, TabListProps>(function PageTabList(props, ref) {
  const state = useTabList_unstable(props, ref);
  delete (state.root as Record<string, unknown>)["data-tabster"];
  const contextValues = useTabListContextValues_unstable(state);
  useTabListStyles_unstable(state);
  return renderTabList_unstable(state, contextValues);
});

/** Where the arrow keys, Home and End move the focus in the tab bar (circular, as Fluent's was). */
const TAB_KEYS: Readonly<Record<string, (index: number, count: number) => number>> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export interface AppProps {
  readonly environment: PaneEnvironment;
  readonly session?: WorkbookSession;
  /** What loadSettings found in the store; `settings` is short for `{ status: "loaded", settings }`. */
  readonly loaded?: LoadedSettings;
  readonly settings?: PaneSettings;
  /** Where Save keeps the settings (settings-store.ts); memory only when none is given. */
  readonly store?: SettingsStore;
  readonly initialPage?: PageId;
  /** What the pane trusts: the user's signing keys, the keys and log heads seen (IndexedDB in Excel and the preview); memory only when none is given. */
  readonly trust?: PaneTrust;
}

const NO_WORKBOOK = new UnavailableSession();

export function App({ environment, session = NO_WORKBOOK, loaded, settings: initial, store, initialPage, trust }: AppProps) {
  const styles = useStyles();
  const [fallbackStore] = useState(memoryStore);
  const [fallbackTrust] = useState(() => new PaneTrust(async () => memoryTrustStore()));
  const form = useSettingsForm(loaded ?? (initial ? { status: "loaded", settings: initial } : { status: "none", settings: EMPTY_SETTINGS }), store ?? fallbackStore, environment.language);
  const { settings } = form;
  const [page, setPage] = useState<PageId>(initialPage ?? (isIdentified(settings) ? "approvals" : "settings"));
  const [notice, setNotice] = useState<Notice | undefined>();
  const lang = settings.language ?? environment.language;
  const pane = useMemo(() => makePane(lang, session, settings), [lang, session, settings]);
  const available = !(session instanceof UnavailableSession);
  // The one tab in the Tab order: the open page's, or the one the arrow keys moved to.
  const [focusTab, setFocusTab] = useState<PageId | undefined>();
  const tabs = useRef<Partial<Record<PageId, HTMLButtonElement | null>>>({});

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = TAB_KEYS[event.key];
    const from = PAGES.findIndex((id) => tabs.current[id] === event.target);
    if (!move || from < 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const to = PAGES[move(from, PAGES.length)];
    setFocusTab(to);
    tabs.current[to]?.focus();
  };
  // Leaving the tab bar, the Tab order goes back to the open page's tab.
  const onTabsBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusTab(undefined);
  };

  const download = async () => {
    if (!session.download) return;
    try {
      const url = URL.createObjectURL(await session.download());
      const link = document.createElement("a");
      link.href = url;
      link.download = "marketing-rulebook-preview.xlsx";
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setNotice(errorNotice(error, pane));
    }
  };

  return (
    <FluentProvider theme={environment.theme === "dark" ? webDarkTheme : webLightTheme}>
      <PaneContext.Provider value={pane}>
        <TrustContext.Provider value={trust ?? fallbackTrust}>
          <main className={styles.page} lang={lang === "zh" ? "zh-CN" : "en"}>
            <Title3 as="h1">{pane.t("app.title")}</Title3>
            {session.kind === "preview" && (
              <MessageBar intent="info" layout="multiline">
                <MessageBarBody>{pane.t("app.previewNotice")}</MessageBarBody>
              </MessageBar>
            )}
            {session.download && <Button onClick={() => void download()}>{pane.t("app.download")}</Button>}
            {!available && <NoticeBar notice={{ intent: "info", text: pane.t("app.notInExcel") }} />}
            <NoticeBar notice={notice} />
            <PageTabList
              className={styles.tabs}
              size="small"
              selectedValue={page}
              onTabSelect={(_, d) => {
                if (page === "settings" && d.value !== "settings") form.leave();
                setPage(d.value as PageId);
                setFocusTab(undefined);
              }}
              onKeyDown={onTabKey}
              onBlur={onTabsBlur}
              aria-label={pane.t("app.tabs")}
            >
              {PAGES.map((id) => (
                <Tab
                  key={id}
                  value={id}
                  tabIndex={id === (focusTab ?? page) ? 0 : -1}
                  ref={(element: HTMLButtonElement | null) => {
                    tabs.current[id] = element;
                  }}
                >
                  {pane.t(`tab.${id}`)}
                  {id === "settings" && form.changed && (
                    <>
                      <span className={styles.unsavedMark} aria-hidden="true">
                        ●
                      </span>
                      <span className={styles.visuallyHidden}>{` (${pane.t("settings.unsavedTab")})`}</span>
                    </>
                  )}
                </Tab>
              ))}
            </PageTabList>
            <div role="tabpanel" aria-label={pane.t(`tab.${page}`)}>
              {page === "approvals" && <ApprovalsPage />}
              {page === "rebates" && <RebatesPage />}
              {page === "bonuses" && <BonusesPage />}
              {page === "budget" && <BudgetPage />}
              {page === "opportunities" && <OpportunitiesPage />}
              {page === "settings" && <SettingsPage form={form} />}
            </div>
          </main>
        </TrustContext.Provider>
      </PaneContext.Provider>
    </FluentProvider>
  );
}
