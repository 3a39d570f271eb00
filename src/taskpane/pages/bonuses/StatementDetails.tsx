import { Body1, Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { monthLabel, type BonusStatementRow, type Policy } from "../../../rules";
import { writeStatementSheet } from "../../../services";
import { explainBonus } from "../../bonus-explain";
import { day, errorNotice, NoticeBar, problemsNotice, usePane, type Notice } from "../../pane";
import { PrintButton, StatementPrint } from "../../print";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  heading: { display: "block", margin: `0 0 ${tokens.spacingVerticalXS} 0`, fontWeight: tokens.fontWeightSemibold },
});

export interface StatementDetailsProps {
  readonly row: BonusStatementRow;
  readonly year: number;
  readonly month: number;
  /** The policy the month was computed on (SPEC §4.3), and the From of its version. */
  readonly policy: Policy;
  readonly policyFrom: Date | undefined;
}

/**
 * One rep's statement: how each part follows from the policy (bonus-explain.ts), then
 * "Print statement" (StatementPrint, both languages, A4) and "Write statement to its own
 * sheet" (writeStatementSheet; in the preview, into the preview's workbook).
 */
export function StatementDetails({ row, year, month, policy, policyFrom }: StatementDetailsProps) {
  const styles = useStyles();
  const pane = usePane();
  const { t, lang, session, tableOptions } = pane;
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  const writeSheet = async () => {
    setBusy(true);
    setNotice(undefined);
    try {
      const outcome = await session.run((tables) => writeStatementSheet(tables, { ...tableOptions, year, month, rep: row.rep }));
      if (outcome.kind === "problems") setNotice(problemsNotice(outcome.problems, pane));
      else setNotice({ intent: "success", text: t("bonuses.sheetWritten", { rep: row.rep, month: monthLabel(year, month), sheet: outcome.summary.sheet }) });
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-live="polite" aria-labelledby="bonus-explanation-title" data-testid="bonus-explanation">
      {/* Under the pane's h1 (the page itself has no heading): h2, not h3 (axe: heading-order). */}
      <Body1 as="h2" id="bonus-explanation-title" className={styles.heading}>
        {t("bonuses.statement", { rep: row.rep })}
      </Body1>
      <ul className={styles.list}>
        {explainBonus(row, lang, policy.bonus).map((line) => (
          <li key={line.component}>{line.text}</li>
        ))}
        <li>{policyFrom ? t("bonuses.policyVersion", { from: day(policyFrom) }) : t("bonuses.policySeed")}</li>
      </ul>
      <div className={styles.actions}>
        <PrintButton label={t("print.statement")} lang={lang}>
          <StatementPrint row={row} policyFrom={policyFrom} lang={lang} />
        </PrintButton>
        <Button disabled={busy} onClick={() => void writeSheet()}>
          {t("bonuses.writeSheet")}
        </Button>
      </div>
      <NoticeBar notice={notice} />
    </section>
  );
}
