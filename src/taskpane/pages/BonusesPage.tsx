import { Button, Field, Input, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens, Body1 } from "@fluentui/react-components";
import { useState } from "react";
import { defaultMonth, isRuleError, monthLabel, parseMonth, type BonusStatementRow, type Policy } from "../../rules";
import { bonusStatements, salesDates } from "../../services";
import { explainBonus } from "../bonus-explain";
import { day, describe, errorNotice, money, NoticeBar, outcomeNotice, problemsNotice, usePane, type Notice } from "../pane";
import { useWorkbookDates } from "../period-defaults";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  table: { fontSize: tokens.fontSizeBase200 },
  number: { textAlign: "end", whiteSpace: "nowrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export function BonusesPage() {
  const styles = useStyles();
  const pane = usePane();
  const { session, tableOptions, t, lang } = pane;
  // The latest month with sales once Sales is read (src/rules/periods.ts), unless the user typed one first.
  const [month, setMonth] = useState("");
  useWorkbookDates(salesDates, (dates, today) => {
    const latest = defaultMonth(dates, today);
    setMonth((typed) => typed || monthLabel(latest.year, latest.month));
  });
  const [rows, setRows] = useState<readonly BonusStatementRow[]>([]);
  // The policy the month was computed on (SPEC §4.3): the explanations use it and name its version.
  const [policy, setPolicy] = useState<{ readonly policy: Policy; readonly from: Date | undefined } | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  const compute = async () => {
    const chosen = parseMonth(month, t("common.month"), new Date());
    if (isRuleError(chosen)) {
      setNotice({ intent: "error", text: describe(chosen, lang) });
      return;
    }
    setBusy(true);
    try {
      const outcome = await session.run((tables) => bonusStatements(tables, { ...tableOptions, ...chosen }));
      if (outcome.kind === "problems") {
        setNotice(problemsNotice(outcome.problems, pane));
        setRows([]);
      } else {
        const s = outcome.summary;
        setRows(s.rows);
        setPolicy({ policy: s.policy, from: s.policyFrom });
        const summary = t("bonuses.summary", { count: s.statements, month: monthLabel(chosen.year, chosen.month), total: money(s.total, lang) });
        setNotice(outcomeNotice(outcome, summary, pane));
      }
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  const chosen = rows.find((r) => r.rep === selected);
  return (
    <section className={styles.page} aria-label={t("tab.bonuses")}>
      <div className={styles.row}>
        <Field label={t("common.month")} hint="YYYY-MM">
          <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} />
        </Field>
        <Button appearance="primary" disabled={busy} onClick={() => void compute()}>
          {t("bonuses.compute")}
        </Button>
      </div>
      <NoticeBar notice={notice} />
      {rows.length > 0 && <Body1>{t("bonuses.pick")}</Body1>}
      {chosen && (
        <section aria-live="polite" data-testid="bonus-explanation">
          {/* Under the pane's h1 (the page itself has no heading): h2, not h3 (axe: heading-order). */}
          <Body1 as="h2">{chosen.rep}</Body1>
          <ul className={styles.list}>
            {explainBonus(chosen, lang, policy?.policy.bonus).map((line) => (
              <li key={line.component}>{line.text}</li>
            ))}
            <li>{policy?.from ? t("bonuses.policyVersion", { from: day(policy.from) }) : t("bonuses.policySeed")}</li>
          </ul>
        </section>
      )}
      {rows.length > 0 && (
        <Table size="extra-small" className={styles.table} aria-label={t("tab.bonuses")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("bonuses.rep")}</TableHeaderCell>
              <TableHeaderCell>{t("bonuses.rankColumn")}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{t("bonuses.total")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.rep} aria-selected={r.rep === selected}>
                <TableCell>
                  <Button size="small" appearance={r.rep === selected ? "primary" : "transparent"} onClick={() => setSelected(r.rep)}>
                    {r.rep}
                  </Button>
                </TableCell>
                <TableCell>{r.rank}</TableCell>
                <TableCell className={styles.number}>{money(r.total, lang)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
