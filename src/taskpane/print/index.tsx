/**
 * Print views (issue 10 point 4): a rep's bonus statement and the rebate list, each term in
 * Chinese and English, for A4. A view prints through a PrintButton (or a PrintArea and
 * window.print()): kept hidden at the end of <body>, it is the only thing a printout shows.
 */
import { uiText, type Language } from "../../i18n";
import { PrintButton } from "./PrintArea";
import { RebateListPrint, type RebateListPrintProps } from "./RebateListPrint";

export { PrintArea, PrintButton } from "./PrintArea";
export { StatementPrint, type StatementPrintProps } from "./StatementPrint";
export { RebateListPrint, type RebateListPrintProps, type RebatePrintRow } from "./RebateListPrint";
export { PRINT_TERMS, Bilingual, yuan, rankNames } from "./terms";

/**
 * "Print rebate list" for the Rebates page: `rows` as shown there (a RebateSummary's
 * `rebates`, or the rows read from the Rebates table), for the year; disabled without rows.
 */
export function RebateListPrintButton(props: RebateListPrintProps & { readonly label?: string }) {
  const { label, ...view } = props;
  const lang: Language = view.lang;
  return (
    <PrintButton label={label ?? uiText(lang, "print.rebates")} lang={lang} disabled={view.rows.length === 0}>
      <RebateListPrint {...view} />
    </PrintButton>
  );
}
