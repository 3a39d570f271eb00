/**
 * Policy tables 制度参数 as Excel hands them to a function: one 2-D array, the header row first,
 * blank cells as "" and dates as serials (SPEC §4.1, §4.3).
 */
import { POLICY_RULE_NAMES, SEED_POLICY_ROWS } from "../../src/rules";
import type { Cell, CellGrid } from "../../src/functions/grid";

/** Excel's date serial of a day written YYYY-MM-DD: days since 1899-12-30. */
export function serial(isoDate: string): number {
  return (Date.parse(`${isoDate}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export const HEADERS = ["Rule", "Rank", "Threshold", "Value", "From", "Status", "Owner", "Note"];

/** A table with every column, English headers: rows as [Rule, Rank, Threshold, Value, From, Status]. */
export function policyTable(...rows: Cell[][]): CellGrid {
  return [HEADERS, ...rows.map((row) => HEADERS.map((_, i) => row[i] ?? ""))];
}

/** SPEC §4.1's seed rows as a table of only the required and rule columns (no From, no Status: every row counts). */
export const SEED_RANGE: CellGrid = [
  ["Rule", "Rank", "Threshold", "Value"],
  ...SEED_POLICY_ROWS.map((row) => [row.rule, row.rank ?? "", row.threshold ?? "", row.value ?? ""]),
];

/**
 * The same seed as a Chinese workbook might hold it: Chinese headers in another order, Chinese
 * rule names, rates as text percentages and amounts with thousands separators, Status 已批准,
 * From blank, an Owner, a Note and a column the policy does not know.
 */
export const SEED_RANGE_ZH: CellGrid = [
  ["值", "备注", "规则", "状态", "门槛", "提交人", "职级", "生效日期", "说明"],
  ...SEED_POLICY_ROWS.map((row) => [
    asText(row.value, row.rule),
    "种子",
    POLICY_RULE_NAMES[row.rule].zh,
    "已批准",
    asText(row.threshold, row.rule),
    "张三",
    row.rank ?? "",
    "",
    "x",
  ]),
];

function asText(value: number | undefined, rule: string): Cell {
  if (value === undefined) return "";
  if (/Rate|Tolerance|Ratio/.test(rule)) return `${Number((value * 100).toPrecision(12))}%`;
  return value.toLocaleString("en-US");
}

/** Header rows alone: no version, so the seed. */
export const HEADER_ONLY: CellGrid = [["Rule", "Value"]];
export const HEADER_ONLY_ZH: CellGrid = [["规则", "职级", "门槛", "值", "生效日期", "状态"]];

/** The VAT cut of SPEC §4 (17% → 13% on 2019-04-01), approved, over the seed rows. */
export const SEED_WITH_VAT_13: CellGrid = [
  [...HEADERS],
  ...SEED_POLICY_ROWS.map((row) => [row.rule, row.rank ?? "", row.threshold ?? "", row.value ?? "", "", "Approved", "", ""]),
  ["VatRate", "", "", 0.13, serial("2019-04-01"), "Approved", "李四", "增值税 13%"],
];
