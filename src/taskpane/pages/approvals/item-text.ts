import { isCellError, type CellValue } from "../../../workbook";
import { columnOfField, itemId, type ItemCheck, type WorkItem } from "../../../services";
import { columnLabel, day, localTime, money, roleName, statusName, type Pane } from "../../pane";
import type { ItemHistoryRow } from "../../../services";

/** An item's checks, cells and history in the user's words. */

const MONEY_COLUMNS = new Set(["Budget", "Amount"]);

export function checkText(check: ItemCheck, item: WorkItem, pane: Pane): string {
  const { t, lang } = pane;
  const claim = item.record?.type === "expenseClaim";
  switch (check.check) {
    case "requiredFields": {
      const separator = lang === "zh" ? "、" : ", ";
      return check.ok ? t("approvals.requiredOk") : t("approvals.requiredMissing", { fields: check.missing.map((f) => columnLabel(item.source, columnOfField(f), lang)).join(separator) });
    }
    case "leadTime":
      return t(check.ok ? "approvals.leadTimeOk" : "approvals.leadTimeLate", { deadline: day(check.deadline) });
    case "budget": {
      if (check.remaining === undefined) return t(claim ? "approvals.claimUnknown" : "approvals.budgetUnknown");
      const key = claim ? (check.ok ? "claimOk" : "claimOver") : check.ok ? "budgetOk" : "budgetOver";
      return t(`approvals.${key}`, { budget: money(check.budget, lang), remaining: money(check.remaining, lang) });
    }
    case "link": {
      const params = { type: t(`planType.${check.wanted}`), link: check.link, status: check.status ? statusName(check.status, lang) : "" };
      if (check.ok) return t("approvals.linkOk", params);
      if (check.link === "") return t("approvals.linkBlank", params);
      return t(check.status ? "approvals.linkNotApproved" : "approvals.linkMissing", params);
    }
    case "policy":
      return check.ok ? t("approvals.policyOk") : t("approvals.policyProblems", { count: check.problems.length });
  }
}

/** A cell as the details list shows it: types and statuses in the user's language, dates as days, money with its currency. */
export function fieldText(item: WorkItem, column: string, value: CellValue | undefined, pane: Pane): string {
  const { t, lang } = pane;
  if (column === "Type" && item.record) return t(`planType.${item.record.type}`);
  if (column === "Status" && item.record) return statusName(item.record.status, lang);
  if (value === null || value === undefined || value === "") return t("common.none");
  if (isCellError(value)) return value.error;
  if (value instanceof Date) return day(value);
  if (typeof value === "number") return MONEY_COLUMNS.has(column) ? money(value, lang) : value.toLocaleString(lang === "zh" ? "zh-CN" : "en-US");
  return String(value);
}

/** One line of an item's history, its time in the user's time zone. */
export function historyText(row: ItemHistoryRow, pane: Pane): string {
  const { t, lang } = pane;
  const { entry } = row;
  const time = localTime(entry.time, lang);
  if (row.baselineStatus !== undefined) return t("approvals.historyBaseline", { seq: entry.seq, time, actor: entry.actor, status: statusName(row.baselineStatus, lang) });
  return t("approvals.historyLine", {
    seq: entry.seq, time, actor: entry.actor, role: roleName(entry.role, lang), action: t(`action.${entry.action}`), from: statusName(entry.from, lang), to: statusName(entry.to, lang),
  });
}

/** The header's second line: type, status, and who acts next (or why nobody does). */
export function itemSummary(item: WorkItem, pane: Pane): string {
  const { t, lang } = pane;
  if (!item.record) return `${itemId(item)} ⚠ ${t("approvals.unreadableShort")}`;
  const state = item.mismatch ? `⚠ ${t("approvals.lockedShort")}` : item.next ? t("approvals.nextShort", { role: roleName(item.next.role, lang) }) : t("approvals.finalShort");
  return [t(`planType.${item.record.type}`), statusName(item.record.status, lang), state].join(" · ");
}
