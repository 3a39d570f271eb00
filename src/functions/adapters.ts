import {
  annualRebate,
  BONUS_COMPONENTS,
  budgetVariance,
  dateToSerial,
  DEFAULT_POLICY,
  isRuleError,
  monthlyBonus,
  monthlyBonusInto,
  normalizeRankCode,
  payDate,
  planDeadline,
  purchaseShare,
  rankOf,
  ruleError,
  validateRankInput,
  type BonusBreakdown,
  type BonusInput,
  type BonusPolicy,
  type Policy,
  type MutableBonusBreakdown,
  type BudgetKind,
  type RankLadder,
  type RebateMode,
  type RebateTier,
  type VarianceOutput,
} from "../rules";
import { choiceCell, dateCell, fail, isPlainNumber, numberCell, textCell, unwrap } from "./cells";
import { currentLanguage, failureToExcelError, toExcelError } from "./excel-errors";
import { broadcastShape, cellAt, type Cell, type CellGrid, type ResultGrid, type ResultValue } from "./grid";
import { asOfDay, policyArgument } from "./policy-range";
import { parseRankTable, parseTiers } from "./tables";

type GridArgs = Readonly<Record<string, CellGrid | null | undefined>>;

/**
 * Computes one result per element of the broadcast shape. A failing element becomes that
 * element's Excel error; a failure of the whole call (shapes, tables, choices) is thrown as
 * an Excel error, so every call ends with a value or an error and no cell stays on #BUSY.
 */
function spill(args: GridArgs, compute: (row: number, col: number) => ResultValue): ResultGrid {
  const lang = currentLanguage();
  const shape = broadcastShape(args);
  if (isRuleError(shape)) throw toExcelError(shape, lang);
  const result: ResultGrid = new Array(shape.rows);
  const element = (r: number, c: number): ResultValue => {
    try {
      return compute(r, c);
    } catch (failure) {
      return failureToExcelError(failure, lang);
    }
  };
  if (shape.cols === 1) {
    // The failing element is redone with its handler, then the fast loop goes on after it.
    for (let r = columnFastPath(result, compute, 0); r < shape.rows; r = columnFastPath(result, compute, r + 1)) result[r] = [element(r, 0)];
    return result;
  }
  for (let r = 0; r < shape.rows; r++) {
    const row: ResultValue[] = [];
    for (let c = 0; c < shape.cols; c++) row.push(element(r, c));
    result[r] = row;
  }
  return result;
}

/**
 * A column is the common case: one tight loop from `start`, with no per-element handler,
 * until an element fails. Returns the failing row, or result.length when all are done.
 */
function columnFastPath(result: ResultGrid, compute: (row: number, col: number) => ResultValue, start: number): number {
  let r = start;
  try {
    for (; r < result.length; r++) result[r] = [compute(r, 0)]; // a literal makes a packed array
  } catch {
    return r;
  }
  return r;
}

/** Every call ends with a value or an Excel error, never an exception Excel cannot show. */
export function guarded<A extends unknown[]>(body: (...args: A) => ResultGrid): (...args: A) => ResultGrid {
  return (...args: A) => {
    try {
      return body(...args);
    } catch (failure) {
      throw failureToExcelError(failure, currentLanguage());
    }
  };
}

function rankCell(cell: Cell, arg: string, fallback: string, ladder?: RankLadder): string {
  const text = textCell(cell);
  if (text === undefined) return fallback;
  return normalizeRankCode(text, ladder) ?? fail(ruleError("value", "unknownRank", { arg, value: text }));
}

/** A column of ranks repeats a handful of codes: normalise each distinct text once per call. */
function memoizedRankCell(arg: string, fallback: string): (cell: Cell) => string {
  const known = new Map<Cell, string>();
  return (cell) => {
    let rank = known.get(cell);
    if (rank === undefined) {
      rank = rankCell(cell, arg, fallback);
      known.set(cell, rank);
    }
    return rank;
  };
}

/** The policy of a call with one `asOf` (RANK_OF, MONTHLY_BONUS, BUDGET_VARIANCE): read and resolved once. */
export function policyAsOf(policy: CellGrid | null | undefined, asOf: Cell | CellGrid): Policy {
  const day = asOfDay(asOf);
  return policyArgument(policy).policyOn(day);
}

export const rankOfCells = guarded(
  (
    monthSales: CellGrid,
    sponsoredSales?: CellGrid | null,
    sponsoredCount?: CellGrid | null,
    cumulativeSales?: CellGrid | null,
    rankTable?: CellGrid | null,
    policy?: CellGrid | null,
    asOf?: Cell | CellGrid,
  ) => {
    const inForce = policyAsOf(policy, asOf);
    const ladder = rankTable ? parseRankTable(rankTable) : inForce.ranks;
    return spill({ monthSales, sponsoredSales, sponsoredCount, cumulativeSales }, (r, c) => {
      const month = numberCell(cellAt(monthSales, r, c), "monthSales", 0);
      const input = {
        monthSales: month,
        sponsoredSales: numberCell(cellAt(sponsoredSales, r, c), "sponsoredSales", 0),
        sponsoredCount: numberCell(cellAt(sponsoredCount, r, c), "sponsoredCount", 0),
        cumulativeSales: numberCell(cellAt(cumulativeSales, r, c), "cumulativeSales", month),
      };
      const invalid = validateRankInput(input);
      return invalid ? fail(invalid) : rankOf(input, ladder);
    });
  },
);

