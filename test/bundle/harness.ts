/**
 * Loads the shipped dist/functions.js the way Excel's custom-functions runtime does: a classic
 * script in a bare JavaScript context whose only host globals are CustomFunctions, Office and
 * OfficeRuntime. No window, document or self: a bundle that needs them fails to load here.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";

/** dist/, or the folder MKT_DIST names (a build made apart, e.g. `webpack --output-path`, while others use dist/). */
export const DIST = process.env.MKT_DIST ?? join(__dirname, "..", "..", "dist");

export { ErrorCode, ExcelError } from "../support/excel-error";
import { ErrorCode, ExcelError } from "../support/excel-error";

export function distPath(file: string): string {
  const path = join(DIST, file);
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run npm run build first`);
  return path;
}

export function readDistJson<T>(file: string): T {
  return JSON.parse(readFileSync(distPath(file), "utf8")) as T;
}

interface Metadata {
  functions: { id: string; parameters: unknown[] }[];
}

type CustomFunction = (...args: unknown[]) => unknown;

export interface FunctionsBundle {
  /** Every id the bundle passed to CustomFunctions.associate, in order. */
  readonly associatedIds: readonly string[];
  /**
   * Calls a function as Excel does: arguments are created inside the bundle's realm, omitted
   * trailing arguments arrive as null, and a returned promise is awaited. A thrown error rejects.
   */
  call(id: string, ...args: unknown[]): Promise<unknown>;
}

export function loadFunctionsBundle(displayLanguage = "en-US"): FunctionsBundle {
  const code = readFileSync(distPath("functions.js"), "utf8");
  const metadata = readDistJson<Metadata>("functions.json");
  const associated = new Map<string, CustomFunction>();
  const associatedIds: string[] = [];
  const host = {
    CustomFunctions: {
      associate(id: string, fn: CustomFunction) {
        if (associated.has(id)) throw new Error(`${id} associated twice`);
        associated.set(id, fn);
        associatedIds.push(id);
      },
      Error: ExcelError,
      ErrorCode,
    },
    Office: {
      onReady: () => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }),
      context: { displayLanguage },
    },
    OfficeRuntime: {},
    console,
  };
  const context = vm.createContext(host, { name: "Excel custom functions runtime" });
  new vm.Script(code, { filename: "dist/functions.js" }).runInContext(context);

  const arrayInRealm = vm.runInContext("(items) => Array.from(items)", context) as (items: unknown[]) => unknown[];
  const intoRealm = (value: unknown): unknown => (Array.isArray(value) ? arrayInRealm(value.map(intoRealm)) : value);
  const outOfRealm = (value: unknown): unknown => (Array.isArray(value) ? Array.from(value, outOfRealm) : value);

  return {
    associatedIds,
    async call(id, ...args) {
      const fn = associated.get(id);
      if (!fn) throw new Error(`${id} was not associated by dist/functions.js`);
      const arity = metadata.functions.find((f) => f.id === id)?.parameters.length ?? args.length;
      const padded = [...args, ...new Array<null>(Math.max(0, arity - args.length)).fill(null)];
      return outOfRealm(await fn(...padded.map(intoRealm)));
    },
  };
}
