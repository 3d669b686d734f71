/** /admin/settings: the center's profile, how automation behaves, and the providers' secrets. */
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { useAutomationSettings, useCenterSettings, useProviderCredentials } from "../hooks/use-settings";
import { AutomationForm } from "./automation-form";
import { CenterForm } from "./center-form";
import { ProviderCredentials } from "./provider-credentials";

interface Loaded<T> {
  status: "pending" | "error" | "success";
  data: T | undefined;
  error: Error | null;
  refetch: () => unknown;
}

/** A section's loading and error states around its form. */
function Section<T>({ title, description, query, children }: { title: string; description: string; query: Loaded<T>; children: (data: T) => ReactNode }) {
  let body: ReactNode;
  if (query.status === "pending") body = <PageLoading label={`Loading ${title.toLowerCase()}…`} />;
  else if (query.status === "error" || query.data === undefined)
    body = (
      <PageError title={`${title} could not be loaded`} onRetry={() => void query.refetch()}>
        {query.error?.message ?? "Nothing came back."} Check your connection and try again.
      </PageError>
    );
  else body = children(query.data);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}

export function SettingsPage() {
  const center = useCenterSettings();
  const automation = useAutomationSettings();
  const credentials = useProviderCredentials();
  return (
    <div className="grid gap-4">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-slate-600">What students see of the center, how automation behaves, and the providers it uses.</p>
      </header>
      <Section title="Center profile" description="Shown on course pages and receipts." query={center}>
        {(row) => <CenterForm row={row} />}
      </Section>
      <Section title="Automation" description="When and how often Coachbase contacts leads and students." query={automation}>
        {(row) => <AutomationForm row={row} />}
      </Section>
      <Section title="Provider credentials" description="Secrets are sealed by the service and never shown again; only their last characters are." query={credentials}>
        {(stored) => <ProviderCredentials stored={stored} />}
      </Section>
    </div>
  );
}
