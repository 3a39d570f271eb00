import { parseBusinessNumber, ruleError, validateTiers, type RankLadder, type RankRequirement, type RebateTier } from "../rules";
import { fail, numberCell, textCell } from "./cells";
import { isBlank, type Cell, type CellGrid } from "./grid";

/** A table range's data rows, with 1-based row numbers within the range, blank rows and one header row skipped. */
function dataRows(grid: CellGrid, looksLikeHeader: (row: Cell[]) => boolean): { row: Cell[]; index: number }[] {
  const rows = grid.map((row, i) => ({ row, index: i + 1 })).filter(({ row }) => !row.every(isBlank));
  if (rows.length > 0 && looksLikeHeader(rows[0].row)) rows.shift();
  return rows;
}

function isTextLabel(cell: Cell): boolean {
  return typeof cell === "string" && !isBlank(cell) && Number.isNaN(Number(cell.replace(/[,%元\s]/g, "")));
}

/** Reads a cell of a policy table; a problem names the table argument and the row. */
function tableNumber(cell: Cell, arg: string, row: number): number {
  if (typeof cell === "string" && !isBlank(cell) && parseBusinessNumber(cell) === undefined) {
    fail(ruleError("value", "tableCellInvalid", { arg, row, value: cell }));
  }
  const value = numberCell(cell, arg, 0);
  if (value < 0) fail(ruleError("num", "negativeAmount", { arg: `${arg} row ${row}`, value }));
  return value;
}

const RANK_TABLE_MIN_COLUMNS = 2;

/** rankTable: code, minMonthSales, minSponsoredSales, minSponsoredCount, minCumulativeSales; blank = no minimum. */
export function parseRankTable(grid: CellGrid): RankLadder {
  const arg = "rankTable";
  if (grid[0].length < RANK_TABLE_MIN_COLUMNS) fail(ruleError("value", "tableTooFewColumns", { arg, min: RANK_TABLE_MIN_COLUMNS }));
  const rows = dataRows(grid, (row) => isTextLabel(row[1]));
  if (rows.length === 0) fail(ruleError("value", "tableEmpty", { arg }));
  const ladder: RankRequirement[] = [];
  for (const { row, index } of rows) {
    const code = textCell(row[0]);
    if (!code) fail(ruleError("value", "tableCellInvalid", { arg, row: index, value: "" }));
    if (ladder.some((r) => r.code.toUpperCase() === code.toUpperCase())) fail(ruleError("value", "rankCodeDuplicate", { arg, row: index, value: code }));
    const [month, sponsored, count, cumulative] = [1, 2, 3, 4].map((col) => tableNumber(row[col], arg, index));
    ladder.push({ code: code.toUpperCase(), minMonthSales: month, minSponsoredSales: sponsored, minSponsoredCount: count, minCumulativeSales: cumulative });
  }
  return ladder;
}

/** tiers: threshold, rate (2% or 0.02), thresholds ascending; a header row is allowed. */
export function parseTiers(grid: CellGrid): RebateTier[] {
  const arg = "tiers";
  if (grid[0].length < 2) fail(ruleError("value", "tableTooFewColumns", { arg, min: 2 }));
  const rows = dataRows(grid, (row) => isTextLabel(row[0]));
  const tiers = rows.map(({ row, index }) => {
    if (isBlank(row[0]) || isBlank(row[1])) fail(ruleError("value", "tableCellInvalid", { arg, row: index, value: "" }));
    return { threshold: tableNumber(row[0], arg, index), rate: numberCell(row[1], arg, 0) };
  });
  const invalid = validateTiers(tiers, rows.map((r) => r.index));
  if (invalid) fail(invalid);
  return tiers;
}
