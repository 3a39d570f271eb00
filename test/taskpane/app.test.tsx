import { renderToString } from "react-dom/server";
import { App } from "../../src/taskpane/App";
import type { WorkbookSession } from "../../src/taskpane/session";

const previewSession: WorkbookSession = {
  kind: "preview",
  run: () => new Promise(() => undefined),
  download: async () => new Blob([]),
};

describe("the task pane shell", () => {
  test("renders in English outside Office, and says a workbook is needed", () => {
    const html = renderToString(<App environment={{ language: "en", theme: "light" }} />);
    expect(html).toContain("Marketing Rulebook");
    expect(html).toContain('lang="en"');
    expect(html).toContain("Open this pane from Excel");
  });

  test("renders in Chinese for a Chinese Office, on a dark theme", () => {
    const html = renderToString(<App environment={{ language: "zh", theme: "dark" }} />);
    expect(html).toContain("营销制度助手");
    expect(html).toContain('lang="zh-CN"');
  });

  test("opens on Settings until the user has a name and a role, then on Approvals", () => {
    const env = { language: "en", theme: "light" } as const;
    const fresh = renderToString(<App environment={env} session={previewSession} />);
    expect(fresh).toMatch(/aria-selected="true"[^>]*>.*?Settings/);
    const known = renderToString(<App environment={env} session={previewSession} settings={{ name: "王建华", role: "director", tableNames: {} }} />);
    expect(known).toMatch(/aria-selected="true"[^>]*>.*?Approvals/);
    expect(known).toContain("Reading the workbook");
  });

  test("the language chosen in Settings wins over Office's; the preview offers a download", () => {
    const html = renderToString(<App environment={{ language: "en", theme: "light" }} session={previewSession} settings={{ name: "", role: "", language: "zh", tableNames: {} }} />);
    expect(html).toContain("审批");
    expect(html).toContain("下载工作簿");
    expect(html).toContain("示例工作簿预览");
  });
});
