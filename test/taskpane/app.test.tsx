import { renderToString } from "react-dom/server";
import { App } from "../../src/taskpane/App";
import type { WorkbookSession } from "../../src/workbook/session";

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

describe("errors in the pane", () => {
  test("outside Excel, a page's read says where to open the pane, in the user's language", async () => {
    const { describe: describeFailure } = await import("../../src/taskpane/pane");
    const { UnavailableSession } = await import("../../src/workbook/session");
    const failure = await new UnavailableSession().run(async () => 1).catch((e: unknown) => e);
    expect(describeFailure(failure, "zh")).toBe("请在 Excel 中打开此窗格（开始 › 营销制度）以处理工作簿。");
  });

  test("rule errors name roles and statuses in the user's language", async () => {
    const { describe: describeFailure } = await import("../../src/taskpane/pane");
    const error = { kind: "value" as const, code: "roleNotAllowed" as const, params: { role: "finance", needed: "director", value: "Reviewed" } };
    expect(describeFailure(error, "en")).toBe("Only the Marketing director role may move this to Reviewed; you act as Finance.");
    const notPending = { kind: "value" as const, code: "itemNotPending" as const, params: { id: "P-1", status: "DirectorApproved" } };
    expect(describeFailure(notPending, "zh")).toContain("总监已批准");
  });
});
