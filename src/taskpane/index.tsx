import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ExcelSession } from "../workbook/office-session";
import { officeEnvironment } from "./office-environment";
import { loadSettings } from "./settings";
import { browserStore, memoryStore, officeRuntimeStorage, officeStore } from "./settings-store";
import { openIndexedDbTrustStore, PaneTrust } from "./trust";

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  void officeEnvironment().then(async (environment) => {
    // Excel is defined only once Office has loaded inside Excel; opened in a plain browser, the pane says so.
    const office = (globalThis as { Office?: typeof Office }).Office;
    let inExcel: boolean;
    try {
      inExcel = typeof Excel !== "undefined" && office?.context?.host === office?.HostType.Excel;
    } catch {
      inExcel = false;
    }
    // In Excel, OfficeRuntime.storage (shared with the custom functions), taking over what earlier
    // versions kept in localStorage; in a plain browser, this page's memory.
    const store = inExcel ? officeStore(officeRuntimeStorage()) : memoryStore();
    const loaded = await loadSettings(store, inExcel ? browserStore() : undefined);
    // What the user trusts (their signing keys, the keys and log heads seen) lives in the web view's
    // IndexedDB: a CryptoKey is kept there as it is, never as bytes (OfficeRuntime.storage holds strings).
    const trust = inExcel ? new PaneTrust(() => openIndexedDbTrustStore()) : undefined;
    root.render(<App environment={environment} session={inExcel ? new ExcelSession() : undefined} loaded={loaded} store={store} trust={trust} />);
  });
}
