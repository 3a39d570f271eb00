import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import type { ReactNode } from "react";

export interface Confirmation {
  readonly title: string;
  readonly body: ReactNode;
  readonly confirm: string;
  readonly cancel: string;
}

/** A question that needs an explicit answer: Escape cancels, and a click outside does nothing. */
export function ConfirmDialog({ confirmation, onAnswer }: { readonly confirmation: Confirmation | undefined; readonly onAnswer: (confirmed: boolean) => void }) {
  return (
    <Dialog modalType="alert" open={confirmation !== undefined} onOpenChange={(_, data) => !data.open && onAnswer(false)}>
      <DialogSurface>
        {confirmation && (
          <DialogBody>
            <DialogTitle>{confirmation.title}</DialogTitle>
            <DialogContent>{confirmation.body}</DialogContent>
            <DialogActions fluid>
              <Button appearance="secondary" onClick={() => onAnswer(false)}>
                {confirmation.cancel}
              </Button>
              <Button appearance="primary" onClick={() => onAnswer(true)}>
                {confirmation.confirm}
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
