/** A preview of an action's reach: the counts in a sentence, then the first leads reached and left out. */
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { describeReach, type AudienceLead, type AudiencePreview } from "@/lib/audience";

interface ReachSummaryProps {
  preview: AudiencePreview | undefined;
  status: "pending" | "error" | "success";
  error: Error | null;
  onRetry: () => void;
  verb?: string;
  /** Shows the first leads reached and left out, not just the counts. */
  showRows?: boolean;
}

function LeadList({ title, leads }: { title: string; leads: AudienceLead[] }) {
  if (leads.length === 0) return null;
  return (
    <div className="grid gap-1">
      <h3 className="text-sm font-medium">{title}</h3>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
        {leads.map((lead) => (
          <li key={lead.id} className="flex flex-wrap justify-between gap-x-3 px-3 py-1.5">
            <span>
              <span className="font-medium">{lead.full_name || "(no name)"}</span>{" "}
              <span className="break-all text-slate-600">{[lead.email, lead.phone].filter(Boolean).join(" · ")}</span>
            </span>
            {lead.excluded_reason ? <span className="text-amber-800">Excluded: {lead.excluded_reason}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReachSummary({ preview, status, error, onRetry, verb, showRows = false }: ReachSummaryProps) {
  if (status === "error") {
    return (
      <Alert tone="error" title="Could not count who would be reached">
        <p>{error?.message} Check your connection, then try again.</p>
        <Button variant="outline" size="sm" className="mt-2" onClick={onRetry}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (!preview) return <Skeleton className="h-5 w-full" />;
  return (
    <div className="grid gap-3">
      <p role="status" className="text-sm font-medium" data-testid="reach">
        {describeReach(preview, verb)}
      </p>
      {showRows ? (
        <>
          <LeadList title={`First of the ${preview.reachable.toLocaleString("en-IN")} reached`} leads={preview.sample} />
          <LeadList title="Left out" leads={preview.excluded_sample} />
        </>
      ) : null}
    </div>
  );
}
