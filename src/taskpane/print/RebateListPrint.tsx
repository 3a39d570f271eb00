import { mergeClasses } from "@fluentui/react-components";
import { formatPercent, uiText, type Language } from "../../i18n";
import { dayLabel, sumMoney, type RebateMode } from "../../rules";
import type { Term } from "../../services";
import { Bilingual, PRINT_TERMS as T, yuan } from "./terms";
import { usePrintStyles } from "./PrintArea";
import { MetaTable } from "./MetaTable";

/** One dealer's line; a DealerRebate (src/rules/rebate-statement.ts) is one as it is. */
export interface RebatePrintRow {
  readonly dealer: string;
  /** Net purchases of the year (returns deducted). */
  readonly net: number;
  /** The tier reached (its threshold); undefined: none. */
  readonly tier: number | undefined;
  readonly rate: number;
  readonly rebate: number;
  /** The status code as the Rebates table holds it (Calculated, Reviewed, …). */
  readonly status: string;
}

export interface RebateListPrintProps {
  readonly rows: readonly RebatePrintRow[];
  readonly year: number;
  /** Which language each term shows first. */
  readonly lang: Language;
  /** The From of the RebatePolicy version applied (RebateSummary.policyFrom); undefined: a table without versions. */
  readonly policyFrom?: Date;
  readonly mode?: RebateMode;
  /** The day printed on it; today by default. */
  readonly printed?: Date;
}

/** A status code in both languages: "已计算 Calculated". */
function statusTerm(status: string): Term {
  const name = (language: Language) => {
    const text = uiText(language, `status.${status}`);
    return text === `status.${status}` ? status : text;
  };
  return { en: name("en"), zh: name("zh") };
}

/**
 * The year's rebate list for A4 (issue 10 point 4): a row per dealer under a header row that
 * repeats on every page (forty dealers take two), each term in Chinese and English, amounts
 * in yuan (¥), totals, the policy version and the day printed.
 */
export function RebateListPrint({ rows, year, lang, policyFrom, mode, printed = new Date() }: RebateListPrintProps) {
  const styles = usePrintStyles();
  const cell = (...extra: (string | false)[]) => mergeClasses(styles.cell, ...extra);
  const columns: [Term, boolean][] = [
    [T.dealer, false],
    [T.net, true],
    [T.tier, true],
    [T.rate, true],
    [T.rebate, true],
    [T.status, false],
  ];
  const meta: [Term, Term | string][] = [
    [T.year, String(year)],
    [T.policy, policyFrom ? dayLabel(policyFrom) : T.unversioned],
    ...(mode ? [[T.mode, { en: uiText("en", `rebates.mode_${mode}`), zh: uiText("zh", `rebates.mode_${mode}`) }] as [Term, Term]] : []),
    [T.printed, dayLabel(printed)],
  ];
  return (
    <article className={styles.sheet} data-testid="rebate-list-print">
      <h1 className={styles.title}>
        <Bilingual term={T.rebateTitle} lang={lang} />
      </h1>
      <MetaTable rows={meta} lang={lang} />
      <table className={styles.table}>
        <thead className={styles.head}>
          <tr>
            {columns.map(([term, number]) => (
              <th key={term.en} scope="col" className={cell(styles.headCell, number && styles.number)}>
                <Bilingual term={term} lang={lang} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${row.dealer}\u0000${i}`} className={styles.row}>
              <td className={cell()}>{row.dealer}</td>
              <td className={cell(styles.number)}>{yuan(row.net)}</td>
              <td className={cell(styles.number)}>{row.tier === undefined ? "—" : yuan(row.tier)}</td>
              <td className={cell(styles.number)}>{formatPercent(row.rate, "en")}</td>
              <td className={cell(styles.number)}>{yuan(row.rebate)}</td>
              <td className={cell()}>
                <Bilingual term={statusTerm(row.status)} lang={lang} />
              </td>
            </tr>
          ))}
          <tr className={mergeClasses(styles.row, styles.total)}>
            <th scope="row" className={cell()}>
              <Bilingual term={T.total} lang={lang} />
            </th>
            <td className={cell(styles.number)}>{yuan(sumMoney(...rows.map((r) => r.net)))}</td>
            <td className={cell()} />
            <td className={cell()} />
            <td className={cell(styles.number)}>{yuan(sumMoney(...rows.map((r) => r.rebate)))}</td>
            <td className={cell()} />
          </tr>
        </tbody>
      </table>
    </article>
  );
}
