import { Body1, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { formatPercent } from "../../../i18n";
import { dayLabel, daysLeft, monthLabel, rankIndex } from "../../../rules";
import type { BonusOpportunitiesOptions, BonusOpportunity, BonusOpportunityList } from "../../../services";
import { DataTable, type Column } from "../../components/DataTable";
import { money, NoticeBar, usePane, type Pane } from "../../pane";
import { RankCode } from "../bonuses/RankCode";
import { monthDeadlines, nextSortKey, rankNeeds, type MonthStanding } from "./opportunity-view";
import type { OpportunityList } from "./use-opportunity-list";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
  heading: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  // What the opportunity is ("Base rate 20%"), then its threshold or what a rank needs besides sales.
  next: { display: "flex", flexDirection: "column", minWidth: "9em" },
  detail: { color: tokens.colorNeutralForeground3 },
  table: { alignSelf: "stretch" },
});

/** What the reps' list was computed for, and where the month stood then. */
export type BonusOptions = BonusOpportunitiesOptions & { readonly standing: MonthStanding };

/** The Next cell's two lines: what the opportunity is, then its threshold, or what a rank needs besides the rep's sales. */
function nextLines(o: BonusOpportunity, list: BonusOpportunityList, pane: Pane): { readonly title: ReactNode; readonly detail?: string } {
  const { t, lang } = pane;
  const threshold = money(o.threshold, lang);
  switch (o.kind) {
    case "morning":
      return { title: t("opportunities.kind_morning"), detail: t("opportunities.detail_morning", { threshold, deadline: dayLabel(monthDeadlines(list, list.policy.bonus.morningStarDay).morning) }) };
    case "opening":
      return { title: t("opportunities.kind_opening"), detail: t("opportunities.detail_opening", { threshold }) };
    case "step":
      return { title: t("opportunities.kind_step", { rate: formatPercent(o.nextRate ?? 0, lang) }), detail: t("opportunities.detail_step", { threshold }) };
    case "rank": {
      const needs = rankNeeds(o);
      const parts = needs
        ? [
            ...(needs.sponsoredCount > 0 ? [t("opportunities.needsCount", { count: needs.sponsoredCount })] : []),
            ...(needs.sponsoredSales > 0 ? [t("opportunities.needsSales", { sales: money(needs.sponsoredSales, lang) })] : []),
          ]
        : [];
      const title = (
        <>
          {t("opportunities.kind_rank")} <RankCode code={o.target} />
        </>
      );
      return { title, detail: parts.length > 0 ? parts.join(t("opportunities.needsSeparator")) : undefined };
    }
  }
}

function NextCell({ o, list, pane }: { readonly o: BonusOpportunity; readonly list: BonusOpportunityList; readonly pane: Pane }) {
  const styles = useStyles();
  const { title, detail } = nextLines(o, list, pane);
  return (
    <span className={styles.next}>
      <span>{title}</span>
      {detail && <Caption1 className={styles.detail}>{detail}</Caption1>}
    </span>
  );
}

function columns(list: BonusOpportunityList, standing: MonthStanding, pane: Pane): Column<BonusOpportunity>[] {
  const { t, lang } = pane;
  const ladder = list.policy.ranks;
  return [
    // A name on one line: the Next column's details wrap instead.
    { id: "rep", header: t("bonuses.rep"), kind: "status", sortKey: (o) => o.rep },
    { id: "rank", header: t("bonuses.rankColumn"), kind: "status", sortKey: (o) => rankIndex(o.rank, ladder), cell: (o) => <RankCode code={o.rank} /> },
    { id: "next", header: t("opportunities.next"), kind: "text", sortKey: (o) => nextSortKey(o, ladder), cell: (o) => <NextCell o={o} list={list} pane={pane} /> },
    { id: "shortfall", header: t("opportunities.shortfall"), kind: "number", sortKey: (o) => o.shortfall, cell: (o) => money(o.shortfall, lang) },
    { id: "extra", header: t("opportunities.extraBonus"), kind: "number", sortKey: (o) => o.extraBonus, cell: (o) => money(o.extraBonus, lang) },
    // Days are counted only while the month is on.
    ...(standing.kind === "current"
      ? [{ id: "days", header: t("opportunities.daysLeft"), kind: "number" as const, sortKey: (o: BonusOpportunity) => o.daysLeft, cell: (o: BonusOpportunity) => (o.daysLeft === undefined ? "—" : String(o.daysLeft)) }]
      : []),
  ];
}

/** Where the month stands: days left to its deadlines, or that none are counted (a month over, or not begun). */
function standingText(list: BonusOpportunityList, standing: MonthStanding, pane: Pane): string {
  const { t } = pane;
  const month = monthLabel(list.year, list.month);
  if (standing.kind === "past") return t("opportunities.monthOver", { month });
  if (standing.kind === "future") return t("opportunities.monthAhead", { month });
  const deadlines = monthDeadlines(list, list.policy.bonus.morningStarDay);
  const days = daysLeft(standing.today, list, list.policy.bonus);
  const params = { today: dayLabel(standing.today), morning: days.morning, monthEnd: days.monthEnd, deadline: dayLabel(deadlines.morning), end: dayLabel(deadlines.monthEnd) };
  return t(days.morning === undefined ? "opportunities.asOfAfterMorning" : "opportunities.asOf", params);
}

/** The reps of the month near the next award, base rate or rank: a sortable table, written to its own sheet when asked. */
export function BonusOpportunities({ flow }: { readonly flow: OpportunityList<BonusOptions, BonusOpportunityList> }) {
  const styles = useStyles();
  const pane = usePane();
  const { t, lang } = pane;
  const { shown } = flow;
  if (!shown) return flow.notice ? <NoticeBar notice={flow.notice} /> : null;
  const { list, options } = shown;
  const month = monthLabel(list.year, list.month);
  const within = formatPercent(list.within, lang);
  const heading = t("opportunities.repsHeading", { month });
  return (
    <section className={styles.section} aria-labelledby="opportunities-reps">
      <Body1 as="h2" id="opportunities-reps" className={styles.heading}>
        {heading}
      </Body1>
      <Body1>{t(list.opportunities.length > 0 ? "opportunities.repsSummary" : "opportunities.repsNone", { count: list.opportunities.length, reps: list.reps, within, month })}</Body1>
      <Body1 data-testid="opportunities-standing">{standingText(list, options.standing, pane)}</Body1>
      {list.opportunities.length > 0 && (
        <>
          <div className={styles.table}>
            <DataTable rows={list.opportunities} columns={columns(list, options.standing, pane)} rowKey={(o) => `${o.rep}\u0000${o.kind}`} label={t("opportunities.repsTable", { month })} testId="opportunities-reps" />
          </div>
          <Button disabled={flow.busy} onClick={() => void flow.writeSheet()}>
            {t("opportunities.writeSheet")}
          </Button>
        </>
      )}
      <NoticeBar notice={flow.notice} />
    </section>
  );
}
