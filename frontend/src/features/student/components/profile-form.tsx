/** The student's and their parent's contact; the sign-in email is shown but changes only through the center. */
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { loadPhoneRules } from "@/lib/validation/phone-rules";
import { useUpdateProfile } from "../hooks/use-profile-actions";
import { formValues, profileChanges, type ProfileValues, type StudentProfile } from "../student-profile";

const FIELDS: { name: keyof ProfileValues; label: string; type: string; autoComplete: string; hint?: string }[] = [
  { name: "full_name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "phone", label: "Your mobile number", type: "tel", autoComplete: "tel", hint: "Class reminders go to WhatsApp on this number." },
  { name: "parent_name", label: "Parent's name", type: "text", autoComplete: "off" },
  { name: "parent_phone", label: "Parent's mobile number", type: "tel", autoComplete: "off" },
  { name: "parent_email", label: "Parent's email", type: "email", autoComplete: "off" },
];

export function ProfileForm({ profile }: { profile: StudentProfile }) {
  const update = useUpdateProfile(profile.id);
  const form = useForm<ProfileValues>({ values: formValues(profile) });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    const { checkPhone } = await loadPhoneRules();
    const result = profileChanges(values, (input) => checkPhone(input));
    if (!result.ok) {
      for (const [name, message] of Object.entries(result.errors)) form.setError(name as keyof ProfileValues, { message });
      return;
    }
    await update.mutateAsync(result.changes).catch(() => undefined);
  });

  return (
    <form className="grid gap-4" noValidate onSubmit={(event) => void submit(event)}>
      <div className="grid gap-1 text-sm">
        <span className="font-medium">Sign-in email</span>
        <span>{profile.email ?? "None"}</span>
        <span className="text-slate-500">To change it, ask the center: it is how you sign in.</span>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((field) => (
          <FormField key={field.name} label={field.label} hint={field.hint} error={errors[field.name]?.message}>
            {(control) => <Input {...control} type={field.type} autoComplete={field.autoComplete} {...form.register(field.name)} />}
          </FormField>
        ))}
      </div>
      <Button type="submit" className="justify-self-start" busy={isSubmitting}>
        Save profile
      </Button>
    </form>
  );
}
