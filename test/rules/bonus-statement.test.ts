import { bonusStatement, DEFAULT_POLICY, type RepRecord, type SaleRecord } from "../../src/rules";

let row = 1;
const rep = (name: string, sponsor?: string, confirmedRank?: string): RepRecord => ({ rep: name, sponsor, confirmedRank, sheet: "Reps", row: ++row });
const sale = (name: string, day: string, amount: number): SaleRecord => {
  const [y, m, d] = day.split("-").map(Number);
  return { rep: name, date: new Date(y, m - 1, d), amount, sheet: "销售", row: ++row };
};
const MARCH = { year: 2026, month: 3 };

describe("bonusStatement — the SM worked example built from a sponsor tree", () => {
  // 王经理 sponsors four SRs who each sell 20,000 in March: sponsored SRs' sales 80,000, count 4 → SM.
  const reps = [rep("王经理", undefined, "SE"), ...["甲", "乙", "丙", "丁"].map((n) => rep(n, "王经理")), rep("戊", "王经理")];
  const sales = [
    sale("王经理", "2026-03-05", 20_000), sale("王经理", "2026-03-21", 10_000), sale("王经理", "2026-02-10", 5_000),
    ...["甲", "乙", "丙", "丁"].flatMap((n) => [sale(n, "2026-03-20", 15_000), sale(n, "2026-03-31", 5_000)]),
    sale("戊", "2026-03-10", 12_000), // a DS/PC recruit does not count as a sponsored SR
    sale("甲", "2026-04-01", 99_999), // after the month: ignored
  ];
  const { rows, problems } = bonusStatement(reps, sales, MARCH);

  it("has no problems and one row per rep in Reps order", () => {
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.rep)).toEqual(["王经理", "甲", "乙", "丙", "丁", "戊"]);
  });

  it("the manager's row reproduces SPEC's 14,615.38", () => {
    expect(rows[0]).toMatchObject({
      salesBy20th: 20_000, monthSales: 30_000, sponsoredSales: 80_000, sponsoredCount: 4, rank: "SM",
      base: 4615.38, morningStar: 4000, openingStar: 2000, override: 4000, total: 14615.38,
      confirmedRank: "SE", rankDiffers: true,
    });
    expect(rows[0].payDate).toEqual(new Date(2026, 4, 10));
    expect(rows[0].month).toEqual(new Date(2026, 2, 1));
  });

  it("each SR's row reproduces SPEC's 5,576.92 (the 20th counts as by the 20th)", () => {
    expect(rows[1]).toMatchObject({ salesBy20th: 15_000, monthSales: 20_000, rank: "SE", total: 5576.92, rankDiffers: false, confirmedRank: undefined });
  });

  it("a recruit below SR is not counted", () => expect(rows[5]).toMatchObject({ rank: "PC", total: 0 }));
});

describe("bonusStatement — data problems give no rows", () => {
  it("a sponsor who is not in Reps", () => {
    const { rows, problems } = bonusStatement([rep("A", "Ghost")], [], MARCH);
    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ sheet: "Reps", error: expect.objectContaining({ code: "sponsorUnknown", params: { rep: "A", sponsor: "Ghost" } }) })]);
  });
  it("a sponsor cycle, named once with its members", () => {
    const { problems } = bonusStatement([rep("A", "B"), rep("B", "C"), rep("C", "A"), rep("D")], [], MARCH);
    expect(problems).toHaveLength(1);
    expect(problems[0].error).toMatchObject({ code: "sponsorCycle", params: { reps: "A → B → C → A" } });
  });
  it("sales of someone not in Reps, and duplicate reps", () => {
    const { problems } = bonusStatement([rep("A"), rep("A")], [sale("Z", "2026-03-01", 1)], MARCH);
    expect(problems.map((p) => p.error.code)).toEqual(["repDuplicate", "repUnknown"]);
  });
});

describe("bonusStatement — the morning-star day is the policy's (MorningStarDay)", () => {
  const reps = [rep("赵")];
  const sales = [sale("赵", "2026-03-10", 10_000), sale("赵", "2026-03-11", 5_000), sale("赵", "2026-03-20", 1_000), sale("赵", "2026-03-21", 2_000)];

  it.each([
    [20, 16_000],
    [11, 15_000],
    [10, 10_000],
    [31, 18_000],
  ])("MorningStarDay %d counts the sales dated up to that day: %d", (morningStarDay, salesBy20th) => {
    const policy = { ...DEFAULT_POLICY, bonus: { ...DEFAULT_POLICY.bonus, morningStarDay } };
    expect(bonusStatement(reps, sales, MARCH, policy).rows[0]).toMatchObject({ salesBy20th, monthSales: 18_000 });
  });

  it("without a policy it is the 20th", () => expect(bonusStatement(reps, sales, MARCH).rows[0].salesBy20th).toBe(16_000));
});
