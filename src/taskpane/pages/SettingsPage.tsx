import { Button, Caption1, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Option, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { describeRole, type Language } from "../../i18n";
import { DEFAULT_CHAINS, ROLE_NAMES, ROLES, type Chains, type Role } from "../../rules";
import { effectiveChains } from "../../services";
import { KeysSection } from "./keys/KeysSection";
import { PolicySection } from "./PolicySection";
import { TABLE_KINDS, tableSpec } from "../../workbook";
import { NoticeBar, usePane, type Notice, type Pane } from "../pane";
import { isIdentified } from "../settings";
import type { SettingsForm, SettingsNotice } from "../settings-form";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  tables: { display: "grid", gridTemplateColumns: "1fr", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** The chains of the open workbook (its Workflows table over the defaults); the defaults until read, or without a workbook. */
function useChains(): Chains {
  const { session, tableOptions } = usePane();
  const [chains, setChains] = useState<Chains>(DEFAULT_CHAINS);
  useEffect(() => {
    let live = true;
    session.run((tables) => effectiveChains(tables, tableOptions)).then(
      (read) => live && setChains(read),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session, tableOptions]);
  return chains;
}

/** Every role and what it may do, so that people pick the right one. */
function RoleList({ chains }: { readonly chains: Chains }) {
  const styles = useStyles();
  const { lang, t } = usePane();
  return (
    <details>
      <summary>{t("settings.rolesList")}</summary>
      <ul className={styles.list} data-testid="roles">
        {ROLES.map((r) => (
          <li key={r}>
            <strong>{ROLE_NAMES[r][lang]}</strong>: {describeRole(r, chains, lang)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The first run: what to set, and why. */
function Welcome() {
  const styles = useStyles();
  const { t } = usePane();
  return (
    <MessageBar intent="info" layout="multiline" data-testid="welcome">
      <MessageBarBody>
        <MessageBarTitle>{t("settings.welcomeTitle")}</MessageBarTitle>
        {t("settings.welcome")}
        <ul className={styles.list}>
          <li>{t("settings.welcomeIdentity")}</li>
          <li>{t("settings.welcomeLanguage")}</li>
          <li>{t("settings.welcomeTables")}</li>
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** The form's notice in the language the pane speaks now. */
function noticeText(notice: SettingsNotice, form: SettingsForm, { t, lang }: Pane): Notice {
  switch (notice.kind) {
    case "saved":
      return {
        intent: "success",
        text: isIdentified(form.settings) ? t("settings.savedAs", { name: form.settings.name, role: ROLE_NAMES[form.settings.role as Role][lang] }) : t("settings.saved"),
      };
    case "notStored":
      return { intent: "error", text: t("settings.notStored", { detail: notice.detail }) };
    case "notRead":
      return { intent: "error", text: t("settings.notRead", { detail: notice.detail }) };
  }
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { zh: "中文", en: "English" };

/** Who the user is, the pane's language and the workbook's table names; the form lives in App (settings-form.ts). */
export function SettingsPage({ form }: { readonly form: SettingsForm }) {
  const styles = useStyles();
  const pane = usePane();
  const { lang, t } = pane;
  const { draft, edit } = form;
  const chains = useChains();

  return (
    <section className={styles.page} aria-label={t("tab.settings")}>
      {form.welcome && <Welcome />}
      <Field label={t("settings.name")}>
        <Input value={draft.name} onChange={(_, d) => edit({ name: d.value })} />
      </Field>
      <Field label={t("settings.role")} hint={draft.role ? describeRole(draft.role, chains, lang) : undefined}>
        <Dropdown value={draft.role ? ROLE_NAMES[draft.role][lang] : ""} selectedOptions={draft.role ? [draft.role] : []} onOptionSelect={(_, d) => edit({ role: (d.optionValue as Role) ?? "" })}>
          {ROLES.map((r) => (
            <Option key={r} value={r}>
              {ROLE_NAMES[r][lang]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <RoleList chains={chains} />
      <Field label={t("settings.language")}>
        <Dropdown value={LANGUAGE_NAMES[draft.language]} selectedOptions={[draft.language]} onOptionSelect={(_, d) => d.optionValue && edit({ language: d.optionValue as Language })}>
          <Option value="zh">{LANGUAGE_NAMES.zh}</Option>
          <Option value="en">{LANGUAGE_NAMES.en}</Option>
        </Dropdown>
      </Field>
      <details>
        <summary>{t("settings.tables")}</summary>
        <Caption1>{t("settings.tablesHint")}</Caption1>
        <div className={styles.tables}>
          {TABLE_KINDS.map((kind) => (
            <Field key={kind} label={t("settings.tableName", { table: t(`tableKind.${kind}`) })}>
              <Input placeholder={tableSpec(kind).defaultName} value={draft.tableNames[kind] ?? ""} onChange={(_, d) => edit({ tableNames: { ...draft.tableNames, [kind]: d.value } })} />
            </Field>
          ))}
        </div>
      </details>
      {form.changed && (
        <MessageBar intent="warning" layout="multiline" data-testid="unsaved">
          <MessageBarBody>{t("settings.unsaved")}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabledFocusable={form.saving} onClick={() => void form.save()}>
          {t("settings.save")}
        </Button>
        {form.changed && <Button onClick={form.discard}>{t("settings.discard")}</Button>}
      </div>
      <NoticeBar key={form.noticeCount} notice={form.notice && noticeText(form.notice, form, pane)} />
      <PolicySection />
      <KeysSection />
    </section>
  );
}
