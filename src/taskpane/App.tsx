import { Body1, FluentProvider, makeStyles, Title2, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { PaneEnvironment } from "./office-environment";

// The shell's only texts; the pages that come later take theirs from src/i18n.
const TEXTS = {
  en: {
    title: "Marketing Rulebook",
    body: "The MKT functions are ready to use in your formulas. The approvals, rebates, bonuses and budget pages come in a later version.",
  },
  zh: {
    title: "营销制度助手",
    body: "MKT 函数已可在公式中使用。审批、返利、奖金和预算页面将在后续版本中提供。",
  },
} as const;

const useStyles = makeStyles({
  provider: { minHeight: "100vh" },
  page: {
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
});

export function App({ environment }: { readonly environment: PaneEnvironment }) {
  const styles = useStyles();
  const text = TEXTS[environment.language];
  return (
    <FluentProvider theme={environment.theme === "dark" ? webDarkTheme : webLightTheme} className={styles.provider}>
      <main className={styles.page} lang={environment.language === "zh" ? "zh-CN" : "en"}>
        <Title2 as="h1">{text.title}</Title2>
        <Body1 as="p">{text.body}</Body1>
      </main>
    </FluentProvider>
  );
}
