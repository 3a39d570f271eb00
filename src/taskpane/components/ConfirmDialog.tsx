import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

export interface Confirmation {
  readonly title: string;
  readonly body: ReactNode;
  readonly confirm: string;
  readonly cancel: string;
}

const useStyles = makeStyles({
  dialog: {
    maxWidth: "min(28rem, calc(100vw - 2rem))",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    padding: tokens.spacingHorizontalL,
    boxShadow: tokens.shadow64,
    "::backdrop": { backgroundColor: "rgba(0, 0, 0, 0.4)" },
  },
  title: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  body: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  actions: { display: "flex", flexWrap: "wrap", justifyContent: "flex-end", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM },
});

/**
 * A question that needs an explicit answer: Escape cancels, a click outside does nothing.
 * The browser's own modal <dialog> (focus kept inside, the page behind inert): Fluent's
 * Dialog leaves hidden focusable elements in the page once opened (axe: aria-hidden-focus).
 */
export function ConfirmDialog({ confirmation, onAnswer }: { readonly confirmation: Confirmation | undefined; readonly onAnswer: (confirmed: boolean) => void }) {
  const styles = useStyles();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const open = confirmation !== undefined;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onAnswer(false);
      }}
    >
      {confirmation && (
        <>
          <h2 id={titleId} className={styles.title}>
            {confirmation.title}
          </h2>
          <div className={styles.body}>{confirmation.body}</div>
          <div className={styles.actions}>
            <Button appearance="secondary" onClick={() => onAnswer(false)}>
              {confirmation.cancel}
            </Button>
            <Button appearance="primary" onClick={() => onAnswer(true)}>
              {confirmation.confirm}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}

interface PendingQuestion {
  readonly confirmation: Confirmation;
  readonly answer: (confirmed: boolean) => void;
}

/** A question asked from an event handler: `ask` resolves with the user's answer once ConfirmDialog gets it. */
export function useConfirmation(): { readonly pending: Confirmation | undefined; readonly ask: (c: Confirmation) => Promise<boolean>; readonly answer: (confirmed: boolean) => void } {
  const [pending, setPending] = useState<PendingQuestion | undefined>();
  const ask = (confirmation: Confirmation) => new Promise<boolean>((answer) => setPending({ confirmation, answer }));
  const answer = (confirmed: boolean) => {
    pending?.answer(confirmed);
    setPending(undefined);
  };
  return { pending: pending?.confirmation, ask, answer };
}
