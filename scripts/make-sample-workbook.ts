/**
 * Generates the sample workbook `assets/sample-workbook.xlsx` (SPEC §2): fictitious but
 * realistic data for a Chinese consumer-goods company's marketing department, with one
 * Excel table per sheet.
 *
 *   npx tsx scripts/make-sample-workbook.ts [outPath]
 *
 * Everything comes from a fixed seed through the small PRNG below, so every run produces
 * the same cells (only the zip entries' timestamps differ). `@faker-js/faker` is not used on
 * purpose: it is ESM-only (the jest setup cannot load it on Node 20) and its output changes
 * between versions, which would silently change the committed sample.
 *
 * Also exported for tests and benchmarks: `generateSampleData`, `buildSampleWorkbook`,
 * `summarizeSampleData` and `buildLargePurchasesWorkbook`.
 */
import ExcelJS from "exceljs";
import { baselineComment, chainEntry, type HashedAuditEntry } from "../src/rules/audit";
import { POLICY_RULE_NAMES, SEED_POLICY_ROWS } from "../src/rules/policy-rules";
import { readPolicyVersions, type PolicyTableRow } from "../src/rules/policy-versions";
import { parseRebateMode, readRebateVersions } from "../src/rules/rebate-versions";
import { DEFAULT_RANK_LADDER, rankIndex, rankOf } from "../src/rules/ranks";

export const SAMPLE_SEED = 20250101;
/** Fixed workbook creation/modification date, so the document properties never change. */
export const SAMPLE_DOCUMENT_DATE = new Date(Date.UTC(2025, 11, 31, 9, 0, 0));
export const SALES_YEAR = 2025;
export const PURCHASE_YEARS = [2024, 2025] as const;

// ---------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; the same seed gives the same stream. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Normal(mean, sd) by Box–Muller. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// Small helpers

