/**
 * The landing page's "I'm interested" form: inline validation, per-channel consent, a honeypot
 * for bots, and a thank-you message once the service has the lead.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ServiceError } from "@/lib/service-error";
import type { Utm } from "@/lib/utm";
import { loadPhoneRules } from "@/lib/validation/phone-rules";
import { submitLead } from "../api/submit-lead";
import { emptyLeadForm, leadFormSchema, splitFieldErrors, toLeadPayload, type LeadFormValues } from "../lead-form";

interface LeadFormProps {
  courses: { slug: string; title: string }[];
  courseSlug: string;
  utm: Utm;
}

const CHANNELS = [
  { key: "email", label: "Email me about this course" },
  { key: "whatsapp", label: "Message me on WhatsApp" },
  { key: "call", label: "Call me (an automated assistant may call for the center)" },
] as const;

function ThankYou({ name, email }: { name: string; email: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="grid gap-2" role="status">
      <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold outline-none">
        Thank you, {name}!
      </h2>
      <p className="text-slate-700">
        We have your details and will be in touch soon, only on the channels you chose. A confirmation is on its
        way to {email}.
      </p>
    </div>
  );
}

export function LeadForm({ courses, courseSlug, utm }: LeadFormProps) {
  const [sent, setSent] = useState<{ name: string; email: string } | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const form = useForm<LeadFormValues>({ resolver: zodResolver(leadFormSchema), defaultValues: emptyLeadForm(courseSlug) });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setOtherErrors([]);
    try {
      // Validation has loaded the rules whenever a number was typed.
      const phone = values.phone.trim() === "" ? null : (await loadPhoneRules()).normalizePhone(values.phone);
      const payload = toLeadPayload(values, utm, phone);
      await submitLead(payload);
      setSent({ name: payload.name, email: payload.email });
    } catch (error) {
      if (!(error instanceof ServiceError)) {
        form.setError("root", { message: "Your details could not be sent. Try again in a minute." });
        return;
      }
      const { byField, other } = splitFieldErrors(error.fields);
      for (const [path, message] of Object.entries(byField)) {
        form.setError(path as keyof typeof byField, { message }, { shouldFocus: true });
      }
      setOtherErrors(other);
      form.setError("root", { message: error.message });
    }
  });

  if (sent) return <ThankYou {...sent} />;

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4" aria-label="I'm interested">
      {errors.root?.message ? (
        <Alert tone="error" title={errors.root.message}>
          {otherErrors.length > 0 ? (
            <ul className="list-disc pl-4">
              {otherErrors.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <FormField label="Your name" error={errors.name?.message}>
        {(control) => <Input {...control} {...form.register("name")} autoComplete="name" />}
      </FormField>
      <FormField label="Email" error={errors.email?.message}>
        {(control) => <Input {...control} {...form.register("email")} type="email" autoComplete="email" />}
      </FormField>
      <FormField label="Mobile number" error={errors.phone?.message} hint="Needed for WhatsApp and calls. India (+91) unless you type another code.">
        {(control) => (
          <Input
            {...control}
            {...form.register("phone")}
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            onFocus={() => void loadPhoneRules()}
          />
        )}
      </FormField>
      <Controller
        control={form.control}
        name="course_slug"
        render={({ field }) => (
          <FormField label="Course" error={errors.course_slug?.message}>
            {(control) => (
              <Select value={field.value} onValueChange={field.onChange} name={field.name}>
                <SelectTrigger {...control} ref={field.ref} onBlur={field.onBlur}>
                  <SelectValue placeholder="Choose a course" />
                </SelectTrigger>
                <SelectContent>
                  {courses.map((course) => (
                    <SelectItem key={course.slug} value={course.slug}>
                      {course.title}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
        )}
      />
      <fieldset className="grid gap-3" aria-describedby={errors.consents?.message ? "consents-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-800">How may we contact you?</legend>
        {CHANNELS.map(({ key, label }) => (
          <Controller
            key={key}
            control={form.control}
            name={`consents.${key}`}
            render={({ field }) => (
              <FormField layout="inline" label={label} error={errors.consents?.[key]?.message}>
                {(control) => (
                  <Checkbox
                    {...control}
                    ref={field.ref}
                    name={field.name}
                    checked={field.value}
                    onCheckedChange={(checked) => { field.onChange(checked === true); }}
                    onBlur={field.onBlur}
                  />
                )}
              </FormField>
            )}
          />
        ))}
        {errors.consents?.message ? (
          <p id="consents-error" className="text-sm font-medium text-red-700">
            {errors.consents.message}
          </p>
        ) : null}
        <p className="text-sm text-slate-500">You can stop messages at any time by replying STOP or using the link in any email.</p>
      </fieldset>
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="lead-website">Leave this field empty</label>
        <input id="lead-website" type="text" tabIndex={-1} autoComplete="off" {...form.register("website")} />
      </div>
      <Button type="submit" size="lg" busy={isSubmitting}>
        Send my details
      </Button>
    </form>
  );
}
