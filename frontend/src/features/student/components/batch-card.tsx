/** One batch the student is in: course, batch, dates and the next session with its join button. */
import { CalendarClock, Video } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCalendarDay, formatDateTime, formatRelativeTime } from "@/lib/format/time";
import { canJoin, type BatchCard as BatchCardModel } from "../student-portal";

export function BatchCard({ card, now, timeZone }: { card: BatchCardModel; now: Date; timeZone: string }) {
  const session = card.nextSession;
  return (
    <Card aria-labelledby={`batch-${card.batchId}`}>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <CardTitle id={`batch-${card.batchId}`}>{card.course}</CardTitle>
          <Badge tone={card.finished ? "neutral" : "success"}>{card.finished ? "Finished" : "Active"}</Badge>
        </div>
        <CardDescription>
          {card.batch} · from {formatCalendarDay(card.startsOn)}
          {card.endsOn ? ` to ${formatCalendarDay(card.endsOn)}` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {session ? (
          <div className="flex items-start gap-2">
            <CalendarClock className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden="true" />
            <p>
              <span className="text-slate-600">Next session: </span>
              <time dateTime={session.starts_at}>{formatDateTime(session.starts_at, timeZone)}</time>
              <span className="text-slate-600"> ({formatRelativeTime(session.starts_at, now, timeZone)})</span>
              <br />
              <span className="text-slate-600">{session.title}</span>
            </p>
          </div>
        ) : (
          <p className="text-slate-600">{card.finished ? "This batch has ended." : "No session is scheduled yet; it will appear here, with its join button, once it is."}</p>
        )}
        {session && canJoin(session, now) && session.join_url ? (
          <Button asChild className="justify-self-start">
            <a href={session.join_url} target="_blank" rel="noreferrer">
              <Video className="size-4" aria-hidden="true" />
              Join the session
            </a>
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
