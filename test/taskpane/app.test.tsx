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

  test("the first run welcomes the user on Settings and says what to set and why; not once they are known, nor when the store failed", () => {
    const env = { language: "zh", theme: "light" } as const;
    const first = renderToString(<App environment={env} session={previewSession} loaded={{ status: "none", settings: { name: "", role: "", tableNames: {} } }} />);
    expect(first).toContain("欢迎使用");
    expect(first).toContain("审计日志");
    const known = renderToString(<App environment={env} session={previewSession} initialPage="settings" settings={{ name: "王建华", role: "director", tableNames: {} }} />);
    expect(known).not.toContain("欢迎使用");
    const failed = renderToString(<App environment={env} session={previewSession} loaded={{ status: "failed", settings: { name: "", role: "", tableNames: {} }, detail: "Storage is not available" }} />);
    expect(failed).not.toContain("欢迎使用");
    expect(failed).toContain("无法读取已保存的设置（Storage is not available）。");
  });

  test("the table names read in Chinese in a Chinese pane", () => {
    const html = renderToString(<App environment={{ language: "zh", theme: "light" }} session={previewSession} initialPage="settings" />);
    expect(html).toContain("销售表");
    expect(html).toContain("营销计划表");
    expect(html).not.toMatch(/>\s*(Sales|Plans) ?表/);
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
