/** /sign-in */
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { SignInPage } from "@/features/auth/components/sign-in-page";

export function Component() {
  return (
    <CenteredLayout>
      <SignInPage />
    </CenteredLayout>
  );
}
