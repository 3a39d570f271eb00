import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { uiText } from "../../src/i18n";
import { uiEn } from "../../src/i18n/ui.en";
import { uiZh } from "../../src/i18n/ui.zh";

const PANE = join(__dirname, "..", "..", "src", "taskpane");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

function leaves(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as object).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("task pane texts (namespace ui)", () => {
  test("English and Chinese have the same keys, and no Chinese text is left empty", () => {
    expect(leaves(uiZh).sort()).toEqual(leaves(uiEn).sort());
    for (const key of leaves(uiZh)) expect(uiText("zh", key)).not.toBe("");
  });

  test("every literal key the pane asks for exists", () => {
    const used = new Set<string>();
    for (const file of sources(PANE)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\("([a-zA-Z_.]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const known = new Set(leaves(uiEn));
    // Keys under bonuses are asked for without their prefix by bonus-explain.ts.
    const missing = [...used].filter((k) => !known.has(k) && !known.has(`bonuses.${k}`));
    expect(missing).toEqual([]);
  });

  test("status codes of cells are shown in the user's language", () => {
    expect(uiText("zh", "status.DirectorApproved")).toBe("总监已批准");
    expect(uiText("en", "budgetStatus.ON TRACK")).toBe("On track");
  });
});