/** A date at UTC midnight, which ExcelJS stores as a whole Excel serial. */
export function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function roundTo(x: number, step: number): number {
  return Math.round(x / step) * step;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Splits `total` into `n` positive parts (multiples of `step`) that add up to `total` exactly. */
function splitAmount(rng: Rng, total: number, n: number, step: number): number[] {
  const weights = Array.from({ length: n }, () => 0.5 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(step, roundTo((total * w) / sum, step)));
  const rest = round2(total - parts.slice(0, -1).reduce((a, b) => a + b, 0));
  parts[n - 1] = rest;
  if (rest <= 0) {
    // Rounding pushed the earlier parts past the total: fall back to an even split.
    const even = roundTo(total / n, step);
    for (let i = 0; i < n - 1; i++) parts[i] = even;
    parts[n - 1] = round2(total - even * (n - 1));
  }
  return parts;
}

// ---------------------------------------------------------------------------------------
// Fixed vocabularies

const REP_NAMES = [
  "张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周建国", "吴霞",
  "徐涛", "孙丽", "胡军", "朱琳", "高峰", "林俊杰", "何平", "郭亮", "马晓东", "罗娟",
  "梁晨", "宋佳", "郑浩", "谢婷", "韩冰", "唐宁", "冯雪", "于洋", "董明", "萧然",
  "曹磊", "彭丽华", "曾志伟", "田甜", "邓超群", "许文博", "苏晴", "蒋欣", "蔡明亮", "潘玉兰",
] as const;

/** Regional marketing staff who submit plans (never sales reps). */
const PLAN_OWNERS = {
  east: "陈思远",
  south: "刘晓燕",
  north: "赵志强",
  southwest: "孙美玲",
} as const;

const CITIES = [
  "杭州", "宁波", "温州", "绍兴", "苏州", "无锡", "南京", "常州", "上海", "合肥",
  "广州", "深圳", "佛山", "东莞", "厦门", "福州", "北京", "天津", "石家庄", "济南",
  "青岛", "郑州", "成都", "重庆", "昆明", "贵阳", "武汉", "长沙", "南昌", "西安",
] as const;

const TRADE_NAMES = [
  "华联", "恒达", "鑫源", "百润", "永盛", "嘉禾", "瑞丰", "金诚", "汇通", "宏图",
  "佳美", "万家", "联创", "天润", "顺发", "盛世", "兴隆", "新世纪", "福满", "东方",
  "锦程", "和美", "优品", "惠民", "康乐", "丰源", "中商", "润发", "德信", "同泰",
  "广源", "聚鑫", "泰和", "安达", "宝丰", "长青", "诚信", "晨光", "海纳", "君悦",
] as const;

const TRADE_KINDS = [
  "商贸有限公司", "贸易有限公司", "日用品销售有限公司", "食品销售有限公司",
  "百货有限公司", "超市连锁有限公司", "供应链管理有限公司", "商贸有限责任公司",
] as const;

/** The six standard expense categories (SPEC §1.4), Chinese name → English. */
export const BUDGET_CATEGORIES = [
  { zh: "市场调研", en: "Market research", monthly: 40_000 },
  { zh: "品牌推广", en: "Brand promotion", monthly: 150_000 },
  { zh: "市场活动", en: "Market events", monthly: 120_000 },
  { zh: "广告投放", en: "Advertising", monthly: 260_000 },
  { zh: "销售提成", en: "Sales commission", monthly: 180_000 },
  { zh: "客户关系维护", en: "Customer relations", monthly: 50_000 },
] as const;

export const REBATE_TIERS: readonly (readonly [number, number])[] = [
  [0, 0],
  [100_000, 0.01],
  [500_000, 0.02],
  [1_000_000, 0.03],
];
export const REBATE_MODE = "全额";
export const REBATE_MODE_CELL = "E2";
export const REBATE_MODE_NAME = "RebateMode";
export const REBATE_SHEET = "返利政策";

/** Month-by-month demand of a consumer-goods business (春节 stocking, 618, 国庆, 双11). */
const SALES_SEASON = [1.15, 0.8, 0.95, 0.95, 1.0, 1.1, 0.9, 0.95, 1.05, 1.05, 1.15, 1.1];

// ---------------------------------------------------------------------------------------
// Data model

export interface RepRow {
  rep: string;
  sponsor: string | null;
  /** Last confirmed rank code; null when not confirmed yet. */
  rank: string | null;
}
export interface SaleRow {
  rep: string;
  date: Date;
  amount: number;
}
export interface PurchaseRow {
  dealer: string;
  date: Date;
  amount: number;
  type: string;
}
export interface BudgetRow {
  category: string;
  month: Date;
  budget: number;
  actual: number | null;
}
export interface PlanRow {
  id: string;
  type: string;
  title: string;
  region: string;
  owner: string;
  submitted: Date;
  start: Date;
  purpose: string | null;
  audience: string | null;
  channels: string | null;
  category: string;
  budget: number;
  status: string;
}
export interface RequestRow {
  id: string;
  type: string;
  title: string;
  region: string;
  owner: string;
  submitted: Date;
  dealer: string | null;
  product: string | null;
  quantity: number | null;
  category: string | null;
  amount: number | null;
  payment: string | null;
  reason: string | null;
  link: string | null;
  status: string;
}

export interface SampleData {
  reps: RepRow[];
  sales: SaleRow[];
  purchases: PurchaseRow[];
  rebateTiers: readonly (readonly [number, number])[];
  rebateMode: string;
  budget: BudgetRow[];
  plans: PlanRow[];
  /** Every other flow of SPEC §5.1, with items waiting for each role that acts in a chain. */
  requests: RequestRow[];
  /** The Policy table: the seed, approved, and one draft version. */
  policy: PolicyTableSampleRow[];
  /** The AuditLog's one entry: the Baseline of every item's status (SPEC §5.4). */
  auditLog: HashedAuditEntry[];
  /** Rank each rep qualifies for in each month of SALES_YEAR (SPEC §1.1, §3.3); "" before joining. */
  monthlyRanks: Record<string, string[]>;
}

// ---------------------------------------------------------------------------------------
// Reps and sales

interface RepSpec {
  /** Index of the sponsor in the spec list, or -1 for a root. */
  sponsor: number;
  /** Mean month sales. */
  mean: number;
  /** First month with sales (1 = January). */
  startMonth: number;
}

/**
 * The sponsor tree, hand-designed so the higher ranks are really reachable (SPEC §1.1):
 * rep 0 sponsors 8 SR-level reps (SD in good months), rep 8 sponsors 6 (SSM), rep 1 and
 * rep 15 sponsor 4 and 3, and so on down to depth 4. Names are assigned by the PRNG.
 */
const REP_TREE: readonly RepSpec[] = [
  { sponsor: -1, mean: 42_000, startMonth: 1 }, // 0  root, 8 recruits
  { sponsor: 0, mean: 24_000, startMonth: 1 }, //  1  4 recruits → SM
  { sponsor: 0, mean: 22_000, startMonth: 1 },
  { sponsor: 0, mean: 21_500, startMonth: 1 },
  { sponsor: 0, mean: 21_000, startMonth: 1 },
  { sponsor: 0, mean: 20_500, startMonth: 1 },
  { sponsor: 0, mean: 20_000, startMonth: 1 },
  { sponsor: 0, mean: 19_500, startMonth: 1 },
  { sponsor: -1, mean: 32_000, startMonth: 1 }, // 8  root, 6 recruits → SSM
  { sponsor: 0, mean: 19_000, startMonth: 1 }, //  9  (rep 0's 8th recruit)
  { sponsor: 8, mean: 21_000, startMonth: 1 }, //  10 2 recruits → SSE
  { sponsor: 8, mean: 19_500, startMonth: 1 },
  { sponsor: 8, mean: 19_000, startMonth: 1 },
  { sponsor: 8, mean: 18_000, startMonth: 1 },
  { sponsor: 8, mean: 17_000, startMonth: 1 },
  { sponsor: -1, mean: 26_000, startMonth: 1 }, // 15 root, 3 recruits → SSE
  { sponsor: 8, mean: 16_500, startMonth: 1 }, //  16 (rep 8's 6th recruit)
  { sponsor: 15, mean: 18_000, startMonth: 1 }, // 17 2 new recruits
  { sponsor: 15, mean: 16_000, startMonth: 1 },
  { sponsor: 15, mean: 11_000, startMonth: 1 }, // 19 DS level
  { sponsor: 1, mean: 19_500, startMonth: 1 }, //  20 2 recruits (depth 3)
  { sponsor: 1, mean: 18_000, startMonth: 1 },
  { sponsor: 1, mean: 17_000, startMonth: 1 },
  { sponsor: 1, mean: 16_000, startMonth: 1 },
  { sponsor: 20, mean: 9_500, startMonth: 1 }, //  24 depth 4, DS level
  { sponsor: 20, mean: 6_500, startMonth: 1 }, //  25 depth 4, PC level
  { sponsor: 10, mean: 17_500, startMonth: 1 },
  { sponsor: 10, mean: 16_000, startMonth: 1 },
  { sponsor: 17, mean: 10_000, startMonth: 4 }, // 28 joined in April
  { sponsor: 17, mean: 8_500, startMonth: 10 }, // 29 joined in October, rank not confirmed yet
];

function generateRepsAndSales(rng: Rng): { reps: RepRow[]; sales: SaleRow[]; monthlyRanks: Record<string, string[]> } {
  const names = rng.shuffle(REP_NAMES).slice(0, REP_TREE.length);
  const year = SALES_YEAR;

  // Month totals per rep (index 0 = January); 0 before the rep joined.
  const totals = REP_TREE.map((spec) =>
    SALES_SEASON.map((season, m) => {
      if (m + 1 < spec.startMonth) return 0;
      let factor = season * clamp(rng.normal(1, 0.16), 0.6, 1.4);
      if (rng.chance(0.06)) factor *= 0.55; // a bad month
      return roundTo(clamp(spec.mean * factor, 4_500, 62_000), 1);
    }),
  );

  const sales: SaleRow[] = [];
  REP_TREE.forEach((_spec, r) => {
    for (let m = 1; m <= 12; m++) {
      const total = totals[r][m - 1];
      if (total === 0) continue;
      const count = clamp(3 + Math.floor(total / 15_000) + rng.int(0, 1), 3, 8);
      const amounts = splitAmount(rng, total, count, 1);
      const dim = daysInMonth(year, m);
      const days = amounts.map(() => rng.int(1, dim));
      // The "by the 20th" boundary (SPEC §3.3): some sales on the 20th and on the 21st.
      if (rng.chance(0.35)) days[rng.int(0, count - 1)] = rng.chance(0.5) ? 20 : 21;
      amounts.forEach((amount, i) => sales.push({ rep: names[r], date: utcDate(year, m, days[i]), amount }));
    }
  });
  // A sales log is kept in date order; ties keep the rep order above (stable sort).
  sales.sort((a, b) => a.date.getTime() - b.date.getTime());

  // Ranks qualified each month (SPEC §1.1 and §3.3), bottom-up through the sponsor tree.
  const recruits = REP_TREE.map((_, r) => REP_TREE.flatMap((s, i) => (s.sponsor === r ? [i] : [])));
  const srIndex = rankIndex("SR");
  const monthlyRanks: Record<string, string[]> = {};
  const cumulative = REP_TREE.map(() => 0);
  const ranksByMonth: string[][] = [];
  for (let m = 0; m < 12; m++) {
    REP_TREE.forEach((_, r) => (cumulative[r] += totals[r][m]));
    const memo = new Map<number, string>();
    const rankFor = (r: number): string => {
      const known = memo.get(r);
      if (known !== undefined) return known;
      const srs = recruits[r].filter((c) => totals[c][m] > 0 && rankIndex(rankFor(c)) >= srIndex);
      const code = rankOf(
        {
          monthSales: totals[r][m],
          sponsoredSales: srs.reduce((a, c) => a + totals[c][m], 0),
          sponsoredCount: srs.length,
          cumulativeSales: cumulative[r],
        },
        DEFAULT_RANK_LADDER,
      );
      memo.set(r, code);
      return code;
    };
    ranksByMonth.push(REP_TREE.map((_, r) => (totals[r][m] > 0 ? rankFor(r) : "")));
  }
  REP_TREE.forEach((_, r) => (monthlyRanks[names[r]] = ranksByMonth.map((ranks) => ranks[r])));

  // Reps.Rank: the last confirmed rank (November's; December is confirmed in January).
  // A few are stale: still the rank last confirmed in the summer, which differs from November's.
  const summerRank = (r: number): string | undefined => {
    for (let m = 8; m >= 5; m--) if (ranksByMonth[m][r] && ranksByMonth[m][r] !== ranksByMonth[10][r]) return ranksByMonth[m][r];
    return undefined;
  };
  const candidates = REP_TREE.flatMap((_, r) => (summerRank(r) ? [r] : []));
  const stale = new Set(rng.shuffle(candidates).slice(0, 4));
  const reps: RepRow[] = REP_TREE.map((spec, r) => {
    let rank: string | null = ranksByMonth[10][r];
    if (stale.has(r)) rank = summerRank(r) ?? rank;
    if (spec.startMonth >= 10) rank = null;
    return { rep: names[r], sponsor: spec.sponsor >= 0 ? names[spec.sponsor] : null, rank: rank || null };
  });
  return { reps, sales, monthlyRanks };
}

// ---------------------------------------------------------------------------------------
// Dealers and purchases

function dealerNames(rng: Rng, count: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let attempt = 0; out.length < count; attempt++) {
    let name = `${rng.pick(CITIES)}${rng.pick(TRADE_NAMES)}${rng.pick(TRADE_KINDS)}`;
    // Once the combinations run thin (large benchmark workbooks), number the branches.
    if (attempt > count * 4) name = `${name}第${out.length + 1}分公司`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

/** Target annual net purchases for the sample's 40 dealers, spread across the rebate tiers. */
function dealerAnnualTargets(rng: Rng): number[] {
  const buckets: [number, number, number][] = [
    [6, 30_000, 95_000], // below the first rebate tier
    [22, 110_000, 480_000],
    [8, 520_000, 950_000],
    [4, 1_050_000, 2_200_000],
  ];
  const targets = buckets.flatMap(([n, lo, hi]) => Array.from({ length: n }, () => roundTo(rng.float(lo, hi), 100)));
  return rng.shuffle(targets);
}

/** Monday–Saturday dates of `year`, for deliveries. */
function businessDays(year: number): Date[] {
  const out: Date[] = [];
  for (let d = utcDate(year, 1, 2); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() !== 0) out.push(d);
  }
  return out;
}

function purchaseType(rng: Rng, isReturn: boolean): string {
  // Customer service mostly types the English codes; one clerk writes 进货/退货.
  const chinese = rng.chance(0.1);
  if (isReturn) return chinese ? "退货" : "return";
  return chinese ? "进货" : "purchase";
}

function generateDealerYear(rng: Rng, dealer: string, year: number, net: number, days: readonly Date[]): PurchaseRow[] {
  const returnRate = rng.chance(0.65) ? rng.float(0.005, 0.06) : 0;
  const gross = net / (1 - returnRate);
  const n = clamp(Math.round(6 + net / 45_000) + rng.int(-1, 2), 5, 40);
  const dayIdx = Array.from({ length: n }, () => rng.int(0, days.length - 1)).sort((a, b) => a - b);
  const amounts = splitAmount(rng, roundTo(gross, 10), n, 10);
  const rows: PurchaseRow[] = amounts.map((amount, i) => ({
    dealer,
    date: days[dayIdx[i]],
    amount,
    type: purchaseType(rng, false),
  }));
  if (returnRate > 0) {
    const returned = roundTo(gross - net, 10);
    const k = rng.int(1, 3);
    const parts = returned >= k * 10 ? splitAmount(rng, returned, k, 10) : [Math.max(10, returned)];
    for (const part of parts) {
      const after = dayIdx[rng.int(0, n - 1)] + rng.int(5, 35);
      rows.push({ dealer, date: days[Math.min(after, days.length - 1)], amount: part, type: purchaseType(rng, true) });
    }
  }
  return rows;
}

function generatePurchases(rng: Rng): PurchaseRow[] {
  const dealers = dealerNames(rng, 40);
  const targets = dealerAnnualTargets(rng);
  const rows: PurchaseRow[] = [];
  const [first, second] = PURCHASE_YEARS;
  const days1 = businessDays(first);
  const days2 = businessDays(second);
  dealers.forEach((dealer, i) => {
    const net1 = targets[i];
    // Year-on-year change: most dealers grow a little, some shrink; some cross a tier.
    const net2 = roundTo(net1 * clamp(rng.normal(1.08, 0.18), 0.6, 1.6), 100);
    rows.push(...generateDealerYear(rng, dealer, first, net1, days1));
    rows.push(...generateDealerYear(rng, dealer, second, net2, days2));
  });
  return rows.sort((a, b) => a.date.getTime() - b.date.getTime());
}

// ---------------------------------------------------------------------------------------
// Budget

/** Seasonality of each category's budget (index 0 = January). */
const BUDGET_SEASON: Record<string, number[]> = {
  市场调研: [0.6, 0.6, 1.4, 1.2, 1, 0.8, 0.8, 1, 1.4, 1, 0.8, 1.4],
  品牌推广: [1.2, 0.8, 0.9, 1, 1, 1.2, 0.9, 0.9, 1, 1.1, 1.2, 0.8],
  市场活动: [1.4, 0.6, 0.8, 0.9, 1.1, 1.3, 0.7, 0.8, 1.2, 1.3, 1.2, 0.7],
  广告投放: [1.1, 0.8, 0.9, 0.9, 1, 1.4, 0.8, 0.8, 1, 1.1, 1.4, 0.8],
  销售提成: SALES_SEASON,
  客户关系维护: [1.6, 0.7, 0.8, 0.8, 0.9, 1, 0.8, 0.8, 1.3, 1, 0.9, 1.4],
};

function generateBudget(rng: Rng): BudgetRow[] {
  const rows: BudgetRow[] = [];
  for (let m = 1; m <= 12; m++) {
    for (const category of BUDGET_CATEGORIES) {
      const budget = roundTo(category.monthly * BUDGET_SEASON[category.zh][m - 1] * rng.float(0.95, 1.05), 1_000);
      const draw = rng.next();
      // Mostly on track (±4.5%), sometimes over (+6%…+25%) or under (−6%…−30%).
      const variance = draw < 0.68 ? rng.float(-0.045, 0.045) : draw < 0.85 ? rng.float(0.06, 0.25) : rng.float(-0.3, -0.06);
      let actual: number | null = round2(budget * (1 + variance));
      // Not yet booked: all of December, and November for two categories with late invoices.
      if (m === 12 || (m === 11 && (category.zh === "市场调研" || category.zh === "客户关系维护"))) actual = null;
      rows.push({ category: category.zh, month: utcDate(SALES_YEAR, m, 1), budget, actual });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Plans

function generatePlans(): PlanRow[] {
  const { east, south, north, southwest } = PLAN_OWNERS;
  const plan = (
    id: number,
    type: string,
    title: string,
    region: string,
    owner: string,
    submitted: Date,
    start: Date,
    purpose: string | null,
    audience: string | null,
    channels: string | null,
    category: string,
    budget: number,
    status: string,
  ): PlanRow => ({
    id: `P2025-${String(id).padStart(3, "0")}`,
    type, title, region, owner, submitted, start, purpose, audience, channels, category, budget, status,
  });
  return [
    plan(1, "Marketing plan", "2025年度华东区营销计划", "华东", east, utcDate(2024, 12, 5), utcDate(2025, 1, 1),
      "巩固华东区市场份额，年度销售增长12%", "华东区经销商及终端门店", "经销商大会、门店陈列、微信公众号", "品牌推广", 600_000, "Approved"),
    plan(2, "Promotion plan", "华南区春节促销活动", "华南", south, utcDate(2024, 12, 10), utcDate(2025, 1, 15),
      "春节前备货旺季拉动终端动销", "家庭主妇及年货采购人群", "商超堆头、满减优惠、抖音短视频", "市场活动", 180_000, "Approved"),
    plan(3, "Marketing activity", "华北区新品品鉴会", "华北", north, utcDate(2025, 3, 1), utcDate(2025, 4, 12),
      "新品上市预热，收集消费者反馈", "重点客户及社区团购团长", "线下品鉴会、朋友圈广告", "市场活动", 85_000, "Rejected"),
    plan(4, "Expense budget", "华东区2025年下半年广告投放费用预算", "华东", east, utcDate(2025, 5, 20), utcDate(2025, 7, 1),
      "统筹下半年广告投放，控制单客获取成本", "华东区目标消费者", "电视、电梯媒体、信息流广告", "广告投放", 900_000, "Compiled"),
    plan(5, "营销活动", "西南区夏季社区推广活动", "西南", southwest, utcDate(2025, 5, 6), utcDate(2025, 6, 1),
      "提升社区渗透率，招募新顾客", "社区居民及新婚家庭", "社区地推、小程序优惠券", "市场活动", 120_000, "Reviewed"),
    plan(6, "Promotion plan", "华东区国庆促销活动", "华东", east, utcDate(2025, 8, 15), utcDate(2025, 10, 1),
      "国庆黄金周冲刺季度目标", "华东区商超及电商渠道顾客", "商超促销、天猫旗舰店满减、直播带货", "市场活动", 250_000, "DirectorApproved"),
    plan(7, "Marketing plan", "2026年度华南区营销计划", "华南", south, utcDate(2025, 11, 20), utcDate(2026, 1, 1),
      "拓展华南区三四线城市渠道", "华南区经销商及县级门店", "经销商招募会、门店形象升级、本地生活平台", "品牌推广", 500_000, "Reviewed"),
    plan(8, "Marketing activity", "华北区双十二客户答谢会", "华北", north, utcDate(2025, 11, 25), utcDate(2025, 12, 12),
      "答谢重点客户，锁定明年订单", "年进货额50万元以上的经销商", "答谢晚宴、定制礼品", "客户关系维护", 60_000, "Draft"),
    plan(9, "促销计划", "西南区春节年货促销", "西南", southwest, utcDate(2025, 12, 1), utcDate(2026, 1, 20),
      "春节年货季提升铺货率与动销", null, "商超堆头、社区团购、满赠活动", "市场活动", 150_000, "Draft"),
    plan(10, "Expense budget", "华南区2026年第一季度市场调研费用预算", "华南", south, utcDate(2025, 12, 3), utcDate(2026, 1, 1),
      "了解消费者对新包装的接受度", "一二线城市25–45岁消费者", "问卷调查、焦点小组访谈", "市场调研", 90_000, "Draft"),
    plan(11, "Marketing activity", "华南区品牌路演巡展", "华南", south, utcDate(2025, 10, 20), utcDate(2025, 12, 6),
      "提升品牌在华南区年轻人群中的知名度", "18–35岁年轻消费者", "商场路演、小红书达人种草", "品牌推广", 320_000, "Returned"),
    plan(12, "Marketing plan", "2026年度华北区营销计划", "华北", north, utcDate(2025, 12, 5), utcDate(2026, 1, 1),
      "稳定华北区经销商体系，提升终端覆盖", "华北区经销商及连锁超市", "经销商年会、连锁超市联合促销", "品牌推广", 450_000, "Draft"),
  ];
}

// ---------------------------------------------------------------------------------------
// Requests (SPEC §5.2): every flow but the plans, in several statuses

/**
 * Items of every Requests type. Their statuses are chosen so that some item waits for each
 * role that acts in a default chain (SPEC §5.1), some are final, one claim is over its
 * category's December budget and one report links a plan that is not approved yet.
 * `dealers` are the sample's own dealers, so exchanges and returns name real rows.
 */
function generateRequests(dealers: readonly string[]): RequestRow[] {
  const { east, south, north, southwest } = PLAN_OWNERS;
  let next = 0;
  const request = (type: string, title: string, region: string, owner: string, submitted: Date, fields: Partial<RequestRow>, status: string): RequestRow => ({
    id: `R2025-${String(++next).padStart(3, "0")}`,
    type, title, region, owner, submitted,
    dealer: null, product: null, quantity: null, category: null, amount: null, payment: null, reason: null, link: null,
    ...fields,
    status,
  });
  const claim = (title: string, region: string, owner: string, submitted: Date, category: string, amount: number, payment: string, status: string) =>
    request("Expense claim", title, region, owner, submitted, { category, amount, payment }, status);
  const [d1, d2, d3, d4, d5] = dealers;
  return [
    claim("华东区经销商大会场地费", "华东", east, utcDate(2025, 12, 2), "市场活动", 18_600, "银行转账", "Draft"),
    claim("华南区消费者问卷印刷费", "华南", south, utcDate(2025, 12, 1), "市场调研", 6_800, "对公转账", "DeptApproved"),
    claim("华北区客户答谢礼品采购", "华北", north, utcDate(2025, 12, 3), "客户关系维护", 12_500, "银行转账", "FinanceChecked"),
    claim("西南区社区推广物料费", "西南", southwest, utcDate(2025, 12, 1), "市场活动", 9_200, "银行转账", "Approved"),
    claim("华东区抖音直播投放费", "华东", east, utcDate(2025, 10, 15), "广告投放", 35_000, "对公转账", "Paid"),
    // More than December's market-research budget: the approver is asked to confirm.
    claim("2026年新包装消费者调研定金", "华南", south, utcDate(2025, 12, 4), "市场调研", 68_000, "银行转账", "Draft"),
    request("促销活动总结报告", "华南区春节促销活动总结报告", "华南", south, utcDate(2025, 3, 5), { link: "P2025-002" }, "DirectorApproved"),
    // Its plan is still waiting for the president: the link check fails.
    request("Promotion report", "华东区国庆促销活动总结报告", "华东", east, utcDate(2025, 10, 20), { link: "P2025-006" }, "Draft"),
    request("调货申请", "华东区调往华北区：经典系列礼盒", "华东", east, utcDate(2025, 12, 1), { product: "经典系列礼盒", quantity: 800 }, "Draft"),
    request("Stock transfer", "西南区调货：家庭装洗衣液", "西南", southwest, utcDate(2025, 11, 28), { product: "家庭装洗衣液 3kg", quantity: 1_200 }, "ManagerApproved"),
    request("Stock transfer", "华南区调货：新春礼盒", "华南", south, utcDate(2025, 11, 20), { product: "新春礼盒", quantity: 500 }, "Approved"),
    request("换货", "包装破损换货", "华东", east, utcDate(2025, 12, 2), { dealer: d1, product: "经典系列礼盒", reason: "运输途中外箱破损 36 箱" }, "Draft"),
    request("Exchange", "规格错发换货", "华北", north, utcDate(2025, 11, 24), { dealer: d2, product: "家庭装洗衣液 3kg", reason: "错发为 1kg 装" }, "Reviewed"),
    request("Exchange", "临期产品换货", "华南", south, utcDate(2025, 11, 12), { dealer: d3, product: "柔顺剂 2L", reason: "到货时距保质期不足三个月" }, "Approved"),
    request("退货", "临期产品退货", "西南", southwest, utcDate(2025, 12, 3), { dealer: d4, amount: 8_400, reason: "临期产品退回" }, "Draft"),
    request("Return", "质量问题退货", "华东", east, utcDate(2025, 11, 18), { dealer: d5, amount: 15_600, reason: "批次 2511-07 漏液" }, "Approved"),
    request("Return", "滞销品退货", "华北", north, utcDate(2025, 11, 5), { dealer: d2, amount: 6_300, reason: "门店撤柜" }, "Refunded"),
    request("Return", "超期退货申请", "华南", south, utcDate(2025, 10, 8), { dealer: d3, amount: 22_000, reason: "超过合同约定的退货期限" }, "Rejected"),
    request("目标经销商", "成都锦程商贸有限公司", "西南", southwest, utcDate(2025, 12, 1), { dealer: "成都锦程商贸有限公司", region: "西南" }, "Draft"),
    request("Target dealer", "温州瓯越百货有限公司", "华东", east, utcDate(2025, 9, 10), { dealer: "温州瓯越百货有限公司" }, "Approved"),
    request("经销协议", "温州瓯越百货有限公司 2026 年经销协议", "华东", east, utcDate(2025, 11, 30), { dealer: "温州瓯越百货有限公司", link: "R2025-020" }, "Draft"),
  ];
}

// ---------------------------------------------------------------------------------------
// The Policy table (SPEC §4.1): the seed, approved, and a draft waiting for the director

export interface PolicyTableSampleRow {
  rule: string;
  rank: string | null;
  threshold: number | null;
  value: number | null;
  from: Date | null;
  status: string;
  owner: string | null;
  note: string | null;
}

/** The seed rows (From blank, approved, the rule's Chinese name as the note) and a 2026 draft of the VAT the law has set since 2019. */
function generatePolicy(): PolicyTableSampleRow[] {
  const seed = SEED_POLICY_ROWS.map((r): PolicyTableSampleRow => ({
    rule: r.rule, rank: r.rank ?? null, threshold: r.threshold ?? null, value: r.value ?? null, from: null, status: "Approved", owner: null, note: POLICY_RULE_NAMES[r.rule].zh,
  }));
  const draft: PolicyTableSampleRow = { rule: "VatRate", rank: null, threshold: null, value: 0.13, from: utcDate(2026, 1, 1), status: "Draft", owner: "李会计", note: "增值税率自2019年4月1日起为13%" };
  return [...seed, draft];
}

/** The version IDs, statuses and hashes the Baseline records for the sample's two versioned tables. */
function versionStatuses(policy: readonly PolicyTableSampleRow[], tiers: readonly (readonly [number, number])[], mode: string): { id: string; status: string }[] {
  const local = (date: Date | null) => (date ? new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) : undefined);
  const rows = policy.map((r, i): PolicyTableRow => ({ row: i + 2, rule: r.rule, rank: r.rank ?? "", threshold: r.threshold ?? undefined, value: r.value ?? undefined, from: local(r.from), status: r.status, owner: r.owner ?? "", note: r.note ?? "" }));
  const policyVersions = readPolicyVersions(rows, { hasStatusColumn: true }).versions;
  const rebateRows = tiers.map(([threshold, rate], i) => ({ row: i + 2, threshold, rate, from: undefined, status: "", mode: "" }));
  const rebateVersions = readRebateVersions(rebateRows, { hasStatusColumn: false, modeCell: parseRebateMode(mode) }).versions;
  return [...policyVersions, ...rebateVersions].flatMap((v) => [
    { id: v.id, status: v.status ?? "Draft" },
    ...(v.status === "Approved" ? [{ id: `${v.id}#hash`, status: v.hash }] : []),
  ]);
}

/** When the sample's log was started, and by whom: the Baseline entry (SPEC §5.4). */
export const SAMPLE_BASELINE = { time: "2025-12-05T01:00:00.000Z", actor: "周立伟", role: "director" } as const;

function generateAuditLog(plans: readonly PlanRow[], requests: readonly RequestRow[], versions: readonly { id: string; status: string }[]): HashedAuditEntry[] {
  const items = [...[...plans, ...requests].map((item) => ({ id: item.id, status: item.status })), ...versions];
  const { time, actor, role } = SAMPLE_BASELINE;
  return [chainEntry({ time, planId: "", action: "Baseline", from: "", to: "", actor, role, comment: baselineComment(items) }, undefined)];
}

// ---------------------------------------------------------------------------------------
// The whole sample

export function generateSampleData(seed: number = SAMPLE_SEED): SampleData {
  // Independent streams, so changing one part of the generator does not reshuffle the others.
  const { reps, sales, monthlyRanks } = generateRepsAndSales(new Rng(seed));
  const purchases = generatePurchases(new Rng(seed + 1));
  const budget = generateBudget(new Rng(seed + 2));
  const plans = generatePlans();
  const policy = generatePolicy();
  const requests = generateRequests([...new Set(purchases.map((p) => p.dealer))]);
  return {
    reps,
    sales,
    purchases,
    rebateTiers: REBATE_TIERS,
    rebateMode: REBATE_MODE,
    budget,
    plans,
    requests,
    policy,
    auditLog: generateAuditLog(plans, requests, versionStatuses(policy, REBATE_TIERS, REBATE_MODE)),
    monthlyRanks,
  };
}

// ---------------------------------------------------------------------------------------
// Writing the workbook

const FMT_DATE = "yyyy-mm-dd";
const FMT_MONTH = "yyyy-mm";
const FMT_MONEY = "#,##0.00";
const FMT_DATETIME = "yyyy-mm-dd hh:mm:ss";

interface ColumnSpec {
  name: string;
  width: number;
  numFmt?: string;
}

/**
 * Adds a sheet holding one table at A1. Column formats are set on the sheet's columns first,
 * so every data cell (and any row appended later) gets them.
 */
function addTableSheet(
  wb: ExcelJS.Workbook,
  sheetName: string,
  tableName: string,
  columns: readonly ColumnSpec[],
  rows: unknown[][],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.numFmt) col.numFmt = c.numFmt;
  });
  ws.addTable({
    name: tableName,
    displayName: tableName,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: columns.map((c) => ({ name: c.name, filterButton: true })),
    // Excel cannot open a table without a data row: an empty table keeps one blank row,
    // exactly as Excel itself does when every row is deleted.
    rows: rows.length > 0 ? rows : [columns.map(() => null)],
  });
  return ws;
}

