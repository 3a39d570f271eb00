import type { Fixture, FixtureTable } from "./harness";

export const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export const SALES_EN: FixtureTable = {
  name: "Sales",
  at: "B3",
  rows: [
    ["Rep", "Date", "Amount"],
    ["张伟", d("2026-03-05"), 12000],
    ["李娜", d("2026-03-21"), 8000.5],
  ],
};

export const PURCHASES: FixtureTable = {
  name: "Purchases",
  at: "A1",
  rows: [
    ["Dealer", "Date", "Amount", "Type"],
    ["华东商贸", d("2025-02-01"), 100000, "purchase"],
    ["华东商贸", d("2025-03-01"), 5000, "return"],
  ],
};

/** A Rebates table the add-in owns, with two rows to replace. */
export const REBATES: FixtureTable = {
  name: "Rebates",
  at: "A1",
  rows: [
    ["Dealer", "Year", "Gross", "Returns", "Net", "Tier", "Rate", "Rebate", "Status", "Note"],
    ["华东商贸", 2025, 100000, 5000, 95000, 0, 0, 0, "Calculated", ""],
    ["华南贸易", 2025, 600000, 0, 600000, 500000, 0.02, 12000, "Reviewed", "checked"],
  ],
};

export function one(sheet: string, ...tables: FixtureTable[]): Fixture {
  return { sheets: [{ name: sheet, tables }] };
}

export function rebateRow(dealer: string, rebate: number, note: string | null = null): Record<string, string | number | null> {
  return { Dealer: dealer, Year: 2025, Gross: rebate * 50, Returns: 0, Net: rebate * 50, Tier: 0, Rate: 0.02, Rebate: rebate, Status: "Calculated", Note: note };
}

/** The Rebates fixture's rows as readTable returns them. */
export const OLD_REBATES = REBATES.rows.slice(1).map((r) => Object.fromEntries((REBATES.rows[0] as string[]).map((h, i) => [h, r[i] === "" ? null : r[i]])));
