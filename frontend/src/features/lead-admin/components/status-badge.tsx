/** A lead's status as a coloured label. */
import { Badge } from "@/components/ui/badge";
import { LEAD_STATUSES, type LeadStatus } from "../lead-query";

const tones = { new: "info", contacted: "neutral", interested: "warning", payment_sent: "warning", enrolled: "success", lost: "danger" } as const;

export function StatusBadge({ status }: { status: LeadStatus }) {
  return <Badge tone={tones[status]}>{LEAD_STATUSES.find((s) => s.value === status)?.label ?? status}</Badge>;
}
