/** The workbooks of the opportunities tests (services and command line), worked by hand. */
import type { Fixture, FixtureValue } from "../workbook/harness";
import { d, table } from "./fixtures";

/**
 * March 2026, within 10% unless a test says otherwise.
 * - Amy: 14,000 on the 10th. SR. Morning star: 1,000 short of 15,000 by the 20th (≤ 1,500);
 *   extra = 1,730.77 + 1,500 − 1,076.92 = 2,153.85. Step 15%: 1,000 short; extra 1,730.77 −
 *   1,076.92 = 653.85. Rank SE (15,000 a month): 1,000 short; extra 653.85 (SE earns the same
 *   awards, and 14,000 by the 20th is no morning star). Opening star: 6,000 short of 20,000, too far.
 * - Bo: 16,000 on the 5th, 3,000 on the 25th: 19,000, 16,000 by the 20th. SE, morning star
 *   earned. Opening star: 1,000 short of 20,000 (≤ 2,000); now 2,192.31 + 1,500 = 3,692.31, after
 *   3,076.92 + 1,500 + 1,000 = 5,576.92, extra 1,884.61. Step 20%: the same 1,000 and the same
 *   extra (the opening star comes with it). Rank SSE needs 30,000 of sponsored SRs' sales: too far.
 * - Cy: 17,000 in February, 12,000 on 25 March. PC: DS needs 30,000 cumulative (29,000). Step
 *   10%: 1,000 short of 13,000 (≤ 1,300), extra 1,000.00. Rank DS: 1,000 short of 30,000
 *   cumulative (≤ 3,000), extra 1,000.00 (DS earns the base only).
 * - Di: 20,000 on the 10th; sponsors E1 and E2 (20,000 each on the 25th) and E3 (17,000 on the
 *   25th), all SE, so three SRs with 57,000. SSE, both star awards earned, on the top step.
 *   Rank SM (60,000 from 4 SRs): 3,000 short (≤ 6,000) and one SR short; extra: as SM 3,076.92 +
 *   4,000 (20,000 by the 20th) + 0 (30,000 for the opening star) + 3,000 (5% of 60,000) =
 *   10,076.92, minus 3,076.92 + 1,500 + 1,000 = 5,576.92 now: 4,500.00.
 * - E1, E2: 20,000 after the 20th: opening star and top step reached, no morning star
 *   (15,000 short). E3: 17,000, 3,000 short of 20,000 (> 2,000). None is near anything.
 */
export function bonusBook(options: { language?: "en" | "zh"; e3Sponsor?: string | null; extraSheets?: Fixture["sheets"] } = {}): Fixture {
  const zh = options.language === "zh";
  return {
    sheets: [
      {
        name: "Sales",
        tables: [
          table("Sales", "A1", [
            zh ? ["业务员", "日期", "金额"] : ["Rep", "Date", "Amount"],
            ["Amy", d("2026-03-10"), 14000],
            ["Bo", d("2026-03-05"), 16000],
            ["Bo", d("2026-03-25"), 3000],
            ["Cy", d("2026-02-10"), 17000],
            ["Cy", d("2026-03-25"), 12000],
            ["Di", d("2026-03-10"), 20000],
            ["E1", d("2026-03-25"), 20000],
            ["E2", d("2026-03-25"), 20000],
            ["E3", d("2026-03-25"), 17000],
          ]),
        ],
      },
      {
        name: "Reps",
        tables: [
          table("Reps", "A1", [
            zh ? ["业务员", "推荐人"] : ["Rep", "Sponsor"],
            ["Amy", null],
            ["Bo", null],
            ["Cy", null],
            ["Di", null],
            ["E1", "Di"],
            ["E2", "Di"],
            ["E3", options.e3Sponsor === undefined ? "Di" : options.e3Sponsor],
          ]),
        ],
      },
      ...(options.extraSheets ?? []),
    ],
  };
}

/**
 * 2025, tiers from 100,000 at 1%, from 500,000 at 2%, from 1,000,000 at 3%; 10% of the next
 * threshold is 10,000 below 100,000 and 50,000 below 500,000.
 * - Back Co: 520,000 bought, 30,000 returned: 490,000, needs 10,000.
 * - Edge Co: 450,000, needs exactly 50,000 (10%): within.
 * - Far Co: 449,999.99, needs 50,000.01: not within.
 * - Near Co: 460,000, needs 40,000.
 * - Small Co: 95,000, needs 5,000 (under the first tier: no rebate now).
 * - Top Co: 1,200,000, on the top tier: nothing above.
 * Retroactive (the default): at 500,000 the rebate is 10,000 (2% of the whole); now 1% of the
 * net: Back 4,900 (extra 5,100, 5,100 ÷ 10,000 = 51%), Edge 4,500 (5,500, 11%), Near 4,600
 * (5,400, 13.5%); Small: 1,000 at 100,000, 0 now (1,000 ÷ 5,000 = 20%).
 * Incremental: 1% of what lies above 100,000, 2% above 500,000: at 500,000, 4,000; Back 3,900
 * now (extra 100, 1%), Edge 3,500 (500, 1%), Near 3,600 (400, 1%); Small: 0 at 100,000 exactly (0, 0%).
 */
export const REBATE_PURCHASES: (readonly FixtureValue[])[] = [
  ["Dealer", "Date", "Amount", "Type"],
  ["Top Co", d("2025-02-01"), 1200000, null],
  ["Near Co", d("2025-03-01"), 460000, null],
  ["Edge Co", d("2025-03-02"), 450000, null],
  ["Far Co", d("2025-03-03"), 449999.99, null],
  ["Small Co", d("2025-04-01"), 95000, null],
  ["Back Co", d("2025-05-01"), 520000, "purchase"],
  ["Back Co", d("2025-06-01"), 30000, "return"],
  ["Near Co", d("2024-12-31"), 40000, null],
];

