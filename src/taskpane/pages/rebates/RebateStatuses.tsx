import { Body1, Button, Field, makeStyles, SearchBox, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { isIdentified } from "../../settings";
import { advanceRebates, type RebateMovesOutcome } from "../../../services";
import type { TableData } from "../../../workbook";
import { ChoiceFilter } from "../../components/ChoiceFilter";
import { ConfirmDialog, type Confirmation } from "../../components/ConfirmDialog";
import { DataTable, type Column } from "../../components/DataTable";
import { describe, errorNotice, money, NoticeBar, roleName, statusName, usePane, type Notice, type Pane } from "../../pane";
import { RebateListPrintButton } from "../../print";
import { useTrust, type LogTrust, type PaneTrust } from "../../trust";
import { filterRebates, movableBy, movesByStep, printRows, rebateRowViews, statusesPresent, waitingByRole, type RebateFilter, type RebateRowView } from "./rebate-view";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  filters: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))", gap: tokens.spacingHorizontalS, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  next: { whiteSpace: "nowrap", color: tokens.colorNeutralForeground2 },
});

const money0 = (amount: number | undefined, pane: Pane) => (amount === undefined ? "" : money(amount, pane.lang));

function statusColumns(pane: Pane, nextClass: string): Column<RebateRowView>[] {
  const { t, lang } = pane;
  return [
    { id: "dealer", header: t("rebates.dealer"), sortKey: (v) => v.dealer },
    { id: "rebate", header: t("rebates.rebate"), kind: "number", sortKey: (v) => v.rebate, cell: (v) => money0(v.rebate, pane) },
    { id: "status", header: t("rebates.status"), kind: "status", sortKey: (v) => v.status, cell: (v) => statusName(v.status, lang) },
    {
      id: "next",
      header: t("rebates.next"),
      // Role names may wrap between words ("Marketing / director"), never inside one.
      kind: "text",
      sortKey: (v) => (v.next ? roleName(v.next.role, lang) : undefined),
      cell: (v) => <span className={nextClass}>{v.next ? roleName(v.next.role, lang) : t("rebates.nextNone")}</span>,
    },
  ];
}

/** "Waiting: Marketing director 12 · Finance 3". */
function waitingText(views: readonly RebateRowView[], pane: Pane): string {
  const waiting = waitingByRole(views);
  if (waiting.length === 0) return pane.t("rebates.waitingNone");
  const list = waiting.map((w) => pane.t("rebates.waitingRole", { role: roleName(w.role, pane.lang), count: w.count })).join(" · ");
  return pane.t("rebates.waiting", { list });
}

/** A log rolled back or rewritten since this user saw it, said where they act (Approvals shows it with its choices). */
function witnessLines(checked: LogTrust | undefined, trust: PaneTrust, pane: Pane): string[] {
  const witness = checked?.verification.witness;
  return witness && !trust.isOlderCopy(checked.workbookId) ? [describe(witness.error, pane.lang)] : [];
}

function movedNotice(outcome: RebateMovesOutcome, pane: Pane, logLines: readonly string[]): Notice {
  const lines = [
    ...(outcome.conflicts.length > 0 ? [pane.t("rebates.conflicts", { dealers: outcome.conflicts.map((c) => c.dealer).join(", ") })] : []),
    ...(outcome.refused.length > 0 ? [pane.t("rebates.refused", { dealers: outcome.refused.map((c) => c.dealer).join(", ") })] : []),
    ...logLines,
  ];
  const text = outcome.moved.length > 0 ? pane.t("rebates.moved", { count: outcome.moved.length }) : pane.t("rebates.movedNone");
  return { intent: lines.length > 0 ? "warning" : "success", text, lines };
}

/**
 * The year's rows in the workbook, for moving them along Calculated → … → Paid: who acts next
 * on each, how many wait for each role, a filter and a search, and a bulk step (the selected
 * rows, or all shown) with one confirmation and one audit entry per row.
 */
