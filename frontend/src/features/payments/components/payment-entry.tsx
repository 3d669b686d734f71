/**
 * A payment on a contact's timeline: amount in ₹, batch, status, and, while its link took no money, the
 * link's page with "Close link", or that the admin closed it.
 */
import { CreditCard } from "lucide-react";
import { formatMoney } from "@/lib/format/money";
import { formatDateTime } from "@/lib/format/time";
import type { LeadPayment } from "../api/list-lead-payments";
import { linkPageUrl } from "../payment-checkout";
import { canCloseLink, showsLinkPage } from "../payment-link";
import { CloseLinkDialog } from "./close-link-dialog";
import { PaymentBadge, ShortfallNote } from "./payment-badge";

export function PaymentEntry({ payment, timeZone }: { payment: LeadPayment; timeZone: string }) {
  const link = showsLinkPage(payment) ? linkPageUrl(window.location.origin, payment.id) : null;
  return (
    <article className="w-full max-w-xl rounded-lg border border-emerald-200 bg-emerald-50 p-3 sm:w-auto sm:min-w-72">
      <header className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <CreditCard className="size-3.5" aria-hidden="true" />
        <span className="font-medium text-slate-800">Payment</span>
        <time dateTime={payment.created_at}>{formatDateTime(payment.created_at, timeZone)}</time>
      </header>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
        <strong>{formatMoney(payment.amount_paise, payment.currency)}</strong>
        {payment.batch ? <span>for {payment.batch.name}</span> : null}
        <PaymentBadge payment={payment} />
      </p>
      <ShortfallNote payment={payment} className="mt-1 block text-sm text-amber-900" />
      {payment.refunded_paise > 0 ? <p className="mt-1 text-sm">Refunded {formatMoney(payment.refunded_paise, payment.currency)}</p> : null}
      {payment.status === "failed" && payment.failure_reason ? <p className="mt-1 text-sm text-red-800">Failed: {payment.failure_reason}</p> : null}
      {link ? (
        <a className="mt-1 block text-sm break-all text-brand-700 underline" href={link} target="_blank" rel="noreferrer">
          {link}
        </a>
      ) : null}
      {payment.link_closed_at ? (
        <p className="mt-1 text-sm text-slate-700">
          <strong>Link closed</strong> (why is in the note on the timeline)
        </p>
      ) : null}
      {canCloseLink(payment) ? <CloseLinkDialog linkId={payment.id} /> : null}
      {payment.renews ? (
        <p className="mt-1 text-xs text-slate-600">
          New order for link <span className="font-mono">{payment.renews.slice(0, 8)}</span>: the payer opened it again after its last order lapsed.
        </p>
      ) : null}
    </article>
  );
}
