/**
 * Asks before a destructive action (Radix AlertDialog: it cannot be dismissed by clicking outside,
 * and focus starts on Cancel so Enter never destroys by accident).
 */
import { AlertDialog } from "radix-ui";
import { useState, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Alert } from "./alert";
import { Button } from "./button";
import { buttonVariants } from "./button-variants";
import { overlayClass, panelClass } from "./dialog";

interface ConfirmDialogProps {
  /** The element that opens the dialog, e.g. a "Delete" button. */
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /**
   * Runs on confirm; the dialog stays open and busy until it settles. It closes when this
   * succeeds and shows the error's message (keeping the dialog open to retry) when it fails.
   */
  onConfirm: () => Promise<unknown>;
}

export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (error) {
      setFailure(error instanceof Error && error.message ? error.message : "It did not work.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        setOpen(next);
        setFailure(null);
      }}
    >
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClass} />
        <AlertDialog.Content className={panelClass}>
          <div className="grid gap-1.5">
            <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
            <AlertDialog.Description className="text-sm text-slate-600">{description}</AlertDialog.Description>
          </div>
          {failure ? (
            <Alert tone="error" title="Nothing was changed">
              {failure} Try again, or cancel.
            </Alert>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel className={cn(buttonVariants({ variant: "outline" }))} disabled={busy}>
              Cancel
            </AlertDialog.Cancel>
            <Button variant="destructive" busy={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
