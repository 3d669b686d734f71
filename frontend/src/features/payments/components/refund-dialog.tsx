/** Refund a paid payment in full or in part, with a reason; the service asks the provider (C2). */
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { refundablePaise } from "../refundable";
import type { RefundDialogProps } from "./refund-form";

const RefundForm = lazy(() => import("./refund-form"));

export function RefundDialog(props: RefundDialogProps) {
  const [open, setOpen] = useState(false);
  if (refundablePaise(props.payment) === 0) return null;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Refund {props.payerName}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Refund {props.payerName}</DialogTitle>
          <DialogDescription>The money goes back through the payment provider. This cannot be undone once the provider confirms it.</DialogDescription>
        </DialogHeader>
        {open ? (
          <Suspense fallback={<p role="status" className="text-sm text-slate-600">Loading the refund form…</p>}>
            <RefundForm {...props} onDone={() => { setOpen(false); }} />
          </Suspense>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
