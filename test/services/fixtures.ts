import type { TableKind, TableRow, WorkbookTables } from "../../src/workbook";
import { d } from "../workbook/fixtures";
import type { Fixture, FixtureSheet, FixtureTable, FixtureValue, MakeHarness } from "../workbook/harness";

export { d };

type Rows = (readonly FixtureValue[])[];

export const table = (name: string, at: string, rows: Rows): FixtureTable => ({ name, at, rows });

/** Tiers: from 100,000 at 1%, from 500,000 at 2%, from 1,000,000 at 3%. */
export const POLICY_ROWS: Rows = [
  ["Threshold", "Rate"],
  [100000, 0.01],
  [500000, 0.02],
  [1000000, 0.03],
];

/**
 * 华东商贸: 600,000 + 50,000 bought, 30,000 returned (Type) in 2025 → net 620,000.
 * Beta Ltd: 80,000 bought, −5,000 (no Type, negative) → net 75,000, under every tier.
 * Gamma Co bought only in 2024, and 2024 has an unreadable amount that must not matter for 2025.
 */
export const PURCHASE_ROWS: Rows = [
  ["Dealer", "Date", "Amount", "Type"],
  ["华东商贸", d("2025-01-10"), 600000, "purchase"],
  ["Beta Ltd", d("2025-02-01"), 80000, null],
  ["华东商贸", d("2025-03-15"), 50000, "进货"],
  ["华东商贸", d("2025-04-01"), 30000, "退货"],
  ["Beta Ltd", d("2025-05-01"), -5000, null],
  ["Gamma Co", d("2024-06-01"), 900000, "purchase"],
  ["Gamma Co", d("2024-07-01"), "lots", "purchase"],
];

export function rebateBook(options: { purchases?: Rows; policy?: Rows; extraSheets?: FixtureSheet[]; modeName?: string; modeLabel?: string } = {}): Fixture {
  const policySheet: FixtureSheet = {
    name: "Policy",
    tables: [table("RebatePolicy", "A1", options.policy ?? POLICY_ROWS)],
    cells: [
      ...(options.modeName !== undefined ? [{ at: "E1", rows: [[options.modeName]] }] : []),
      ...(options.modeLabel !== undefined ? [{ at: "D3", rows: [["Mode", options.modeLabel]] }] : []),
    ],
  };
  return {
    sheets: [{ name: "Purchases", tables: [table("Purchases", "A1", options.purchases ?? PURCHASE_ROWS)] }, policySheet, ...(options.extraSheets ?? [])],
    names: options.modeName !== undefined ? [{ name: "RebateMode", sheet: "Policy", at: "E1" }] : [],
  };
}

/** The table's rows as the services would read them; none when it does not exist. */
export async function rowsOf(tables: WorkbookTables, kind: TableKind): Promise<readonly TableRow[]> {
  const ref = await tables.findTable(kind);
  return ref ? (await tables.readTable(ref)).rows : [];
}

export const REBATE_HEADERS = ["Dealer", "Year", "Gross", "Returns", "Net", "Tier", "Rate", "Rebate", "Status", "Note"];

/**
 * Runs `act` once cleanly to count its write steps, then once per step and fault variant with
 * a failure injected there: each time the workbook must be wholly as after the clean run (when
 * `act` reports it wrote) or wholly as before. Returns the clean run's result for more checks.
 */
export async function eachWriteFailure<T, S>(
  make: MakeHarness,
  fixture: Fixture,
  act: (tables: WorkbookTables) => Promise<T>,
  snapshot: (tables: WorkbookTables) => Promise<S>,
  wrote: (outcome: T) => boolean = () => true,
): Promise<{ before: S; after: S; steps: number }> {
  const clean = await make(fixture);
  const before = await snapshot(clean.tables);
  const start = clean.stepsTaken();
  await act(clean.tables);
  const steps = clean.stepsTaken() - start;
  const after = await snapshot(await clean.reopen());
  for (let step = 0; step < steps; step++) {
    for (const variant of clean.faultVariants) {
      const harness = await make(fixture);
      harness.failAt(step, variant);
      const outcome = await act(harness.tables).then((o) => (wrote(o) ? "written" : "not written"), () => "failed");
      expect({ step, variant, state: await snapshot(await harness.reopen()) }).toEqual({ step, variant, state: outcome === "written" ? after : before });
    }
  }
  return { before, after, steps };
}
