/** /pay/return?payment=… (and /pay/result?reference=…): where the payment gateway sends the payer back. */
import { useLocation } from "react-router";
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { PageError } from "@/components/ui/page-status";
import { PaymentResult } from "@/features/payments/components/payment-result";
import { referenceFrom } from "@/features/payments/payment-status";

export function Component() {
  const { search } = useLocation();
  const reference = referenceFrom(search);
  return (
    <CenteredLayout>
      {reference ? (
        <PaymentResult reference={reference} />
      ) : (
        <PageError title="This link has no payment reference">
          Open the link from your payment confirmation again. If you paid, we will still email you the receipt.
        </PageError>
      )}
    </CenteredLayout>
  );
}
