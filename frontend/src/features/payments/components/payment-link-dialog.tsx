/**
 * "Send payment link": pick the batch of the payer's course, optionally a discount or a fixed amount
 * (with the reason), see the amount in ₹, create and send. The dialog then shows the link's page
 * (/pay/<payment id>) once the provider has made its first order, or says that the provider did not
 * make it and what to do. Works for a lead or
 * a student: given (`to`, a lead's page), or found by search first (the Payments page).
 */
import { Link2, Plus } from "lucide-react";
import { useState, type SyntheticEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { formatMoney } from "@/lib/format/money";
import { asSentence } from "@/lib/format/sentence";
import { formatCalendarDay } from "@/lib/format/time";
import type { LinkBatch } from "../api/list-course-batches";
import { useCourseBatches, useCreatePaymentLink, usePaymentLink } from "../hooks/use-payment-link";
import type { PayerChoice } from "../payer-choice";
import { linkPageUrl } from "../payment-checkout";
import { linkProgress, linkRequest, priceOf, type Payer, type PriceChange, type PriceForm } from "../payment-link";
import { PayerPicker } from "./payer-picker";

const CHANGES: { value: PriceChange; label: string }[] = [
  { value: "none", label: "Course price" },
  { value: "discount", label: "Discount" },
  { value: "fixed", label: "Fixed amount" },
];

function LinkFailed({ refusal, payerName }: { refusal: string | null; payerName: string }) {
  return (
    <Alert tone="error" title="The payment link was not made">
      <div className="grid gap-2" aria-live="polite">
        {refusal ? (
          <>
            <p>The payment provider refused it, so nothing was sent to {payerName}. Its answer:</p>
            <p className="break-words font-mono text-xs">{refusal}</p>
            <p>Fix what it names (the amount, or the payer's phone or email), then create a new link. If it was a passing problem, retry it on the Outbox page (Dead).</p>
          </>
        ) : (
          <p>It was stopped before the provider made it (on the Outbox page, or because {payerName} paid another link for this batch), so nothing was sent. Check the payer's payments before sending a new link.</p>
        )}
      </div>
    </Alert>
  );
}

function LinkResult({ paymentId, payerName }: { paymentId: string; payerName: string }) {
  const link = usePaymentLink(paymentId);
  const progress = link.data ? linkProgress(link.data) : null;
  if (progress?.state === "failed") return <LinkFailed refusal={progress.refusal} payerName={payerName} />;
  const url = progress?.state === "made" ? linkPageUrl(window.location.origin, paymentId) : null;
  return (
    <Alert tone="success" title="Payment link created">
      <div className="grid gap-2" aria-live="polite">
        {url ? (
          <>
            <p>It goes to {payerName} by email and WhatsApp. The link:</p>
            <a href={url} target="_blank" rel="noreferrer" className="break-all text-brand-700 underline">
              {url}
            </a>
          </>
        ) : link.status === "error" ? (
          <p>The link could not be checked: {link.error.message} It is still sent to {payerName}; see the timeline.</p>
        ) : (
          <p>Waiting for the payment provider to make the link; it is sent to {payerName} as soon as it exists.</p>
        )}
      </div>
    </Alert>
  );
}

function LinkForm({ batches, payer, onCreated }: { batches: LinkBatch[]; payer: Payer; onCreated: (paymentId: string) => void }) {
  const [batchId, setBatchId] = useState(batches[0]?.id ?? "");
  const [form, setForm] = useState<PriceForm>({ change: "none", rupees: "", reason: "" });
  const [showProblems, setShowProblems] = useState(false);
  const create = useCreatePaymentLink();
  const batch = batches.find((candidate) => candidate.id === batchId);
  const listPrice = batch?.course?.price_paise ?? 0;
  const currency = batch?.course?.currency ?? "INR";
  const price = priceOf(listPrice, form);
  const problem = showProblems && !price.ok ? price : null;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (!price.ok || !batch) return;
    create.mutate(linkRequest(batch.id, payer, price, form.reason), { onSuccess: (made) => { onCreated(made.paymentId); } });
  };

  return (
    <form onSubmit={submit} className="grid gap-4">
      <FormField label="Batch">
        {(control) => (
          <NativeSelect {...control} value={batchId} onChange={(event) => { setBatchId(event.target.value); }}>
            {batches.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name} · starts {formatCalendarDay(option.starts_on)}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">Price</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {CHANGES.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="price-change"
                value={option.value}
                checked={form.change === option.value}
                onChange={() => { setForm({ ...form, change: option.value }); }}
              />
              {option.value === "none" ? `${option.label} (${formatMoney(listPrice, currency)})` : option.label}
            </label>
          ))}
        </div>
      </fieldset>
      {form.change !== "none" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField label={form.change === "discount" ? "Discount in ₹" : "Amount in ₹"} error={problem?.field === "rupees" ? problem.message : undefined}>
            {(control) => <Input {...control} inputMode="decimal" value={form.rupees} onChange={(event) => { setForm({ ...form, rupees: event.target.value }); }} />}
          </FormField>
          <FormField label="Reason" error={problem?.field === "reason" ? problem.message : undefined}>
            {(control) => <Input {...control} maxLength={500} value={form.reason} onChange={(event) => { setForm({ ...form, reason: event.target.value }); }} />}
          </FormField>
        </div>
      ) : null}
      <p aria-live="polite" className="text-sm">
        {price.ok ? (
          <>
            The payer is asked for <strong>{formatMoney(price.amountPaise, currency)}</strong>
            {price.discountPaise > 0 ? ` (${formatMoney(price.discountPaise, currency)} off ${formatMoney(listPrice, currency)})` : ""}.
          </>
        ) : (
          "Enter the amount and the reason to see what the payer is asked for."
        )}
      </p>
      {create.isError ? (
        <Alert tone="error" title="The link was not created">
          {asSentence(create.error.message)} Check the form and try again.
        </Alert>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" busy={create.isPending}>
          Create and send
        </Button>
      </div>
    </form>
  );
}

function DialogBody({ to, onCreated, paymentId }: { to: PayerChoice; paymentId: string | null; onCreated: (id: string) => void }) {
  const { payer, name: payerName, courseId } = to;
  const batches = useCourseBatches(courseId);
  if (paymentId) {
    return (
      <>
        <LinkResult paymentId={paymentId} payerName={payerName} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Done</Button>
          </DialogClose>
        </DialogFooter>
      </>
    );
  }
  if (!courseId) return <Alert tone="info" title="No course chosen">Set the lead's course first; the link is for one of its batches.</Alert>;
  if (batches.status === "pending") return <p role="status" className="text-sm text-slate-600">Loading the course's batches…</p>;
  if (batches.status === "error") {
    return (
      <Alert tone="error" title="The batches could not be loaded">
        {batches.error.message} Close the dialog and try again.
      </Alert>
    );
  }
  if (batches.data.length === 0) {
    return <Alert tone="info" title="No batch to pay for">The course has no planned, open or running batch. Add one under Courses & batches first.</Alert>;
  }
  return <LinkForm batches={batches.data} payer={payer} onCreated={onCreated} />;
}

/** `to`: who pays, when the page already knows; without it the dialog first finds the payer. */
export function PaymentLinkDialog({ to }: { to?: PayerChoice }) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<PayerChoice | null>(null);
  const [paymentId, setPaymentId] = useState<string | null>(null);
  const payer = to ?? picked;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) return;
        setPaymentId(null);
        setPicked(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          {to ? <Link2 aria-hidden="true" /> : <Plus aria-hidden="true" />}
          {to ? "Send payment link" : "New payment link"}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Send a payment link</DialogTitle>
          <DialogDescription>
            {payer ? `To ${payer.name}, by email and WhatsApp.` : "Find the lead or student who pays; the link goes to them by email and WhatsApp."}
          </DialogDescription>
        </DialogHeader>
        {payer ? (
          <>
            {picked && !paymentId ? (
              <Button variant="link" size="inline" className="justify-self-start" onClick={() => { setPicked(null); }}>
                Choose someone else
              </Button>
            ) : null}
            <DialogBody to={payer} paymentId={paymentId} onCreated={setPaymentId} />
          </>
        ) : (
          <PayerPicker onPick={setPicked} />
        )}
      </DialogContent>
    </Dialog>
  );
}
