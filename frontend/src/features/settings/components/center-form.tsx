/** The center's public profile and time zone (center_settings). */
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useSaveCenterSettings } from "../hooks/use-settings";
import { centerFormValues, centerSchema, type CenterSettingsRow } from "../settings-model";
import { FormFrame } from "./form-frame";

export function CenterForm({ row }: { row: CenterSettingsRow }) {
  const save = useSaveCenterSettings();
  const form = useForm({ resolver: zodResolver(centerSchema), values: centerFormValues(row) });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => save.mutateAsync(values).catch(() => undefined));

  return (
    <FormFrame label="Center profile" saveLabel="Save profile" busy={save.isPending} onSubmit={(event) => void submit(event)}>
      <FormField label="Center name" error={errors.name?.message}>
        {(control) => <Input {...control} {...form.register("name")} autoComplete="organization" />}
      </FormField>
      <FormField label="Legal name" hint="Printed on receipts, if it differs." error={errors.legal_name?.message}>
        {(control) => <Input {...control} {...form.register("legal_name")} />}
      </FormField>
      <FormField label="Time zone" hint="Dates and session times are shown in it." error={errors.timezone?.message}>
        {(control) => <Input {...control} {...form.register("timezone")} list="time-zones" />}
      </FormField>
      <datalist id="time-zones">
        {["Asia/Kolkata", "Asia/Dubai", "Asia/Singapore", "Europe/London", "America/New_York", "UTC"].map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FormField label="GSTIN" error={errors.gstin?.message}>
        {(control) => <Input {...control} {...form.register("gstin")} autoCapitalize="characters" />}
      </FormField>
      <FormField label="Contact email" error={errors.contact_email?.message}>
        {(control) => <Input {...control} {...form.register("contact_email")} type="email" autoComplete="email" />}
      </FormField>
      <FormField label="Contact phone" error={errors.contact_phone?.message}>
        {(control) => <Input {...control} {...form.register("contact_phone")} type="tel" autoComplete="tel" />}
      </FormField>
      <FormField label="Website" error={errors.website_url?.message}>
        {(control) => <Input {...control} {...form.register("website_url")} type="url" inputMode="url" />}
      </FormField>
      <FormField label="Address" error={errors.address?.message} className="sm:col-span-2">
        {(control) => <Textarea {...control} {...form.register("address")} rows={3} />}
      </FormField>
    </FormFrame>
  );
}
