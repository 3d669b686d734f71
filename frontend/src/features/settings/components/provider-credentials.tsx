/** Write-only provider secrets: new values go to the service, which seals them; only hints come back. */
import { useState, type SyntheticEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useDeleteCredential, useSaveCredentials } from "../hooks/use-settings";
import { credentialChanges, describeCredential, PROVIDER_CREDENTIALS, type StoredCredential } from "../settings-model";

type Provider = (typeof PROVIDER_CREDENTIALS)[number];

function ProviderForm({ provider, stored }: { provider: Provider; stored: StoredCredential[] }) {
  const save = useSaveCredentials();
  const remove = useDeleteCredential();
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const storedFor = (name: string) => stored.find((entry) => entry.provider === provider.provider && entry.name === name);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const changes = credentialChanges(values);
    if (Object.keys(changes).length === 0) {
      setProblem("Enter at least one new value to save.");
      return;
    }
    setProblem(null);
    save.mutate({ provider: provider.provider, values: changes }, { onSuccess: () => { setValues({}); } });
  };

  return (
    <form noValidate onSubmit={submit} aria-label={provider.label} className="grid gap-3 rounded-md border border-slate-200 p-4">
      <h3 className="font-medium">{provider.label}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        {provider.fields.map((field) => {
          const entry = storedFor(field.name);
          return (
            <div key={field.name} className="grid content-start gap-1.5">
              <FormField label={`${provider.label}: ${field.label}`} hint={describeCredential(entry)}>
                {(control) => (
                  <Input
                    {...control}
                    type="password"
                    autoComplete="new-password"
                    spellCheck={false}
                    placeholder={entry ? "Enter a new value to replace it" : "Enter the value"}
                    value={values[field.name] ?? ""}
                    onChange={(event) => { setValues({ ...values, [field.name]: event.target.value }); }}
                  />
                )}
              </FormField>
              {entry ? (
                <ConfirmDialog
                  trigger={
                    <Button type="button" variant="outline" size="sm" className="justify-self-start">
                      Remove {field.label}
                    </Button>
                  }
                  title={`Remove the stored ${field.label}?`}
                  description={`${provider.label} will use the service's environment value for it, if there is one; otherwise it stops working until a new value is saved.`}
                  confirmLabel="Remove it"
                  onConfirm={() => remove.mutateAsync({ provider: provider.provider, name: field.name })}
                />
              ) : null}
            </div>
          );
        })}
      </div>
      {problem ? <p className="text-sm font-medium text-red-700">{problem}</p> : null}
      <div>
        <Button type="submit" busy={save.isPending}>
          Save {provider.label}
        </Button>
      </div>
    </form>
  );
}

export function ProviderCredentials({ stored }: { stored: StoredCredential[] }) {
  return (
    <div className="grid gap-4">
      {PROVIDER_CREDENTIALS.map((provider) => (
        <ProviderForm key={provider.provider} provider={provider} stored={stored} />
      ))}
    </div>
  );
}
