/**
 * A payment link's page (/pay/<link>): opens the link and follows the service's answer: the provider's
 * checkout, the result of a payment made or under way, a wait while an order is made, or why the link
 * no longer takes payment and whom to contact.
 */
import { Ban, Loader2 } from "lucide-react";
import type { ReactNode } from "react";
import { Navigate } from "react-router";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { ServiceError } from "@/lib/service-error";
import { useCheckout } from "../hooks/use-checkout";
import type { LinkFacts } from "../payment-checkout";
import { Fact, FactList } from "./payment-facts";

function Facts({ facts }: { facts: LinkFacts }) {
  const purpose = [facts.course, facts.batch].filter(Boolean).join(" · ");
  if (!purpose && !facts.amount) return null;
  return (
    <FactList>
      <Fact label="For">{purpose}</Fact>
      <Fact label="Amount" className="font-medium">
        {facts.amount}
      </Fact>
    </FactList>
  );
}

function Contact({ center }: { center: LinkFacts["center"] }) {
  const website = center?.website && /^https?:\/\//i.test(center.website) ? center.website : null;
  return (
    <div className="grid gap-1 text-sm">
      <p className="font-medium">{center?.name ? `Contact ${center.name}` : "Contact the center that sent you this link"}</p>
      {center?.phone ? (
        <a className="text-brand-700 underline" href={`tel:${center.phone.replaceAll(/[^\d+]/g, "")}`}>
          {center.phone}
        </a>
      ) : null}
      {website ? (
        <a className="break-all text-brand-700 underline" href={website} target="_blank" rel="noreferrer">
          {website}
        </a>
      ) : null}
    </div>
  );
}

function Waiting({ title, facts, children }: { title: string; facts: LinkFacts; children?: ReactNode }) {
  return (
    <Card>
      <CardHeader className="justify-items-center text-center">
        <Loader2 className="size-8 animate-spin text-brand-700" aria-hidden="true" />
        <CardTitle asChild>
          <h1 aria-live="polite">{title}</h1>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Facts facts={facts} />
        {children}
      </CardContent>
    </Card>
  );
}

export function PayLink({ link }: { link: string }) {
  const { view, retry } = useCheckout(link);
  switch (view.state) {
    case "opening":
      return <PageLoading label="Opening your payment link…" />;
    case "preparing":
      return <Waiting title="Preparing your payment…" facts={view} />;
    case "checkout":
      return (
        <Waiting title="Taking you to the payment page…" facts={view}>
          <p className="text-center text-sm text-slate-600">
            Nothing happening?{" "}
            <a className="text-brand-700 underline" href={view.url}>
              Continue to payment
            </a>
          </p>
        </Waiting>
      );
    case "settled":
    case "in_progress":
      return <Navigate to={`/pay/result?payment=${encodeURIComponent(view.payment)}`} replace />;
    case "closed":
      return (
        <Card>
          <CardHeader className="justify-items-center text-center">
            <Ban className="size-8 text-slate-600" aria-hidden="true" />
            <CardTitle asChild>
              <h1>This link no longer takes payment</h1>
            </CardTitle>
            <CardDescription>{view.message}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            <Facts facts={view} />
            <Contact center={view.center} />
          </CardContent>
        </Card>
      );
    case "failed": {
      const notFound = view.error instanceof ServiceError && view.error.status === 404;
      return notFound ? (
        <PageError title="We can't find this payment link">{view.error.message}</PageError>
      ) : (
        <PageError title="We couldn't open your payment" onRetry={retry}>
          {view.error.message}
        </PageError>
      );
    }
  }
}
