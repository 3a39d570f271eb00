import { Button, makeStaticStyles, makeStyles } from "@fluentui/react-components";
import { useEffect, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

/**
 * A4 with 15 mm margins; when a print view is in the document, it is all that prints. The
 * rules are static styles (Griffel inserts them as <style> rules, which the CSP's style-src
 * allows); `:has` keeps Ctrl+P on a page without a print view printing that page.
 */
const usePrintPage = makeStaticStyles(`
  @page { size: A4; margin: 15mm; }
  @media print {
    html, body { background: #fff !important; margin: 0; padding: 0; }
    body:has([data-print-view]) > :not([data-print-view]) { display: none !important; }
  }
`);

const FONTS = '"Segoe UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", Arial, sans-serif';

/** The printouts' look: black on white, sizes in points, tables whose header row repeats on each page. */
export const usePrintStyles = makeStyles({
  area: { "@media screen": { display: "none" } },
  sheet: { fontFamily: FONTS, color: "#000", backgroundColor: "#fff", fontSize: "10.5pt", lineHeight: 1.35 },
  title: { fontSize: "16pt", fontWeight: 700, margin: "0 0 4mm 0" },
  meta: { borderCollapse: "collapse", marginBottom: "5mm" },
  metaLabel: { textAlign: "start", fontWeight: 600, padding: "0.8mm 6mm 0.8mm 0", verticalAlign: "top" },
  metaValue: { padding: "0.8mm 0" },
  table: { width: "100%", borderCollapse: "collapse", fontSize: "10pt" },
  head: { display: "table-header-group" },
  row: { breakInside: "avoid" },
  cell: { border: "0.5pt solid #000", padding: "1.4mm 2mm", textAlign: "start", verticalAlign: "top" },
  headCell: { backgroundColor: "#eee", fontWeight: 600 },
  rowHead: { fontWeight: 400 },
  number: { textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  total: { fontWeight: 700 },
  footer: { marginTop: "6mm", fontSize: "9pt" },
});

/**
 * Puts `children` at the end of <body>, outside the pane: hidden on screen, and under
 * @media print the only thing shown. Nothing is rendered on the server (no document there).
 */
export function PrintArea({ children, lang }: { readonly children: ReactNode; readonly lang: "zh" | "en" }) {
  usePrintPage();
  const styles = usePrintStyles();
  const [body, setBody] = useState<HTMLElement | undefined>();
  useEffect(() => setBody(document.body), []);
  if (!body) return null;
  return createPortal(
    <div data-print-view="" data-testid="print-view" className={styles.area} lang={lang === "zh" ? "zh-CN" : "en"}>
      {children}
    </div>,
    body,
  );
}

/**
 * A button that prints `children` (a print view such as StatementPrint or RebateListPrint),
 * kept ready in a PrintArea while the button is shown: window.print() then prints it alone.
 * One print button per page, so that one view prints.
 */
export function PrintButton({ label, lang, disabled, children }: { readonly label: string; readonly lang: "zh" | "en"; readonly disabled?: boolean; readonly children: ReactNode }) {
  return (
    <>
      <Button disabled={disabled} onClick={() => window.print()}>
        {label}
      </Button>
      <PrintArea lang={lang}>{children}</PrintArea>
    </>
  );
}
