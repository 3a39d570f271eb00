/**
 * The print views' content (issue 10 point 4): every term in Chinese and English side by side,
 * amounts in yuan, the month or year, the policy version and the day printed. The browser test
 * (test/browser/bonuses.test.ts) checks that only the view prints, on one A4 page.
 */
import { renderToString } from "react-dom/server";
import type { BonusStatementRow } from "../../src/rules";
import { RebateListPrint, StatementPrint, yuan, type RebatePrintRow } from "../../src/taskpane/print";

/** The printed lines (title, then a line per table row, cells after "|"), tags dropped and entities decoded. */
function lines(html: string): string[] {
  const decoded = html
    .replace(/<(tr|h1)[\s>]/g, "\n$&")
    .replace(/<t[dh][\s>]/g, " | $&")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return decoded.split("\n").map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line !== "");
}

/**
 * SPEC 1.2's sales manager for March 2026: 30,000 in the month (20,000 by the 20th), four SRs
 * of 20,000. Base 30,000 × 0.9 ÷ 1.17 × 20% = 4,615.38; morning star 4,000; opening star 2,000;
 * override 80,000 × 5% = 4,000; total 14,615.38, paid 2026-05-10.
 */
const MANAGER: BonusStatementRow = {
  rep: "经理",
  month: new Date(2026, 2, 1),
  salesBy20th: 20000,
  monthSales: 30000,
  sponsoredSales: 80000,
  sponsoredCount: 4,
  cumulativeSales: 150_000,
  rank: "SM",
  confirmedRank: "SM",
  rankDiffers: false,
  base: 4615.38,
  morningStar: 4000,
  openingStar: 2000,
  override: 4000,
  total: 14615.38,
  payDate: new Date(2026, 4, 10),
};

describe("the bonus statement print view", () => {
  it("gives each term in both languages, the amounts in yuan, the month, the policy version and the day printed", () => {
    const printed = lines(renderToString(<StatementPrint row={MANAGER} policyFrom={undefined} lang="zh" printed={new Date(2026, 5, 1)} />));
    expect(printed).toEqual(
      [
        "奖金明细 Bonus statement",
        "| 业务员 Rep | 经理",
        "| 月份 Month | 2026-03",
        "| 职级 Rank | SM 销售经理 Sales manager",
        "| 亲自培训SR数量 Sponsored SRs | 4",
        "| 项目 Item | 金额 Amount",
        "| 月度业绩 Month sales | ¥30,000.00",
        "| 20日前业绩 Sales by the 20th | ¥20,000.00",
        "| 亲自培训SR业绩 Sponsored SRs' sales | ¥80,000.00",
        "| 基本奖金 Base bonus | ¥4,615.38",
        "| 晨星奖 Morning star award | ¥4,000.00",
        "| 开星奖 Opening star award | ¥2,000.00",
        "| 季度评估 Override | ¥4,000.00",
        "| 合计 Total | ¥14,615.38",
        "| 发放日期 Pay date | 2026-05-10",
        "| 政策版本 Policy version | 内置制度 Built-in policy",
        "| 打印日期 Printed | 2026-06-01",
      ],
    );
  });

  it("puts the pane's language first in English, marks each language, and names a policy version by its date", () => {
    const html = renderToString(<StatementPrint row={MANAGER} policyFrom={new Date(2026, 0, 1)} lang="en" printed={new Date(2026, 5, 1)} />);
    expect(lines(html)).toContain("| Base bonus 基本奖金 | ¥4,615.38");
    expect(lines(html)).toContain("| Policy version 政策版本 | 2026-01-01");
    expect(html).toContain('<span lang="zh-CN">基本奖金</span>');
  });

  it("prints the rep's name as text, whatever it holds", () => {
    const html = renderToString(<StatementPrint row={{ ...MANAGER, rep: "<b>=1+1</b>" }} policyFrom={undefined} lang="zh" />);
    expect(html).not.toContain("<b>");
    expect(lines(html)).toContain("| 业务员 Rep | <b>=1+1</b>");
  });
});

describe("the rebate list print view", () => {
  /** 华东商贸: net 620,000 reaches the 500,000 tier at 2% → 12,400. Beta Ltd: 75,000, under every tier. */
  const ROWS: RebatePrintRow[] = [
    { dealer: "华东商贸", net: 620000, tier: 500000, rate: 0.02, rebate: 12400, status: "Reviewed" },
    { dealer: "Beta Ltd", net: 75000, tier: undefined, rate: 0, rebate: 0, status: "Calculated" },
  ];

  it("lists each dealer under bilingual headers, with totals, the year, the policy version and the day printed", () => {
    const printed = lines(renderToString(<RebateListPrint rows={ROWS} year={2025} lang="zh" mode="retroactive" printed={new Date(2026, 0, 15)} />));
    expect(printed).toEqual(
      [
        "返利清单 Rebate list",
        "| 年度 Year | 2025",
        "| 政策版本 Policy version | 返利政策表（未分版本） RebatePolicy table, without versions",
        "| 模式 Rebate mode | 全额 retroactive",
        "| 打印日期 Printed | 2026-01-15",
        "| 经销商 Dealer | 净进货额 Net purchases | 档位 Tier | 返利率 Rate | 返利金额 Rebate | 状态 Status",
        "| 华东商贸 | ¥620,000.00 | ¥500,000.00 | 2% | ¥12,400.00 | 已审核 Reviewed",
        "| Beta Ltd | ¥75,000.00 | — | 0% | ¥0.00 | 已计算 Calculated",
        "| 合计 Total | ¥695,000.00 | | | ¥12,400.00 |",
      ],
    );
  });

  it("has one header row for the whole list (a table-header-group, which the browser repeats on every page) and a row per dealer", () => {
    const many = Array.from({ length: 40 }, (_, i): RebatePrintRow => ({ dealer: `Dealer ${i + 1}`, net: 1000 * (i + 1), tier: undefined, rate: 0, rebate: 0, status: "Calculated" }));
    const html = renderToString(<RebateListPrint rows={many} year={2025} lang="en" />);
    expect(html.match(/<thead/g)).toHaveLength(1);
    expect(html.match(/<tr/g)?.length).toBe(3 + 1 + 40 + 1);
    // 1,000 × (1 + 2 + … + 40) = 820,000.
    expect(lines(html)).toContain("| Total 合计 | ¥820,000.00 | | | ¥0.00 |");
  });

  it("writes amounts in yuan to the cent, negative ones with the sign first", () => {
    expect([yuan(1234.5), yuan(-50), yuan(0)]).toEqual(["¥1,234.50", "-¥50.00", "¥0.00"]);
  });
});
