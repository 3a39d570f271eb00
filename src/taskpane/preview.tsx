/**
 * preview.html: the task pane in a plain browser on the bundled sample workbook, without
 * Office. For demonstrations and browser tests; the workbook stays in memory until downloaded.
 */
import { createRoot } from "react-dom/client";
import { languageFromLocale } from "../i18n";
import { App } from "./App";
import { loadPreviewSession } from "../workbook/preview-session";
import { loadSettings } from "./settings";
import { browserStore } from "./settings-store";

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
  // The preview keeps the settings in this origin's localStorage (Excel: OfficeRuntime.storage, index.tsx).
  const store = browserStore();
  Promise.all([loadPreviewSession(SAMPLE), loadSettings(store)]).then(
    ([session, loaded]) => {
      window.__mktTest = { workbook: session.workbook };
      root.render(<App environment={environment} session={session} loaded={loaded} store={store} />);
      container.dataset.ready = "true";
    },
    (error: unknown) => {
      // Before React: plain text only.
      container.textContent = `The sample workbook could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
}
