/**
 * The workbook's tables (SPEC §2, §3.2–3.4) as data: each logical table's columns with their
 * English and Chinese headers. Logical column ids are the English headers; services use
 * the ids, never the header text, so a Chinese workbook reads the same as an English one.
 */
import { WorkbookError } from "./errors";

export type TableKind =
  | "Sales"
  | "Reps"
  | "Purchases"
  | "RebatePolicy"
  | "Budget"
  | "Plans"
  | "AuditLog"
  | "AuditHead"
  | "Rebates"
  | "RebateLines"
  | "Bonuses"
  | "BudgetReport"
  | "Requests"
  | "Workflows"
  | "Policy"
  | "Statement"
  | "Signers"
  | "BonusOpportunities"
  | "RebateOpportunities";

export type HeaderLanguage = "en" | "zh";

/**
 * How a column's cells are read and written. "date": Excel serial numbers become Dates.
 * "month": only cells formatted as dates become Dates (a month may also be text "2026-03").
 */
export type ColumnType = "text" | "number" | "date" | "month" | "any";

export interface ColumnSpec {
  readonly id: string;
  readonly en: string;
  readonly zh: string;
  /** Further headers accepted when reading (never written). */
  readonly aliases?: readonly string[];
  readonly type: ColumnType;
  readonly required: boolean;
  /** Number format for numbers and dates the add-in writes into this column. */
  readonly numberFormat?: string;
}

export interface TableSpec {
  readonly kind: TableKind;
  /** The Excel table name looked for first (and given to tables the add-in creates). */
  readonly defaultName: string;
  /** True for the add-in's own output tables; only those are ever replaced wholesale. */
  readonly output: boolean;
  /** An input table a workbook may well not have (Requests, Workflows): its absence is no problem. */
  readonly optional: boolean;
  /**
   * Many tables of this kind, each found only by its own name (one rep's statement per sheet):
   * never looked for by headers, so not among TABLE_KINDS.
   */
  readonly manyByName: boolean;
  readonly columns: readonly ColumnSpec[];
}

const MONEY = "#,##0.00";
const PERCENT = "0.00%";
const DATE = "yyyy-mm-dd";
const MONTH = "yyyy-mm";

type ColumnShorthand = [id: string, zh: string, type: ColumnType, options?: { optional?: boolean; format?: string; aliases?: string[] }];

function table(kind: TableKind, output: boolean, columns: ColumnShorthand[], options: { optional?: boolean; manyByName?: boolean } = {}): TableSpec {
  return {
    kind,
    defaultName: kind,
    output,
    optional: options.optional ?? false,
    manyByName: options.manyByName ?? false,
    columns: columns.map(([id, zh, type, options = {}]) => ({
      id,
      en: id,
      zh,
      type,
      required: !options.optional,
      numberFormat: options.format ?? (type === "date" ? DATE : type === "month" ? MONTH : undefined),
      aliases: options.aliases,
    })),
  };
}

