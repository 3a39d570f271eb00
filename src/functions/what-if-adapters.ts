import {
  bonusGaps,
  DEFAULT_POLICY,
  isRuleError,
  nextRank,
  nextRankCode,
  normalizeRankCode,
  rebateGap,
  rebateNeeded,
  ruleError,
  serialToDate,
  validateRankInput,
  type BonusGap,
  type BonusGaps,
  type BonusInput,
  type BonusGapTiming,
  type NextRank,
  type RebateGap,
  type RankInput,
  type RankLadder,
  type RebateMode,
  type RebateTier,
} from "../rules";
import { guarded, isColumnOf, MODE_ALIASES, policyAsOf } from "./adapters";
import { choiceCell, dateSerialCell, fail, isPlainNumber, numberCell, textCell, unwrap } from "./cells";
import { currentLanguage, failureToExcelError, toExcelError } from "./excel-errors";
import { broadcastShape, cellAt, type Cell, type CellGrid, type ResultGrid, type ResultValue } from "./grid";
import { parseRankTable, parseTiers } from "./tables";

/*
 * NEXT_RANK, BONUS_GAP and REBATE_GAP (issue 11) over ranges, with the conventions of SPEC §1
 * as adapters.ts applies them: ranges broadcast, text numbers, one error per element, blank
 * ("") where there is nothing next. Unlike MONTHLY_BONUS's "all", an `output` of "all" spills
 * one row per input row: each element's outputs side by side.
 */

type GridArgs = Readonly<Record<string, CellGrid | null | undefined>>;
type Outputs = ResultValue[];

const BLANK = "";

/**
 * One result row per row of the broadcast shape, `width` values per element. A failing
 * element fills its `width` cells with its Excel error; a failure of the whole call is thrown.
 */
function spillOutputs(args: GridArgs, width: number, compute: (row: number, col: number) => Outputs): ResultGrid {
  const lang = currentLanguage();
  const shape = broadcastShape(args);
  if (isRuleError(shape)) throw toExcelError(shape, lang);
  const result: ResultGrid = new Array(shape.rows);
  for (let r = 0; r < shape.rows; r++) {
    const row: Outputs = [];
    for (let c = 0; c < shape.cols; c++) {
      try {
        row.push(...compute(r, c));
      } catch (failure) {
        row.push(...new Array<ResultValue>(width).fill(failureToExcelError(failure, lang)));
      }
    }
    result[r] = row;
  }
  return result;
}

/**
 * The rows of the common call, a column (or single values): each function first runs it in
 * a loop of its own, without a handler per element, and calls spillOutputs only when an
 * element fails. The loop is written out in each function, not shared, so that the JIT
 * inlines that function's rule into it: a loop shared by the three sees three callbacks and
 * inlines none (a third of the throughput over 100,000 rows).
 */
function columnRows(args: GridArgs): number | undefined {
  const shape = broadcastShape(args);
  return !isRuleError(shape) && shape.cols === 1 ? shape.rows : undefined;
}

/** Choice words, case-insensitive: each output's English name and its Chinese one. */
function outputAliases<T extends string>(names: Readonly<Record<T, string>>): Readonly<Record<string, T | "all">> {
  const aliases: Record<string, T | "all"> = { all: "all", 全部: "all" };
  for (const [name, zh] of Object.entries(names) as [T, string][]) {
    aliases[name.toLowerCase()] = name;
    aliases[zh.toLowerCase()] = name;
  }
  return aliases;
}

/*
 * Each function turns its rule's result into one element's outputs with a function chosen
 * once per call, not a lookup per output per row: over 100,000 rows that lookup would cost
 * more than the rule itself.
 */

// ------------------------------------------------------------------------------ NEXT_RANK

type NextRankOutput = "rank" | "monthSales" | "sponsoredSales" | "sponsoredCount" | "cumulativeSales";
const NEXT_RANK_OUTPUTS: readonly NextRankOutput[] = ["rank", "monthSales", "sponsoredSales", "sponsoredCount", "cumulativeSales"];
const NEXT_RANK_ALIASES = outputAliases<NextRankOutput>({
  rank: "职级",
  monthSales: "月度业绩",
  sponsoredSales: "亲自培训SR业绩",
  sponsoredCount: "亲自培训SR数量",
  cumulativeSales: "累计业绩",
});

