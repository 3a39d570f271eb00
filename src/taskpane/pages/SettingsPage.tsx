import { Button, Caption1, Dropdown, Field, Input, makeStyles, Option, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { describeRole, type Language } from "../../i18n";
import { DEFAULT_CHAINS, ROLE_NAMES, ROLES, type Chains, type Role } from "../../rules";
import { effectiveChains } from "../../services";
import { PolicySection } from "./PolicySection";
import { TABLE_KINDS, tableSpec, type TableKind } from "../../workbook";
import { NoticeBar, usePane, type Notice } from "../pane";
import type { PaneSettings } from "../settings";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  tables: { display: "grid", gridTemplateColumns: "1fr", gap: tokens.spacingVerticalS },
  roles: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
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
      <ul className={styles.roles} data-testid="roles">
        {ROLES.map((r) => (
          <li key={r}>
            <strong>{ROLE_NAMES[r][lang]}</strong>: {describeRole(r, chains, lang)}
          </li>
        ))}
      </ul>
    </details>
  );
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { zh: "中文", en: "English" };

export function SettingsPage({ onSave }: { readonly onSave: (settings: PaneSettings) => void }) {
  const styles = useStyles();
  const { settings, lang, t } = usePane();
  const [name, setName] = useState(settings.name);
  const [role, setRole] = useState<Role | "">(settings.role);
  const [language, setLanguage] = useState<Language>(settings.language ?? lang);
  const [tableNames, setTableNames] = useState<Partial<Record<TableKind, string>>>({ ...settings.tableNames });
  const [notice, setNotice] = useState<Notice | undefined>();
  const chains = useChains();

  const save = () => {
    const names = Object.fromEntries(Object.entries(tableNames).filter(([, v]) => v && v.trim() !== "").map(([k, v]) => [k, (v as string).trim()]));
    onSave({ name: name.trim(), role, language, tableNames: names });
    setNotice({ intent: "success", text: t("settings.saved") });
  };

  return (
    <section className={styles.page} aria-label={t("tab.settings")}>
      <Field label={t("settings.name")}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label={t("settings.role")} hint={role ? describeRole(role, chains, lang) : undefined}>
        <Dropdown value={role ? ROLE_NAMES[role][lang] : ""} selectedOptions={role ? [role] : []} onOptionSelect={(_, d) => setRole((d.optionValue as Role) ?? "")}>
          {ROLES.map((r) => (
            <Option key={r} value={r}>
              {ROLE_NAMES[r][lang]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <RoleList chains={chains} />
      <PolicySection />
      <Field label={t("settings.language")}>
        <Dropdown value={LANGUAGE_NAMES[language]} selectedOptions={[language]} onOptionSelect={(_, d) => d.optionValue && setLanguage(d.optionValue as Language)}>
          <Option value="zh">{LANGUAGE_NAMES.zh}</Option>
          <Option value="en">{LANGUAGE_NAMES.en}</Option>
        </Dropdown>
      </Field>
      <details>
        <summary>{t("settings.tables")}</summary>
        <Caption1>{t("settings.tablesHint")}</Caption1>
        <div className={styles.tables}>
          {TABLE_KINDS.map((kind) => (
            <Field key={kind} label={t("settings.tableName", { table: kind })}>
              <Input placeholder={tableSpec(kind).defaultName} value={tableNames[kind] ?? ""} onChange={(_, d) => setTableNames((old) => ({ ...old, [kind]: d.value }))} />
            </Field>
          ))}
        </div>
      </details>
      <Button appearance="primary" onClick={save}>
        {t("settings.save")}
      </Button>
      <NoticeBar notice={notice} />
    </section>
  );
}
