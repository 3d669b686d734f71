/** Renders a student portal page for the signed-in person, once their session is known. */
import type { ComponentType } from "react";
import { PageLoading } from "@/components/ui/page-status";
import { useAuth } from "@/features/auth/hooks/use-auth";

export function StudentSession({ page: Page }: { page: ComponentType<{ userId: string }> }) {
  const { session } = useAuth();
  return session ? <Page userId={session.user.id} /> : <PageLoading />;
}
