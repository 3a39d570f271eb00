import { ruleError, type RuleError } from "../rules";

/**
 * Excel hands an error cell to an `any` parameter as an object (allowErrorForDataTypeAny):
 * a CustomFunctions.Error with `code`, or a data-type error with `errorType`.
 */
export interface ErrorCell {
  readonly code?: string;
  readonly errorType?: string;
  readonly type?: string;
  readonly message?: string;
}

export type Cell = number | string | boolean | null | undefined | ErrorCell;
export type CellGrid = Cell[][];
export type ResultValue = number | string | CustomFunctions.Error;
export type ResultGrid = ResultValue[][];

export interface Shape {
  readonly rows: number;
  readonly cols: number;
}

export const SINGLE: Shape = { rows: 1, cols: 1 };

export function shapeOf(grid: CellGrid): Shape {
  return { rows: grid.length, cols: grid.length === 0 ? 0 : grid[0].length };
}

function isSingle(shape: Shape): boolean {
  return shape.rows === 1 && shape.cols === 1;
}

/** Like Excel arithmetic: ranges must share one shape; single values fit any shape. */
export function broadcastShape(args: Readonly<Record<string, CellGrid | null | undefined>>): Shape | RuleError {
  let shape = SINGLE;
  for (const grid of Object.values(args)) {
    if (!grid) continue;
    const own = shapeOf(grid);
    if (isSingle(own)) continue;
    if (isSingle(shape)) shape = own;
    else if (own.rows !== shape.rows || own.cols !== shape.cols) return shapeMismatch(args);
  }
  return shape;
}

function shapeMismatch(args: Readonly<Record<string, CellGrid | null | undefined>>): RuleError {
  const shapes = Object.entries(args)
    .filter(([, grid]) => grid)
    .map(([name, grid]) => `${name} ${shapeOf(grid as CellGrid).rows}×${shapeOf(grid as CellGrid).cols}`)
    .join(", ");
  return ruleError("value", "shapeMismatch", { shapes });
}

/** The element of `grid` at (row, col) under broadcasting; undefined for an omitted argument. */
export function cellAt(grid: CellGrid | null | undefined, row: number, col: number): Cell {
  if (!grid) return undefined;
  if (grid.length === 1 && grid[0].length === 1) return grid[0][0];
  return grid[row][col];
}

export function isErrorCell(cell: Cell): cell is ErrorCell {
  return typeof cell === "object" && cell !== null;
}

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}
