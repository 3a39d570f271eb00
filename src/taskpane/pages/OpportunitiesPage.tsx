import { Body1, Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { defaultMonth, defaultYear, isRuleError, monthLabel, parseMonth, parseYear } from "../../rules";
import { bonusOpportunities, purchaseDates, rebateOpportunities, salesDates, type BonusOpportunityList } from "../../services";
import { describe, NoticeBar, usePane, type Notice } from "../pane";
import { useWorkbookDates } from "../period-defaults";
import { BonusOpportunities, type BonusOptions } from "./opportunities/BonusOpportunities";
import { DEFAULT_WITHIN_PERCENT, monthStanding, parseWithinPercent, sameBonusList, sameRebateList } from "./opportunities/opportunity-view";
import { RebateOpportunities } from "./opportunities/RebateOpportunities";
import { useOpportunityList } from "./opportunities/use-opportunity-list";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
});

/**
 * Opportunities (issue 11 point 2): the reps of a month within a distance of the next award,
 * base rate or rank, and the dealers of a year within it of the next rebate tier, from the
 * workbook's tables. Computing writes nothing; each list goes to a sheet of its own only when
 * the user asks (writeOpportunitySheet).
 */
export function OpportunitiesPage() {
  const styles = useStyles();
  const { tableOptions, t, lang } = usePane();
  // The latest month with sales and the latest year with purchases (src/rules/periods.ts), unless the user typed first.
  const [month, setMonth] = useState("");
  const [year, setYear] = useState("");
  const [within, setWithin] = useState(DEFAULT_WITHIN_PERCENT);
  const [notice, setNotice] = useState<Notice | undefined>();
  useWorkbookDates(salesDates, (dates, today) => {
    const latest = defaultMonth(dates, today);
    setMonth((typed) => typed || monthLabel(latest.year, latest.month));
  });
  useWorkbookDates(purchaseDates, (dates, today) => setYear((typed) => typed || String(defaultYear(dates, today))));
  const reps = useOpportunityList<BonusOptions, BonusOpportunityList>(bonusOpportunities, sameBonusList);
  const dealers = useOpportunityList(rebateOpportunities, sameRebateList);
  const busy = reps.busy || dealers.busy;

  const find = async () => {
    const now = new Date();
    const chosenMonth = parseMonth(month, t("common.month"), now);
    const chosenYear = parseYear(year, t("common.year"), now);
    const share = parseWithinPercent(within);
    if (isRuleError(chosenMonth) || isRuleError(chosenYear) || share === undefined) {
      const wrong = isRuleError(chosenMonth) ? chosenMonth : isRuleError(chosenYear) ? chosenYear : undefined;
      setNotice({ intent: "error", text: wrong ? describe(wrong, lang) : t("opportunities.badWithin", { value: within }) });
      reps.clear();
      dealers.clear();
      return;
    }
    setNotice(undefined);
    // Days left only while the month is on: a month over is looked back on, without deadlines.
    const standing = monthStanding(chosenMonth, now);
    const today = standing.kind === "current" ? standing.today : undefined;
    await reps.compute({ ...tableOptions, ...chosenMonth, within: share, today, standing });
    await dealers.compute({ ...tableOptions, year: chosenYear, within: share });
  };

  return (
    <section className={styles.page} aria-label={t("tab.opportunities")}>
      <Body1>{t("opportunities.intro")}</Body1>
      <div className={styles.row}>
        <Field label={t("common.month")} hint="YYYY-MM">
          <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} />
        </Field>
        <Field label={t("common.year")}>
          <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} style={{ width: "7em" }} />
        </Field>
        <Field label={t("opportunities.within")}>
          <Input type="number" min={0} max={100} step="any" value={within} onChange={(_, d) => setWithin(d.value)} contentAfter="%" style={{ width: "7em" }} />
        </Field>
      </div>
      <Body1>{t("opportunities.withinHint")}</Body1>
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void find()}>
          {t("opportunities.find")}
        </Button>
      </div>
      <NoticeBar notice={notice} />
      <BonusOpportunities flow={reps} />
      <RebateOpportunities flow={dealers} />
    </section>
  );
}
