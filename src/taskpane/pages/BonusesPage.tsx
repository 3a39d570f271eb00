import { Body1, Button, Field, Input, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { BONUS_COMPONENTS, defaultMonth, isRuleError, monthLabel, parseMonth, rankIndex, type BonusStatementRow } from "../../rules";
import { bonusStatements, salesDates, type BonusStatementsOptions, type BonusSummary } from "../../services";
import { DataTable, type Column } from "../components/DataTable";
import { useComputeThenWrite } from "../compute-then-write";
import { describe, money, NoticeBar, usePane } from "../pane";
import { useWorkbookDates } from "../period-defaults";
import { RankCode } from "./bonuses/RankCode";
import { RankHelp } from "./bonuses/RankHelp";
import { StatementDetails } from "./bonuses/StatementDetails";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  // Hovered, a transparent button turns brand-coloured, which over a hovered row in the dark theme falls short of 4.5:1.
  rep: {
    minWidth: 0, paddingLeft: 0, paddingRight: 0, justifyContent: "flex-start", textAlign: "start", fontWeight: tokens.fontWeightRegular,
    ":hover": { color: tokens.colorNeutralForeground1Hover, textDecorationLine: "underline" },
    ":hover:active": { color: tokens.colorNeutralForeground1Pressed },
  },
  chosen: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: "underline" },
});

/** Same statements: the write recomputes, and says so when the workbook changed since they were shown. */
function sameStatements(a: BonusSummary, b: BonusSummary): boolean {
  const key = (r: BonusStatementRow) => [r.rep, r.rank, r.monthSales, ...BONUS_COMPONENTS.map((c) => r[c]), r.total].join("\u0000");
  return a.policyFrom?.getTime() === b.policyFrom?.getTime() && a.rows.length === b.rows.length && a.rows.every((r, i) => key(r) === key(b.rows[i]));
}

/**
 * Bonuses (issue 10 points 3, 4 and 6): compute a month's statements, look (a table sorted by
 * any column, a rep's explanation, print or write one statement to its own sheet), then write
 * them to the Bonuses table. Rank codes are explained on hover and focus and in the help.
 */
export function BonusesPage() {
  const styles = useStyles();
  const pane = usePane();
  const { tableOptions, t, lang } = pane;
  // The latest month with sales once Sales is read (src/rules/periods.ts), unless the user typed one first.
  const [month, setMonth] = useState("");
  useWorkbookDates(salesDates, (dates, today) => {
    const latest = defaultMonth(dates, today);
    setMonth((typed) => typed || monthLabel(latest.year, latest.month));
  });
  const [selected, setSelected] = useState<string | undefined>();
  const flow = useComputeThenWrite<BonusStatementsOptions, BonusSummary>(
    bonusStatements,
    (s) => ({ text: t("bonuses.summary", { count: s.statements, month: monthLabel(s.year, s.month), total: money(s.total, lang) }) }),
    sameStatements,
  );
  const shown = flow.shown;

  const compute = () => {
    const chosen = parseMonth(month, t("common.month"), new Date());
    if (isRuleError(chosen)) {
      flow.setNotice({ intent: "error", text: describe(chosen, lang) });
      return;
    }
    void flow.compute({ ...tableOptions, ...chosen });
  };

  const columns: Column<BonusStatementRow>[] = [
    {
      id: "rep",
      header: t("bonuses.rep"),
      kind: "text",
      sortKey: (r) => r.rep,
      cell: (r) => (
        <Button size="small" appearance="transparent" className={mergeClasses(styles.rep, r.rep === selected && styles.chosen)} aria-pressed={r.rep === selected} onClick={() => setSelected(r.rep)}>
          {r.rep}
        </Button>
      ),
    },
    // By the ladder (PC lowest, TE highest), not by the codes' letters.
    { id: "rank", header: t("bonuses.rankColumn"), kind: "status", sortKey: (r) => rankIndex(r.rank, shown?.summary.policy.ranks), cell: (r) => <RankCode code={r.rank} /> },
    { id: "monthSales", header: t("bonuses.monthSales"), kind: "number", sortKey: (r) => r.monthSales, cell: (r) => money(r.monthSales, lang) },
    { id: "total", header: t("bonuses.total"), kind: "number", sortKey: (r) => r.total, cell: (r) => money(r.total, lang) },
  ];
  const rows = shown?.summary.rows ?? [];
  const chosen = rows.find((r) => r.rep === selected);
  return (
    <section className={styles.page} aria-label={t("tab.bonuses")}>
      <div className={styles.row}>
        <Field label={t("common.month")} hint="YYYY-MM">
          <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} />
        </Field>
        <Button appearance="primary" disabled={flow.busy} onClick={compute}>
          {t("bonuses.compute")}
        </Button>
        {shown && (
          <Button disabled={shown.inWorkbook || flow.busy} onClick={() => void flow.write()}>
            {t("common.write")}
          </Button>
        )}
      </div>
      <NoticeBar notice={flow.notice} />
      {chosen && shown && (
        <StatementDetails key={`${chosen.rep}\u0000${shown.summary.year}-${shown.summary.month}`} row={chosen} year={shown.summary.year} month={shown.summary.month} policy={shown.summary.policy} policyFrom={shown.summary.policyFrom} />
      )}
      {shown && rows.length > 0 && (
        <>
          <Body1>{t("bonuses.pick")}</Body1>
          <DataTable rows={rows} columns={columns} rowKey={(r) => r.rep} label={t("bonuses.tableLabel", { month: monthLabel(shown.summary.year, shown.summary.month) })} testId="bonus-table" />
        </>
      )}
      <RankHelp />
    </section>
  );
}