function addRebatePolicySheet(wb: ExcelJS.Workbook, tiers: readonly (readonly [number, number])[], mode: string): void {
  const ws = addTableSheet(
    wb,
    REBATE_SHEET,
    "RebatePolicy",
    [
      { name: "门槛", width: 16, numFmt: "#,##0" },
      { name: "返利率", width: 10, numFmt: "0%" },
      // SPEC §4.2: a blank From is one version, in force since ever; a new year's tiers get a row set of their own.
      { name: "生效日期", width: 12, numFmt: FMT_DATE },
    ],
    tiers.map(([threshold, rate]) => [threshold, rate, null]),
  );
  ws.getColumn(4).width = 10;
  ws.getColumn(5).width = 12;
  const label = ws.getCell("D2");
  label.value = "模式";
  label.font = { bold: true };
  label.alignment = { horizontal: "right" };
  const value = ws.getCell(REBATE_MODE_CELL);
  value.value = mode;
  value.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  value.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  ws.getCell("D4").value = "全额 = 全额返利 (retroactive)：按达到的最高档位返利率计算全部净进货额";
  ws.getCell("D5").value = "累进 = 累进返利 (incremental)：各档位区间分别按本档返利率计算";
  ws.getCell("D4").font = { color: { argb: "FF7F7F7F" } };
  ws.getCell("D5").font = { color: { argb: "FF7F7F7F" } };
  wb.definedNames.add(`'${REBATE_SHEET}'!$${REBATE_MODE_CELL[0]}$${REBATE_MODE_CELL.slice(1)}`, REBATE_MODE_NAME);
}

