/** /admin/today: the admin's landing page, with the signed-in admin's own alerts. */
import { useAuth } from "@/features/auth/hooks/use-auth";
import { TodayPage } from "@/features/dashboard/components/today-page";
import { AlertsPanel } from "@/features/notifications/components/alerts-panel";
import { resolveTimeZone } from "@/lib/format/time";

export function Component() {
  const { session } = useAuth();
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return <TodayPage alerts={session ? <AlertsPanel userId={session.user.id} timeZone={timeZone} /> : null} />;
}
