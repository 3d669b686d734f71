/** /admin/campaigns/:id — a campaign's reach and each message's delivery, live (Realtime, polling as fallback). */
import { ArrowLeft } from "lucide-react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { CHANNEL_LABELS } from "@/lib/audience";
import { formatDateTime, resolveTimeZone } from "@/lib/format/time";
import { MESSAGES_SHOWN, type CampaignMessage } from "../api/list-campaign-messages";
import { callOutcome, leadOf, STATUS_ORDER, statusLabel, statusTotals, templateLabel } from "../campaign-model";
import { useCampaignRealtime } from "../hooks/use-campaign-realtime";
import { useCampaign, useCampaignCounts, useCampaignMessages } from "../hooks/use-campaigns";

function StatusCounts({ id }: { id: string }) {
  const counts = useCampaignCounts(id);
  if (counts.isError) return <p className="text-sm text-red-700">The delivery counts could not be loaded; they retry by themselves.</p>;
  const totals = statusTotals(counts.data ?? []);
  return (
    <dl aria-label="Delivery" className="grid grid-cols-2 gap-2 sm:grid-cols-5">
      {STATUS_ORDER.map(({ status, label }) => (
        <Card key={status} className="p-3">
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className="text-2xl font-semibold">{counts.data ? (totals[status] ?? 0).toLocaleString("en-IN") : "…"}</dd>
        </Card>
      ))}
    </dl>
  );
}

export function CampaignDetailPage({ id }: { id: string }) {
  const campaign = useCampaign(id);
  const messages = useCampaignMessages(id);
  useCampaignRealtime(id);
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);

  if (campaign.isPending) return <PageLoading label="Loading the campaign…" />;
  if (campaign.isError) {
    return (
      <PageError title="The campaign could not be loaded" onRetry={() => void campaign.refetch()}>
        {campaign.error.message} Check your connection, then try again.
      </PageError>
    );
  }
  if (!campaign.data) {
    return (
      <PageError title="No such campaign">
        It may have been removed. <Link to="/admin/campaigns" className="underline">Back to campaigns</Link>
      </PageError>
    );
  }
  const c = campaign.data;
  const columns: Column<CampaignMessage>[] = [
    { id: "lead", header: "Lead", cell: (m) => leadOf(m)?.full_name || "(no name)" },
    { id: "contact", header: "To", cell: (m) => (c.channel === "email" ? leadOf(m)?.email : leadOf(m)?.phone) ?? "—", className: "hidden sm:table-cell break-all" },
    { id: "status", header: "Status", cell: (m) => <Badge tone={m.status === "failed" || m.status === "bounced" ? "danger" : "neutral"}>{statusLabel(m.status, m.error)}</Badge> },
    ...(c.channel === "call" ? [{ id: "outcome", header: "Outcome", cell: (m: CampaignMessage) => callOutcome(m) }] : []),
  ];
  const reasons = Object.entries(c.excluded_reasons as Record<string, number>);
  return (
    <div className="grid gap-4">
      <Link to="/admin/campaigns" className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> Campaigns
      </Link>
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold">{c.name}</h1>
        <p className="text-sm text-slate-600">
          {CHANNEL_LABELS[c.channel]} · {templateLabel(c.channel, c.template)} · {formatDateTime(c.created_at, timeZone)} · {c.recipients.toLocaleString("en-IN")} recipients
          {c.excluded ? `, ${c.excluded.toLocaleString("en-IN")} left out (${reasons.map(([reason, n]) => `${n} ${reason}`).join(", ")})` : ""}
        </p>
      </div>
      <StatusCounts id={id} />
      <DataTable
        caption={messages.data && messages.data.total > MESSAGES_SHOWN ? `The first ${MESSAGES_SHOWN} of ${messages.data.total.toLocaleString("en-IN")} messages` : "Messages"}
        columns={columns}
        rowKey={(m) => m.id}
        status={messages.status}
        rows={messages.data?.rows}
        error={messages.error}
        onRetry={() => void messages.refetch()}
        empty={{ title: "No messages", description: "This campaign queued nothing." }}
      />
    </div>
  );
}