const PURCHASE_COLUMNS: readonly ColumnSpec[] = [
  { name: "Dealer", width: 36 },
  { name: "Date", width: 12, numFmt: FMT_DATE },
  { name: "Amount", width: 16, numFmt: FMT_MONEY },
  { name: "Type", width: 11 },
];

function addReadme(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("README");
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 16;
  ws.getColumn(3).width = 90;
  const lines: (string | [string, string, string])[] = [
    "Marketing Rulebook 示例工作簿 / Sample workbook",
    "",
    "本工作簿由 scripts/make-sample-workbook.ts 以固定随机种子生成，全部为虚构的示例数据（人名、公司名和金额均非真实）。",
    "This workbook is generated by scripts/make-sample-workbook.ts from a fixed seed. All data is fictitious sample data: names, companies and amounts are made up.",
    "每张工作表有一个 Excel 表格（表名见下），加载项按表名或表头（中文或英文）查找。金额单位：人民币元。",
    "Each sheet holds one Excel table (names below); the add-in finds them by name or by their English or Chinese headers. Amounts are in CNY (yuan).",
    "",
    ["工作表 Sheet", "表格 Table", "内容 Contents"],
    ["Reps", "Reps", "业务员、推荐人（推荐关系树）和最近确认的职级 · Sales reps, their sponsors (the sponsor tree) and last confirmed rank"],
    ["销售", "Sales", "2025年业务员销售明细 · Sales by rep, 2025"],
    ["Purchases", "Purchases", "经销商2024–2025年进货与退货 · Dealers' purchases and returns, 2024–2025"],
    ["返利政策", "RebatePolicy", "返利档位与返利率；模式单元格（名称 RebateMode）· Rebate tiers and rates; the mode cell (named RebateMode)"],
    ["Budget", "Budget", "2025年各费用类别月度预算与实际 · Monthly budget and actual by expense category, 2025"],
    ["Plans", "Plans", "营销计划、促销计划、营销活动和费用预算及其审批状态 · Plans and their approval status"],
    ["申请", "Requests", "费用报销、调货、换货、退货、目标经销商等其他审批事项 · Expense claims, stock transfers, exchanges, returns, dealers and other requests"],
    ["制度参数", "Policy", "制度参数（汇率、奖金比例、奖项、职级门槛等）及其版本 · The policy's numbers and their versions"],
    ["AuditLog", "AuditLog", "审批日志，只由加载项写入；第一条为基线 · Approval log, written by the add-in only; its first entry is the baseline"],
    ["AuditHead", "AuditHead", "审批日志的条数与末条哈希 · The log's entry count and last hash"],
  ];
  lines.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    if (typeof line === "string") {
      row.getCell(1).value = line;
    } else {
      line.forEach((text, j) => (row.getCell(j + 1).value = text));
      if (line[0].startsWith("工作表")) row.font = { bold: true };
    }
  });
  ws.getCell("A1").font = { bold: true, size: 14 };
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "mkt-rulebook sample generator";
  wb.lastModifiedBy = "mkt-rulebook sample generator";
  wb.created = SAMPLE_DOCUMENT_DATE;
  wb.modified = SAMPLE_DOCUMENT_DATE;
  return wb;
}

