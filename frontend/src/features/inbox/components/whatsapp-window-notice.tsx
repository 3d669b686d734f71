/** Whether free-form WhatsApp is allowed now, per person (contact and parent), and until when. */
import { formatDateTime } from "@/lib/format/time";
import { useWhatsAppWindows } from "../hooks/use-timeline";

export function WhatsAppWindowNotice({ conversationId, timeZone }: { conversationId: string; timeZone: string }) {
  const query = useWhatsAppWindows(conversationId);
  if (query.status === "pending") return <p className="text-sm text-slate-500">Checking WhatsApp's 24-hour window…</p>;
  if (query.status === "error") {
    return <p className="text-sm text-red-700">WhatsApp's 24-hour window could not be checked: {query.error.message}</p>;
  }
  return (
    <ul aria-label="WhatsApp 24-hour windows" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {query.data.map((window) => (
        <li key={window.party} className={window.open ? "text-emerald-800" : "text-amber-800"}>
          <span className="font-medium">{window.party === "parent" ? "Parent" : "Contact"}:</span>{" "}
          {window.open && window.endsAt
            ? `WhatsApp window open until ${formatDateTime(window.endsAt, timeZone)}`
            : window.endsAt
              ? "WhatsApp window closed; only an approved template can be sent"
              : "never wrote on WhatsApp; only an approved template can be sent"}
        </li>
      ))}
    </ul>
  );
}
