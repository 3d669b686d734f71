/** One timeline entry: a message with its delivery ticks or a loud failure, a call with its outcome, or a note. */
import { Check, CheckCheck, Clock, Phone, ShieldAlert, StickyNote, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/format/time";
import { CHANNEL_LABELS, deliveryOf, failureReason, formatDuration, type TimelineMessage } from "../inbox-model";

function DeliveryState({ message }: { message: TimelineMessage }) {
  const delivery = deliveryOf(message.status);
  if (delivery.kind === "none") return null;
  if (delivery.kind === "failed") {
    return (
      <div role="alert" className="mt-2 flex gap-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900">
        <XCircle className="size-4 shrink-0 text-red-600" aria-hidden="true" />
        <span>
          <strong>{delivery.label}:</strong> {failureReason(message)}
        </span>
      </div>
    );
  }
  const Icon = delivery.ticks === 0 ? Clock : delivery.ticks === 1 ? Check : CheckCheck;
  return (
    <span className={cn("inline-flex items-center gap-1 text-xs", delivery.read ? "text-sky-600" : "text-slate-500")}>
      <Icon className="size-3.5" aria-hidden="true" />
      {delivery.label}
    </span>
  );
}

function CallDetail({ call }: { call: NonNullable<TimelineMessage["call"]> }) {
  return (
    <div className="mt-2 grid gap-2 text-sm">
      <div className="flex flex-wrap gap-2">
        <Badge tone={call.status === "completed" ? "success" : call.status === "failed" ? "danger" : "neutral"}>
          {call.status.replace("_", " ")}
        </Badge>
        {call.disposition ? <Badge tone="info">{call.disposition}</Badge> : null}
        {call.duration_seconds !== null ? <span className="text-slate-600">{formatDuration(call.duration_seconds)}</span> : null}
      </div>
      {call.summary ? <p>{call.summary}</p> : null}
      {call.recording_url ? (
        <a className="text-brand-600 underline" href={call.recording_url} target="_blank" rel="noreferrer">
          Open the recording
        </a>
      ) : null}
      {call.transcript ? (
        <details>
          <summary className="cursor-pointer text-brand-600">Transcript</summary>
          <p className="mt-1 whitespace-pre-wrap text-slate-700">{call.transcript}</p>
        </details>
      ) : null}
    </div>
  );
}

/** An email nobody vouched for (decision 0674): say so before anyone reads it as the contact's. */
function UnverifiedSender({ claimed }: { claimed: string }) {
  return (
    <p className="mt-2 flex gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
      <ShieldAlert className="size-4 shrink-0 text-amber-600" aria-hidden="true" />
      <span>
        <strong>Unverified:</strong> this email says it is from {claimed}, but that address&apos;s domain did not
        confirm it (no passing DKIM or SPF), so it may be forged. It was not taken as theirs: a STOP or START in it
        changed no consent and it did not stop their follow-ups. If it is genuine, act on it yourself.
      </span>
    </p>
  );
}

export function MessageItem({ message, timeZone }: { message: TimelineMessage; timeZone: string }) {
  const inbound = message.direction === "inbound";
  const note = message.channel === "note";
  const who = inbound
    ? message.claimed_sender
      ? "Unverified sender"
      : message.party === "parent"
        ? "Parent"
        : "Contact"
    : note
      ? (message.author?.full_name ?? "An admin")
      : message.author?.full_name
        ? `${message.author.full_name}${message.party === "parent" ? " → parent" : ""}`
        : `Automation${message.party === "parent" ? " → parent" : ""}`;
  return (
    <li className={cn("flex", inbound ? "justify-start" : "justify-end")}>
      <article
        className={cn(
          "w-full max-w-xl rounded-lg border p-3 sm:w-auto sm:min-w-72",
          note ? "border-amber-200 bg-amber-50" : inbound ? "border-slate-200 bg-white" : "border-brand-100 bg-brand-50",
        )}
      >
        <header className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
          {note ? <StickyNote className="size-3.5" aria-hidden="true" /> : null}
          {message.channel === "call" ? <Phone className="size-3.5" aria-hidden="true" /> : null}
          <span className="font-medium text-slate-800">{who}</span>
          <Badge>{CHANNEL_LABELS[message.channel]}</Badge>
          <time dateTime={message.created_at}>{formatDateTime(message.created_at, timeZone)}</time>
        </header>
        {message.claimed_sender ? <UnverifiedSender claimed={message.claimed_sender} /> : null}
        {message.subject ? <p className="mt-1 font-medium">{message.subject}</p> : null}
        {message.body ? <p className="mt-1 text-sm whitespace-pre-wrap">{message.body}</p> : null}
        {message.call ? <CallDetail call={message.call} /> : null}
        {note ? null : (
          <div className="mt-1 text-right">
            <DeliveryState message={message} />
          </div>
        )}
      </article>
    </li>
  );
}
