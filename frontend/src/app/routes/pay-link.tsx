/** /pay/<link>: the payment link that messages carry; it opens the provider's checkout (decision 0666). */
import { useParams } from "react-router";
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { PageError } from "@/components/ui/page-status";
import { PayLink } from "@/features/payments/components/pay-link";
import { linkFrom } from "@/features/payments/payment-checkout";

export function Component() {
  const link = linkFrom(useParams().link);
  return (
    <CenteredLayout>
      {link ? (
        <PayLink key={link} link={link} />
      ) : (
        <PageError title="We can't find this payment link">Check the link you were given: it may have been cut short when it was copied.</PageError>
      )}
    </CenteredLayout>
  );
}
