import { Body1, Button, Caption1, Field, Input, makeStyles, Textarea, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { Actor, RegisteredKey } from "../../../rules";
import { takeKeyStep, type KeyStep, type LogSigner } from "../../../services";
import { ConfirmDialog, useConfirmation, type Confirmation } from "../../components/ConfirmDialog";
import { describe, errorNotice, localTime, NoticeBar, roleName, usePane, type Notice, type Pane } from "../../pane";
import { isIdentified } from "../../settings";
import { TrustError, useTrust, type LogTrust } from "../../trust";
import { keyRows, myKeyStanding, type KeyChoice, type KeyRow } from "./key-view";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { margin: 0, padding: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  key: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  keyId: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  publicKey: { fontFamily: tokens.fontFamilyMonospace },
});

/** The question before a key step: each is signed with the user's key and cannot be taken back. */
function question(choice: KeyChoice, key: { readonly name: string; readonly keyId: string }, { t }: Pane): Confirmation {
  const params = { name: key.name, keyId: key.keyId };
  const title = { approve: "keys.confirmApproveTitle", introduce: "keys.confirmIntroduceTitle", revoke: "keys.confirmRevokeTitle" }[choice];
  const body = { approve: "keys.confirmApproveNote", introduce: "keys.confirmIntroduceNote", revoke: "keys.confirmRevokeNote" }[choice];
  return { title: t(title, params), body: <Body1>{t(body, params)}</Body1>, confirm: t(`keys.${choice}`), cancel: t("approvals.cancel") };
}

const stepOf = (choice: KeyChoice, keyId: string): KeyStep => (choice === "introduce" ? { kind: "introduce", publicKey: keyId } : { kind: choice, keyId });

function KeyItem({ row, busy, onChoose }: { readonly row: KeyRow; readonly busy: boolean; readonly onChoose: (choice: KeyChoice, key: RegisteredKey) => void }) {
  const styles = useStyles();
  const { t, lang } = usePane();
  const { key } = row;
  return (
    <li className={styles.key} data-testid="signing-key">
      <Body1>
        <strong>{key.name}</strong> · {roleName(key.role, lang)}
        {row.mine && ` · ${t("keys.thisComputer")}`}
      </Body1>
      <Caption1>
        <span className={styles.keyId}>{key.keyId}</span> · {t(`keys.state.${key.state}`)} · {t("keys.firstSeen", { time: localTime(key.firstSeen, lang) })}
      </Caption1>
      {row.choices.length > 0 && (
        <div className={styles.actions}>
          {row.choices.map((choice) => (
            <Button key={choice} size="small" disabledFocusable={busy} aria-label={t(`keys.${choice}For`, { name: key.name, keyId: key.keyId })} onClick={() => onChoose(choice, key)}>
              {t(`keys.${choice}`)}
            </Button>
          ))}
        </div>
      )}
    </li>
  );
}

/** This computer's key for the user, where it stands in the log, and its public text to introduce it from another device. */
function MyKey({ signer, trust, busy, onPublish }: { readonly signer: LogSigner; readonly trust: LogTrust; readonly busy: boolean; readonly onPublish: () => void }) {
  const styles = useStyles();
  const { t } = usePane();
  const standing = myKeyStanding(trust.registry, signer.keyId) ?? "unpublished";
  return (
    <>
      <Body1 data-testid="my-key">
        {t("keys.myKey", { keyId: signer.keyId })} {t(`keys.standing.${standing}`)}
      </Body1>
      {standing === "unpublished" && (
        <div className={styles.actions}>
          <Button disabledFocusable={busy} onClick={onPublish}>
            {t("keys.publish")}
          </Button>
        </div>
      )}
      <Field label={t("keys.publicKey")} hint={t("keys.publicKeyHint")}>
        <Textarea className={styles.publicKey} readOnly resize="vertical" value={signer.publicKey} />
      </Field>
    </>
  );
}

