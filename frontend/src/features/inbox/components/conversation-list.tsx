/** The inbox's threads with filters; a thread is a link, so the keyboard and the back button work. */
import { NavLink } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageError } from "@/components/ui/page-status";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { formatRelativeTime } from "@/lib/format/time";
import { useConversations } from "../hooks/use-conversations";
import { CHANNEL_LABELS, contactName, type InboxFilters } from "../inbox-model";

interface ConversationListProps {
  filters: InboxFilters;
  onFiltersChange: (filters: InboxFilters) => void;
  timeZone: string;
}

const CHANNELS = ["all", "whatsapp", "email", "call", "sms", "note"] as const;
const STATUSES = ["open", "closed", "all"] as const;

export function ConversationList({ filters, onFiltersChange, timeZone }: ConversationListProps) {
  const query = useConversations(filters);
  const filtered = filters.channel !== "all" || filters.status !== "open";
  return (
    <div className="grid content-start gap-3">
      <div className="grid grid-cols-2 gap-2">
        <Select value={filters.channel} onValueChange={(channel) => { onFiltersChange({ ...filters, channel: channel as InboxFilters["channel"] }); }}>
          <SelectTrigger aria-label="Last channel">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {CHANNELS.map((channel) => (
              <SelectItem key={channel} value={channel}>
                {channel === "all" ? "All channels" : CHANNEL_LABELS[channel]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={filters.status} onValueChange={(status) => { onFiltersChange({ ...filters, status: status as InboxFilters["status"] }); }}>
          <SelectTrigger aria-label="Status">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {STATUSES.map((status) => (
              <SelectItem key={status} value={status}>
                {status === "all" ? "Open and closed" : status === "open" ? "Open" : "Closed"}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {query.status === "pending" ? (
        <div role="status" aria-label="Loading conversations" className="grid gap-2">
          {Array.from({ length: 6 }, (_, index) => (
            <Skeleton key={index} className="h-16 w-full" />
          ))}
        </div>
      ) : query.status === "error" ? (
        <PageError title="The conversations could not be loaded" onRetry={() => void query.refetch()}>
          {query.error.message} Check your connection, then try again.
        </PageError>
      ) : query.data.length === 0 ? (
        <div className="rounded-md border border-dashed p-6 text-center text-sm text-slate-600">
          <p className="font-medium text-slate-900">No conversations here.</p>
          {filtered ? (
            <Button variant="link" size="inline" className="mt-1" onClick={() => { onFiltersChange({ channel: "all", status: "open" }); }}>
              Show all open conversations
            </Button>
          ) : (
            <p className="mt-1">Threads appear when a lead or student writes, or when the center messages them.</p>
          )}
        </div>
      ) : (
        <ul aria-label="Conversations" className="grid gap-1">
          {query.data.map((conversation) => (
            <li key={conversation.id}>
              <NavLink
                to={`/admin/inbox/${conversation.id}`}
                className={({ isActive }) =>
                  cn("block rounded-md border p-3 hover:bg-slate-50", isActive ? "border-brand-600 bg-brand-50" : "border-slate-200")
                }
              >
                <div className="flex items-center justify-between gap-2">
                  <span className={cn("truncate", conversation.unread_count > 0 && "font-semibold")}>{contactName(conversation)}</span>
                  {conversation.last_message_at ? (
                    <time className="shrink-0 text-xs text-slate-500" dateTime={conversation.last_message_at}>
                      {formatRelativeTime(conversation.last_message_at, new Date(), timeZone)}
                    </time>
                  ) : null}
                </div>
                <div className="mt-1 flex items-center gap-2 text-sm text-slate-600">
                  {conversation.last_channel ? <Badge>{CHANNEL_LABELS[conversation.last_channel]}</Badge> : null}
                  <span className="truncate">{conversation.last_message_preview ?? "No messages yet"}</span>
                  {conversation.unread_count > 0 ? (
                    <Badge tone="info" className="ml-auto shrink-0">
                      {conversation.unread_count} unread
                    </Badge>
                  ) : null}
                </div>
              </NavLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
