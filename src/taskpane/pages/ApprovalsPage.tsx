import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Field,
  makeStyles,
  Spinner,
  Switch,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { PlanAction, PlanCheck } from "../../rules";
import { actOnPlanRow, listPlans, planHistory, verifyAuditLog, waitingFor, type AuditLogRow, type PlanItem, type PlanList } from "../../services";
import { day, describe, errorNotice, money, NoticeBar, problemLine, roleName, statusName, usePane, type Notice, type Pane } from "../pane";
import { isIdentified } from "../settings";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  details: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  header: { display: "flex", flexDirection: "column", alignItems: "flex-start", textAlign: "start" },
});

function checkText(check: PlanCheck, pane: Pane): string {
  switch (check.check) {
    case "requiredFields":
      return check.ok ? pane.t("approvals.requiredOk") : pane.t("approvals.requiredMissing", { fields: check.missing.map((f) => pane.t(`field.${f}`)).join(pane.lang === "zh" ? "、" : ", ") });
    case "leadTime":
      return pane.t(check.ok ? "approvals.leadTimeOk" : "approvals.leadTimeLate", { deadline: day(check.deadline) });
    case "budget":
      if (check.remaining === undefined) return pane.t("approvals.budgetUnknown");
      return pane.t(check.ok ? "approvals.budgetOk" : "approvals.budgetOver", { budget: money(check.budget, pane.lang), remaining: money(check.remaining, pane.lang) });
  }
}

