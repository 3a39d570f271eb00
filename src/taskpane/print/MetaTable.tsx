import type { Term } from "../../services";
import { usePrintStyles } from "./PrintArea";
import { Bilingual } from "./terms";

/** The heading facts of a print view (year, policy version, printed on…): each label in both languages, a value as text or as a term. */
export function MetaTable({ rows, lang }: { readonly rows: readonly (readonly [Term, Term | string])[]; readonly lang: "zh" | "en" }) {
  const styles = usePrintStyles();
  return (
    <table className={styles.meta}>
      <tbody>
        {rows.map(([term, value]) => (
          <tr key={term.en}>
            <th scope="row" className={styles.metaLabel}>
              <Bilingual term={term} lang={lang} />
            </th>
            <td className={styles.metaValue}>{typeof value === "string" ? value : <Bilingual term={value} lang={lang} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