type BonusComponent = "total" | "base" | "morning" | "opening" | "override" | "all";
const COMPONENT_ALIASES: Readonly<Record<string, BonusComponent>> = {
  total: "total", 合计: "total", base: "base", 基本奖金: "base", morning: "morning", 晨星奖: "morning",
  opening: "opening", 开星奖: "opening", override: "override", 季度评估: "override", all: "all", 全部: "all",
};
const COMPONENT_FIELD: Readonly<Record<Exclude<BonusComponent, "all">, keyof BonusBreakdown>> = {
  total: "total", base: "base", morning: "morningStar", opening: "openingStar", override: "override",
};

export const monthlyBonusCells = guarded(
  (
    monthSales: CellGrid,
    salesBy20th?: CellGrid | null,
    rank?: CellGrid | null,
    sponsoredSales?: CellGrid | null,
    component?: Cell,
    policy?: CellGrid | null,
    asOf?: Cell | CellGrid,
  ) => {
    const chosen = choiceCell(component, "component", COMPONENT_ALIASES, "total");
    const { bonus } = policyAsOf(policy, asOf);
    const args = { monthSales, salesBy20th, rank, sponsoredSales };
    const rankAt = memoizedRankCell("rank", bonus.defaultRank);
    // One input object reused for every row: the engine does not keep it, and 100,000 fresh ones cost GC time.
    const input: { -readonly [K in keyof BonusInput]: BonusInput[K] } = { monthSales: 0, salesBy20th: undefined, rank: "", sponsoredSales: 0 };
    const bonusAt = (r: number, c: number): BonusBreakdown => {
      input.monthSales = numberCell(cellAt(monthSales, r, c), "monthSales", 0);
      input.salesBy20th = numberCell(cellAt(salesBy20th, r, c), "salesBy20th", undefined);
      input.rank = rankAt(cellAt(rank, r, c));
      input.sponsoredSales = numberCell(cellAt(sponsoredSales, r, c), "sponsoredSales", 0);
      return unwrap(monthlyBonus(input, bonus));
    };
    if (chosen === "all") return allComponents(args, bonusAt);
    const field = COMPONENT_FIELD[chosen];
    return plainBonusColumn(args, input, rankAt, field, bonus) ?? spill(args, (r, c) => bonusAt(r, c)[field]);
  },
);

/** An omitted argument, or a column of `rows` cells (Excel's ranges are rectangular, so the first row's width is every row's). */
export const isColumnOf = (grid: CellGrid | null | undefined, rows: number) => !grid || (grid.length === rows && grid[0]?.length === 1);

/**
 * The common call, columns of plain numbers (and rank codes), in one loop the JIT can
 * inline; anything else (text numbers, blanks, errors, broadcasting) goes through spill().
 */
function plainBonusColumn(
  { monthSales, salesBy20th, rank, sponsoredSales }: { monthSales: CellGrid; salesBy20th?: CellGrid | null; rank?: CellGrid | null; sponsoredSales?: CellGrid | null },
  input: { -readonly [K in keyof BonusInput]: BonusInput[K] },
  rankAt: (cell: Cell) => string,
  field: keyof BonusBreakdown,
  bonus: BonusPolicy,
): ResultGrid | undefined {
  const rows = monthSales.length;
  if (![monthSales, salesBy20th, rank, sponsoredSales].every((grid) => isColumnOf(grid, rows))) return undefined;
  const result: ResultGrid = new Array(rows);
  const breakdown: MutableBonusBreakdown = { base: 0, morningStar: 0, openingStar: 0, override: 0, total: 0 };
  try {
    for (let r = 0; r < rows; r++) {
      const month = monthSales[r][0];
      const by20th = salesBy20th ? salesBy20th[r][0] : undefined;
      const sponsored = sponsoredSales ? sponsoredSales[r][0] : 0;
      if (!isPlainNumber(month) || !(by20th === undefined || isPlainNumber(by20th)) || !isPlainNumber(sponsored)) return undefined;
      input.monthSales = month;
      input.salesBy20th = by20th;
      input.rank = rankAt(rank ? rank[r][0] : undefined);
      input.sponsoredSales = sponsored;
      if (monthlyBonusInto(input, breakdown, bonus) !== undefined) return undefined;
      result[r] = [breakdown[field]];
    }
  } catch {
    return undefined; // an unknown rank: spill() reports it on its own element
  }
  return result;
}

