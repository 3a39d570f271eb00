import { Body1, Button, Caption1, Field, makeStyles, Textarea, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Actor, WorkflowAction } from "../../../rules";
import { isVersionRecord, itemHistory, itemId, standingOf, type ItemCheck, type ItemHistoryRow, type WorkItem } from "../../../services";
import { columnLabel, day, problemLine, roleName, statusName, type Pane } from "../../pane";
import { policyChangeSides, policyRuleName } from "../../policy-text";
import { checkText, fieldText, historyText } from "./item-text";
import { signatureText } from "../../trust";
import { shownFields } from "./item-view";

const useStyles = makeStyles({
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  fields: { display: "grid", gridTemplateColumns: "minmax(5em, max-content) minmax(0, 1fr)", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  locked: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface ActRequest {
  readonly item: WorkItem;
  readonly action: WorkflowAction;
  readonly comment: string;
}

export interface ItemDetailsProps {
  readonly item: WorkItem;
  readonly pane: Pane;
  /** Undefined until the user has given their name and role. */
  readonly actor: Actor | undefined;
  readonly busy: boolean;
  /** Resolves true when the step was taken (the comment is then cleared). */
  readonly onAct: (request: ActRequest) => Promise<boolean>;
  /** Log rows ("sheet!row") whose signature does not hold, from the page's last check of the log. */
  readonly brokenSignatures?: ReadonlySet<string>;
}

function FieldList({ fields }: { readonly fields: readonly { readonly label: string; readonly text: string }[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.fields} data-testid="fields">
      {fields.map(({ label, text }) => (
        <div key={label} className={styles.pair}>
          <dt className={styles.term}>{label}</dt>
          <dd className={styles.value}>{text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A row's cells under their headers; a policy version's From, owners, rows and status, then what it changes. */
function Fields({ item, pane }: { readonly item: WorkItem; readonly pane: Pane }) {
  const styles = useStyles();
  const { t, lang } = pane;
  const record = item.record;
  if (!record || !isVersionRecord(record)) {
    return <FieldList fields={shownFields(item).map(({ column, value }) => ({ label: columnLabel(item.source, column, lang), text: fieldText(item, column, value, pane) }))} />;
  }
  const label = (column: string) => columnLabel(item.source, column, lang);
  const fields = [
    { label: label("From"), text: record.from ? day(record.from) : t("approvals.fromBlank") },
    { label: label("Owner"), text: record.owner || t("common.none") },
    { label: label("Status"), text: statusName(record.status, lang) },
    { label: t("approvals.rows"), text: `${item.row.sheet}!${item.rows.map((r) => r.row).join(", ")}` },
  ];
  return (
    <>
      <FieldList fields={fields} />
      {record.table === "Policy" && (
        <>
          <Body1 as="h4">{t("approvals.changes")}</Body1>
          {record.changes.length === 0 && <Caption1>{t("approvals.noChanges")}</Caption1>}
          <ul className={styles.list} data-testid="changes">
            {record.changes.map((change) => (
              <li key={`${change.rule}|${change.rank ?? ""}`}>{t("approvals.change", { rule: policyRuleName(change.rule, change.rank, lang), ...policyChangeSides(change, lang, t("approvals.changeNone")) })}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function CheckList({ checks, item, pane }: { readonly checks: readonly ItemCheck[]; readonly item: WorkItem; readonly pane: Pane }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} data-testid="checks">
      {checks.map((check) => (
        <li key={check.check} className={check.ok ? styles.ok : styles.bad}>
          {(check.ok ? "✓ " : "✗ ") + checkText(check, item, pane)}
          {check.check === "policy" && check.problems.length > 0 && (
            <ul className={styles.list}>
              {check.problems.map((p, i) => (
                <li key={i}>{problemLine(p, pane)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Who acts next, or why nobody (or not this user) can. */
function NextStep({ item, pane, actor }: { readonly item: WorkItem; readonly pane: Pane; readonly actor: Actor | undefined }) {
  const styles = useStyles();
  const { t, lang } = pane;
  const { mismatch, next, record } = item;
  if (mismatch) {
    const params = { sheet: mismatch.sheet, row: mismatch.row, status: statusName(mismatch.status, lang), logged: statusName(mismatch.logged ?? "Draft", lang) };
    return (
      <Body1 className={styles.locked} role="note" data-testid="locked">
        {t(mismatch.logged === undefined ? "approvals.lockedUnlogged" : "approvals.locked", params)}
      </Body1>
    );
  }
  if (!next || !record) return <Body1>{t("approvals.final")}</Body1>;
  const standing = actor ? standingOf(item, actor) : "otherRole";
  return (
    <>
      <Body1>{t("approvals.next", { role: roleName(next.role, lang), status: statusName(next.to, lang) })}</Body1>
      {actor && standing === "otherRole" && <Caption1>{t("approvals.notYours", { role: roleName(next.role, lang), yours: roleName(actor.role, lang) })}</Caption1>}
      {standing === "ownItem" && <Caption1>{t("approvals.ownItem", { role: roleName(next.role, lang) })}</Caption1>}
    </>
  );
}

/** The item's log entries, each with who signed it (the key's short ID), "unsigned", or a signature that does not hold. */
function History({ item, pane, brokenSignatures }: { readonly item: WorkItem; readonly pane: Pane; readonly brokenSignatures: ReadonlySet<string> }) {
  const styles = useStyles();
  const { session, tableOptions, t } = pane;
  const [history, setHistory] = useState<readonly ItemHistoryRow[] | undefined>();
  const id = itemId(item);
  useEffect(() => {
    let live = true;
    session.run((tables) => itemHistory(tables, id, tableOptions)).then(
      (rows) => live && setHistory(rows),
      () => live && setHistory([]),
    );
    return () => {
      live = false;
    };
  }, [session, tableOptions, id, item]);
  return (
    <>
      <Body1 as="h4">{t("approvals.history")}</Body1>
      {history && history.length === 0 && <Caption1>{t("approvals.noHistory")}</Caption1>}
      <ul className={styles.list} data-testid="history">
        {history?.map((row) => (
          <li key={row.entry.seq}>
            {historyText(row, pane)}
            {` · ${signatureText(row.entry, brokenSignatures.has(`${row.sheet}!${row.row}`), pane)}`}
            {row.entry.comment && row.baselineStatus === undefined ? ` — ${row.entry.comment}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The buttons, for the one person who may take the next step; Approve leads only when every check passed. */
function Actions({ item, pane, busy, onAct }: Omit<ItemDetailsProps, "actor">) {
  const styles = useStyles();
  const { t } = pane;
  const [comment, setComment] = useState("");
  const allPassed = item.checks.every((check) => check.ok);
  const act = (action: WorkflowAction) => void onAct({ item, action, comment }).then((done) => done && setComment(""));
  return (
    <>
      <Field label={t("approvals.comment")}>
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" />
      </Field>
      <div className={styles.row}>
        <Button appearance={allPassed ? "primary" : "secondary"} disabled={busy} onClick={() => act("approve")}>
          {t(allPassed ? "approvals.approve" : "approvals.approveDespite")}
        </Button>
        <Button disabled={busy} onClick={() => act("return")}>
          {t("approvals.return")}
        </Button>
        <Button disabled={busy} onClick={() => act("reject")}>
          {t("approvals.reject")}
        </Button>
      </div>
    </>
  );
}

const NONE_BROKEN: ReadonlySet<string> = new Set();

/** The whole item before the buttons: its cells, who acts next, its checks; then the actions and its history. */
export function ItemDetails({ item, pane, actor, busy, onAct, brokenSignatures = NONE_BROKEN }: ItemDetailsProps) {
  const styles = useStyles();
  const { t } = pane;
  if (!item.record) {
    return (
      <div className={styles.details}>
        <Body1>{t("approvals.unreadable")}</Body1>
        <ul className={styles.list}>
          {item.problems.map((p, i) => (
            <li key={i}>{problemLine(p, pane)}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className={styles.details}>
      <Body1 as="h4">{t("approvals.details")}</Body1>
      <Fields item={item} pane={pane} />
      <NextStep item={item} pane={pane} actor={actor} />
      <Body1 as="h4">{t("approvals.checks")}</Body1>
      {item.checks.length > 0 ? <CheckList checks={item.checks} item={item} pane={pane} /> : <Caption1>{t("approvals.noChecks")}</Caption1>}
      {actor && standingOf(item, actor) === "acts" && <Actions item={item} pane={pane} busy={busy} onAct={onAct} />}
      <History item={item} pane={pane} brokenSignatures={brokenSignatures} />
    </div>
  );
}
