import ExcelJS from "exceljs";
import {
  BUDGET_CATEGORIES,
  REBATE_MODE_NAME,
  buildLargePurchasesWorkbook,
  buildSampleWorkbook,
  generateSampleData,
  summarizeSampleData,
} from "../../scripts/make-sample-workbook";
import { RANK_CODES } from "../../src/rules/ranks";

type CellValue = ExcelJS.CellValue;

/** ExcelJS's loaded table model (its typings describe only the properties used to create one). */
interface LoadedTableModel {
  name: string;
  tableRef: string;
  columns: { name: string }[];
}

interface TableData {
  sheet: string;
  headers: string[];
  rows: CellValue[][];
}

function decodeRange(ref: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad range ${ref}`);
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1]), top: Number(m[2]), right: col(m[3]), bottom: Number(m[4]) };
}

function findTable(wb: ExcelJS.Workbook, name: string): TableData {
  for (const ws of wb.worksheets) {
    const tables = (ws as unknown as { tables: Record<string, { table: LoadedTableModel }> }).tables;
    const found = tables[name];
    if (!found) continue;
    const { top, left, bottom, right } = decodeRange(found.table.tableRef);
    const headers: string[] = [];
    for (let c = left; c <= right; c++) headers.push(String(ws.getCell(top, c).value));
    expect(headers).toEqual(found.table.columns.map((col) => col.name));
    const rows: CellValue[][] = [];
    for (let r = top + 1; r <= bottom; r++) {
      const row: CellValue[] = [];
      for (let c = left; c <= right; c++) row.push(ws.getCell(r, c).value);
      // Excel keeps one blank row in an empty table: it is not data.
      if (row.some((v) => v !== null && v !== undefined && v !== "")) rows.push(row);
    }
    return { sheet: ws.name, headers, rows };
  }
  throw new Error(`table ${name} not found`);
}

function column(table: TableData, header: string): CellValue[] {
  const i = table.headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${table.headers.join(",")}`);
  return table.rows.map((row) => row[i]);
}

function asDate(v: CellValue): Date {
  if (!(v instanceof Date)) throw new Error(`not a date: ${String(v)}`);
  return v;
}

/** Every cell of every sheet, as comparable text (values, formats and the defined names). */
function dump(wb: ExcelJS.Workbook): string {
  const out: string[] = [JSON.stringify(wb.definedNames.model)];
  for (const ws of wb.worksheets) {
    out.push(`# ${ws.name}`);
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => out.push(`${cell.address}\t${JSON.stringify(cell.value)}\t${cell.numFmt ?? ""}`)),
    );
  }
  return out.join("\n");
}

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer as ArrayBuffer);
  return back;
}