export function writeSampleWorkbook(data: SampleData): ExcelJS.Workbook {
  const wb = newWorkbook();
  wb.title = "Marketing Rulebook sample workbook";
  addReadme(wb);
  addTableSheet(
    wb,
    "Reps",
    "Reps",
    [
      { name: "Rep", width: 12 },
      { name: "Sponsor", width: 12 },
      { name: "Rank", width: 8 },
    ],
    data.reps.map((r) => [r.rep, r.sponsor, r.rank]),
  );
  addTableSheet(
    wb,
    "销售",
    "Sales",
    [
      { name: "业务员", width: 12 },
      { name: "日期", width: 12, numFmt: FMT_DATE },
      { name: "金额", width: 14, numFmt: FMT_MONEY },
    ],
    data.sales.map((s) => [s.rep, s.date, s.amount]),
  );
  addTableSheet(wb, "Purchases", "Purchases", PURCHASE_COLUMNS, data.purchases.map((p) => [p.dealer, p.date, p.amount, p.type]));
  addRebatePolicySheet(wb, data.rebateTiers, data.rebateMode);
  addTableSheet(
    wb,
    "Budget",
    "Budget",
    [
      { name: "Category", width: 16 },
      { name: "Month", width: 10, numFmt: FMT_MONTH },
      { name: "Budget", width: 16, numFmt: FMT_MONEY },
      { name: "Actual", width: 16, numFmt: FMT_MONEY },
    ],
    data.budget.map((b) => [b.category, b.month, b.budget, b.actual]),
  );
  addTableSheet(
    wb,
    "Plans",
    "Plans",
    [
      { name: "ID", width: 11 },
      { name: "Type", width: 18 },
      { name: "Title", width: 32 },
      { name: "Region", width: 8 },
      { name: "Owner", width: 10 },
      { name: "Submitted", width: 12, numFmt: FMT_DATE },
      { name: "Start", width: 12, numFmt: FMT_DATE },
      { name: "Purpose", width: 36 },
      { name: "Audience", width: 28 },
      { name: "Channels", width: 42 },
      { name: "Category", width: 14 },
      { name: "Budget", width: 14, numFmt: FMT_MONEY },
      { name: "Status", width: 17 },
    ],
    data.plans.map((p) => [
      p.id, p.type, p.title, p.region, p.owner, p.submitted, p.start,
      p.purpose, p.audience, p.channels, p.category, p.budget, p.status,
    ]),
  );
  addTableSheet(
    wb,
    "申请",
    "Requests",
    [
      { name: "ID", width: 11 },
      { name: "Type", width: 16 },
      { name: "Title", width: 32 },
      { name: "Region", width: 8 },
      { name: "Owner", width: 10 },
      { name: "Submitted", width: 12, numFmt: FMT_DATE },
      { name: "Dealer", width: 28 },
      { name: "Product", width: 18 },
      { name: "Quantity", width: 10, numFmt: "#,##0" },
      { name: "Category", width: 14 },
      { name: "Amount", width: 14, numFmt: FMT_MONEY },
      { name: "Payment", width: 12 },
      { name: "Reason", width: 28 },
      { name: "Link", width: 11 },
      { name: "Status", width: 16 },
    ],
    data.requests.map((r) => [
      r.id, r.type, r.title, r.region, r.owner, r.submitted, r.dealer, r.product, r.quantity,
      r.category, r.amount, r.payment, r.reason, r.link, r.status,
    ]),
  );
  addTableSheet(
    wb,
    "制度参数",
    "Policy",
    [
      { name: "Rule", width: 24 },
      { name: "Rank", width: 8 },
      { name: "Threshold", width: 12, numFmt: "#,##0" },
      { name: "Value", width: 10, numFmt: "General" },
      { name: "From", width: 12, numFmt: FMT_DATE },
      { name: "Status", width: 10 },
      { name: "Owner", width: 10 },
      { name: "Note", width: 30 },
    ],
    data.policy.map((r) => [r.rule, r.rank, r.threshold, r.value, r.from, r.status, r.owner, r.note]),
  );
  addTableSheet(
    wb,
    "AuditLog",
    "AuditLog",
    [
      { name: "Seq", width: 6 },
      { name: "Time", width: 20, numFmt: FMT_DATETIME },
      { name: "PlanID", width: 11 },
      { name: "Action", width: 10 },
      { name: "From", width: 17 },
      { name: "To", width: 17 },
      { name: "Actor", width: 10 },
      { name: "Role", width: 16 },
      { name: "Comment", width: 40 },
      { name: "Hash", width: 66 },
    ],
    data.auditLog.map((e) => [e.seq, e.time, e.planId, e.action, e.from, e.to, e.actor, e.role, e.comment, e.hash]),
  );
  const last = data.auditLog.at(-1);
  addTableSheet(
    wb,
    "AuditHead",
    "AuditHead",
    [
      { name: "Count", width: 8 },
      { name: "LastHash", width: 66 },
    ],
    last ? [[data.auditLog.length, last.hash]] : [],
  );
  return wb;
}