function PlanDetails({ item, pane, onAct, busy }: { item: PlanItem; pane: Pane; onAct: (item: PlanItem, action: PlanAction, comment: string) => Promise<boolean>; busy: boolean }) {
  const styles = useStyles();
  const [comment, setComment] = useState("");
  const [history, setHistory] = useState<readonly AuditLogRow[] | undefined>();
  const plan = item.plan;
  const { session, tableOptions, t, lang } = pane;

  useEffect(() => {
    if (!plan) return;
    let live = true;
    session.run((tables) => planHistory(tables, plan.id, tableOptions)).then((rows) => live && setHistory(rows), () => live && setHistory([]));
    return () => {
      live = false;
    };
  }, [session, tableOptions, plan, item]);

  if (!plan) {
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
  const act = (action: PlanAction) => void onAct(item, action, comment).then((done) => done && setComment(""));
  return (
    <div className={styles.details}>
      <Caption1>{t("approvals.owner", { owner: plan.owner, date: day(plan.submitted) })}</Caption1>
      <Caption1>{t("approvals.start", { date: day(plan.start) })}</Caption1>
      <Caption1>{t("approvals.budget", { amount: money(plan.budget, lang), category: plan.category })}</Caption1>
      <Body1>{item.next ? t("approvals.next", { role: roleName(item.next.role, lang), status: statusName(item.next.to, lang) }) : t("approvals.final")}</Body1>
      <Body1 as="h3">{t("approvals.checks")}</Body1>
      <ul className={styles.list} data-testid="checks">
        {item.checks.map((check) => (
          <li key={check.check} className={check.ok ? styles.ok : styles.bad}>
            {(check.ok ? "✓ " : "✗ ") + checkText(check, pane)}
          </li>
        ))}
      </ul>
      {item.next && (
        <>
          <Field label={t("approvals.comment")}>
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" disabled={busy} onClick={() => act("approve")}>
              {t("approvals.approve")}
            </Button>
            <Button disabled={busy} onClick={() => act("return")}>
              {t("approvals.return")}
            </Button>
            <Button disabled={busy} onClick={() => act("reject")}>
              {t("approvals.reject")}
            </Button>
          </div>
        </>
      )}
      <Body1 as="h3">{t("approvals.history")}</Body1>
      {history && history.length === 0 && <Caption1>{t("approvals.noHistory")}</Caption1>}
      <ul className={styles.list} data-testid="history">
        {history?.map((r) => (
          <li key={r.entry.seq}>
            {t("approvals.historyLine", {
              seq: r.entry.seq,
              time: r.entry.time.replace("T", " ").slice(0, 16),
              actor: r.entry.actor,
              role: roleName(r.entry.role, lang),
              action: t(`action.${r.entry.action}`),
              from: statusName(r.entry.from, lang),
              to: statusName(r.entry.to, lang),
            })}
            {r.entry.comment ? ` — ${r.entry.comment}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ApprovalsPage() {
  const styles = useStyles();
  const pane = usePane();
  const { session, settings, tableOptions, t, lang } = pane;
  const [list, setList] = useState<PlanList | undefined>();
  const [showAll, setShowAll] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      setList(await session.run((tables) => listPlans(tables, tableOptions)));
    } catch (error) {
      setNotice(errorNotice(error, pane));
    }
    // pane also changes with the language, which needs no reload.
  }, [session, tableOptions]);

  useEffect(() => {
    void load();
  }, [load]);

  const onAct = async (item: PlanItem, action: PlanAction, comment: string): Promise<boolean> => {
    if (!list || !item.plan || !settings.role) return false;
    setBusy(true);
    try {
      const actor = { name: settings.name, role: settings.role };
      const outcome = await session.run((tables) => actOnPlanRow(tables, list.ref, { item, action, actor, comment }, tableOptions));
      const id = item.plan.id;
      if (outcome.kind === "done") setNotice({ intent: "success", text: t("approvals.done", { id, status: statusName(outcome.status, lang), seq: outcome.entry.seq }) });
      else if (outcome.kind === "refused") setNotice({ intent: "error", text: describe(outcome.error, lang) });
      else setNotice({ intent: "warning", text: t("approvals.conflict", { id }) });
      await load();
      return outcome.kind === "done";
    } catch (error) {
      setNotice(errorNotice(error, pane));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    try {
      const result = await session.run((tables) => verifyAuditLog(tables, tableOptions));
      setNotice(
        result.break
          ? { intent: "error", text: t("approvals.logBroken", { kind: t(`breakKind.${result.break.kind}`), sheet: result.break.sheet, row: result.break.row }) }
          : { intent: "success", text: t("approvals.logOk", { count: result.count }) },
      );
    } catch (error) {
      setNotice(errorNotice(error, pane));
    }
  };

  const identified = isIdentified(settings);
  const mine = list && identified ? waitingFor(list.items, settings.role, settings.name) : [];
  const items = showAll || !identified ? (list?.items ?? []) : mine;

  return (
    <section className={styles.page} aria-label={t("tab.approvals")}>
      {!identified && <NoticeBar notice={{ intent: "warning", text: t("app.needIdentity") }} />}
      <NoticeBar notice={notice} />
      <div className={styles.row}>
        {identified && <Switch checked={showAll} onChange={(_, d) => setShowAll(d.checked)} label={t("approvals.allPlans", { count: list?.items.length ?? 0 })} />}
        <Button onClick={() => void verify()}>{t("approvals.verify")}</Button>
        <Button appearance="subtle" onClick={() => void load()}>
          {t("common.reload")}
        </Button>
      </div>
      {!list && <Spinner size="tiny" label={t("common.loading")} />}
      {list && identified && !showAll && <Body1 as="h2">{mine.length > 0 ? t("approvals.waiting", { count: mine.length }) : t("approvals.nothingWaiting", { role: roleName(settings.role, lang) })}</Body1>}
      <Accordion collapsible openItems={open ? [open] : []} onToggle={(_, d) => setOpen(d.openItems.length ? String(d.openItems[d.openItems.length - 1]) : undefined)}>
        {items.map((item) => {
          const key = `${item.row.sheet}!${item.row.row}`;
          const plan = item.plan;
          return (
            <AccordionItem key={key} value={key}>
              <AccordionHeader>
                <span className={styles.header}>
                  <span>{plan ? `${plan.id} · ${plan.title}` : key}</span>
                  <Caption1>{plan ? `${t(`planType.${plan.type}`)} · ${statusName(plan.status, lang)}` : `⚠ ${describe(item.problems[0]?.error, lang)}`}</Caption1>
                </span>
              </AccordionHeader>
              <AccordionPanel>{open === key && <PlanDetails item={item} pane={pane} onAct={onAct} busy={busy || !identified} />}</AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </section>
  );
}
