import { environmentFrom, officeEnvironment, OUTSIDE_OFFICE } from "../../src/taskpane/office-environment";

describe("the task pane's language and theme", () => {
  test.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["en-US", "en"],
    ["de-DE", "en"],
    [undefined, "en"],
  ])("display language %p → %p", (displayLanguage, language) => {
    expect(environmentFrom({ displayLanguage }).language).toBe(language);
  });

  test.each([
    ["#FFFFFF", "light"],
    ["#1F1F1F", "dark"],
    ["#262626", "dark"],
    ["not a colour", "light"],
    [undefined, "light"],
  ])("body background %p → %p theme", (bodyBackgroundColor, theme) => {
    expect(environmentFrom({ displayLanguage: "en-US", officeTheme: { bodyBackgroundColor } }).theme).toBe(theme);
  });

  test("a host whose officeTheme throws still gets a pane", () => {
    const context = { displayLanguage: "zh-CN", get officeTheme(): never { throw new Error("not supported") } };
    expect(environmentFrom(context)).toEqual({ language: "zh", theme: "light" });
  });

  test("outside Office (no Office global) the pane is English and light", async () => {
    expect((globalThis as { Office?: unknown }).Office).toBeUndefined();
    await expect(officeEnvironment()).resolves.toEqual(OUTSIDE_OFFICE);
  });
});