const SPECS: readonly TableSpec[] = [
  table("Sales", false, [["Rep", "业务员", "text"], ["Date", "日期", "date"], ["Amount", "金额", "number"]]),
  table("Reps", false, [["Rep", "业务员", "text"], ["Sponsor", "推荐人", "text"], ["Rank", "职级", "text", { optional: true }]]),
  table("Purchases", false, [
    ["Dealer", "经销商", "text"],
    ["Date", "日期", "date"],
    ["Amount", "金额", "number"],
    ["Type", "类型", "text", { optional: true }],
  ]),
  // SPEC §4.2: From, Status and Mode make versions of the tiers; without them the table is one version.
  table("RebatePolicy", false, [
    ["Threshold", "门槛", "number"],
    ["Rate", "返利率", "number"],
    ["From", "生效日期", "date", { optional: true }],
    ["Status", "状态", "text", { optional: true }],
    ["Mode", "模式", "text", { optional: true }],
  ]),
  table("Budget", false, [["Category", "类别", "text"], ["Month", "月份", "month"], ["Budget", "预算", "number"], ["Actual", "实际", "number"]]),
  table("Plans", false, [
    ["ID", "编号", "text", { aliases: ["计划编号"] }],
    ["Type", "类型", "text"],
    ["Title", "标题", "text"],
    ["Region", "区域", "text", { optional: true }],
    ["Owner", "提交人", "text"],
    ["Submitted", "提交日期", "date"],
    ["Start", "开始日期", "date"],
    ["Purpose", "目的", "text"],
    ["Audience", "目标群体", "text"],
    ["Channels", "推广方式", "text"],
    ["Category", "费用类别", "text"],
    ["Budget", "预算", "number"],
    ["Status", "状态", "text"],
  ]),
  table("AuditLog", true, [
    ["Seq", "序号", "number"],
    // ISO 8601 text, not an Excel date: the chain hash covers the exact string.
    ["Time", "时间", "text"],
    ["PlanID", "计划编号", "text"],
    ["Action", "操作", "text"],
    ["From", "原状态", "text"],
    ["To", "新状态", "text"],
    ["Actor", "操作人", "text"],
    ["Role", "角色", "text"],
    ["Comment", "备注", "text"],
    ["Hash", "哈希", "text"],
    // A signed entry's key and signature (src/rules/signing.ts); a log from before signing has neither column.
    ["KeyId", "密钥编号", "text", { optional: true }],
    ["Signature", "签名", "text", { optional: true }],
  ]),
  // Every signing key the log introduced, as the log says (src/rules/signers.ts): written by the add-in only.
  table("Signers", true, [["Name", "姓名", "text"], ["Role", "角色", "text"], ["Key", "公钥", "text"], ["KeyId", "密钥编号", "text"], ["FirstSeen", "首次出现", "text"], ["State", "状态", "text"]]),
  // The log's length and last hash, kept apart from it, so that rows cut off its end are noticed.
  table("AuditHead", true, [["Count", "条数", "number"], ["LastHash", "末条哈希", "text"]]),
  table("Rebates", true, [
    ["Dealer", "经销商", "text"],
    ["Year", "年度", "number"],
    ["Gross", "进货额", "number", { format: MONEY }],
    ["Returns", "退货额", "number", { format: MONEY }],
    ["Net", "净进货额", "number", { format: MONEY }],
    ["Tier", "档位", "number", { format: MONEY }],
    ["Rate", "返利率", "number", { format: PERCENT }],
    ["Rebate", "返利金额", "number", { format: MONEY }],
    ["Status", "状态", "text"],
    ["Note", "备注", "text"],
    // SPEC §4.3: the From of the RebatePolicy version applied (blank: one unversioned table, or a blank From).
    // Optional so that a table written before it existed is still found; a rewrite adds it (replaceRows).
    ["PolicyFrom", "政策版本", "date", { optional: true }],
  ]),
  table("RebateLines", true, [
    ["Dealer", "经销商", "text"],
    ["Date", "日期", "date"],
    ["Amount", "金额", "number", { format: MONEY }],
    ["Share", "返利分摊", "number", { format: MONEY }],
    ["Sheet", "来源工作表", "text"],
    ["Row", "来源行号", "number"],
  ]),
  table("Bonuses", true, [
    ["Rep", "业务员", "text"],
    ["Month", "月份", "month"],
    ["SalesBy20th", "20日前业绩", "number", { format: MONEY }],
    ["MonthSales", "月度业绩", "number", { format: MONEY }],
    ["SponsoredSales", "亲自培训SR业绩", "number", { format: MONEY }],
    ["SponsoredCount", "亲自培训SR数量", "number"],
    ["Rank", "职级", "text"],
    ["Base", "基本奖金", "number", { format: MONEY }],
    ["MorningStar", "晨星奖", "number", { format: MONEY }],
    ["OpeningStar", "开星奖", "number", { format: MONEY }],
    ["Override", "季度评估", "number", { format: MONEY }],
    ["Total", "合计", "number", { format: MONEY }],
    ["PayDate", "发放日期", "date"],
    // SPEC §4.3: the From of the newest Policy version applied (blank: the seed); optional as in Rebates.
    ["PolicyFrom", "政策版本", "date", { optional: true }],
    ["ConfirmedRank", "登记职级", "text", { optional: true }],
    ["RankDiffers", "职级不符", "any", { optional: true }],
  ]),
  table("BudgetReport", true, [
    ["Category", "类别", "text"],
    ["Period", "期间", "text"],
    ["Budget", "预算", "number", { format: MONEY }],
    ["Actual", "实际", "number", { format: MONEY }],
    ["Variance", "差异", "number", { format: MONEY }],
    ["Percent", "差异率", "number", { format: PERCENT }],
    ["Status", "状态", "text"],
    ["Favourable", "有利/不利", "text"],
  ]),
  // SPEC §5.2: the items of every flow but the plans; a flow uses the columns it needs.
  table(
    "Requests",
    false,
    [
      ["ID", "编号", "text", { aliases: ["申请编号"] }],
      ["Type", "类型", "text"],
      ["Title", "标题", "text"],
      ["Region", "区域", "text", { optional: true }],
      ["Owner", "提交人", "text"],
      ["Submitted", "提交日期", "date"],
      ["Dealer", "经销商", "text", { optional: true }],
      ["Product", "产品", "text", { optional: true }],
      ["Quantity", "数量", "number", { optional: true }],
      ["Category", "费用类别", "text", { optional: true }],
      ["Amount", "金额", "number", { optional: true, format: MONEY }],
      ["Payment", "支付方式", "text", { optional: true }],
      ["Reason", "事由", "text", { optional: true }],
      ["Link", "关联编号", "text", { optional: true }],
      ["Status", "状态", "text"],
    ],
    { optional: true },
  ),
  // SPEC §5.3: chains as data; a type it lists replaces that type's default chain.
  // SPEC §4.1: every number of the policy, versioned by From; the seed applies without it.
  table(
    "Policy",
    false,
    [
      ["Rule", "规则", "text"],
      ["Rank", "职级", "text", { optional: true }],
      ["Threshold", "门槛", "number", { optional: true }],
      ["Value", "值", "number"],
      ["From", "生效日期", "date", { optional: true }],
      ["Status", "状态", "text", { optional: true }],
      ["Owner", "提交人", "text", { optional: true }],
      ["Note", "备注", "text", { optional: true }],
    ],
    { optional: true },
  ),
  table("Workflows", false, [["Type", "类型", "text"], ["Step", "步骤", "number"], ["From", "原状态", "text"], ["To", "新状态", "text"], ["Role", "角色", "text"]], { optional: true }),
  // Issue 10 point 4: one rep's statement for one month on a sheet of its own, a line per item.
  // Amounts in Amount; the rep, month, rank, counts and dates in Detail (text stays text).
  table("Statement", true, [["Item", "项目", "text"], ["Amount", "金额", "number", { format: MONEY }], ["Detail", "说明", "any"]], { manyByName: true }),
  // Issue 11 points 2 and 3: the reps near the next award, step or rank in a month, on a sheet of their own, one table per month.
  table(
    "BonusOpportunities",
    true,
    [
      ["Rep", "业务员", "text"],
      ["Month", "月份", "month"],
      ["Rank", "职级", "text"],
      ["Kind", "机会", "text"],
      ["Target", "目标", "text"],
      ["Threshold", "门槛", "number", { format: MONEY }],
      ["Shortfall", "差额", "number", { format: MONEY }],
      ["SponsoredShortfall", "亲自培训SR业绩差额", "number", { format: MONEY }],
      ["CountShortfall", "亲自培训SR数量差额", "number"],
      ["ExtraBonus", "增加奖金", "number", { format: MONEY }],
      ["DaysLeft", "剩余天数", "number"],
    ],
    { manyByName: true },
  ),
  // The dealers near the next rebate tier in a year, one table per year.
  table(
    "RebateOpportunities",
    true,
    [
      ["Dealer", "经销商", "text"],
      ["Year", "年度", "number"],
      ["Net", "净进货额", "number", { format: MONEY }],
      ["NextThreshold", "下一档门槛", "number", { format: MONEY }],
      ["Needed", "尚需进货额", "number", { format: MONEY }],
      ["RebateAtNext", "达档返利", "number", { format: MONEY }],
      ["Extra", "增加返利", "number", { format: MONEY }],
      ["CostShare", "返利占比", "number", { format: PERCENT }],
    ],
    { manyByName: true },
  ),
];