export function RebateStatuses({ data, year, onChanged }: { readonly data: TableData; readonly year: string; readonly onChanged: () => Promise<void> }) {
  const styles = useStyles();
  const pane = usePane();
  const { t, lang, settings, session } = pane;
  const trust = useTrust();
  const [filter, setFilter] = useState<RebateFilter>({ status: "", search: "" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<readonly RebateRowView[] | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  const all = rebateRowViews(data.rows, year);
  const shown = filterRebates(all, filter);
  const movable = movableBy(settings.role);
  const shownMovable = shown.filter(movable);
  const chosen = shownMovable.filter((v) => selected.has(v.key));
  const identified = isIdentified(settings);

  const move = async (views: readonly RebateRowView[]) => {
    setConfirming(undefined);
    if (!isIdentified(settings)) return;
    setBusy(true);
    try {
      const actor = { name: settings.name.trim(), role: settings.role };
      // Signed with this user's key, or refused before anything is written; the head written is then the head seen.
      const { value: outcome, trust: checked } = await trust.write(session, actor, pane.tableOptions, (tables, options) => advanceRebates(tables, data.ref, views.map((v) => v.row), actor, options));
      setSelected(new Set());
      await onChanged();
      setNotice(movedNotice(outcome, pane, witnessLines(checked, trust, pane)));
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  const confirmation: Confirmation | undefined = confirming && {
    title: t("rebates.confirmTitle", { count: confirming.length }),
    body: (
      <>
        <ul>
          {movesByStep(confirming).map((m) => (
            <li key={m.from}>{t("rebates.confirmStep", { count: m.count, from: statusName(m.from, lang), to: statusName(m.to, lang) })}</li>
          ))}
        </ul>
        <p>{t("rebates.confirmLog", { name: settings.name.trim(), role: roleName(settings.role, lang) })}</p>
      </>
    ),
    confirm: t("rebates.confirm"),
    cancel: t("rebates.cancel"),
  };

  return (
    // Not a landmark of its own: the table's scroll box is the region named after these rows (axe: landmark-unique).
    <div className={styles.section}>
      <Body1 as="h2" id="rebates-in-workbook" className={styles.heading}>
        {t("rebates.inWorkbook", { year })}
      </Body1>
      <Body1 data-testid="rebate-waiting">{waitingText(all, pane)}</Body1>
      <div className={styles.filters} role="search" aria-label={t("rebates.filters")}>
        <Field label={t("rebates.search")}>
          <SearchBox value={filter.search} onChange={(_, d) => setFilter({ ...filter, search: d.value })} />
        </Field>
        <ChoiceFilter
          label={t("rebates.status")}
          value={filter.status}
          anyText={t("rebates.any")}
          choices={statusesPresent(all).map((s) => ({ value: s, text: statusName(s, lang) }))}
          onChange={(status) => setFilter({ ...filter, status })}
        />
      </div>
      <Body1>{t("rebates.shown", { shown: shown.length, total: all.length })}</Body1>
      {/* The list as filtered: what is shown is what is printed. */}
      <RebateListPrintButton {...printRows(shown)} year={Number(year)} lang={lang} />
      {!identified ? (
        <Body1>{t("rebates.identifyFirst")}</Body1>
      ) : shownMovable.length === 0 ? (
        <Body1>{t("rebates.nothingForRole", { role: roleName(settings.role, lang) })}</Body1>
      ) : (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy || chosen.length === 0} onClick={() => setConfirming(chosen)}>
            {t("rebates.moveSelected", { count: chosen.length })}
          </Button>
          <Button disabled={busy} onClick={() => setConfirming(shownMovable)}>
            {t("rebates.moveShown", { count: shownMovable.length })}
          </Button>
        </div>
      )}
      <NoticeBar notice={notice} />
      {shown.length > 0 && (
        <DataTable
          rows={shown}
          columns={statusColumns(pane, styles.next)}
          rowKey={(v) => v.key}
          label={t("rebates.inWorkbook", { year })}
          testId="rebate-statuses"
          selection={
            identified
              ? {
                  selected,
                  onChange: setSelected,
                  selectable: (key) => shownMovable.some((v) => v.key === key),
                  rowLabel: (key) => t("rebates.selectRow", { dealer: shown.find((v) => v.key === key)?.dealer ?? key }),
                  allLabel: t("rebates.selectAll"),
                }
              : undefined
          }
        />
      )}
      <ConfirmDialog confirmation={confirmation} onAnswer={(yes) => (yes && confirming ? void move(confirming) : setConfirming(undefined))} />
    </div>
  );
}
