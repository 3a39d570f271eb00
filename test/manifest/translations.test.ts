/**
 * The zh-CN help for the MKT functions: generated from the same JSDoc the build uses, so a
 * function or parameter added without a Chinese translation fails here, without a build.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import {
  localizeMetadata,
  withErrorsForAny,
  type FunctionsMetadata,
  type FunctionTranslations,
} from "../../scripts/build/metadata";
import { RANK_NAMES } from "../../src/rules";

const ROOT = join(__dirname, "..", "..");
const FUNCTIONS_SOURCE = join(ROOT, "src", "functions", "functions.ts");
const translations = JSON.parse(
  readFileSync(join(ROOT, "src", "functions", "translations.zh-CN.json"), "utf8"),
) as FunctionTranslations;
const HAN = /\p{Script=Han}/u;

describe("zh-CN function metadata", () => {
  let generated: FunctionsMetadata;

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata([FUNCTIONS_SOURCE], false);
    // The webpack plugin fails the build on these same errors; say so here in plain words.
    if (result.errors.length > 0) {
      throw new Error(`custom-functions-metadata rejects src/functions/functions.ts:\n  ${result.errors.join("\n  ")}`);
    }
    generated = JSON.parse(result.metadataJson) as FunctionsMetadata;
  }, 30_000);

  test("covers the nine MKT functions", () => {
    expect(generated.functions.map((f) => f.id).sort()).toEqual(
      ["BONUS_GAP", "BUDGET_VARIANCE", "MONTHLY_BONUS", "NEXT_RANK", "PAY_DATE", "PLAN_DEADLINE", "RANK_OF", "REBATE", "REBATE_GAP"],
    );
  });

  test("RANK_OF's help explains every rank code by its name, in English and in Chinese", () => {
    const english = generated.functions.find((f) => f.id === "RANK_OF")?.description?.toLowerCase() ?? "";
    const chinese = translations.functions.RANK_OF.description;
    for (const [code, names] of Object.entries(RANK_NAMES)) {
      expect(english).toContain(`${code.toLowerCase()} ${names.en.toLowerCase()}`);
      expect(chinese).toContain(names.zh === code ? code : `${code} ${names.zh}`);
    }
  });

  test("every function and parameter has a Chinese name and description", () => {
    const zh = localizeMetadata(withErrorsForAny(generated), translations, "zh-CN");
    for (const fn of zh.functions) {
      expect({ id: fn.id, name: fn.name, description: fn.description }).toEqual({
        id: fn.id,
        name: expect.stringMatching(HAN),
        description: expect.stringMatching(HAN),
      });
      for (const p of fn.parameters) {
        expect({ fn: fn.id, name: p.name, description: p.description }).toEqual({
          fn: fn.id,
          name: expect.stringMatching(HAN),
          description: expect.stringMatching(HAN),
        });
      }
    }
  });

  test("keeps ids, types, dimensionality and optionality; changes only the words", () => {
    const en = withErrorsForAny(generated);
    const zh = localizeMetadata(en, translations, "zh-CN");
    const shape = (m: FunctionsMetadata) =>
      m.functions.map((f) => ({ id: f.id, result: f.result, options: f.options, parameters: f.parameters.map(({ name: _n, description: _d, ...rest }) => rest) }));
    expect(shape(zh)).toEqual(shape(en));
    expect(zh.allowErrorForDataTypeAny).toBe(true);
  });
});

describe("localizeMetadata refuses translations that do not match", () => {
  const metadata: FunctionsMetadata = {
    functions: [{ id: "PAY_DATE", name: "PAY_DATE", description: "Pay date", parameters: [{ name: "month", description: "Month", type: "any" }] }],
  };
  const good = { name: "奖金发放日", description: "发放日期", parameters: { month: { name: "月份", description: "月份" } } };

  test("accepts a complete translation", () => {
    expect(localizeMetadata(metadata, { functions: { PAY_DATE: good } }, "zh-CN").functions[0].name).toBe("奖金发放日");
  });

  test.each([
    ["a missing function", { functions: {} }, /PAY_DATE: no translation for this function/],
    ["a missing parameter", { functions: { PAY_DATE: { ...good, parameters: {} } } }, /PAY_DATE\.parameters\.month: no translation/],
    ["a function that does not exist", { functions: { PAY_DATE: good, PAYDAY: good } }, /PAYDAY: translated, but functions\.json has no such function/],
    [
      "a parameter that does not exist",
      { functions: { PAY_DATE: { ...good, parameters: { ...good.parameters, day: { name: "日", description: "日" } } } } },
      /PAY_DATE\.parameters\.day: translated, but PAY_DATE has no such parameter/,
    ],
    ["a function name under three characters", { functions: { PAY_DATE: { ...good, name: "发放" } } }, /not a valid Excel function name/],
    ["a function name with a space", { functions: { PAY_DATE: { ...good, name: "发放 日期" } } }, /not a valid Excel function name/],
    ["an empty description", { functions: { PAY_DATE: { ...good, description: " " } } }, /PAY_DATE\.description: missing or empty/],
    ["a misspelt key", { functions: { PAY_DATE: { ...good, descripton: "x" } } }, /unknown key "descripton"/],
  ])("%s", (_case, bad, message) => {
    expect(() => localizeMetadata(metadata, bad as FunctionTranslations, "zh-CN")).toThrow(message);
  });
});
