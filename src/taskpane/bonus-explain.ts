import { formatPercent, uiText, type Language } from "../i18n";
import { baseRate, DEFAULT_BONUS_POLICY, starAwardGroup, type BonusPolicy, type BonusStatementRow } from "../rules";
import { day, money } from "./pane";

/** One bonus component of a statement row, explained with the policy's thresholds. */
export interface BonusLine {
  readonly component: "rank" | "base" | "morningStar" | "openingStar" | "override" | "total";
  readonly text: string;
}

/** How each part of `row`'s bonus follows from the policy (src/rules/bonus.ts), in words. */
export function explainBonus(row: BonusStatementRow, lang: Language, policy: BonusPolicy = DEFAULT_BONUS_POLICY): BonusLine[] {
  const t = (key: string, params: Record<string, unknown> = {}) => uiText(lang, `bonuses.${key}`, params);
  const m = (n: number) => money(n, lang);
  const lines: BonusLine[] = [];

  let rankText = t("rank", { rank: row.rank });
  if (row.rankDiffers && row.confirmedRank) rankText += ` ${t("rankDiffers", { confirmed: row.confirmedRank })}`;
  lines.push({ component: "rank", text: rankText });

  const rate = baseRate(row.monthSales, policy);
  const steps = policy.baseRateSteps.map((s) => t("step", { rate: formatPercent(s.rate, lang), from: m(s.from) })).join(lang === "zh" ? "，" : ", ");
  lines.push({
    component: "base",
    text:
      rate > 0
        ? t("base", { sales: m(row.monthSales), ratio: formatPercent(policy.performanceRatio, lang), vat: formatPercent(policy.vatRate, lang), rate: formatPercent(rate, lang), amount: m(row.base), steps })
        : t("baseNone", { sales: m(row.monthSales), first: m(policy.baseRateSteps[0]?.from ?? 0) }),
  });

  const group = starAwardGroup(row.rank, policy);
  if (!group) {
    lines.push({ component: "morningStar", text: t("baseOnly", { rank: row.rank }) });
  } else {
    const morning = { sales: m(row.salesBy20th), threshold: m(group.morningStarThreshold), award: m(group.morningStarAward) };
    lines.push({ component: "morningStar", text: t(row.morningStar > 0 ? "morningYes" : "morningNo", morning) });
    const opening = { sales: m(row.monthSales), threshold: m(group.openingStarThreshold), award: m(group.openingStarAward) };
    lines.push({ component: "openingStar", text: t(row.openingStar > 0 ? "openingYes" : "openingNo", opening) });
    lines.push({
      component: "override",
      text: policy.overrideRanks.includes(row.rank)
        ? t("override", { count: row.sponsoredCount, sales: m(row.sponsoredSales), rate: formatPercent(policy.overrideRate, lang), amount: m(row.override) })
        : t("overrideNone", { ranks: policy.overrideRanks.join(lang === "zh" ? "、" : ", ") }),
    });
  }
  lines.push({ component: "total", text: t("totalLine", { total: m(row.total), payDate: day(row.payDate) }) });
  return lines;
}
