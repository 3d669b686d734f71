/**
 * The user's unread alerts, refreshed every minute like the rest of Today, and marking one read:
 * it leaves the list at once and comes back if the change is refused.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listUnreadNotifications } from "../api/list-unread-notifications";
import { markNotificationRead } from "../api/mark-notification-read";
import { withAlertRestored, withoutAlert, type AlertNotification, type UnreadAlerts } from "../notifications-model";
import { notificationKeys } from "./notification-keys";

const REFRESH_MS = 60_000;

export function useUnreadAlerts(userId: string) {
  return useQuery({
    queryKey: notificationKeys.unread(userId),
    queryFn: () => listUnreadNotifications(userId),
    refetchInterval: REFRESH_MS,
  });
}

/** `onFailed` runs once for every alert whose change was refused, after it is back in the list. */
export function useMarkAlertRead(userId: string, onFailed?: (alert: AlertNotification, error: Error) => void) {
  const queryClient = useQueryClient();
  const listKey = notificationKeys.unread(userId);
  const mutationKey = [...notificationKeys.user(userId), "mark-read"];
  return useMutation({
    mutationKey,
    mutationFn: (alert: AlertNotification) => markNotificationRead(alert.id),
    onMutate: async (alert) => {
      // A refresh answering now would bring the alert back until the next one.
      await queryClient.cancelQueries({ queryKey: listKey });
      queryClient.setQueryData<UnreadAlerts>(listKey, (old) => (old ? withoutAlert(old, alert.id) : old));
    },
    onError: (error, alert) => {
      queryClient.setQueryData<UnreadAlerts>(listKey, (old) => (old ? withAlertRestored(old, alert) : old));
      onFailed?.(alert, error);
    },
    // Reload once the last of several quick clicks has settled, so the earlier ones do not flicker back.
    onSettled: () =>
      queryClient.isMutating({ mutationKey }) === 1 ? queryClient.invalidateQueries({ queryKey: listKey }) : undefined,
  });
}
