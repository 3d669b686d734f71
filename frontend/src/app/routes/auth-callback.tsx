/** /auth/callback: where sign-in (magic) links land. */
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { AuthCallbackPage } from "@/features/auth/components/auth-callback-page";

export function Component() {
  return (
    <CenteredLayout>
      <AuthCallbackPage />
    </CenteredLayout>
  );
}