/** The kinds a workbook has one table of, found by name or by headers (Statement is not one). */
export const TABLE_KINDS: readonly TableKind[] = SPECS.filter((spec) => !spec.manyByName).map((spec) => spec.kind);

/**
 * Everything the add-in may write into a user's workbook, in one place: whole rows of its own
 * tables, and single named cells of the user's. The file layer refuses anything else.
 */
export const WRITABLE: Readonly<Partial<Record<TableKind, "rows" | readonly string[]>>> = {
  Rebates: "rows",
  RebateLines: "rows",
  Bonuses: "rows",
  BudgetReport: "rows",
  AuditLog: "rows",
  AuditHead: "rows",
  Signers: "rows",
  Statement: "rows",
  BonusOpportunities: "rows",
  RebateOpportunities: "rows",
  Plans: ["Status"],
  Requests: ["Status"],
  // Approving a policy version (SPEC §4.2) writes Approved on its rows.
  Policy: ["Status"],
  RebatePolicy: ["Status"],
};

/** The workbook-level names the add-in may define: the workbook's ID, by which clients remember the log head they saw. */
export const WORKBOOK_ID_NAME = "MKT_WorkbookId";
export const WRITABLE_NAMES: readonly string[] = [WORKBOOK_ID_NAME];

/** Throws notWritable unless `name` is one of the add-in's own names (any case, as Excel compares names). */
export function checkWritableName(name: string): void {
  if (!WRITABLE_NAMES.some((n) => n.toLowerCase() === name.toLowerCase())) throw new WorkbookError("notWritable", { table: name, column: "" });
}

