/** /admin/campaigns: compose a campaign, and every recent campaign with its reach. */
import { Link } from "react-router";
import { DataTable, type Column } from "@/components/ui/data-table";
import { CHANNEL_LABELS } from "@/lib/audience";
import { formatDateTime, resolveTimeZone } from "@/lib/format/time";
import type { CampaignRow } from "../api/list-campaigns";
import { templateLabel } from "../campaign-model";
import { useCampaigns } from "../hooks/use-campaigns";
import { CampaignComposer } from "./campaign-composer";

interface CampaignsPageProps {
  dayStart: (day: string, nextDay?: boolean) => string;
}

export function CampaignsPage({ dayStart }: CampaignsPageProps) {
  const campaigns = useCampaigns();
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const columns: Column<CampaignRow>[] = [
    {
      id: "name",
      header: "Campaign",
      cell: (c) => (
        <Link to={`/admin/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
          {c.name}
        </Link>
      ),
    },
    { id: "channel", header: "Channel", cell: (c) => CHANNEL_LABELS[c.channel] },
    { id: "template", header: "Template", cell: (c) => templateLabel(c.channel, c.template), className: "hidden md:table-cell" },
    { id: "recipients", header: "Recipients", cell: (c) => c.recipients.toLocaleString("en-IN") },
    { id: "excluded", header: "Left out", cell: (c) => c.excluded.toLocaleString("en-IN"), className: "hidden sm:table-cell" },
    { id: "created", header: "Sent", cell: (c) => formatDateTime(c.created_at, timeZone), className: "hidden sm:table-cell" },
  ];
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Campaigns</h1>
      <CampaignComposer dayStart={dayStart} />
      <h2 className="text-lg font-semibold">Recent campaigns</h2>
      <DataTable
        caption="Recent campaigns"
        columns={columns}
        rowKey={(c) => c.id}
        status={campaigns.status}
        rows={campaigns.data}
        error={campaigns.error}
        onRetry={() => void campaigns.refetch()}
        empty={{ title: "No campaigns yet", description: "Compose one above, or select leads on the Leads page." }}
      />
    </div>
  );
}
