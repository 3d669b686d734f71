/** /pay/<link>: the payment link that messages carry; it opens the provider's checkout (decision 0666). */
import { useParams } from "react-router";
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { PageError } from "@/components/ui/page-status";
import { StaffGate } from "@/features/auth/components/staff-gate";
import { PayLink } from "@/features/payments/components/pay-link";
import { linkFrom } from "@/features/payments/payment-checkout";

export function Component() {
  const link = linkFrom(useParams().link);
  return (
    <CenteredLayout>
      {link ? (
        <StaffGate
          title="This is the payer's page"
          consequence="Opening this link here starts a checkout as if you were the payer, and a link whose order has lapsed gets a new order at the payment provider. Send the link to the payer instead."
          proceedLabel="Open the checkout anyway"
          loadingLabel="Opening your payment link…"
        >
          <PayLink key={link} link={link} />
        </StaffGate>
      ) : (
        <PageError title="We can't find this payment link">Check the link you were given: it may have been cut short when it was copied.</PageError>
      )}
    </CenteredLayout>
  );
}