/**
 * The signers' keys of the workbook's log (issue 12 point 1), and the key steps the user's
 * key may take: publish their own key, approve a pending key (a director), introduce their
 * own key of another device, revoke a key. Each step is signed and logged (takeKeyStep).
 */
export function KeysSection() {
  const styles = useStyles();
  const pane = usePane();
  const { session, settings, tableOptions, t, lang } = pane;
  const trust = useTrust();
  const [open, setOpen] = useState(false);
  const [logTrust, setLogTrust] = useState<LogTrust | undefined>();
  const [signer, setSigner] = useState<LogSigner | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);
  const [otherKey, setOtherKey] = useState("");
  const confirm = useConfirmation();
  const actor: Actor | undefined = isIdentified(settings) ? { name: settings.name.trim(), role: settings.role } : undefined;

  const load = useCallback(async () => {
    try {
      setLogTrust(await trust.check(session, tableOptions));
      if (actor) setSigner(await trust.signer(actor.name, actor.role));
    } catch (error) {
      setNotice(error instanceof TrustError ? { intent: "warning", text: t("trust.unavailable", { detail: error.detail }) } : errorNotice(error, pane));
    }
    // pane changes with the language, which needs no reload.
  }, [trust, session, tableOptions, actor?.name, actor?.role]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  const take = async (step: KeyStep, ask?: Confirmation) => {
    if (!actor || (ask && !(await confirm.ask(ask)))) return;
    setBusy(true);
    try {
      const { value: outcome, trust: checked } = await trust.write(session, actor, tableOptions, (tables, options) => takeKeyStep(tables, step, actor, options));
      if (checked) setLogTrust(checked);
      setNotice(outcome.kind === "done" ? { intent: "success", text: t("keys.done", { keyId: outcome.keyId, state: t(`keys.state.${outcome.state}`) }) } : { intent: "error", text: describe(outcome.error, lang) });
      if (outcome.kind === "done" && step.kind === "introduce") setOtherKey("");
    } catch (error) {
      setNotice(errorNotice(error, pane));
    } finally {
      setBusy(false);
    }
  };

  const rows = logTrust ? keyRows(logTrust.registry, actor, signer?.keyId) : [];
  const canIntroduce = actor !== undefined && signer !== undefined && logTrust !== undefined && myKeyStanding(logTrust.registry, signer.keyId) === "introduced";
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t("keys.title")}</summary>
      {/* Only once opened: Settings' own notices are the only ones before. */}
      {open && (
        <div className={styles.section} role="region" aria-label={t("keys.title")}>
          <Caption1>{t("keys.intro")}</Caption1>
          {!actor && <NoticeBar notice={{ intent: "warning", text: t("app.needIdentity") }} />}
          <NoticeBar notice={notice} />
          {signer && logTrust && <MyKey signer={signer} trust={logTrust} busy={busy} onPublish={() => void take({ kind: "publish" })} />}
          {logTrust && rows.length === 0 && <Body1>{t("keys.none")}</Body1>}
          {rows.length > 0 && (
            <ul className={styles.list} aria-label={t("keys.listLabel")}>
              {rows.map((row) => (
                <KeyItem key={row.key.keyId} row={row} busy={busy} onChoose={(choice, key) => void take(stepOf(choice, key.keyId), question(choice, key, pane))} />
              ))}
            </ul>
          )}
          {canIntroduce && (
            <>
              <Field label={t("keys.introduceOther")} hint={t("keys.introduceOtherHint")}>
                <Input value={otherKey} onChange={(_, d) => setOtherKey(d.value)} />
              </Field>
              <div className={styles.actions}>
                <Button disabledFocusable={busy || otherKey.trim() === ""} onClick={() => actor && void take({ kind: "introduce", publicKey: otherKey }, question("introduce", { name: actor.name, keyId: otherKey.trim() }, pane))}>
                  {t("keys.introduce")}
                </Button>
              </div>
            </>
          )}
        </div>
      )}
      <ConfirmDialog confirmation={confirm.pending} onAnswer={confirm.answer} />
    </details>
  );
}
