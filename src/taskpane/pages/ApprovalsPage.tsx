import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, Button, Caption1, makeStyles, Spinner, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import type { Actor, PinWarning } from "../../rules";
import { actOnWorkItem, itemId, listItems, previewAction, standingOf, type ItemCheck, type ItemList, type WorkItem } from "../../services";
import { describe, errorNotice, NoticeBar, problemLine, roleName, statusName, usePane, type Notice, type Pane } from "../pane";
import { isIdentified } from "../settings";
import { ConfirmDialog, useConfirmation, type Confirmation } from "../components/ConfirmDialog";
import { CheckList, ItemDetails, type ActRequest } from "./approvals/ItemDetails";
import { ItemFilters } from "./approvals/ItemFilters";
import { itemSummary } from "./approvals/item-text";
import { filterChoices, itemKey, itemTitle, matchesFilter, NO_FILTER, type ItemFilter } from "./approvals/item-view";
import { brokenSignatureRows, LogTrustPanel, proofLines, useTrust, type LogTrust } from "../trust";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  header: { display: "flex", flexDirection: "column", alignItems: "flex-start", textAlign: "start", minWidth: 0, overflowWrap: "anywhere" },
  heading: { margin: 0 },
  comment: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontStyle: "italic" },
});

interface ItemAccordionProps {
  readonly section: string;
  readonly items: readonly WorkItem[];
  readonly open: string | undefined;
  readonly onOpen: (key: string | undefined) => void;
  readonly details: (item: WorkItem) => ReactNode;
  readonly pane: Pane;
}

