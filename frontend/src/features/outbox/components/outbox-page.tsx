/** /admin/outbox: messages waiting, paused by an admin, or given up after their last attempt. */
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { resolveTimeZone } from "@/lib/format/time";
import type { OutboxView } from "../outbox-item";
import { OutboxTable } from "./outbox-table";

const VIEWS: { view: OutboxView; label: string }[] = [
  { view: "dead", label: "Dead-lettered" },
  { view: "pending", label: "Pending" },
  { view: "paused", label: "Paused" },
];

export function OutboxPage() {
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <div className="grid gap-4">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Outbox</h1>
        <p className="text-slate-600">
          Every email, WhatsApp message, call and payment link the service sends passes through here. Retry what gave up,
          pause what should wait, cancel what must not go out.
        </p>
      </header>
      <Tabs defaultValue="dead">
        <TabsList aria-label="Outbox lists" className="max-w-md">
          {VIEWS.map(({ view, label }) => (
            <TabsTrigger key={view} value={view}>
              {label}
            </TabsTrigger>
          ))}
        </TabsList>
        {VIEWS.map(({ view }) => (
          <TabsContent key={view} value={view} className="overflow-x-auto">
            <OutboxTable view={view} timeZone={timeZone} />
          </TabsContent>
        ))}
      </Tabs>
    </div>
  );
}