describe("sample workbook", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await roundTrip(await buildSampleWorkbook());
  });

  it("has every SPEC §2 table with its headers, one per sheet, after a README sheet", () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["README", "Reps", "销售", "Purchases", "返利政策", "Budget", "Plans", "申请", "制度参数", "AuditLog", "AuditHead"]);
    const expected: Record<string, [string, string[]]> = {
      Reps: ["Reps", ["Rep", "Sponsor", "Rank"]],
      Sales: ["销售", ["业务员", "日期", "金额"]],
      Purchases: ["Purchases", ["Dealer", "Date", "Amount", "Type"]],
      RebatePolicy: ["返利政策", ["门槛", "返利率", "生效日期"]],
      Policy: ["制度参数", ["Rule", "Rank", "Threshold", "Value", "From", "Status", "Owner", "Note"]],
      Budget: ["Budget", ["Category", "Month", "Budget", "Actual"]],
      Plans: ["Plans", ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Start", "Purpose", "Audience", "Channels", "Category", "Budget", "Status"]],
      Requests: ["申请", ["ID", "Type", "Title", "Region", "Owner", "Submitted", "Dealer", "Product", "Quantity", "Category", "Amount", "Payment", "Reason", "Link", "Status"]],
      AuditLog: ["AuditLog", ["Seq", "Time", "PlanID", "Action", "From", "To", "Actor", "Role", "Comment", "Hash"]],
      AuditHead: ["AuditHead", ["Count", "LastHash"]],
    };
    for (const [name, [sheet, headers]] of Object.entries(expected)) {
      const table = findTable(wb, name);
      expect({ name, sheet: table.sheet, headers: table.headers }).toEqual({ name, sheet, headers });
    }
    // One entry, the Baseline (SPEC §5.4), and no Workflows table: the default chains apply.
    expect(column(findTable(wb, "AuditLog"), "Action")).toEqual(["Baseline"]);
    expect(column(findTable(wb, "AuditHead"), "Count")).toEqual([1]);
    expect(() => findTable(wb, "Workflows")).toThrow("not found");
  });

  it("has about 30 reps in a sponsor tree without cycles or unknown sponsors", () => {
    const reps = findTable(wb, "Reps");
    const names = column(reps, "Rep").map(String);
    expect(names.length).toBeGreaterThanOrEqual(25);
    expect(names.length).toBeLessThanOrEqual(35);
    expect(new Set(names).size).toBe(names.length);
    const sponsorOf = new Map<string, string | null>();
    reps.rows.forEach((_, i) => {
      const sponsor = column(reps, "Sponsor")[i];
      sponsorOf.set(names[i], sponsor === null || sponsor === undefined || sponsor === "" ? null : String(sponsor));
    });
    const roots = [...sponsorOf.values()].filter((s) => s === null).length;
    expect(roots).toBeGreaterThanOrEqual(2);
    let maxDepth = 0;
    for (const rep of names) {
      const seen = new Set<string>([rep]);
      let depth = 1;
      for (let s = sponsorOf.get(rep); s; s = sponsorOf.get(s)) {
        expect(sponsorOf.has(s)).toBe(true);
        expect(seen.has(s)).toBe(false);
        seen.add(s);
        depth++;
      }
      maxDepth = Math.max(maxDepth, depth);
    }
    expect(maxDepth).toBeGreaterThanOrEqual(3);
    expect(maxDepth).toBeLessThanOrEqual(4);
    for (const rank of column(reps, "Rank")) if (rank !== null && rank !== undefined) expect(RANK_CODES).toContain(rank);
  });

  it("has 12 months of 2025 sales by known reps, with sales on the 20th and the 21st", () => {
    const sales = findTable(wb, "Sales");
    const reps = new Set(column(findTable(wb, "Reps"), "Rep").map(String));
    const dates = column(sales, "日期").map(asDate);
    expect(new Set(dates.map((d) => `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}`)).size).toBe(12);
    for (const d of dates) {
      expect(d.getUTCFullYear()).toBe(2025);
      expect(d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds()).toBe(0);
    }
    expect(dates.some((d) => d.getUTCDate() === 20)).toBe(true);
    expect(dates.some((d) => d.getUTCDate() === 21)).toBe(true);
    for (const rep of column(sales, "业务员")) expect(reps.has(String(rep))).toBe(true);
    const totals = new Map<string, number>();
    sales.rows.forEach((row) => {
      const amount = row[2];
      expect(typeof amount).toBe("number");
      expect(amount as number).toBeGreaterThan(0);
      const key = `${String(row[0])}|${asDate(row[1]).getUTCMonth()}`;
      totals.set(key, (totals.get(key) ?? 0) + (amount as number));
    });
    expect(Math.min(...totals.values())).toBeGreaterThanOrEqual(4_000);
    expect(Math.max(...totals.values())).toBeLessThanOrEqual(65_000);
  });

  it("makes the higher ranks reachable (SPEC §1.1)", () => {
    const summary = summarizeSampleData(generateSampleData());
    for (const code of ["PC", "DS", "SR", "SE", "SSE", "SM"]) expect(summary.ranksQualified[code]).toBeGreaterThan(0);
    expect((summary.ranksQualified.SSM ?? 0) + (summary.ranksQualified.SD ?? 0)).toBeGreaterThan(0);
  });

  it("has 40 dealers, each with purchases in 2024 and 2025, some returns, net amounts across the tiers", () => {
    const purchases = findTable(wb, "Purchases");
    const years = new Map<string, Set<number>>();
    const net = new Map<string, number>();
    const types = new Set<string>();
    for (const [dealer, date, amount, type] of purchases.rows) {
      const year = asDate(date).getUTCFullYear();
      if (!years.has(String(dealer))) years.set(String(dealer), new Set());
      years.get(String(dealer))?.add(year);
      types.add(String(type));
      expect(typeof amount).toBe("number");
      const key = `${year}|${String(dealer)}`;
      const sign = type === "return" || type === "退货" ? -1 : 1;
      net.set(key, (net.get(key) ?? 0) + sign * (amount as number));
    }
    expect(years.size).toBe(40);
    for (const ys of years.values()) expect([...ys].sort()).toEqual([2024, 2025]);
    expect([...types].sort()).toEqual(["purchase", "return", "进货", "退货"].sort());
    for (const year of [2024, 2025]) {
      const amounts = [...net].filter(([k]) => k.startsWith(`${year}|`)).map(([, v]) => v);
      expect(amounts.filter((a) => a < 100_000).length).toBeGreaterThan(0);
      expect(amounts.filter((a) => a >= 100_000 && a < 500_000).length).toBeGreaterThanOrEqual(10);
      expect(amounts.filter((a) => a >= 500_000 && a < 1_000_000).length).toBeGreaterThan(0);
      expect(amounts.filter((a) => a >= 1_000_000).length).toBeGreaterThan(0);
    }
  });

  it("has the rebate tiers as one version (blank From), and the RebateMode name resolves to 全额 beside a 模式 label", () => {
    expect(findTable(wb, "RebatePolicy").headers).toEqual(["门槛", "返利率", "生效日期"]);
    expect(findTable(wb, "RebatePolicy").rows).toEqual([
      [0, 0, null],
      [100_000, 0.01, null],
      [500_000, 0.02, null],
      [1_000_000, 0.03, null],
    ]);
    const ranges = wb.definedNames.getRanges(REBATE_MODE_NAME).ranges;
    expect(ranges).toHaveLength(1);
    const m = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0]);
    expect(m).not.toBeNull();
    const [, sheet, col, row] = m as RegExpExecArray;
    const ws = wb.getWorksheet(sheet);
    expect(ws?.getCell(`${col}${row}`).value).toBe("全额");
    expect(ws?.getCell(`${col}${row}`).address).toBe("E2");
    expect(ws?.getCell("D2").value).toBe("模式");
    expect(ws?.getCell("B3").numFmt).toContain("%");
  });

  it("has six categories × 12 months of budget, some over, some under, the last months not all booked", () => {
    const budget = findTable(wb, "Budget");
    expect(budget.rows).toHaveLength(72);
    expect(new Set(column(budget, "Category"))).toEqual(new Set(BUDGET_CATEGORIES.map((c) => c.zh)));
    const months = column(budget, "Month").map(asDate);
    expect(new Set(months.map((d) => d.getTime())).size).toBe(12);
    for (const d of months) expect(d.getUTCDate()).toBe(1);
    let over = 0;
    let under = 0;
    let blank = 0;
    for (const [, month, b, a] of budget.rows) {
      if (a === null || a === undefined) {
        blank++;
        expect(asDate(month).getUTCMonth()).toBeGreaterThanOrEqual(10);
        continue;
      }
      if ((a as number) > (b as number) * 1.05) over++;
      if ((a as number) < (b as number) * 0.95) under++;
    }
    expect(over).toBeGreaterThan(0);
    expect(under).toBeGreaterThan(0);
    expect(blank).toBeGreaterThan(0);
  });

  it("has a dozen plans in various states, with lead-time and required-field problems to find", () => {
    const plans = findTable(wb, "Plans");
    expect(plans.rows.length).toBeGreaterThanOrEqual(10);
    expect(plans.rows.length).toBeLessThanOrEqual(15);
    const ids = column(plans, "ID");
    expect(new Set(ids).size).toBe(ids.length);
    const statuses = column(plans, "Status").map(String);
    for (const s of statuses) expect(["Draft", "Reviewed", "Compiled", "DirectorApproved", "Approved", "Returned", "Rejected"]).toContain(s);
    expect(statuses.filter((s) => s === "Draft").length).toBeGreaterThanOrEqual(3);
    for (const s of ["Reviewed", "Approved", "Rejected"]) expect(statuses).toContain(s);
    const types = new Set(column(plans, "Type").map(String));
    for (const t of ["Marketing plan", "Promotion plan", "Marketing activity", "Expense budget"]) expect(types).toContain(t);
    const categories = new Set<string>(BUDGET_CATEGORIES.map((c) => c.zh));
    for (const c of column(plans, "Category")) expect(categories.has(String(c))).toBe(true);
    const blank = (v: CellValue) => v === null || v === undefined || v === "";
    expect(plans.rows.some((_, i) => blank(column(plans, "Purpose")[i]) || blank(column(plans, "Audience")[i]))).toBe(true);
    // An activity submitted less than a month before it starts.
    const late = plans.rows.filter((_, i) => {
      const submitted = asDate(column(plans, "Submitted")[i]);
      const start = asDate(column(plans, "Start")[i]);
      const deadline = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, start.getUTCDate()));
      return /activity|营销活动/.test(String(column(plans, "Type")[i])) && submitted > deadline;
    });
    expect(late.length).toBeGreaterThan(0);
  });

  it("is deterministic: two builds give identical cells, formats and names", async () => {
    const first = dump(await buildSampleWorkbook());
    const second = dump(await buildSampleWorkbook());
    expect(second).toBe(first);
    expect(dump(wb)).toBe(dump(await roundTrip(await buildSampleWorkbook())));
  });

  it("builds a large Purchases workbook for benchmarks", async () => {
    const big = await roundTrip(await buildLargePurchasesWorkbook({ purchases: 3_000, dealers: 250, seed: 7 }));
    expect(big.worksheets.map((ws) => ws.name)).toEqual(["Purchases", "返利政策"]);
    const purchases = findTable(big, "Purchases");
    expect(purchases.rows).toHaveLength(3_000);
    expect(new Set(column(purchases, "Dealer")).size).toBe(250);
    expect(findTable(big, "RebatePolicy").rows).toHaveLength(4);
    expect(big.definedNames.getRanges(REBATE_MODE_NAME).ranges).toHaveLength(1);
  });
});
