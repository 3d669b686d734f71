/** The refund dialog's form, loaded when the dialog opens (its form and schema libraries stay out of the page). */
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { formatMoney } from "@/lib/format/money";
import { useRequestRefund } from "../hooks/use-payment-actions";
import { refundBody, refundSchema } from "../refund";
import { refundablePaise, type RefundCandidate } from "../refundable";

export interface RefundDialogProps {
  payment: RefundCandidate & { id: string; currency: string };
  payerName: string;
}

export default function RefundForm({ payment, payerName, onDone }: RefundDialogProps & { onDone: () => void }) {
  const refund = useRequestRefund();
  const refundable = refundablePaise(payment);
  const form = useForm({ resolver: zodResolver(refundSchema(refundable)), defaultValues: { kind: "full" as const, amount: "", reason: "" } });
  const { errors } = form.formState;
  const kind = useWatch({ control: form.control, name: "kind" });
  const submit = form.handleSubmit(async (values) => {
    try {
      await refund.mutateAsync({ paymentId: payment.id, body: refundBody(values) });
      onDone();
    } catch (error) {
      form.setError("root", { message: error instanceof Error ? error.message : "The refund was not requested." });
    }
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      {errors.root?.message ? <Alert tone="error" title="No refund was requested">{errors.root.message}</Alert> : null}
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">How much</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" value="full" {...form.register("kind")} className="size-4 accent-brand-600" />
          Everything that is left: {formatMoney(refundable, payment.currency)}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" value="part" {...form.register("kind")} className="size-4 accent-brand-600" />
          Part of it
        </label>
      </fieldset>
      {kind === "part" ? (
        <FormField label="Amount to refund (₹)" error={errors.amount?.message}>
          {(control) => <Input {...control} {...form.register("amount")} inputMode="decimal" />}
        </FormField>
      ) : null}
      <FormField label="Reason" hint={`Recorded with the refund to ${payerName}.`} error={errors.reason?.message}>
        {(control) => <Textarea {...control} {...form.register("reason")} rows={3} />}
      </FormField>
      <DialogFooter>
        <Button type="submit" variant="destructive" busy={refund.isPending}>
          Request refund
        </Button>
      </DialogFooter>
    </form>
  );
}