/** The outputs other than the default: the rank's code alone needs no shortfalls (nextRankCode). */
function nextRankOutputs(chosen: Exclude<NextRankOutput, "rank"> | "all"): (next: NextRank | undefined) => Outputs {
  if (chosen === "all") {
    return (next) => {
      if (next === undefined) return [BLANK, BLANK, BLANK, BLANK, BLANK];
      const s = next.shortfalls;
      return [next.next.code, s.monthSales, s.sponsoredSales, s.sponsoredCount, s.cumulativeSales];
    };
  }
  return (next) => [next === undefined ? BLANK : next.shortfalls[chosen]];
}

const rankOutputs = (outputsOf: (next: NextRank | undefined) => Outputs, ladder: RankLadder) => (input: RankInput): Outputs => outputsOf(nextRank(input, ladder));

/**
 * The common call: columns of plain, valid numbers of one length (sponsored sales and count
 * optional), read straight from the grids into one input object. Anything else (a text
 * number, an error, a negative, a fraction of an SR, a single value against a column) returns
 * undefined, and the call goes the general way, element by element.
 */
function plainRankColumns(monthSales: CellGrid, sponsoredSales: CellGrid | null | undefined, sponsoredCount: CellGrid | null | undefined, cumulativeSales: CellGrid | null | undefined, outputs: (input: RankInput) => Outputs): ResultGrid | undefined {
  const rows = monthSales.length;
  if (![monthSales, sponsoredSales, sponsoredCount, cumulativeSales].every((grid) => isColumnOf(grid, rows))) return undefined;
  const [month, sales, count, cumulative] = [monthSales, sponsoredSales, sponsoredCount, cumulativeSales];
  const input: { -readonly [K in keyof RankInput]: number } = { monthSales: 0, sponsoredSales: 0, sponsoredCount: 0, cumulativeSales: 0 };
  const result: ResultGrid = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const m = month[r][0];
    const s = sales ? sales[r][0] : 0;
    const n = count ? count[r][0] : 0;
    const c = cumulative ? cumulative[r][0] : m;
    if (!isPlainNumber(m) || !isPlainNumber(s) || !isPlainNumber(n) || !isPlainNumber(c) || m < 0 || s < 0 || c < 0 || n < 0 || !Number.isInteger(n)) return undefined;
    input.monthSales = m;
    input.sponsoredSales = s;
    input.sponsoredCount = n;
    input.cumulativeSales = c;
    result[r] = outputs(input);
  }
  return result;
}

export const nextRankCells = guarded(
  (
    monthSales: CellGrid,
    sponsoredSales?: CellGrid | null,
    sponsoredCount?: CellGrid | null,
    cumulativeSales?: CellGrid | null,
    rankTable?: CellGrid | null,
    output?: Cell,
    policy?: CellGrid | null,
    asOf?: Cell | CellGrid,
  ) => {
    const chosen = choiceCell(output, "output", NEXT_RANK_ALIASES, "rank");
    const inForce = policyAsOf(policy, asOf);
    const ladder = rankTable ? parseRankTable(rankTable) : inForce.ranks;
    // The default output needs only the next rank's code, not what is missing for it.
    const rowOutputs = chosen === "rank" ? (input: RankInput): Outputs => [nextRankCode(input, ladder) ?? BLANK] : rankOutputs(nextRankOutputs(chosen), ladder);
    const width = chosen === "all" ? NEXT_RANK_OUTPUTS.length : 1;
    // One input object for every row: nextRank keeps nothing of it, and 100,000 fresh ones cost GC time.
    const input: { -readonly [K in keyof RankInput]: number } = { monthSales: 0, sponsoredSales: 0, sponsoredCount: 0, cumulativeSales: 0 };
    const args = { monthSales, sponsoredSales, sponsoredCount, cumulativeSales };
    const compute = (r: number, c: number): Outputs => {
      const month = numberCell(cellAt(monthSales, r, c), "monthSales", 0);
      input.monthSales = month;
      input.sponsoredSales = numberCell(cellAt(sponsoredSales, r, c), "sponsoredSales", 0);
      input.sponsoredCount = numberCell(cellAt(sponsoredCount, r, c), "sponsoredCount", 0);
      // Omitted, it is the month's sales (as RANK_OF): a month-sales shortfall raises it too.
      input.cumulativeSales = numberCell(cellAt(cumulativeSales, r, c), "cumulativeSales", month);
      // The plain comparisons first: validateRankInput, which words the error, is slow for every row.
      const suspect = month < 0 || input.sponsoredSales < 0 || input.sponsoredCount < 0 || input.cumulativeSales < 0 || !Number.isInteger(input.sponsoredCount);
      const invalid = suspect ? validateRankInput(input) : undefined;
      if (invalid) fail(invalid);
      return rowOutputs(input);
    };
    const plain = plainRankColumns(monthSales, sponsoredSales, sponsoredCount, cumulativeSales, rowOutputs);
    if (plain) return plain;
    const rows = columnRows(args);
    if (rows !== undefined) {
      const result: ResultGrid = new Array(rows);
      try {
        for (let r = 0; r < rows; r++) result[r] = compute(r, 0);
        return result;
      } catch {
        // An element failed: spillOutputs gives it its own error.
      }
    }
    return spillOutputs(args, width, compute);
  },
);