/** Throws notWritable unless the add-in may write `columns` of (or, without them, whole rows of) a `kind` table. */
export function checkWritable(kind: TableKind, columns?: readonly string[]): void {
  const allowed = WRITABLE[kind];
  const ok = allowed === "rows" || (columns !== undefined && allowed !== undefined && columns.every((c) => allowed.includes(c)));
  if (!ok) throw new WorkbookError("notWritable", { table: kind, column: columns?.join(", ") ?? "" });
}

export function tableSpec(kind: TableKind): TableSpec {
  const spec = SPECS.find((s) => s.kind === kind);
  if (!spec) throw new Error(`Unknown table kind: ${kind}`);
  return spec;
}

export function columnSpec(kind: TableKind, id: string): ColumnSpec | undefined {
  return tableSpec(kind).columns.find((c) => c.id === id);
}

/** The header a column gets when the add-in writes it in `language`. */
export function headerText(column: ColumnSpec, language: HeaderLanguage): string {
  return language === "zh" ? column.zh : column.en;
}

/** Zero-width characters that survive NFKC but are invisible in a header cell. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * Header comparison key: NFKC folds full-width letters and digits and the ideographic space
 * to ASCII, then all whitespace goes and case is ignored, so " sales BY20th " matches
 * "SalesBy20th" and "Ａｍｏｕｎｔ" matches "Amount".
 */
export function normalizeHeader(header: string): string {
  return header.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/gu, "").toLowerCase();
}

/** Which language's header (or alias) `header` is for this column, if any. */
export function headerMatches(column: ColumnSpec, header: string): HeaderLanguage | "alias" | undefined {
  const key = normalizeHeader(header);
  if (key === "") return undefined;
  if (key === normalizeHeader(column.en)) return "en";
  if (key === normalizeHeader(column.zh)) return "zh";
  return column.aliases?.some((a) => normalizeHeader(a) === key) ? "alias" : undefined;
}
