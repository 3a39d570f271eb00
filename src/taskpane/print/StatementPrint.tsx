import { mergeClasses } from "@fluentui/react-components";
import type { Language } from "../../i18n";
import { dayLabel, monthLabel, type BonusStatementRow } from "../../rules";
import { STATEMENT_COMPONENTS, type Term } from "../../services";
import { Bilingual, PRINT_TERMS as T, rankNames, yuan } from "./terms";
import { usePrintStyles } from "./PrintArea";
import { MetaTable } from "./MetaTable";

export interface StatementPrintProps {
  readonly row: BonusStatementRow;
  /** The From of the Policy version the month was computed on; undefined: the built-in policy. */
  readonly policyFrom: Date | undefined;
  /** Which language each term shows first. */
  readonly lang: Language;
  /** The day printed on it; today by default. */
  readonly printed?: Date;
}

/**
 * One rep's bonus statement for A4 (issue 10 point 4): each of the company's terms in Chinese
 * and English side by side, amounts in yuan (¥), the month, the policy version and the day
 * printed. One page: about twenty lines.
 */
export function StatementPrint({ row, policyFrom, lang, printed = new Date() }: StatementPrintProps) {
  const styles = usePrintStyles();
  const cell = (extra?: string) => mergeClasses(styles.cell, extra);
  const meta: [Term, string][] = [
    [T.rep, row.rep],
    [T.month, monthLabel(row.month.getFullYear(), row.month.getMonth() + 1)],
    [T.rank, [row.rank, rankNames(row.rank, lang, " ")].filter((part) => part !== "").join(" ")],
    [T.sponsoredCount, String(row.sponsoredCount)],
  ];
  const lines: [Term, number, boolean][] = [
    [T.monthSales, row.monthSales, false],
    [T.salesBy20th, row.salesBy20th, false],
    [T.sponsoredSales, row.sponsoredSales, false],
    ...STATEMENT_COMPONENTS.map((component): [Term, number, boolean] => [T[component], row[component], false]),
    [T.total, row.total, true],
  ];
  return (
    <article className={styles.sheet} data-testid="statement-print">
      <h1 className={styles.title}>
        <Bilingual term={T.statementTitle} lang={lang} />
      </h1>
      <MetaTable rows={meta} lang={lang} />
      <table className={styles.table}>
        <thead className={styles.head}>
          <tr>
            <th scope="col" className={cell(styles.headCell)}>
              <Bilingual term={T.item} lang={lang} />
            </th>
            <th scope="col" className={cell(mergeClasses(styles.headCell, styles.number))}>
              <Bilingual term={T.amount} lang={lang} />
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map(([term, amount, total]) => (
            <tr key={term.en} className={mergeClasses(styles.row, total && styles.total)}>
              <th scope="row" className={cell(total ? undefined : styles.rowHead)}>
                <Bilingual term={term} lang={lang} />
              </th>
              <td className={cell(styles.number)}>{yuan(amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className={mergeClasses(styles.meta, styles.footer)}>
        <tbody>
          <tr>
            <th scope="row" className={styles.metaLabel}>
              <Bilingual term={T.payDate} lang={lang} />
            </th>
            <td className={styles.metaValue}>{dayLabel(row.payDate)}</td>
          </tr>
          <tr>
            <th scope="row" className={styles.metaLabel}>
              <Bilingual term={T.policy} lang={lang} />
            </th>
            <td className={styles.metaValue}>{policyFrom ? dayLabel(policyFrom) : <Bilingual term={T.seedPolicy} lang={lang} />}</td>
          </tr>
          <tr>
            <th scope="row" className={styles.metaLabel}>
              <Bilingual term={T.printed} lang={lang} />
            </th>
            <td className={styles.metaValue}>{dayLabel(printed)}</td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
