/** The outcome of a payment, as the service knows it: waiting, paid, failed or refunded. */
import { CheckCircle2, Clock, RotateCcw, TimerOff, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { formatMoney } from "@/lib/format/money";
import { formatDateTime } from "@/lib/format/time";
import { ServiceError } from "@/lib/service-error";
import { usePaymentStatus } from "../hooks/use-payment-status";
import { paymentOutcome, type PaymentOutcome } from "../payment-status";
import { Fact, FactList } from "./payment-facts";

/** `againText`: what the person reads instead when the link still takes payment (the page offers "Pay again"). */
const VIEW: Record<PaymentOutcome, { icon: ReactNode; title: string; text: string; againText?: string }> = {
  pending: {
    icon: <Clock className="size-8 text-amber-600" aria-hidden="true" />,
    title: "Waiting for the payment to be confirmed",
    text: "This usually takes a few seconds. Keep this page open; it updates by itself.",
  },
  paid: {
    icon: <CheckCircle2 className="size-8 text-emerald-600" aria-hidden="true" />,
    title: "Payment received",
    // Paid is not always seated: a full batch keeps the seat pending, and a payer with no email has no account yet.
    text: "Thank you! Your receipt and the details of your batch are on their way by email.",
  },
  failed: {
    icon: <XCircle className="size-8 text-red-600" aria-hidden="true" />,
    title: "The payment did not go through",
    text: "No money was taken, or it will be returned by your bank. Try again from the payment link we sent you, or reply to our message for help.",
    againText: "No money was taken, or it will be returned by your bank. You can pay again now, or reply to our message for help.",
  },
  expired: {
    icon: <TimerOff className="size-8 text-slate-600" aria-hidden="true" />,
    title: "This payment link has expired",
    text: "No money was taken. Reply to our message and we'll send you a new link.",
    againText: "No money was taken. You can pay again now: the link still works.",
  },
  refunded: {
    icon: <RotateCcw className="size-8 text-slate-600" aria-hidden="true" />,
    title: "This payment was refunded",
    text: "The amount has been returned. Reply to our message if that is not what you expected.",
  },
};

/** A payment the provider confirmed for less than the fee: received, but no seat until the center settles it. */
function paidShort(shortBy: string) {
  return {
    ...VIEW.paid,
    icon: <Clock className="size-8 text-amber-600" aria-hidden="true" />,
    title: "Payment received, but less than the fee",
    text: `${shortBy} is still due, so your seat is not confirmed yet. The center will contact you to settle it.`,
  };
}

export function PaymentResult({ reference }: { reference: string }) {
  const { query, checksExhausted } = usePaymentStatus(reference);

  if (query.isPending) return <PageLoading label="Checking your payment…" />;
  if (query.isError) {
    const notFound = query.error instanceof ServiceError && query.error.status === 404;
    return (
      <PageError title={notFound ? "We can't find this payment" : "We couldn't check your payment"} onRetry={notFound ? undefined : () => void query.refetch()}>
        {notFound
          ? "Check that you opened the link from your payment confirmation. If you paid, we will still email you the receipt."
          : `${query.error.message} If you paid, we will still email you the receipt.`}
      </PageError>
    );
  }

  const payment = query.data;
  const outcome = paymentOutcome(payment.status);
  const view = outcome === "paid" && payment.short_by ? paidShort(payment.short_by) : VIEW[outcome];
  const purpose = payment.description;
  const stoppedChecking = outcome === "pending" && checksExhausted && !query.isFetching;
  return (
    <Card>
      <CardHeader className="justify-items-center text-center">
        {view.icon}
        <CardTitle asChild>
          <h1 aria-live="polite">{view.title}</h1>
        </CardTitle>
        <CardDescription>
          {stoppedChecking
            ? "This is taking longer than usual. We'll email you as soon as the payment is confirmed, or check again here."
            : payment.pay_again
              ? (view.againText ?? view.text)
              : view.text}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <FactList>
          <Fact label="For">{purpose}</Fact>
          <Fact label="Amount">{formatMoney(payment.amount_paise, payment.currency)}</Fact>
          <Fact label="Paid">{payment.paid_at ? formatDateTime(payment.paid_at) : null}</Fact>
          <Fact label="Receipt">{payment.receipt_number}</Fact>
          <Fact label="Reference" className="break-all">
            {reference}
          </Fact>
        </FactList>
        {payment.pay_again ? (
          <Button asChild>
            <Link to={`/pay/${encodeURIComponent(payment.pay_again)}`}>Pay again</Link>
          </Button>
        ) : null}
        {stoppedChecking ? (
          <Button variant="outline" onClick={() => void query.refetch()}>
            Check again
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