// ------------------------------------------------------------------------------ BONUS_GAP

type BonusGapOutput = "nextStep" | "nextStepBonus" | "morning" | "morningBonus" | "opening" | "openingBonus";
const BONUS_GAP_OUTPUTS: readonly BonusGapOutput[] = ["nextStep", "nextStepBonus", "morning", "morningBonus", "opening", "openingBonus"];
const BONUS_GAP_ALIASES = outputAliases<BonusGapOutput>({
  nextStep: "下一档",
  nextStepBonus: "下一档奖金",
  morning: "晨星奖",
  morningBonus: "晨星奖奖金",
  opening: "开星奖",
  openingBonus: "开星奖奖金",
});

/** Which gap and which of its amounts each output shows. */
const BONUS_GAP_PARTS: Readonly<Record<BonusGapOutput, readonly [keyof BonusGaps, keyof BonusGap]>> = {
  nextStep: ["nextStep", "shortfall"],
  nextStepBonus: ["nextStep", "extraBonus"],
  morning: ["morning", "shortfall"],
  morningBonus: ["morning", "extraBonus"],
  opening: ["opening", "shortfall"],
  openingBonus: ["opening", "extraBonus"],
};

function bonusGapOutputs(chosen: BonusGapOutput | "all"): (gaps: BonusGaps) => Outputs {
  if (chosen === "all") {
    return ({ nextStep, morning, opening }) => [
      nextStep?.shortfall ?? BLANK,
      nextStep?.extraBonus ?? BLANK,
      morning?.shortfall ?? BLANK,
      morning?.extraBonus ?? BLANK,
      opening?.shortfall ?? BLANK,
      opening?.extraBonus ?? BLANK,
    ];
  }
  const [gap, amount] = BONUS_GAP_PARTS[chosen];
  return (gaps) => [gaps[gap]?.[amount] ?? BLANK];
}

/** A column of ranks repeats a handful of codes: each distinct cell is normalised once per call. */
function memoizedRank(fallback: string): (cell: Cell) => string {
  const known = new Map<Cell, string>();
  return (cell) => {
    let code = known.get(cell);
    if (code === undefined) {
      const text = textCell(cell);
      code = text === undefined ? fallback : (normalizeRankCode(text) ?? fail(ruleError("value", "unknownRank", { arg: "rank", value: text })));
      known.set(cell, code);
    }
    return code;
  };
}

/** `today` as timing for bonusGaps; the last serial's Date is kept, as a column of today's dates repeats one day. */
function memoizedTiming(): (cell: Cell) => BonusGapTiming | undefined {
  let lastSerial: number | undefined;
  let lastTiming: BonusGapTiming | undefined;
  return (cell) => {
    const serial = dateSerialCell(cell, "today");
    if (serial === undefined) return undefined;
    if (serial !== lastSerial) {
      lastSerial = serial;
      lastTiming = { today: serialToDate(serial) };
    }
    return lastTiming;
  };
}

