import { formatMoney, type Language } from "../../i18n";
import { RANK_NAMES } from "../../rules";
import { STATEMENT_TERMS, type Term } from "../../services";
import { columnSpec, type TableKind } from "../../workbook";

/** A term whose Chinese is a table's header (schema.ts), so that printout and workbook agree. */
const headerTerm = (kind: TableKind, id: string, en: string): Term => ({ en, zh: columnSpec(kind, id)?.zh ?? en });

/** The printouts' own terms; a bonus statement's lines are STATEMENT_TERMS (src/services/statement-sheet.ts). */
export const PRINT_TERMS = {
  ...STATEMENT_TERMS,
  statementTitle: { en: "Bonus statement", zh: "奖金明细" },
  rebateTitle: { en: "Rebate list", zh: "返利清单" },
  item: headerTerm("Statement", "Item", "Item"),
  amount: headerTerm("Statement", "Amount", "Amount"),
  year: headerTerm("Rebates", "Year", "Year"),
  dealer: headerTerm("Rebates", "Dealer", "Dealer"),
  net: headerTerm("Rebates", "Net", "Net purchases"),
  tier: headerTerm("Rebates", "Tier", "Tier"),
  rate: headerTerm("Rebates", "Rate", "Rate"),
  rebate: headerTerm("Rebates", "Rebate", "Rebate"),
  status: headerTerm("Rebates", "Status", "Status"),
  mode: headerTerm("RebatePolicy", "Mode", "Rebate mode"),
  unversioned: { en: "RebatePolicy table, without versions", zh: "返利政策表（未分版本）" },
  printed: { en: "Printed", zh: "打印日期" },
} as const satisfies Record<string, Term>;

/** The pane's language first, the other beside it: "基本奖金 Base bonus", "Base bonus 基本奖金". */
export function Bilingual({ term, lang }: { readonly term: Term; readonly lang: Language }) {
  const order: Language[] = lang === "zh" ? ["zh", "en"] : ["en", "zh"];
  if (term.en === term.zh) return <span>{term.en}</span>;
  const [first, second] = order;
  return (
    <>
      <span lang={first === "zh" ? "zh-CN" : "en"}>{term[first]}</span> <span lang={second === "zh" ? "zh-CN" : "en"}>{term[second]}</span>
    </>
  );
}

/** An amount as printed: "¥1,234.56", "-¥50.00" (money to 0.01, grouped as the pane shows it). */
export function yuan(amount: number): string {
  const text = formatMoney(Math.abs(amount), "zh");
  return amount < 0 ? `-¥${text}` : `¥${text}`;
}

/**
 * A rank's names, the pane's language first, without repeating the code ("DS" is its own
 * Chinese name): "Sales manager · 销售经理", "销售经理 · Sales manager".
 */
export function rankNames(code: string, lang: Language, separator = " · "): string {
  const names = RANK_NAMES[code];
  if (!names) return "";
  const order: Language[] = lang === "zh" ? ["zh", "en"] : ["en", "zh"];
  return [...new Set(order.map((language) => names[language]))].filter((name) => name !== code).join(separator);
}
