/** /admin/cta-review: course-page forms waiting for a decision; approving starts the welcome sequence. */
import { Check, X } from "lucide-react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { asSentence } from "@/lib/format/sentence";
import { formatDateTime, formatRelativeTime } from "@/lib/format/time";
import { consentSummary, submissionAnswers, submitterName, type PendingSubmission } from "../cta-review";
import { useDecideSubmission, usePendingSubmissions } from "../hooks/use-cta-review";

function SubmissionCard({ submission, timeZone, now }: { submission: PendingSubmission; timeZone: string; now: Date }) {
  const decide = useDecideSubmission();
  const name = submitterName(submission);
  const answers = submissionAnswers(submission.answers);
  const consents = consentSummary(submission.lead?.consents ?? []);
  const deciding = decide.isPending ? decide.variables.decision : null;
  return (
    <Card className="grid gap-3 p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-0.5">
          <h2 className="text-lg font-semibold">
            {submission.lead ? (
              <Link to={`/admin/leads/${submission.lead.id}`} className="text-brand-700 hover:underline">
                {name}
              </Link>
            ) : (
              name
            )}
          </h2>
          <p className="text-sm break-all text-slate-600">{[submission.lead?.email, submission.lead?.phone].filter(Boolean).join(" · ")}</p>
        </div>
        <time className="text-sm text-slate-600" dateTime={submission.submitted_at} title={formatDateTime(submission.submitted_at, timeZone)}>
          Sent {formatRelativeTime(submission.submitted_at, now, timeZone)}
        </time>
      </div>
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">Course</dt>
        <dd>{submission.course?.title ?? "None chosen"}</dd>
        {answers.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className="break-words whitespace-pre-wrap">{value}</dd>
          </div>
        ))}
        <dt className="text-slate-600">May contact by</dt>
        <dd>
          {consents.agreed}
          {consents.refused ? <Badge tone="danger" className="ml-2">Refused: {consents.refused}</Badge> : null}
        </dd>
        <dt className="text-slate-600">Submitted</dt>
        <dd>{formatDateTime(submission.submitted_at, timeZone)}</dd>
      </dl>
      <div className="flex flex-wrap justify-end gap-2">
        <ConfirmDialog
          trigger={
            <Button variant="outline" aria-label={`Reject ${name}`} busy={deciding === "reject"} disabled={decide.isPending}>
              <X aria-hidden="true" />
              Reject
            </Button>
          }
          title={`Reject ${name}'s form?`}
          description="Nothing is sent to them and the form leaves this list. The lead stays in the leads list."
          confirmLabel="Reject"
          onConfirm={() =>
            decide.mutateAsync({ id: submission.id, decision: "reject", name }).catch((error: unknown) => {
              throw new Error(asSentence(error instanceof Error ? error.message : "It was not rejected."));
            })
          }
        />
        <Button
          aria-label={`Approve ${name}`}
          busy={deciding === "approve"}
          disabled={decide.isPending}
          onClick={() => { decide.mutate({ id: submission.id, decision: "approve", name }); }}
        >
          <Check aria-hidden="true" />
          Approve
        </Button>
      </div>
    </Card>
  );
}

export function CtaReviewPage({ timeZone }: { timeZone: string }) {
  const query = usePendingSubmissions();
  const now = new Date();
  return (
    <div className="grid gap-4">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">CTA review</h1>
        <p className="text-slate-600">Forms from the course pages. Approving one starts the welcome sequence on the channels the person agreed to.</p>
      </header>
      {query.status === "pending" ? (
        <div role="status" aria-label="Loading the forms to review" className="grid gap-3">
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} className="h-44 w-full" />
          ))}
        </div>
      ) : query.status === "error" ? (
        <PageError title="The forms to review could not be loaded" onRetry={() => void query.refetch()}>
          {query.error.message} Check your connection, then try again.
        </PageError>
      ) : query.data.rows.length === 0 ? (
        <Card className="grid justify-items-center gap-2 p-8 text-center">
          <p className="font-medium">No forms are waiting for review.</p>
          <p className="text-sm text-slate-600">New course-page forms appear here. Meanwhile, follow up on the leads you have.</p>
          <Button asChild variant="outline" size="sm">
            <Link to="/admin/leads">Open the leads</Link>
          </Button>
        </Card>
      ) : (
        <>
          {query.data.total > query.data.rows.length ? (
            <p className="text-sm text-slate-600">
              Showing the oldest {query.data.rows.length} of {query.data.total.toLocaleString("en-IN")} waiting forms.
            </p>
          ) : null}
          <ul aria-label="Forms waiting for review" className="grid gap-3">
            {query.data.rows.map((submission) => (
              <li key={submission.id}>
                <SubmissionCard submission={submission} timeZone={timeZone} now={now} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
