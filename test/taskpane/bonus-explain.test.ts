import type { BonusStatementRow } from "../../src/rules";
import { explainBonus } from "../../src/taskpane/bonus-explain";

/** An SM in a strong month: every component earned (figures from the policy's worked example). */
const SM: BonusStatementRow = {
  rep: "张伟",
  month: new Date(2025, 10, 1),
  salesBy20th: 22_000,
  monthSales: 32_000,
  sponsoredSales: 80_000,
  sponsoredCount: 4,
  cumulativeSales: 150_000,
  rank: "SM",
  confirmedRank: "SR",
  rankDiffers: true,
  base: 4923.08,
  morningStar: 4000,
  openingStar: 2000,
  override: 4000,
  total: 14923.08,
  payDate: new Date(2025, 11, 10),
};

describe("explainBonus — each component in words, with the policy's thresholds", () => {
  test("in English", () => {
    const lines = Object.fromEntries(explainBonus(SM, "en").map((l) => [l.component, l.text]));
    expect(lines.rank).toBe("Rank SM qualified this month. The Reps table says SR; check it.");
    expect(lines.base).toBe("Base bonus: month sales 32,000.00 × 90% ÷ (1 + VAT 17%) × 20% = 4,923.08. Rates: 10% from 13,000.00, 15% from 15,000.00, 20% from 20,000.00.");
    expect(lines.morningStar).toBe("Morning star: sales by the 20th 22,000.00 reached 20,000.00 → 4,000.00.");
    expect(lines.openingStar).toBe("Opening star: month sales 32,000.00 reached 30,000.00 → 2,000.00.");
    expect(lines.override).toBe("Override: sales of 4 sponsored SR(s) 80,000.00 × 5% = 4,000.00.");
    expect(lines.total).toBe("Total 14,923.08, paid on 2025-12-10.");
  });

  test("in Chinese", () => {
    const lines = Object.fromEntries(explainBonus(SM, "zh").map((l) => [l.component, l.text]));
    expect(lines.morningStar).toBe("晨星奖：20日前业绩 22,000.00 达到 20,000.00 → 4,000.00。");
    expect(lines.total).toBe("合计 14,923.08，于 2025-12-10 发放。");
  });

  test("missed thresholds and base-only ranks say what was missing", () => {
    const sr = explainBonus({ ...SM, rank: "SR", rankDiffers: false, salesBy20th: 9000, monthSales: 12_000, base: 0, morningStar: 0, openingStar: 0, override: 0, total: 0 }, "en");
    expect(sr.map((l) => l.text)).toEqual([
      "Rank SR qualified this month.",
      "Base bonus: month sales 12,000.00 are below 13,000.00, so there is none.",
      "Morning star: sales by the 20th 9,000.00 did not reach 15,000.00 (award 1,500.00).",
      "Opening star: month sales 12,000.00 did not reach 20,000.00 (award 1,000.00).",
      "Override: only SM, SSM, SD, SSD, TE earn it.",
      "Total 0.00, paid on 2025-12-10.",
    ]);
    const pc = explainBonus({ ...SM, rank: "PC", rankDiffers: false }, "en");
    expect(pc.find((l) => l.component === "morningStar")?.text).toBe("Rank PC earns the base bonus only: no star awards, no override.");
  });
});
