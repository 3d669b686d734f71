/** A payment's status badge, which says "Paid short" for a payment that took less than it asked, and the note saying what is missing. */
import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/lib/format/money";
import { STATUS_LABELS, STATUS_TONES, shortfallOf, type PaymentRow } from "../payment-list";

type BadgeInput = Pick<PaymentRow, "status" | "amount_paise" | "received_paise">;

export function PaymentBadge({ payment }: { payment: BadgeInput }) {
  if (shortfallOf(payment)) return <Badge tone="warning">Paid short</Badge>;
  return <Badge tone={STATUS_TONES[payment.status]}>{STATUS_LABELS[payment.status]}</Badge>;
}

/** E.g. "₹10,000 of ₹12,500 received; ₹2,500 missing. Not enrolled: send a link for the balance, or refund it." */
export function ShortfallNote({ payment, className }: { payment: BadgeInput & Pick<PaymentRow, "currency">; className?: string }) {
  const shortfall = shortfallOf(payment);
  if (!shortfall) return null;
  const money = (paise: number) => formatMoney(paise, payment.currency);
  return (
    <span className={className}>
      {money(shortfall.receivedPaise)} of {money(payment.amount_paise)} received; {money(shortfall.missingPaise)} missing. Not enrolled: send a link for
      the balance, or refund it.
    </span>
  );
}
