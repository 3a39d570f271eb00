import { Body1, Button, makeStyles, tokens } from "@fluentui/react-components";
import { formatPercent } from "../../../i18n";
import type { RebateOpportunitiesOptions, RebateOpportunity, RebateOpportunityList } from "../../../services";
import { DataTable, type Column } from "../../components/DataTable";
import { money, NoticeBar, usePane, type Pane } from "../../pane";
import type { OpportunityList } from "./use-opportunity-list";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
  heading: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  table: { alignSelf: "stretch" },
  // A company name on two lines or so, not one character a line beside the amounts.
  dealer: { display: "inline-block", minWidth: "8em" },
});

function columns(pane: Pane, styles: ReturnType<typeof useStyles>): Column<RebateOpportunity>[] {
  const { t, lang } = pane;
  return [
    { id: "dealer", header: t("rebates.dealer"), kind: "text", sortKey: (o) => o.dealer, cell: (o) => <span className={styles.dealer}>{o.dealer}</span> },
    { id: "net", header: t("rebates.net"), kind: "number", sortKey: (o) => o.net, cell: (o) => money(o.net, lang) },
    { id: "nextTier", header: t("opportunities.nextTier"), kind: "number", sortKey: (o) => o.nextThreshold, cell: (o) => money(o.nextThreshold, lang) },
    { id: "needed", header: t("opportunities.needed"), kind: "number", sortKey: (o) => o.needed, cell: (o) => money(o.needed, lang) },
    { id: "extra", header: t("opportunities.extraRebate"), kind: "number", sortKey: (o) => o.extra, cell: (o) => money(o.extra, lang) },
    { id: "costShare", header: t("opportunities.costShare"), kind: "number", sortKey: (o) => o.costShare, cell: (o) => formatPercent(o.costShare, lang) },
  ];
}

/** The dealers of the year near the next rebate tier, with what pushing them over costs: a sortable table, written to its own sheet when asked. */
export function RebateOpportunities({ flow }: { readonly flow: OpportunityList<RebateOpportunitiesOptions, RebateOpportunityList> }) {
  const styles = useStyles();
  const pane = usePane();
  const { t, lang } = pane;
  const { shown } = flow;
  if (!shown) return flow.notice ? <NoticeBar notice={flow.notice} /> : null;
  const { list } = shown;
  const heading = t("opportunities.dealersHeading", { year: list.year });
  const params = { count: list.opportunities.length, dealers: list.dealers, within: formatPercent(list.within, lang), year: list.year, mode: t(`rebates.mode_${list.mode}`) };
  return (
    <section className={styles.section} aria-labelledby="opportunities-dealers">
      <Body1 as="h2" id="opportunities-dealers" className={styles.heading}>
        {heading}
      </Body1>
      <Body1>{t(list.opportunities.length > 0 ? "opportunities.dealersSummary" : "opportunities.dealersNone", params)}</Body1>
      {list.opportunities.length > 0 && (
        <>
          <Body1>{t("opportunities.costShareNote")}</Body1>
          <div className={styles.table}>
            <DataTable rows={list.opportunities} columns={columns(pane, styles)} rowKey={(o) => o.dealer} label={t("opportunities.dealersTable", { year: list.year })} testId="opportunities-dealers" />
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
