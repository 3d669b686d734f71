/** /admin/inbox[/:conversationId]: threads on the left, the open thread on the right (one at a time on a phone). */
import { useState } from "react";
import { cn } from "@/lib/cn";
import { resolveTimeZone } from "@/lib/format/time";
import { useInboxRealtime } from "../hooks/use-inbox-realtime";
import type { InboxFilters } from "../inbox-model";
import type { Viewer } from "../presence";
import { ConversationList } from "./conversation-list";
import { ConversationThread } from "./conversation-thread";

interface InboxPageProps {
  conversationId: string | undefined;
  viewer: Viewer;
}

export function InboxPage({ conversationId, viewer }: InboxPageProps) {
  const [filters, setFilters] = useState<InboxFilters>({ channel: "all", status: "open" });
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  useInboxRealtime();

  return (
    <div className="grid gap-4">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Inbox</h1>
        <p className="text-slate-600">Every email, WhatsApp message, call and note with each contact, live.</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <div className={cn(conversationId && "hidden lg:grid")}>
          <ConversationList filters={filters} onFiltersChange={setFilters} timeZone={timeZone} />
        </div>
        {conversationId ? (
          <ConversationThread key={conversationId} conversationId={conversationId} viewer={viewer} timeZone={timeZone} />
        ) : (
          <p className="hidden self-center text-center text-slate-600 lg:block">Pick a conversation to read its timeline.</p>
        )}
      </div>
    </div>
  );
}
