/**
 * preview.html: the task pane in a plain browser on the bundled sample workbook, without
 * Office. For demonstrations and browser tests; the workbook stays in memory until downloaded.
 */
import { createRoot } from "react-dom/client";
import { languageFromLocale } from "../i18n";
import { App } from "./App";
import { loadPreviewSession } from "../workbook/preview-session";
import { browserStore, loadSettings } from "./settings";

const SAMPLE = "assets/sample-workbook.xlsx";

declare global {
  interface Window {
    /** Test hook (preview only): the in-memory workbook, for tampering with it in browser tests. */
    __mktTest?: { readonly workbook: unknown };
  }
}

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  const dark = globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const environment = { language: languageFromLocale(navigator.language), theme: dark ? ("dark" as const) : ("light" as const) };
  loadPreviewSession(SAMPLE).then(
    (session) => {
      window.__mktTest = { workbook: session.workbook };
      const store = browserStore();
      root.render(<App environment={environment} session={session} settings={loadSettings(store)} store={store} />);
      container.dataset.ready = "true";
    },
    (error: unknown) => {
      // Before React: plain text only.
      container.textContent = `The sample workbook could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
}