function allComponents(args: GridArgs, bonusAt: (r: number, c: number) => BonusBreakdown): ResultGrid {
  const shape = broadcastShape(args);
  if (isRuleError(shape) || shape.rows !== 1 || shape.cols !== 1) fail(ruleError("value", "allNeedsSingleRow"));
  const bonus = bonusAt(0, 0);
  return [BONUS_COMPONENTS.map((name) => bonus[name])];
}

/** REBATE's and REBATE_GAP's mode words, English and Chinese. */
export const MODE_ALIASES: Readonly<Record<string, RebateMode>> = {
  retroactive: "retroactive", 全额: "retroactive", 全额返利: "retroactive",
  incremental: "incremental", 累进: "incremental", 累进返利: "incremental",
};

export const rebateCells = guarded((netPurchases: CellGrid, tiers: CellGrid, mode?: Cell, purchase?: CellGrid | null) => {
  if (!tiers) fail(ruleError("value", "missingArgument", { arg: "tiers" }));
  const table = parseTiers(tiers);
  const chosenMode = choiceCell(mode, "mode", MODE_ALIASES, DEFAULT_POLICY.rebateMode);
  const column = purchase ? undefined : plainRebateColumn(netPurchases, table, chosenMode);
  if (column) return column;
  return spill({ netPurchases, purchase }, (r, c) => {
    const net = numberCell(cellAt(netPurchases, r, c), "netPurchases", 0);
    const annual = annualRebate(net, table, chosenMode).rebate;
    const share = purchase ? numberCell(cellAt(purchase, r, c), "purchase", undefined) : undefined;
    return share === undefined ? annual : purchaseShare(share, annual, net);
  });
});

/**
 * The common call, one column of plain numbers, in a loop the JIT can inline whole; any
 * other cell sends the call through spill(), which handles every case element by element.
 */
function plainRebateColumn(netPurchases: CellGrid, tiers: readonly RebateTier[], mode: RebateMode): ResultGrid | undefined {
  if (!isColumnOf(netPurchases, netPurchases.length)) return undefined;
  const result: ResultGrid = new Array(netPurchases.length);
  for (let r = 0; r < netPurchases.length; r++) {
    const net = netPurchases[r][0];
    if (!isPlainNumber(net)) return undefined;
    result[r] = [annualRebate(net, tiers, mode).rebate];
  }
  return result;
}

const OUTPUT_ALIASES: Readonly<Record<string, VarianceOutput>> = {
  amount: "amount", 差额: "amount", percent: "percent", 百分比: "percent", used: "used", 使用率: "used",
  status: "status", 状态: "status", favourable: "favourable", favorable: "favourable", 有利: "favourable",
};
const KIND_ALIASES: Readonly<Record<string, BudgetKind>> = { expense: "expense", 费用: "expense", revenue: "revenue", 收入: "revenue" };

export const budgetVarianceCells = guarded(
  (actual: CellGrid, budget: CellGrid, output?: Cell, kind?: CellGrid | null, tolerance?: CellGrid | null, policy?: CellGrid | null, asOf?: Cell | CellGrid) => {
    const chosen = choiceCell(output, "output", OUTPUT_ALIASES, "amount");
    const defaultTolerance = policyAsOf(policy, asOf).budget.tolerance;
    return spill({ actual, budget, kind, tolerance }, (r, c) =>
      unwrap(
        budgetVariance(
          {
            actual: numberCell(cellAt(actual, r, c), "actual", 0),
            budget: numberCell(cellAt(budget, r, c), "budget", 0),
            kind: choiceCell(cellAt(kind, r, c), "kind", KIND_ALIASES, "expense"),
            tolerance: numberCell(cellAt(tolerance, r, c), "tolerance", defaultTolerance),
          },
          chosen,
        ),
      ),
    );
  },
);

/** A blank date gives a blank result, so a formula over a column with empty rows stays clean. */
function mapDates(grid: CellGrid, arg: string, toDate: (date: Date) => Date): ResultGrid {
  return spill({ [arg]: grid }, (r, c) => {
    const date = dateCell(cellAt(grid, r, c), arg);
    return date === undefined ? "" : dateToSerial(toDate(date));
  });
}

/** PAY_DATE's asOf is the first day of the month the bonus is for. */
export const payDateCells = guarded((month: CellGrid, policy?: CellGrid | null) => {
  const schedules = policyArgument(policy);
  return mapDates(month, "month", (date) => payDate(date, schedules.policyOn(dateToSerial(date) - date.getDate() + 1).schedule));
});

/** PLAN_DEADLINE's asOf is the start date. */
export const planDeadlineCells = guarded((startDate: CellGrid, policy?: CellGrid | null) => {
  const schedules = policyArgument(policy);
  return mapDates(startDate, "startDate", (date) => planDeadline(date, schedules.policyOn(dateToSerial(date)).schedule));
});
