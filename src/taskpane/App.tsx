import { Button, FluentProvider, makeStyles, MessageBar, MessageBarBody, Tab, TabList, Title3, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { PaneEnvironment } from "./office-environment";
import { ApprovalsPage } from "./pages/ApprovalsPage";
import { BonusesPage } from "./pages/BonusesPage";
import { BudgetPage } from "./pages/BudgetPage";
import { RebatesPage } from "./pages/RebatesPage";
import { SettingsPage } from "./pages/SettingsPage";
import { errorNotice, makePane, NoticeBar, PaneContext, type Notice } from "./pane";
import { UnavailableSession, type WorkbookSession } from "../workbook/session";
import { EMPTY_SETTINGS, isIdentified, saveSettings, type PaneSettings, type SettingsStore } from "./settings";

export const PAGES = ["approvals", "rebates", "bonuses", "budget", "settings"] as const;
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
});

export interface AppProps {
  readonly environment: PaneEnvironment;
  readonly session?: WorkbookSession;
  readonly settings?: PaneSettings;
  readonly store?: SettingsStore;
  readonly initialPage?: PageId;
}

const NO_WORKBOOK = new UnavailableSession();

export function App({ environment, session = NO_WORKBOOK, settings: initial = EMPTY_SETTINGS, store, initialPage }: AppProps) {
  const styles = useStyles();
  const [settings, setSettings] = useState(initial);
  const [page, setPage] = useState<PageId>(initialPage ?? (isIdentified(settings) ? "approvals" : "settings"));
  const [notice, setNotice] = useState<Notice | undefined>();
  const lang = settings.language ?? environment.language;
  const pane = useMemo(() => makePane(lang, session, settings), [lang, session, settings]);
  const available = !(session instanceof UnavailableSession);

  const save = (next: PaneSettings) => {
    setSettings(next);
    saveSettings(store, next);
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
          <TabList className={styles.tabs} size="small" selectedValue={page} onTabSelect={(_, d) => setPage(d.value as PageId)} aria-label={pane.t("app.tabs")}>
            {PAGES.map((id) => (
              <Tab key={id} value={id}>
                {pane.t(`tab.${id}`)}
              </Tab>
            ))}
          </TabList>
          <div role="tabpanel" aria-label={pane.t(`tab.${page}`)}>
            {page === "approvals" && <ApprovalsPage />}
            {page === "rebates" && <RebatesPage />}
            {page === "bonuses" && <BonusesPage />}
            {page === "budget" && <BudgetPage />}
            {page === "settings" && <SettingsPage key={lang} onSave={save} />}
          </div>
        </main>
      </PaneContext.Provider>
    </FluentProvider>
  );
}
