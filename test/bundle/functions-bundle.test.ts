/**
 * The built add-in, tested as shipped: dist/functions.js loaded as Excel loads it, the
 * generated metadata, and the page and manifest that point at them. Needs `npm run build`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { child, findAll, parseXml } from "../manifest/xml-tree";
import { DIST, distPath, ExcelError, loadFunctionsBundle, readDistJson, type FunctionsBundle } from "./harness";

interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: {
    id: string;
    name: string;
    parameters: { name: string; type?: string; dimensionality?: string }[];
    result?: { dimensionality?: string };
    options?: Record<string, unknown>;
  }[];
}

/** Excel's date serial: days since 1899-12-30. */
function serial(isoDate: string): number {
  return (Date.parse(`${isoDate}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

const TIERS = [
  ["Threshold", "Rate"],
  [0, 0],
  [100000, 0.01],
  [500000, 0.02],
  [1000000, 0.03],
];

let bundle: FunctionsBundle;

beforeAll(() => {
  bundle = loadFunctionsBundle();
});

describe("dist/functions.js in a bare custom-functions runtime", () => {
  test("associates every function in dist/functions.json, and nothing else", () => {
    const ids = readDistJson<Metadata>("functions.json").functions.map((f) => f.id);
    expect([...bundle.associatedIds].sort()).toEqual([...ids].sort());
    expect([...ids].sort()).toEqual(["BONUS_GAP", "BUDGET_VARIANCE", "MONTHLY_BONUS", "NEXT_RANK", "PAY_DATE", "PLAN_DEADLINE", "RANK_OF", "REBATE", "REBATE_GAP"]);
  });

  // SPEC §1 worked examples, with arguments shaped as Excel passes them: per-row arguments as
  // 2-D arrays, choice arguments as scalars, omitted optional arguments as null.
  test.each<[string, string, unknown[], unknown]>([
    ["RANK_OF(12000)", "RANK_OF", [[[12000]]], [["PC"]]],
    ["RANK_OF(12000, , , 31000)", "RANK_OF", [[[12000]], null, null, [[31000]]], [["DS"]]],
    ["RANK_OF(13000)", "RANK_OF", [[[13000]]], [["SR"]]],
    ["RANK_OF(15000)", "RANK_OF", [[[15000]]], [["SE"]]],
    ["RANK_OF(15000, 60000, 4)", "RANK_OF", [[[15000]], [[60000]], [[4]]], [["SM"]]],
    ["RANK_OF(15000, 60000, 3)", "RANK_OF", [[[15000]], [[60000]], [[3]]], [["SSE"]]],
    ["RANK_OF(14999, 400000, 20)", "RANK_OF", [[[14999]], [[400000]], [[20]]], [["SR"]]],
    ["MONTHLY_BONUS(20000, 15000, \"SR\")", "MONTHLY_BONUS", [[[20000]], [[15000]], [["SR"]]], [[5576.92]]],
    ["MONTHLY_BONUS(30000, 20000, \"SM\", 80000)", "MONTHLY_BONUS", [[[30000]], [[20000]], [["SM"]], [[80000]]], [[14615.38]]],
    ["REBATE(600000, tiers)", "REBATE", [[[600000]], TIERS], [[12000]]],
    ["REBATE(600000, tiers, \"incremental\")", "REBATE", [[[600000]], TIERS, "incremental"], [[6000]]],
    ["REBATE(600000, tiers, , 60000)", "REBATE", [[[600000]], TIERS, null, [[60000]]], [[1200]]],
    ["PAY_DATE(2026-03-15)", "PAY_DATE", [[[serial("2026-03-15")]]], [[serial("2026-05-10")]]],
    ["PLAN_DEADLINE(2026-03-31)", "PLAN_DEADLINE", [[[serial("2026-03-31")]]], [[serial("2026-02-28")]]],
    ["BUDGET_VARIANCE(110, 100)", "BUDGET_VARIANCE", [[[110]], [[100]]], [[10]]],
    ["BUDGET_VARIANCE(110, 100, \"status\")", "BUDGET_VARIANCE", [[[110]], [[100]], "status"], [["OVER"]]],
    ["BUDGET_VARIANCE(104, 100, \"status\")", "BUDGET_VARIANCE", [[[104]], [[100]], "status"], [["ON TRACK"]]],
    // Issue 11's what-if functions, worked in test/rules/what-if.test.ts.
    ["NEXT_RANK(12000, , , , , \"all\")", "NEXT_RANK", [[[12000]], null, null, null, null, "all"], [["DS", 0, 0, 0, 18000]]],
    ["NEXT_RANK(15000, 320000, 16)", "NEXT_RANK", [[[15000]], [[320000]], [[16]]], [[""]]],
    ["BONUS_GAP({12000;25000}, {10000;18000}, {\"SR\";\"SM\"}, {0;80000}, \"all\")", "BONUS_GAP", [[[12000], [25000]], [[10000], [18000]], [["SR"], ["SM"]], [[0], [80000]], "all"], [[1000, 1000, 5000, 3461.54, 8000, 4076.92], ["", "", 2000, 4307.7, 5000, 2769.23]]],
    ["REBATE_GAP(600000, tiers, , \"all\")", "REBATE_GAP", [[[600000]], TIERS, null, "all"], [[400000, 30000, 18000]]],
    ["REBATE_GAP(600000, tiers, \"incremental\", \"all\")", "REBATE_GAP", [[[600000]], TIERS, "incremental", "all"], [[400000, 14000, 8000]]],
  ])("%s", async (_formula, id, args, expected) => {
    expect(await bundle.call(id, ...args)).toEqual(expected);
  });

  test("the date serials used above are Excel's", () => {
    expect([serial("2026-03-15"), serial("2026-05-10"), serial("2026-03-31"), serial("2026-02-28")]).toEqual([46096, 46152, 46112, 46081]);
  });

  test("one call over a range spills one result per row", async () => {
    const result = await bundle.call("MONTHLY_BONUS", [[20000], [30000]], [[15000], [20000]], [["SR"], ["SM"]], [[0], [80000]]);
    expect(result).toEqual([[5576.92], [14615.38]]);
  });

  test("text that is not a number gives #VALUE! naming the argument", async () => {
    const outcome = await bundle.call("MONTHLY_BONUS", [["abc"]]).catch((thrown: unknown) => thrown);
    const error = outcome instanceof ExcelError ? outcome : (outcome as unknown[][])[0][0];
    expect(error).toBeInstanceOf(ExcelError);
    expect((error as ExcelError).code).toBe("#VALUE!");
    expect((error as ExcelError).message).toContain("monthSales");
  });

  test("an error cell in a range spoils only its own element", async () => {
    const result = (await bundle.call("MONTHLY_BONUS", [[20000], [new ExcelError("#N/A")]], [[15000], [15000]])) as unknown[][];
    expect(result[0]).toEqual([5576.92]);
    expect(result[1][0]).toBeInstanceOf(ExcelError);
    expect((result[1][0] as ExcelError).code).toBe("#N/A");
  });

  describe("the policy as a range (SPEC §4.3)", () => {
    const SEED = [["Rule", "Rank", "Threshold", "Value", "From", "Status"], ...seedRows()];
    const VAT_13 = [...SEED, ["VatRate", "", "", 0.13, serial("2019-04-01"), "Approved"]];

    function seedRows(): unknown[][] {
      const rows: unknown[][] = [["PerformanceRatio", "", "", 0.9], ["VatRate", "", "", "17%"], ["BaseRate", "", 13000, 0.1], ["BaseRate", "", 15000, 0.15], ["BaseRate", "", 20000, 0.2]];
      for (const [rule, values] of [["MorningStar", [[15000, 1500], [20000, 4000], [30000, 4000]]], ["OpeningStar", [[20000, 1000], [30000, 2000], [40000, 2000]]]] as const) {
        values.forEach(([threshold, value], i) => rows.push([rule, ["SR", "SM", "SD"][i], threshold, value]));
      }
      rows.push(["MorningStarDay", "", "", 20], ["OverrideRate", "SM", "", 0.05], ["PayMonthsAfter", "", "", 2], ["PayDay", "", "", 10], ["PlanLeadMonths", "", "", 1], ["BudgetTolerance", "", "", 0.05]);
      return rows.map((row) => [...row, "", "Approved"]);
    }

    // 20000 × 0.9 ÷ 1.13 × 20% = 3,185.8407… → 3,185.84, + 1,500 + 1,000 = 5,685.84; before 2019-04-01 the seed's 5,576.92.
    test.each<[string, string, unknown[], unknown]>([
      ["MONTHLY_BONUS(20000, 15000, \"SR\", , , VAT_13, \"2019-04-01\")", "MONTHLY_BONUS", [[[20000]], [[15000]], [["SR"]], null, null, VAT_13, "2019-04-01"], [[5685.84]]],
      ["MONTHLY_BONUS(20000, 15000, \"SR\", , , VAT_13, \"2019-03-31\")", "MONTHLY_BONUS", [[[20000]], [[15000]], [["SR"]], null, null, VAT_13, "2019-03-31"], [[5576.92]]],
      ["MONTHLY_BONUS(20000, 15000, \"SR\", , , SEED)", "MONTHLY_BONUS", [[[20000]], [[15000]], [["SR"]], null, null, SEED], [[5576.92]]],
      ["RANK_OF(15000, 60000, 4, , , SEED, \"2026-10-01\")", "RANK_OF", [[[15000]], [[60000]], [[4]], null, null, SEED, "2026-10-01"], [["SM"]]],
      ["BUDGET_VARIANCE(104, 100, \"status\", , , SEED)", "BUDGET_VARIANCE", [[[104]], [[100]], "status", null, null, SEED], [["ON TRACK"]]],
      ["PAY_DATE(2026-03-15, SEED)", "PAY_DATE", [[[serial("2026-03-15")]], SEED], [[serial("2026-05-10")]]],
      ["PLAN_DEADLINE(2026-03-31, SEED)", "PLAN_DEADLINE", [[[serial("2026-03-31")]], SEED], [[serial("2026-02-28")]]],
      [
        "PAY_DATE(2026-03-15…2026-04-01, PayDay 15 from 2026-04-01)",
        "PAY_DATE",
        [[[serial("2026-03-15")], [serial("2026-04-01")]], [...SEED, ["PayDay", "", "", 15, serial("2026-04-01"), "Approved"]]],
        [[serial("2026-05-10")], [serial("2026-06-15")]],
      ],
    ])("%s", async (_formula, id, args, expected) => {
      expect(await bundle.call(id, ...args)).toEqual(expected);
    });

    test("a broken row gives #VALUE! naming it", async () => {
      const broken = [...SEED, ["VatRate", "", "", 13, serial("2019-04-01"), "Approved"]];
      const outcome = await bundle.call("MONTHLY_BONUS", [[20000]], null, null, null, null, broken, "2026-10-01").catch((thrown: unknown) => thrown);
      expect(outcome).toBeInstanceOf(ExcelError);
      expect((outcome as ExcelError).code).toBe("#VALUE!");
      expect((outcome as ExcelError).message).toBe(`policy, row ${SEED.length + 1} of the range: VatRate: 13 is above 100%; write a rate as a percentage or a fraction (17% or 0.17).`);
    });
  });

  test("in a Chinese Excel the error message is in Chinese", async () => {
    const zhBundle = loadFunctionsBundle("zh-CN");
    const result = (await zhBundle.call("MONTHLY_BONUS", [["abc"]]).catch((thrown: unknown) => [[thrown]])) as unknown[][];
    expect((result[0][0] as ExcelError).message).toMatch(/\p{Script=Han}/u);
  });
});

describe("dist metadata", () => {
  test("functions.json lets error cells reach the functions (allowErrorForDataTypeAny)", () => {
    expect(readDistJson<Metadata>("functions.json").allowErrorForDataTypeAny).toBe(true);
  });

  // A `| null` or a type alias in a signature makes the generator fall back to scalar, and
  // Excel would then call the function once per cell instead of once per range.
  test("per-row arguments take ranges, choice arguments single values; nothing is volatile", () => {
    const CHOICES = ["component", "mode", "output", "asOf"];
    for (const fn of readDistJson<Metadata>("functions.json").functions) {
      expect({ id: fn.id, result: fn.result, options: fn.options }).toEqual({ id: fn.id, result: { dimensionality: "matrix" }, options: undefined });
      for (const p of fn.parameters) {
        const expected = CHOICES.includes(p.name) ? undefined : "matrix";
        expect({ param: `${fn.id}.${p.name}`, type: p.type, dimensionality: p.dimensionality }).toEqual({ param: `${fn.id}.${p.name}`, type: "any", dimensionality: expected });
      }
    }
  });

  test("functions.zh-CN.json has the same functions and parameters, with Chinese names", () => {
    const en = readDistJson<Metadata>("functions.json");
    const zh = readDistJson<Metadata>("functions.zh-CN.json");
    expect(zh.allowErrorForDataTypeAny).toBe(true);
    expect(zh.functions.map((f) => [f.id, f.parameters.length])).toEqual(en.functions.map((f) => [f.id, f.parameters.length]));
    const policyParameters = (m: Metadata) => m.functions.map((f) => [f.id, f.parameters.slice(-2).map((p) => p.name)]);
    expect(policyParameters(en)).toEqual([
      ["RANK_OF", ["policy", "asOf"]],
      ["MONTHLY_BONUS", ["policy", "asOf"]],
      ["REBATE", ["mode", "purchase"]],
      ["BUDGET_VARIANCE", ["policy", "asOf"]],
      ["PAY_DATE", ["month", "policy"]],
      ["PLAN_DEADLINE", ["startDate", "policy"]],
      ["NEXT_RANK", ["policy", "asOf"]],
      ["BONUS_GAP", ["policy", "asOf"]],
      ["REBATE_GAP", ["mode", "output"]],
    ]);
    expect(policyParameters(zh).flatMap(([, names]) => names)).toEqual(["制度参数", "适用日期", "制度参数", "适用日期", "返利方式", "单笔进货额", "制度参数", "适用日期", "月份", "制度参数", "开始日期", "制度参数", "制度参数", "适用日期", "制度参数", "适用日期", "返利方式", "输出"]);
    for (const fn of zh.functions) expect(fn.name).toMatch(/\p{Script=Han}/u);
  });
});

describe("dist page, manifest and bundles", () => {
  test("every file dist/manifest.xml points at is in dist/", () => {
    const manifest = parseXml(readFileSync(distPath("manifest.xml"), "utf8"));
    const urls = [...findAll(manifest, "Image"), ...findAll(manifest, "Url"), ...findAll(manifest, "Override")]
      .map((e) => e.attributes.DefaultValue ?? e.attributes.Value)
      .concat(child(manifest, "IconUrl").attributes.DefaultValue)
      .filter((value): value is string => typeof value === "string" && value.startsWith("https://"));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(() => distPath(new URL(url).pathname.slice(1))).not.toThrow();
  });

  test("taskpane.html loads Office.js, then the functions, then the pane, under a CSP without eval", () => {
    const html = readFileSync(distPath("taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "/functions.js", "/taskpane.js"]);
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).not.toMatch(/unsafe-eval/);
  });

  test("no bundle evaluates strings as code (the CSP forbids it)", () => {
    const bundles = readdirSync(DIST).filter((file) => file.endsWith(".js"));
    expect(bundles).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
    for (const file of bundles) {
      const code = readFileSync(join(DIST, file), "utf8");
      expect({ file, evals: code.match(/\beval\(|new Function\(|\bFunction\(\s*["'`]/g) }).toEqual({ file, evals: null });
    }
  });
});
