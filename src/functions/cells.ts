import {
  dateToSerial,
  isRuleError,
  isSupportedSerial,
  parseBusinessNumber,
  parseTextDate,
  ruleError,
  serialToDate,
  type RuleError,
} from "../rules";
import { isBlank, isErrorCell, type Cell, type ErrorCell } from "./grid";

/**
 * Thrown while computing one element of a result, so that it becomes that element's error
 * and the rest of the spilled result still computes.
 */
export class ElementFailure {
  constructor(readonly reason: RuleError | ErrorCell) {}
}

export function fail(reason: RuleError | ErrorCell): never {
  throw new ElementFailure(reason);
}

export function unwrap<T>(result: T | RuleError): T {
  if (isRuleError(result)) fail(result);
  return result;
}

function notANumber(arg: string, cell: Cell): never {
  return fail(ruleError("value", "notANumber", { arg, value: String(cell) }));
}

/** The common cell of a large range: a number Excel can hold as it is. */
export function isPlainNumber(cell: Cell): cell is number {
  return typeof cell === "number" && Number.isFinite(cell);
}

/** A number from a cell: numbers, accepted text forms; blank gives `blank`. */
export function numberCell(cell: Cell, arg: string, blank: number): number;
export function numberCell(cell: Cell, arg: string, blank: undefined): number | undefined;
export function numberCell(cell: Cell, arg: string, blank: number | undefined): number | undefined {
  // Small enough for the JIT to inline: almost every cell of a large range is a plain number.
  return isPlainNumber(cell) ? cell : convertNumberCell(cell, arg, blank);
}


function convertNumberCell(cell: Cell, arg: string, blank: number | undefined): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : notANumber(arg, cell);
  if (isBlank(cell)) return blank;
  if (isErrorCell(cell)) return fail(cell);
  if (typeof cell === "string") return parseBusinessNumber(cell) ?? notANumber(arg, cell);
  return notANumber(arg, cell);
}

/** Trimmed text of a cell; blank gives undefined. */
export function textCell(cell: Cell): string | undefined {
  if (isBlank(cell)) return undefined;
  if (isErrorCell(cell)) return fail(cell);
  return String(cell).trim();
}

/** An Excel date serial, or a date typed as text. Blank gives undefined. */
export function dateSerialCell(cell: Cell, arg: string): number | undefined {
  if (isBlank(cell)) return undefined;
  if (isErrorCell(cell)) return fail(cell);
  if (typeof cell === "number" && isSupportedSerial(cell)) return Math.floor(cell);
  const parsed = typeof cell === "string" ? parseTextDate(cell) : undefined;
  if (parsed) return dateToSerial(parsed);
  return fail(ruleError("value", "notADate", { arg, value: String(cell) }));
}

export function dateCell(cell: Cell, arg: string): Date | undefined {
  const serial = dateSerialCell(cell, arg);
  return serial === undefined ? undefined : serialToDate(serial);
}

/** A choice among fixed words (case-insensitive, with Chinese aliases); omitted gives the default. */
export function choiceCell<T extends string>(cell: Cell, arg: string, aliases: Readonly<Record<string, T>>, fallback: T): T {
  const text = textCell(cell);
  if (text === undefined) return fallback;
  const choice = aliases[text.toLowerCase()];
  if (choice === undefined) {
    const choices = [...new Set(Object.values(aliases))].join(", ");
    fail(ruleError("value", "unknownChoice", { arg, value: text, choices }));
  }
  return choice;
}
