/** Cadences, the sending window, opt-out words, the payment provider and the automation switches. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useSaveAutomationSettings } from "../hooks/use-settings";
import { automationFormValues, automationSchema, type AutomationSettingsRow } from "../settings-model";
import { FormFrame } from "./form-frame";

const checkboxClass = "size-5 accent-brand-600";

export function AutomationForm({ row }: { row: AutomationSettingsRow }) {
  const save = useSaveAutomationSettings();
  const form = useForm({ resolver: zodResolver(automationSchema), values: automationFormValues(row) });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => save.mutateAsync(values).catch(() => undefined));

  return (
    <FormFrame label="Automation" saveLabel="Save automation" busy={save.isPending} onSubmit={(event) => void submit(event)}>
      <FormField label="Calls and WhatsApp from" hint="In each contact's own time zone." error={errors.quiet_hours_start?.message}>
        {(control) => <Input {...control} {...form.register("quiet_hours_start")} type="time" />}
      </FormField>
      <FormField label="Calls and WhatsApp until" error={errors.quiet_hours_end?.message}>
        {(control) => <Input {...control} {...form.register("quiet_hours_end")} type="time" />}
      </FormField>
      <FormField label="Follow-up days" hint="Days after the welcome, such as 1, 3, 7." error={errors.follow_up_days?.message}>
        {(control) => <Input {...control} {...form.register("follow_up_days")} inputMode="numeric" />}
      </FormField>
      <FormField label="Fee reminder days" hint="Days after an unpaid link, such as 1, 3, 5." error={errors.fee_reminder_days?.message}>
        {(control) => <Input {...control} {...form.register("fee_reminder_days")} inputMode="numeric" />}
      </FormField>
      <FormField label="Opt-out words" hint="One a line, added to the built-in STOP, बंद and others. A reply that is just one of them stops messages on that channel; START resumes them." error={errors.opt_out_keywords?.message}>
        {(control) => <Textarea {...control} {...form.register("opt_out_keywords")} rows={5} />}
      </FormField>
      <div className="grid content-start gap-4">
        <FormField label="Payment provider" hint="New payment links use it." error={errors.payment_provider?.message}>
          {(control) => (
            <NativeSelect {...control} {...form.register("payment_provider")}>
              <option value="instamojo">Instamojo</option>
              <option value="phonepe">PhonePe</option>
            </NativeSelect>
          )}
        </FormField>
        <FormField layout="inline" label="Send a payment link when a lead says they are interested">
          {(control) => <input {...control} {...form.register("send_payment_link_when_interested")} type="checkbox" className={checkboxClass} />}
        </FormField>
        <FormField layout="inline" label="Cancel the enrollment when its payment is refunded in full">
          {(control) => <input {...control} {...form.register("cancel_enrollment_on_refund")} type="checkbox" className={checkboxClass} />}
        </FormField>
      </div>
    </FormFrame>
  );
}