export const bonusGapCells = guarded(
  (
    monthSales: CellGrid,
    salesBy20th?: CellGrid | null,
    rank?: CellGrid | null,
    sponsoredSales?: CellGrid | null,
    output?: Cell,
    today?: CellGrid | null,
    policy?: CellGrid | null,
    asOf?: Cell | CellGrid,
  ) => {
    const chosen = choiceCell(output, "output", BONUS_GAP_ALIASES, "nextStep");
    const outputsOf = bonusGapOutputs(chosen);
    const width = chosen === "all" ? BONUS_GAP_OUTPUTS.length : 1;
    const { bonus } = policyAsOf(policy, asOf);
    const rankAt = memoizedRank(bonus.defaultRank);
    const timingAt = memoizedTiming();
    // One input object for every row, as for NEXT_RANK: bonusGaps copies what it changes.
    const input: { -readonly [K in keyof BonusInput]: BonusInput[K] } = { monthSales: 0, salesBy20th: undefined, rank: "", sponsoredSales: 0 };
    const args = { monthSales, salesBy20th, rank, sponsoredSales, today };
    const compute = (r: number, c: number): Outputs => {
      input.monthSales = numberCell(cellAt(monthSales, r, c), "monthSales", 0);
      input.salesBy20th = numberCell(cellAt(salesBy20th, r, c), "salesBy20th", undefined);
      input.rank = rankAt(cellAt(rank, r, c));
      input.sponsoredSales = numberCell(cellAt(sponsoredSales, r, c), "sponsoredSales", 0);
      return outputsOf(unwrap(bonusGaps(input, bonus, timingAt(cellAt(today, r, c)))));
    };
    const rows = columnRows(args);
    if (rows !== undefined) {
      const result: ResultGrid = new Array(rows);
      try {
        for (let r = 0; r < rows; r++) result[r] = compute(r, 0);
        return result;
      } catch {
        // An element failed: spillOutputs gives it its own error.
      }
    }
    return spillOutputs(args, width, compute);
  },
);

// ----------------------------------------------------------------------------- REBATE_GAP

type RebateGapOutput = "needed" | "rebateAtNext" | "extra";
const REBATE_GAP_OUTPUTS: readonly RebateGapOutput[] = ["needed", "rebateAtNext", "extra"];
const REBATE_GAP_ALIASES = outputAliases<RebateGapOutput>({ needed: "所需进货额", rebateAtNext: "下一档返利", extra: "增加返利" });

/** The outputs other than the default: `needed` alone needs no rebates (rebateNeeded). */
function rebateGapOutputs(chosen: Exclude<RebateGapOutput, "needed"> | "all"): (gap: RebateGap | undefined) => Outputs {
  if (chosen === "all") return (gap) => (gap === undefined ? [BLANK, BLANK, BLANK] : [gap.needed, gap.rebateAtNext, gap.extra]);
  return (gap) => [gap === undefined ? BLANK : gap[chosen]];
}

const rebateOutputs = (outputsOf: (gap: RebateGap | undefined) => Outputs, tiers: readonly RebateTier[], mode: RebateMode) => (net: number): Outputs => outputsOf(rebateGap(net, tiers, mode));

export const rebateGapCells = guarded((netPurchases: CellGrid, tiers: CellGrid, mode?: Cell, output?: Cell) => {
  if (!tiers) fail(ruleError("value", "missingArgument", { arg: "tiers" }));
  const table = parseTiers(tiers);
  const chosenMode = choiceCell(mode, "mode", MODE_ALIASES, DEFAULT_POLICY.rebateMode);
  const chosen = choiceCell(output, "output", REBATE_GAP_ALIASES, "needed");
  const width = chosen === "all" ? REBATE_GAP_OUTPUTS.length : 1;
  // The default output needs only the next threshold, not the rebates at either end.
  const outputsOf = chosen === "needed" ? (net: number): Outputs => [rebateNeeded(net, table) ?? BLANK] : rebateOutputs(rebateGapOutputs(chosen), table, chosenMode);
  const compute = (r: number, c: number): Outputs => outputsOf(numberCell(cellAt(netPurchases, r, c), "netPurchases", 0));
  const rows = columnRows({ netPurchases });
  if (rows !== undefined) {
    const result: ResultGrid = new Array(rows);
    try {
      for (let r = 0; r < rows; r++) result[r] = compute(r, 0);
      return result;
    } catch {
      // An element failed: spillOutputs gives it its own error.
    }
  }
  return spillOutputs({ netPurchases }, width, compute);
});
