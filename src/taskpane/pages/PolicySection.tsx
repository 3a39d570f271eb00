import { Body1, Caption1, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { dayLabel, POLICY_RULES } from "../../rules";
import { policyOverview, type PolicyOverview } from "../../services";
import { day, errorNotice, NoticeBar, problemLine, statusName, usePane, type Notice } from "../pane";
import { policyEntryText, policyRuleName } from "../policy-text";

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** "2026-10-01" from the date field, as a local calendar day; undefined while it is incomplete. */
function dayOf(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

/** The policy in force on a date, rule by rule with the version each comes from, and every version with its status (SPEC §4). */
export function PolicySection() {
  const styles = useStyles();
  const pane = usePane();
  const { session, tableOptions, t, lang } = pane;
  const [date, setDate] = useState(() => dayLabel(new Date()));
  const [overview, setOverview] = useState<PolicyOverview | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  // Read only once someone opens the section: Settings itself needs no workbook.
  const [open, setOpen] = useState(false);
  const asOf = dayOf(date);

  useEffect(() => {
    if (!asOf || !open) return;
    let live = true;
    session.run((tables) => policyOverview(tables, asOf, tableOptions)).then(
      (read) => live && (setOverview(read), setNotice(undefined)),
      (error: unknown) => live && setNotice(errorNotice(error, pane)),
    );
    return () => {
      live = false;
    };
    // pane changes with the language, which needs no reload; asOf is derived from date.
  }, [session, tableOptions, date, open]);

  const versionLabel = (from: Date | undefined) => (from ? day(from) : t("policy.seed"));
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t("policy.title")}</summary>
      <div className={styles.section}>
        <Field label={t("policy.asOf")}>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <NoticeBar notice={notice} />
        {overview && overview.problems.length > 0 && <NoticeBar notice={{ intent: "error", text: t("policy.problems"), lines: overview.problems.map((p) => problemLine(p, pane)) }} />}
        {overview && (
          <ul className={styles.list} data-testid="policy-rules">
            {POLICY_RULES.map((rule) => (
              <li key={rule}>
                <strong>{policyRuleName(rule, undefined, lang)}</strong>: {overview.rules[rule].map((row) => `${policyEntryText(rule, row, lang)} (${versionLabel(row.from)})`).join(lang === "zh" ? "；" : "; ")}
              </li>
            ))}
          </ul>
        )}
        <Body1 as="h3">{t("policy.versions")}</Body1>
        {overview && overview.versions.length === 0 && <Caption1>{t("policy.noVersions")}</Caption1>}
        <ul className={styles.list} data-testid="policy-versions">
          {overview?.versions.map((v) => (
            <li key={v.id}>{t("policy.version", { id: v.id, status: v.status ? statusName(v.status, lang) : t("policy.mixed") })}</li>
          ))}
        </ul>
      </div>
    </details>
  );
}
