/** /student/home: "Your batches" with each batch's next session in the viewer's zone, and next steps. */
import { Link } from "react-router";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { useMyBatches, useMyConsents, useMyPayments, useMyProfile, useUpcomingSessions } from "../hooks/use-student-data";
import { viewerTimeZone } from "../hooks/use-viewer-time-zone";
import { batchCards, nextSteps } from "../student-portal";
import { BatchCard } from "./batch-card";
import { NextSteps } from "./next-steps";

function Batches({ userId, timeZone }: { userId: string; timeZone: string }) {
  const batches = useMyBatches(userId);
  const sessions = useUpcomingSessions(userId);
  const payments = useMyPayments(userId);
  const profile = useMyProfile(userId);
  const consents = useMyConsents(userId);
  const queries = [batches, sessions, payments, profile, consents];
  const failed = queries.find((query) => query.isError);

  if (failed) {
    return (
      <PageError title="Your batches could not be loaded" onRetry={() => { for (const query of queries) void query.refetch(); }}>
        {failed.error.message} Check your connection, then try again.
      </PageError>
    );
  }
  if (!batches.data || !sessions.data || !payments.data || !profile.data || !consents.data) {
    return (
      <div role="status" aria-label="Loading your batches" className="grid gap-3 md:grid-cols-2">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  const now = new Date();
  const cards = batchCards(batches.data, sessions.data, now);
  const steps = nextSteps({ payments: payments.data, phone: profile.data.phone, consentCount: consents.data.length, cards });
  return (
    <div className="grid gap-6">
      {cards.length === 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>You're not in a batch yet</CardTitle>
            <CardDescription>
              Your batch appears here as soon as your payment is confirmed. Paid already? See{" "}
              <Link className="text-brand-700 underline" to="/student/payments">
                your payments
              </Link>{" "}
              or reply to our last message.
            </CardDescription>
          </CardHeader>
        </Card>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          {cards.map((card) => (
            <BatchCard key={card.enrollmentId} card={card} now={now} timeZone={timeZone} />
          ))}
        </div>
      )}
      <Card aria-labelledby="next-steps">
        <CardHeader>
          <CardTitle id="next-steps">Next steps</CardTitle>
        </CardHeader>
        <CardContent>
          <NextSteps steps={steps} timeZone={timeZone} />
        </CardContent>
      </Card>
    </div>
  );
}

export function StudentHomePage({ userId }: { userId: string }) {
  const profile = useMyProfile(userId);
  const timeZone = viewerTimeZone(profile.data?.timezone);
  return (
    <div className="grid gap-4">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Your batches</h1>
        <p className="text-sm text-slate-600">Times are shown in {timeZone}.</p>
      </header>
      <Batches userId={userId} timeZone={timeZone} />
    </div>
  );
}
