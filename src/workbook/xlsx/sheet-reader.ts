import { SaxesParser } from "saxes";
import { columnNumber } from "../address";
import type { RawCell } from "./cell-xml";

/** Receives each row's cells within the asked columns; returns false when it needs no more rows. */
export type RowSink = (row: number, cells: RawCell[]) => boolean | void;

/** Feeds text chunks to a consumer that returns false to stop. */
export type TextSource = (onText: (chunk: string) => boolean | void) => Promise<void>;

export interface ColumnRange {
  readonly left: number;
  readonly right: number;
}

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?\d+$/;

const local = (name: string): string => {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
};

/**
 * Streams a worksheet part row by row (a 1,048,576-row sheet is never held whole). Rows and
 * cells without an `r` attribute follow the previous one, as the format allows.
 */
export async function streamRows(source: TextSource, columns: ColumnRange, sink: RowSink): Promise<void> {
  const parser = new SaxesParser({ position: false });
  let row = 0;
  let column = 0;
  let cells: RawCell[] = [];
  let cell: RawCell | undefined;
  let capture: "v" | "t" | undefined;
  let inInline = false;
  let phonetic = false;
  let stopped = false;

  parser.on("opentag", (tag) => {
    switch (local(tag.name)) {
      case "row": {
        const r = tag.attributes.r as string | undefined;
        row = r ? Number(r) : row + 1;
        column = 0;
        cells = [];
        break;
      }
      case "c": {
        const r = tag.attributes.r as string | undefined;
        const match = r ? CELL_REF.exec(r) : null;
        column = match ? columnNumber(match[1]) : column + 1;
        const inRange = column >= columns.left && column <= columns.right;
        const s = tag.attributes.s as string | undefined;
        cell = inRange ? { column, type: tag.attributes.t as string | undefined, style: s ? Number(s) : 0, value: undefined, inline: undefined } : undefined;
        break;
      }
      case "v":
        if (cell) capture = "v";
        break;
      case "is":
        inInline = true;
        break;
      case "rPh":
        phonetic = true;
        break;
      case "t":
        if (cell && inInline && !phonetic) {
          capture = "t";
          cell.inline ??= "";
        }
        break;
    }
  });
  parser.on("text", (text) => {
    if (capture === "v" && cell) cell.value = (cell.value ?? "") + text;
    else if (capture === "t" && cell) cell.inline += text;
  });
  parser.on("cdata", (text) => {
    if (capture === "v" && cell) cell.value = (cell.value ?? "") + text;
    else if (capture === "t" && cell) cell.inline += text;
  });
  parser.on("closetag", (tag) => {
    switch (local(tag.name)) {
      case "v":
      case "t":
        capture = undefined;
        break;
      case "rPh":
        phonetic = false;
        break;
      case "is":
        inInline = false;
        break;
      case "c":
        if (cell) cells.push(cell);
        cell = undefined;
        break;
      case "row":
        if (!stopped && sink(row, cells) === false) stopped = true;
        break;
    }
  });

  await source((chunk) => {
    if (stopped) return false;
    parser.write(chunk);
    return !stopped;
  });
  if (!stopped) parser.close();
}
