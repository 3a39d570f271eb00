/**
 * preview.html: the task pane in a plain browser on the bundled sample workbook, without
 * Office. For demonstrations and browser tests; the workbook stays in memory until downloaded.
 */
import { createRoot } from "react-dom/client";
import { languageFromLocale } from "../i18n";
import { App } from "./App";
import { loadPreviewSession, PreviewSession } from "../workbook/preview-session";
import { XlsxWorkbook } from "../workbook/xlsx";
import { loadSettings } from "./settings";
import { browserStore } from "./settings-store";
import { openIndexedDbTrustStore, PaneTrust } from "./trust";

const SAMPLE = "assets/sample-workbook.xlsx";

declare global {
  interface Window {
    /**
     * Test hook (preview only): the in-memory workbook, for tampering with it in browser tests;
     * and `open`, which opens the pane afresh on another workbook's bytes (base64), as a user
     * opens a file another user saved: the browser tests move a workbook between two browser
     * contexts (two users) with it. It resolves once the pane shows that workbook.
     */
    __mktTest?: { readonly workbook: unknown; open(base64: string): Promise<void> };
  }
}

const container = document.getElementById("root");
if (container) {
  const host = container;
  const root = createRoot(host);
  const dark = globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const environment = { language: languageFromLocale(navigator.language), theme: dark ? ("dark" as const) : ("light" as const) };
  // The preview keeps the settings in this origin's localStorage (Excel: OfficeRuntime.storage, index.tsx),
  // and what it trusts (signing keys, keys and log heads seen) in its IndexedDB, as the pane in Excel does.
  const store = browserStore();
  const trust = new PaneTrust(() => openIndexedDbTrustStore());
  let opened = 0;

  const show = async (session: PreviewSession): Promise<void> => {
    const loaded = await loadSettings(store);
    window.__mktTest = { workbook: session.workbook, open };
    // A new key: the pane opens afresh on the workbook, as when a file is opened.
    root.render(<App key={++opened} environment={environment} session={session} loaded={loaded} store={store} trust={trust} />);
    host.dataset.ready = "true";
  };

  async function open(base64: string): Promise<void> {
    host.dataset.ready = "false";
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    await show(new PreviewSession(await XlsxWorkbook.open(bytes, { file: "opened.xlsx" })));
  }

  loadPreviewSession(SAMPLE).then(show, (error: unknown) => {
    // Before React: plain text only.
    host.textContent = `The sample workbook could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
  });
}
