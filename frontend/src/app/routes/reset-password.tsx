/** /reset-password: where password-reset emails land. */
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { SetPasswordPage } from "@/features/auth/components/set-password-page";

export function Component() {
  return (
    <CenteredLayout>
      <SetPasswordPage purpose="reset" />
    </CenteredLayout>
  );
}
