/** /forgot-password */
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { ForgotPasswordPage } from "@/features/auth/components/forgot-password-page";

export function Component() {
  return (
    <CenteredLayout>
      <ForgotPasswordPage />
    </CenteredLayout>
  );
}
