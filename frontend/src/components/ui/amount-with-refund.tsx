/** An amount in rupees, with what was refunded of it underneath when anything was. */
import { formatMoney } from "@/lib/format/money";

export function AmountWithRefund({ amountPaise, refundedPaise, currency }: { amountPaise: number; refundedPaise: number; currency: string }) {
  return (
    <div className="grid gap-0.5">
      <span>{formatMoney(amountPaise, currency)}</span>
      {refundedPaise > 0 ? <span className="text-xs text-slate-600">refunded {formatMoney(refundedPaise, currency)}</span> : null}
    </div>
  );
}
