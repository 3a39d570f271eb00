/** A1-style addresses, 1-based rows and columns. */
export interface CellBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

export function boxAddress(box: CellBox): string {
  return `${cellAddress(box.top, box.left)}:${cellAddress(box.bottom, box.right)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** "B3:C5", "$B$3", "'My sheet'!B3:C5" → box (the sheet part is ignored). */
export function parseBox(address: string): CellBox {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [first, second = first] = local.split(":");
  const a = CELL.exec(first);
  const b = CELL.exec(second);
  if (!a || !b) throw new Error(`Not a cell address: ${address}`);
  const [top, bottom] = [Number(a[2]), Number(b[2])].sort((x, y) => x - y);
  const [left, right] = [columnNumber(a[1]), columnNumber(b[1])].sort((x, y) => x - y);
  return { top, left, bottom, right };
}

export const MAX_WORKSHEET_ROWS = 1_048_576;
