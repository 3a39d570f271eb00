import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, tokens, type MessageBarIntent } from "@fluentui/react-components";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { pinWarningError, type PinWarning } from "../../rules";
import { describe, type Pane } from "../pane";
import type { LogTrust } from "./log-trust";
import { findingLines } from "./trust-text";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

interface WarningProps {
  readonly intent: MessageBarIntent;
  readonly text: string;
  readonly lines?: readonly string[];
  readonly action?: { readonly label: string; readonly run: () => void };
  readonly testId: string;
  /** Takes the focus when shown: it replaces the button the user has just pressed. */
  readonly focus?: boolean;
}

/** One warning: its text (cell text only as React text), its lines, and at most one action the text describes. */
function Warning({ intent, text, lines, action, testId, focus = false }: WarningProps) {
  const styles = useStyles();
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) root.current?.focus();
  }, [focus]);
  let body: ReactNode = <span id={id}>{text}</span>;
  if (lines && lines.length > 0) {
    body = (
      <>
        {body}
        <ul className={styles.lines}>
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <MessageBar ref={root} layout="multiline" intent={intent} data-testid={testId} tabIndex={focus ? -1 : undefined}>
      <MessageBarBody>{body}</MessageBarBody>
      {action && (
        <MessageBarActions>
          <Button size="small" aria-describedby={id} onClick={action.run}>
            {action.label}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export interface LogTrustPanelProps {
  readonly pane: Pane;
  /** The last check; nothing is shown before the first. */
  readonly trust: LogTrust | undefined;
  /** The user marked this workbook as an older copy in this session: its rollback is not reported. */
  readonly olderCopy: boolean;
  /** The key the user has just trusted, confirmed once. */
  readonly trusted?: PinWarning;
  /** What the user has just done here: its confirmation takes the focus from the button that is gone. */
  readonly justDone?: "olderCopy" | "trustKey";
  readonly onOlderCopy: () => void;
  readonly onTrustKey: (pin: PinWarning) => void;
}

/**
 * What the user must know of the log before acting on it (issue 12): a storage that cannot
 * keep their key, a log rolled back or rewritten since they saw it, keys they have not seen
 * for a signer, entries whose signature does not hold, and a Signers table edited by hand.
 * Nothing when there is nothing to say.
 */
export function LogTrustPanel({ pane, trust, olderCopy, trusted, justDone, onOlderCopy, onTrustKey }: LogTrustPanelProps) {
  const styles = useStyles();
  const { t, lang } = pane;
  if (!trust) return null;
  const { verification, pins, storeFailure } = trust;
  const signatures = verification.signatures ?? [];
  const errors = signatures.filter((f) => !f.warning);
  const warnings = signatures.filter((f) => f.warning);
  const signers = verification.signers ?? [];
  const witness = verification.witness;
  const any = storeFailure !== undefined || witness || olderCopy || pins.length > 0 || trusted || signatures.length > 0 || signers.length > 0;
  if (!any) return null;
  return (
    <div className={styles.panel} role="region" aria-label={t("trust.region")} data-testid="log-trust">
      {storeFailure !== undefined && <Warning intent="warning" testId="trust-unavailable" text={t("trust.unavailable", { detail: storeFailure })} />}
      {witness && !olderCopy && <Warning intent="error" testId="trust-witness" text={describe(witness.error, lang)} action={{ label: t("trust.olderCopy"), run: onOlderCopy }} />}
      {witness && olderCopy && <Warning intent="info" testId="trust-older-copy" text={t("trust.olderCopyMarked")} focus={justDone === "olderCopy"} />}
      {pins.map((pin) => (
        <Warning key={pin.keyId} intent="warning" testId="trust-pin" text={describe(pinWarningError(pin), lang)} action={{ label: t("trust.trustKey"), run: () => onTrustKey(pin) }} />
      ))}
      {trusted && <Warning intent="success" testId="trust-key-trusted" text={t("trust.keyTrusted", { name: trusted.name, keyId: trusted.keyId })} focus={justDone === "trustKey"} />}
      {errors.length > 0 && <Warning intent="error" testId="trust-signatures" text={t("trust.signatureProblems", { count: errors.length })} lines={findingLines(errors, pane)} />}
      {warnings.length > 0 && <Warning intent="warning" testId="trust-signature-warnings" text={t("trust.signatureWarnings", { count: warnings.length })} lines={findingLines(warnings, pane)} />}
      {signers.length > 0 && <Warning intent="error" testId="trust-signers" text={t("trust.signersProblems", { count: signers.length })} lines={findingLines(signers, pane)} />}
    </div>
  );
}
