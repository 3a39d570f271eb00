import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ExcelSession } from "../workbook/office-session";
import { officeEnvironment } from "./office-environment";
import { browserStore, loadSettings } from "./settings";

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  void officeEnvironment().then((environment) => {
    // Excel is defined only once Office has loaded inside Excel; opened in a plain browser, the pane says so.
    const office = (globalThis as { Office?: typeof Office }).Office;
    let inExcel: boolean;
    try {
      inExcel = typeof Excel !== "undefined" && office?.context?.host === office?.HostType.Excel;
    } catch {
      inExcel = false;
    }
    const store = browserStore();
    root.render(<App environment={environment} session={inExcel ? new ExcelSession() : undefined} settings={loadSettings(store)} store={store} />);
  });
}
