/**
 * /admin/leads/:leadId: who the lead is (contact, course, source, UTM, consents), its status and
 * tags, and the slots the app fills: actions (call, payment link) and the timeline with composers.
 */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/format/time";
import { useLead } from "../hooks/use-lead";
import { consentRows, leadDisplayName, utmPairs, type LeadDetail } from "../lead-detail";
import { LEAD_SOURCES } from "../lead-query";
import { LeadStatusControl } from "./lead-status-control";
import { LeadTags } from "./lead-tags";
import { StatusBadge } from "./status-badge";

interface LeadDetailPageProps {
  leadId: string;
  timeZone: string;
  actions: (lead: LeadDetail) => ReactNode;
  children: (lead: LeadDetail) => ReactNode;
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Consents({ lead }: { lead: LeadDetail }) {
  const parties = lead.parent_name || lead.parent_email || lead.parent_phone || lead.consents.some((c) => c.party === "parent") ? (["self", "parent"] as const) : (["self"] as const);
  return (
    <div className="grid gap-3">
      {parties.map((party) => (
        <div key={party}>
          <h3 className="mb-1 text-sm font-medium">{party === "self" ? "The lead" : "Parent"}</h3>
          <ul aria-label={party === "self" ? "The lead's consents" : "The parent's consents"} className="grid gap-1 text-sm">
            {consentRows(lead.consents, party).map((row) => (
              <li key={row.channel} className="flex justify-between gap-2">
                <span className="text-slate-600">{row.channel}</span>
                <span className={cn(row.optedOut && "font-medium text-red-700")}>{row.state}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function LeadFacts({ lead, timeZone }: { lead: LeadDetail; timeZone: string }) {
  const contact: [string, ReactNode][] = [
    ["Email", lead.email ?? "—"],
    ["Phone", lead.phone ?? "—"],
    ...(lead.parent_name || lead.parent_phone || lead.parent_email
      ? ([["Parent", [lead.parent_name, lead.parent_phone, lead.parent_email].filter(Boolean).join(" · ")]] as [string, ReactNode][])
      : []),
    ...(lead.city ? ([["City", lead.city]] as [string, ReactNode][]) : []),
    ["Course", lead.course?.title ?? "None chosen"],
    ["Source", LEAD_SOURCES.find((source) => source.value === lead.source)?.label ?? lead.source],
    ["Created", formatDateTime(lead.created_at, timeZone)],
  ];
  const utm = utmPairs(lead);
  return (
    <div className="grid content-start gap-4">
      <Card>
        <CardHeader>
          <CardTitle>Contact</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Facts rows={contact} />
          {utm.length > 0 ? (
            <div>
              <h3 className="mb-1 text-sm font-medium">Campaign (UTM)</h3>
              <Facts rows={utm} />
            </div>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Status and tags</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <LeadStatusControl key={lead.status} leadId={lead.id} status={lead.status} />
          {lead.status === "lost" && lead.lost_reason ? <p className="text-sm text-slate-700">Lost: {lead.lost_reason}</p> : null}
          <LeadTags leadId={lead.id} tags={lead.tags} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Consents</CardTitle>
        </CardHeader>
        <CardContent>
          <Consents lead={lead} />
        </CardContent>
      </Card>
    </div>
  );
}

export function LeadDetailPage({ leadId, timeZone, actions, children }: LeadDetailPageProps) {
  const query = useLead(leadId);
  if (query.status === "pending") return <PageLoading label="Loading the lead…" />;
  if (query.status === "error") {
    return (
      <PageError title="The lead could not be loaded" onRetry={() => void query.refetch()}>
        {query.error.message} Check your connection, then try again.
      </PageError>
    );
  }
  const lead = query.data;
  if (!lead) {
    return (
      <PageError title="There is no such lead">
        It may have been deleted or merged into another. <Link className="underline" to="/admin/leads">Find it in the leads list.</Link>
      </PageError>
    );
  }
  const name = leadDisplayName(lead);
  return (
    <div className="grid gap-4">
      <header className="grid gap-2">
        <BackLink to="/admin/leads" className="justify-self-start">
          All leads
        </BackLink>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold break-words">{name}</h1>
          <p className="flex items-center gap-1 text-sm text-slate-600">
            Status: <StatusBadge status={lead.status} />
          </p>
          <div className="flex flex-wrap gap-2 sm:ml-auto">{actions(lead)}</div>
        </div>
      </header>
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <LeadFacts lead={lead} timeZone={timeZone} />
        <div className="grid min-w-0 content-start gap-4">{children(lead)}</div>
      </div>
    </div>
  );
}
