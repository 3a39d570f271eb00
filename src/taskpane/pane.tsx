import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { createContext, useContext } from "react";
import { describeError, formatMoney, uiText, type Language } from "../i18n";
import { dayLabel, isRuleError, ROLE_NAMES, isRole, type RowProblem, type RuleError } from "../rules";
import type { ServiceOutcome, TableOptions } from "../services";
import { columnSpec, type TableKind } from "../workbook";
import { NoWorkbookError, type WorkbookSession } from "../workbook/session";
import type { PaneSettings } from "./settings";
// Not through trust/index.ts, whose panel imports this module.
import { TrustError } from "./trust/trust-error";

/** What every page needs: the session, the user's settings, and texts in their language. */
export interface Pane {
  readonly lang: Language;
  readonly session: WorkbookSession;
  readonly settings: PaneSettings;
  readonly tableOptions: TableOptions;
  t(key: string, params?: Record<string, unknown>): string;
}

export const PaneContext = createContext<Pane | undefined>(undefined);

export function usePane(): Pane {
  const pane = useContext(PaneContext);
  if (!pane) throw new Error("usePane outside PaneContext");
  return pane;
}

export function makePane(lang: Language, session: WorkbookSession, settings: PaneSettings): Pane {
  return {
    lang,
    session,
    settings,
    tableOptions: { tableNames: settings.tableNames },
    t: (key, params = {}) => uiText(lang, key, params),
  };
}

export function roleName(role: string, lang: Language): string {
  return isRole(role) ? ROLE_NAMES[role][lang] : role;
}

/** Cells hold English status codes; the pane shows them in the user's language. */
export function statusName(status: string, lang: Language): string {
  const key = `status.${status}`;
  const text = uiText(lang, key);
  return text === key ? status : text;
}

/** A rule message's parameter as the user reads it: a role or status in their language, a time when the log was seen in their time zone. */
function paramText(key: string, value: string | number, lang: Language): string | number {
  if (typeof value !== "string") return value;
  if (key === "role" || key === "needed") return roleName(value, lang);
  if (key === "status") return statusName(value, lang);
  return key === "seenAt" ? localTime(value, lang) : value;
}

/** Any failure in the user's language, with role codes in rule messages named as roles. */
export function describe(error: unknown, lang: Language): string {
  if (error instanceof NoWorkbookError) return uiText(lang, "app.notInExcel");
  // A write refused because the signing key cannot be kept: nothing was written.
  if (error instanceof TrustError) return uiText(lang, "trust.actRefused", { detail: error.detail });
  if (isRuleError(error)) {
    const params = Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, paramText(k, v, lang)]));
    return describeError({ ...error, params } satisfies RuleError, lang);
  }
  return describeError(error, lang);
}

export function money(amount: number | undefined, lang: Language): string {
  if (amount === undefined || Number.isNaN(amount)) return "—";
  return formatMoney(amount, lang);
}

/**
 * An audit entry's ISO time in the user's own time zone, with the zone named
 * ("2025-12-05 09:00 GMT+8"), since approvers may sit in several zones.
 */
export function localTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en-US", {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

/** A column's header in the user's language, as the add-in would write it ("Payment", "支付方式"). */
export function columnLabel(kind: TableKind, id: string, lang: Language): string {
  return columnSpec(kind, id)?.[lang] ?? id;
}

/** Dates from the services are local calendar days. */
export function day(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return "—";
  return dayLabel(date);
}

export type Notice = { readonly intent: "success" | "error" | "warning" | "info"; readonly text: string; readonly lines?: readonly string[] };

/** "Purchases!row 12: …"; row 0 is a problem with the table as a whole (empty, or nothing in the period). */
export function problemLine(problem: RowProblem, pane: Pane): string {
  return pane.t(problem.row > 0 ? "common.problemLine" : "common.problemTableLine", { sheet: problem.sheet, row: problem.row, reason: describe(problem.error, pane.lang) });
}

export function problemsNotice(problems: readonly RowProblem[], pane: Pane): Notice {
  return { intent: "error", text: pane.t("common.problems", { count: problems.length }), lines: problems.map((p) => problemLine(p, pane)) };
}

/** What a service that writes a table did: its summary, and whether it wrote, found nothing to change, or only computed. */
export function outcomeNotice(outcome: Exclude<ServiceOutcome<unknown>, { kind: "problems" }>, summary: string, pane: Pane, lines?: readonly string[]): Notice {
  const said = outcome.kind === "preview" ? (outcome.upToDate ? "common.previewUpToDate" : "common.preview") : outcome.kind === "written" ? "common.written" : "common.unchanged";
  // Chinese sentences follow each other without a space.
  return { intent: outcome.kind === "written" ? "success" : "info", text: `${summary}${pane.lang === "zh" ? "" : " "}${pane.t(said)}`, lines };
}

export function errorNotice(error: unknown, pane: Pane): Notice {
  return { intent: "error", text: describe(error, pane.lang) };
}

/** A page's outcome message; cell text appears only as React text. */
export function NoticeBar({ notice }: { readonly notice: Notice | undefined }) {
  if (!notice) return null;
  return (
    <MessageBar layout="multiline" intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"} data-testid="notice">
      <MessageBarBody>
        {notice.text}
        {notice.lines && notice.lines.length > 0 && (
          <ul>
            {notice.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
