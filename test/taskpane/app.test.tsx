import { renderToString } from "react-dom/server";
import { App } from "../../src/taskpane/App";

describe("the task pane shell", () => {
  test("renders in English outside Office", () => {
    const html = renderToString(<App environment={{ language: "en", theme: "light" }} />);
    expect(html).toContain("Marketing Rulebook");
    expect(html).toContain('lang="en"');
  });

  test("renders in Chinese for a Chinese Office, on a dark theme", () => {
    const html = renderToString(<App environment={{ language: "zh", theme: "dark" }} />);
    expect(html).toContain("营销制度助手");
    expect(html).toContain('lang="zh-CN"');
  });
});
