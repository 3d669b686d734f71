/** "Close link" on a lead's payment link: asks for an optional reason, then the service closes the link (its page stops taking payment). */
import { useState, type SyntheticEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { CLOSE_REASON_MAX } from "../api/close-payment-link";
import { useClosePaymentLink } from "../hooks/use-close-payment-link";

export function CloseLinkDialog({ linkId }: { linkId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const close = useClosePaymentLink();

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    close.mutate({ linkId, reason }, { onSuccess: () => { setOpen(false); } });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (close.isPending) return;
        setOpen(next);
        if (next) return;
        setReason("");
        close.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" className="mt-2">
          Close link
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Close this payment link?</DialogTitle>
          <DialogDescription>
            The payer's link stops taking payment, reminders stop, and any waiting link message is not sent. You can send a new link later.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4">
          <FormField label="Reason (optional)" hint="Noted on the timeline, for the team only.">
            {(control) => <Textarea {...control} rows={3} maxLength={CLOSE_REASON_MAX} value={reason} onChange={(event) => { setReason(event.target.value); }} />}
          </FormField>
          {close.isError ? (
            <Alert tone="error" title="The link was not closed">
              {close.error.message}
            </Alert>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline" disabled={close.isPending}>
                Keep it open
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" busy={close.isPending}>
              Close link
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
