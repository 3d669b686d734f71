/**
 * A contact's timeline, oldest first, kept at the newest entry: messages, calls and notes, plus any
 * `extra` entries (e.g. payments) placed by time. Live when the page runs useInboxRealtime.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { useTimeline } from "../hooks/use-timeline";
import { mergeByTime, type TimelineExtra } from "../inbox-model";
import { MessageItem } from "./message-item";

interface ConversationTimelineProps {
  conversationId: string;
  timeZone: string;
  extra?: TimelineExtra[];
  /** Shown when there is nothing at all yet. */
  empty?: ReactNode;
}

export function ConversationTimeline({ conversationId, timeZone, extra = [], empty }: ConversationTimelineProps) {
  const query = useTimeline(conversationId);
  const end = useRef<HTMLDivElement>(null);
  const count = (query.data?.length ?? 0) + extra.length;
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [count]);

  if (query.status === "pending") {
    return (
      <div role="status" aria-label="Loading the timeline" className="grid gap-2">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-20 w-full" />
        ))}
      </div>
    );
  }
  if (query.status === "error") {
    return (
      <PageError title="The timeline could not be loaded" onRetry={() => void query.refetch()}>
        {query.error.message} Check your connection, then try again.
      </PageError>
    );
  }
  if (count === 0) return <p className="py-8 text-center text-sm text-slate-600">{empty ?? "No messages with this contact yet."}</p>;
  return (
    <>
      <ol aria-label="Timeline" className="grid gap-3">
        {mergeByTime(query.data, extra).map((entry) =>
          "element" in entry ? <li key={entry.key}>{entry.element}</li> : <MessageItem key={entry.id} message={entry} timeZone={timeZone} />,
        )}
      </ol>
      <div ref={end} />
    </>
  );
}