/** The sample workbook (SPEC §2), in memory. */
export async function buildSampleWorkbook(seed: number = SAMPLE_SEED): Promise<ExcelJS.Workbook> {
  return writeSampleWorkbook(generateSampleData(seed));
}

// ---------------------------------------------------------------------------------------
// Large workbooks for benchmarks

export interface LargePurchasesOptions {
  /** Number of purchase/return rows (default 200,000). */
  purchases?: number;
  /** Number of distinct dealers (default 2,000). */
  dealers?: number;
  seed?: number;
  /** All rows fall in this calendar year (default 2025), so one refresh covers them all. */
  year?: number;
}

export function generateLargePurchases(options: LargePurchasesOptions = {}): PurchaseRow[] {
  const { purchases = 200_000, dealers = 2_000, seed = SAMPLE_SEED, year = SALES_YEAR } = options;
  const rng = new Rng(seed);
  const names = dealerNames(rng, dealers);
  // Dealer size is heavy-tailed (log-normal), like real dealer networks.
  const sizes = names.map(() => Math.exp(rng.normal(0, 1)));
  const totalSize = sizes.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  sizes.reduce((acc, s, i) => (cumulative[i] = acc + s / totalSize), 0);
  const days = businessDays(year);
  const rows: PurchaseRow[] = new Array(purchases);
  for (let i = 0; i < purchases; i++) {
    // Every dealer gets at least one row; the rest go by size.
    let d = i;
    if (i >= dealers) {
      const u = rng.next();
      let lo = 0;
      let hi = dealers - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      d = lo;
    }
    const isReturn = rng.chance(0.03);
    const amount = roundTo(isReturn ? rng.float(200, 8_000) : rng.float(2_000, 60_000), 10);
    rows[i] = { dealer: names[d], date: days[rng.int(0, days.length - 1)], amount, type: purchaseType(rng, isReturn) };
  }
  return rows.sort((a, b) => a.date.getTime() - b.date.getTime());
}