/** One list of items; the open one shows its details. Keys carry the section, since an item may be in both lists. */
function ItemAccordion({ section, items, open, onOpen, details, pane }: ItemAccordionProps) {
  const styles = useStyles();
  return (
    <Accordion collapsible openItems={open ? [open] : []} onToggle={(_, d) => onOpen(d.openItems.length ? String(d.openItems[d.openItems.length - 1]) : undefined)}>
      {items.map((item) => {
        const key = `${section}:${itemKey(item)}`;
        return (
          <AccordionItem key={key} value={key}>
            <AccordionHeader as="h3">
              <span className={styles.header}>
                <span>{item.record ? `${itemId(item)} · ${itemTitle(item)}` : itemKey(item)}</span>
                <Caption1>{item.record ? itemSummary(item, pane) : `⚠ ${describe(item.problems[0]?.error, pane.lang)}`}</Caption1>
              </span>
            </AccordionHeader>
            <AccordionPanel>{open === key && details(item)}</AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}

function approveQuestion(item: WorkItem, failed: readonly ItemCheck[], pane: Pane): Confirmation {
  const { t } = pane;
  return {
    title: t("approvals.confirmApproveTitle", { id: itemId(item), count: failed.length }),
    body: (
      <>
        <CheckList checks={failed} item={item} pane={pane} />
        <Body1>{t("approvals.confirmApproveNote")}</Body1>
      </>
    ),
    confirm: t("approvals.confirmApprove"),
    cancel: t("approvals.cancel"),
  };
}

function returnOrRejectQuestion(request: ActRequest, pane: Pane, commentClass: string): Confirmation {
  const { t } = pane;
  const action = request.action === "reject" ? "Reject" : "Return";
  return {
    title: t(`approvals.confirm${action}Title`, { id: itemId(request.item), owner: request.item.record?.owner ?? "" }),
    body: (
      <>
        <Body1>{t(`approvals.confirm${action}Note`)}</Body1>
        <p className={commentClass}>{request.comment.trim()}</p>
      </>
    ),
    confirm: t(`approvals.confirm${action}`),
    cancel: t("approvals.cancel"),
  };
}

/** What the panel above the buttons shows that needs the user's attention: "error" for a log that cannot be taken as written, "warning" for keys and warnings to look at. */
function attention(trust: LogTrust, olderCopy: boolean): "error" | "warning" | undefined {
  const { verification: v } = trust;
  if ((v.signatures ?? []).some((f) => !f.warning) || (v.signers ?? []).length > 0 || (v.witness && !olderCopy)) return "error";
  return trust.pins.length > 0 || (v.signatures ?? []).length > 0 || trust.storeFailure !== undefined ? "warning" : undefined;
}

/** "Verify log": the chain, what each part of the log proves (point 5), and a pointer to the warnings above. */
function verifyNotice(trust: LogTrust, olderCopy: boolean, pane: Pane): Notice {
  const { t, lang } = pane;
  const v = trust.verification;
  const proof = proofLines(v, pane);
  if (v.break) return { intent: "error", text: t("approvals.logBroken", { kind: t(`breakKind.${v.break.kind}`), sheet: v.break.sheet, row: v.break.row }), lines: [describe(v.break.error, lang), ...proof] };
  const level = attention(trust, olderCopy);
  return { intent: level ?? "success", text: t("approvals.logOk", { count: v.count }), lines: [...proof, ...(level ? [t("trust.seeAbove")] : [])] };
}

export function ApprovalsPage() {
  const styles = useStyles();
  const pane = usePane();
  const { session, settings, tableOptions, t, lang } = pane;
  const [list, setList] = useState<ItemList | undefined>();
  const [filter, setFilter] = useState<ItemFilter>(NO_FILTER);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | undefined>();
  const question = useConfirmation();
  const trust = useTrust();
  const [logTrust, setLogTrust] = useState<LogTrust | undefined>();
  const [trusted, setTrusted] = useState<PinWarning | undefined>();
  const [justDone, setJustDone] = useState<"olderCopy" | "trustKey" | undefined>();
  const olderCopy = trust.isOlderCopy(logTrust?.workbookId);
  const actor: Actor | undefined = isIdentified(settings) && settings.role ? { name: settings.name, role: settings.role } : undefined;

  const load = useCallback(async () => {
    try {
      setList(await session.run((tables) => listItems(tables, tableOptions)));
    } catch (error) {
      setNotice(errorNotice(error, pane));
    }
    // pane also changes with the language, which needs no reload.
  }, [session, tableOptions]);

  /** The log against what this client has seen (the head, the keys), which it then remembers. */
  const checkLog = useCallback(async (): Promise<LogTrust | undefined> => {
    try {
      const checked = await trust.check(session, tableOptions);
      setLogTrust(checked);
      setTrusted(undefined);
      setJustDone(undefined);
      return checked;
    } catch (error) {
      setNotice(errorNotice(error, pane));
      return undefined;
    }
    // pane also changes with the language, which needs no new check.
  }, [trust, session, tableOptions]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    void checkLog();
  }, [checkLog]);

  const takeStep = async (request: ActRequest, me: Actor, current: ItemList, confirmFailures: boolean): Promise<boolean> => {
    setBusy(true);
    try {
      // Signed with this user's key, or refused before anything is written; the head written is then the head seen.
      const { value: outcome, trust: checked } = await trust.write(session, me, tableOptions, (tables, options) => actOnWorkItem(tables, current, { ...request, actor: me, confirmFailures }, options));
      if (checked) {
        setLogTrust(checked);
        setTrusted(undefined);
        setJustDone(undefined);
      }
      const id = itemId(request.item);
      if (outcome.kind === "done") setNotice({ intent: "success", text: t("approvals.done", { id, status: statusName(outcome.status, lang), seq: outcome.entry.seq }) });
      else if (outcome.kind === "refused") setNotice({ intent: "error", text: describe(outcome.error, lang) });
      else if (outcome.kind === "conflict") setNotice({ intent: "warning", text: t("approvals.conflict", { id }) });
      await load();
      return outcome.kind === "done";
    } catch (error) {
      setNotice(errorNotice(error, pane));
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** Refusals are told at once; failed checks, returns and rejects are confirmed first. */
  const onAct = async (request: ActRequest): Promise<boolean> => {
    if (!list || !actor) return false;
    const preview = previewAction(list, { ...request, actor });
    if (preview.kind === "refused") {
      setNotice({ intent: "error", text: describe(preview.error, lang) });
      return false;
    }
    if (preview.kind === "checksFailed") return (await question.ask(approveQuestion(request.item, preview.failed, pane))) && takeStep(request, actor, list, true);
    if (request.action !== "approve" && !(await question.ask(returnOrRejectQuestion(request, pane, styles.comment)))) return false;
    return takeStep(request, actor, list, false);
  };

  const verify = async () => {
    // The last result goes at once: what shows next is this check's.
    setNotice(undefined);
    const checked = await checkLog();
    if (checked) setNotice(verifyNotice(checked, trust.isOlderCopy(checked.workbookId), pane));
  };

  const markOlderCopy = () => {
    if (!logTrust?.workbookId) return;
    trust.markOlderCopy(logTrust.workbookId);
    setJustDone("olderCopy");
  };

  const trustKey = async (pin: PinWarning) => {
    if (!logTrust) return;
    try {
      setLogTrust(await trust.trustKey(logTrust, pin.keyId));
      setTrusted(pin);
      setJustDone("trustKey");
    } catch (error) {
      setNotice(errorNotice(error, pane));
    }
  };

  const all = list?.items ?? [];
  const shown = all.filter((item) => matchesFilter(item, filter));
  const mine = actor ? shown.filter((item) => standingOf(item, actor) === "acts") : [];
  const brokenSignatures = brokenSignatureRows(logTrust);
  const details = (item: WorkItem) => <ItemDetails item={item} pane={pane} actor={actor} busy={busy} onAct={onAct} brokenSignatures={brokenSignatures} />;
  const accordion = { open, onOpen: setOpen, details, pane };

  return (
    <section className={styles.page} aria-label={t("tab.approvals")}>
      {!actor && <NoticeBar notice={{ intent: "warning", text: t("app.needIdentity") }} />}
      <NoticeBar notice={notice} />
      {list && list.chainProblems.length > 0 && <NoticeBar notice={{ intent: "warning", text: t("approvals.chainProblems"), lines: list.chainProblems.map((p) => problemLine(p, pane)) }} />}
      <LogTrustPanel pane={pane} trust={logTrust} olderCopy={olderCopy} trusted={trusted} justDone={justDone} onOlderCopy={markOlderCopy} onTrustKey={(pin) => void trustKey(pin)} />
      <div className={styles.row}>
        <Button onClick={() => void verify()}>{t("approvals.verify")}</Button>
        <Button appearance="subtle" onClick={() => void load()}>
          {t("common.reload")}
        </Button>
      </div>
      <ItemFilters pane={pane} filter={filter} choices={filterChoices(all)} onChange={setFilter} />
      {!list && <Spinner size="tiny" label={t("common.loading")} />}
      {list && shown.length < all.length && <Caption1 role="status">{shown.length === 0 ? t("approvals.noMatch") : t("approvals.shown", { shown: shown.length, total: all.length })}</Caption1>}
      {list && actor && (
        <>
          <Body1 as="h2" className={styles.heading}>
            {mine.length > 0 ? t("approvals.waiting", { count: mine.length }) : t("approvals.nothingWaiting", { role: roleName(actor.role, lang) })}
          </Body1>
          <ItemAccordion section="mine" items={mine} {...accordion} />
        </>
      )}
      {list && (
        <>
          <Body1 as="h2" className={styles.heading}>
            {t("approvals.everything", { count: shown.length })}
          </Body1>
          <ItemAccordion section="all" items={shown} {...accordion} />
        </>
      )}
      <ConfirmDialog confirmation={question.pending} onAnswer={question.answer} />
    </section>
  );
}
