/** /admin/inbox and /admin/inbox/:conversationId */
import { useParams } from "react-router";
import { PageLoading } from "@/components/ui/page-status";
import { useAuth } from "@/features/auth/hooks/use-auth";
import { InboxPage } from "@/features/inbox/components/inbox-page";

export function Component() {
  const { conversationId } = useParams();
  const { session } = useAuth();
  if (!session) return <PageLoading />;
  const { user } = session;
  const name = (user.user_metadata.full_name as string | undefined) ?? user.email ?? "An admin";
  return <InboxPage conversationId={conversationId} viewer={{ id: user.id, name }} />;
}