/** Only the Purchases and RebatePolicy tables, with many rows (for `npm run bench`). */
export async function buildLargePurchasesWorkbook(options: LargePurchasesOptions = {}): Promise<ExcelJS.Workbook> {
  const rows = generateLargePurchases(options);
  const wb = newWorkbook();
  addTableSheet(wb, "Purchases", "Purchases", PURCHASE_COLUMNS, rows.map((p) => [p.dealer, p.date, p.amount, p.type]));
  addRebatePolicySheet(wb, REBATE_TIERS, REBATE_MODE);
  return wb;
}

// ---------------------------------------------------------------------------------------
// Summary (printed by the command line; used by tests)

export interface SampleSummary {
  reps: number;
  roots: number;
  maxDepth: number;
  salesRows: number;
  salesMonths: number;
  salesOn20th: number;
  salesOn21st: number;
  repMonthTotals: { min: number; max: number };
  ranksQualified: Record<string, number>;
  dealers: number;
  purchaseRows: number;
  returnRows: number;
  chineseTypeRows: number;
  /** Dealers per rebate tier threshold, per year (net purchases). */
  dealersByTier: Record<number, Record<string, number>>;
  budgetRows: number;
  budgetStatus: Record<string, number>;
  plansByStatus: Record<string, number>;
  requestsByStatus: Record<string, number>;
}

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export function summarizeSampleData(data: SampleData): SampleSummary {
  const sponsorOf = new Map(data.reps.map((r) => [r.rep, r.sponsor]));
  const depth = (rep: string): number => {
    const s = sponsorOf.get(rep);
    return s ? 1 + depth(s) : 1;
  };
  const repMonth = new Map<string, number>();
  for (const s of data.sales) {
    const key = `${s.rep}|${s.date.getUTCMonth()}`;
    repMonth.set(key, (repMonth.get(key) ?? 0) + s.amount);
  }
  const monthTotals = [...repMonth.values()];
  const ranks = Object.values(data.monthlyRanks).flat().filter((r) => r !== "");

  const net = new Map<string, number>();
  for (const p of data.purchases) {
    const key = `${p.date.getUTCFullYear()}|${p.dealer}`;
    const sign = p.type === "return" || p.type === "退货" ? -1 : 1;
    net.set(key, (net.get(key) ?? 0) + sign * p.amount);
  }
  const dealersByTier: Record<number, Record<string, number>> = {};
  for (const [key, amount] of net) {
    const year = Number(key.split("|")[0]);
    let tier = 0;
    for (const [threshold] of data.rebateTiers) if (amount >= threshold) tier = threshold;
    dealersByTier[year] ??= {};
    dealersByTier[year][String(tier)] = (dealersByTier[year][String(tier)] ?? 0) + 1;
  }

  const booked = data.budget.filter((b) => b.actual !== null);
  return {
    reps: data.reps.length,
    roots: data.reps.filter((r) => !r.sponsor).length,
    maxDepth: Math.max(...data.reps.map((r) => depth(r.rep))),
    salesRows: data.sales.length,
    salesMonths: new Set(data.sales.map((s) => s.date.getUTCMonth())).size,
    salesOn20th: data.sales.filter((s) => s.date.getUTCDate() === 20).length,
    salesOn21st: data.sales.filter((s) => s.date.getUTCDate() === 21).length,
    repMonthTotals: { min: Math.min(...monthTotals), max: Math.max(...monthTotals) },
    ranksQualified: count(ranks, (r) => r),
    dealers: new Set(data.purchases.map((p) => p.dealer)).size,
    purchaseRows: data.purchases.length,
    returnRows: data.purchases.filter((p) => p.type === "return" || p.type === "退货").length,
    chineseTypeRows: data.purchases.filter((p) => p.type === "进货" || p.type === "退货").length,
    dealersByTier,
    budgetRows: data.budget.length,
    budgetStatus: count(booked, (b) => {
      const actual = b.actual ?? 0;
      return actual > b.budget * 1.05 ? "OVER" : actual < b.budget * 0.95 ? "UNDER" : "ON TRACK";
    }),
    plansByStatus: count(data.plans, (p) => p.status),
    requestsByStatus: count(data.requests, (r) => r.status),
  };
}

// ---------------------------------------------------------------------------------------
// Command line

async function main(argv: readonly string[]): Promise<void> {
  const outPath = argv[0] ?? "assets/sample-workbook.xlsx";
  const data = generateSampleData();
  const wb = writeSampleWorkbook(data);
  const fs = await import("node:fs");
  const path = await import("node:path");
  fs.mkdirSync(path.dirname(path.resolve(outPath)), { recursive: true });
  await wb.xlsx.writeFile(outPath);
  process.stdout.write(`wrote ${outPath}\n${JSON.stringify(summarizeSampleData(data), null, 2)}\n`);
}

// Bundled into the benchmarks, `require.main === module` holds there too: the script's own path decides.
if (require.main === module && /make-sample-workbook\.ts$/.test(process.argv[1] ?? "")) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
