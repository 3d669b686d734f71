/**
 * The signed-in user's unread notices ("alerts"): their row shape, the newest-first list the panel
 * shows with the total unread, the app path an alert opens, and the list's optimistic edits.
 */
import type { Tables } from "@/lib/database.types";

/** How many unread alerts the panel lists; the rest are counted. */
export const ALERTS_LIMIT = 20;

export type AlertNotification = Pick<Tables<"notifications">, "id" | "type" | "title" | "body" | "link" | "created_at">;

export interface UnreadAlerts {
  /** The newest unread alerts, newest first, at most ALERTS_LIMIT. */
  items: AlertNotification[];
  /** Every unread alert of the user, listed or not. */
  total: number;
}

/**
 * The link as a path inside this app, or null. Anyone allowed to write notices (admins) could
 * write any text there, so only a same-origin absolute path is followed: never a scheme
 * ("javascript:", "https:"), nor "//host" or "/\host", which browsers read as another site.
 */
export function appPath(link: string | null): string | null {
  const path = link?.trim() ?? "";
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}

/** How many unread alerts the list leaves out. */
export function unlistedCount(alerts: UnreadAlerts): number {
  return Math.max(0, alerts.total - alerts.items.length);
}

/** The list once `id` is read: the alert gone and counted out. Unchanged when it is not listed. */
export function withoutAlert(alerts: UnreadAlerts, id: string): UnreadAlerts {
  const items = alerts.items.filter((item) => item.id !== id);
  if (items.length === alerts.items.length) return alerts;
  return { items, total: Math.max(items.length, alerts.total - 1) };
}

function newestFirst(a: AlertNotification, b: AlertNotification): number {
  const byTime = new Date(b.created_at).getTime() - new Date(a.created_at).getTime();
  return byTime !== 0 ? byTime : b.id.localeCompare(a.id);
}

/**
 * The list with `alert` unread again (a failed "mark as read"), in its newest-first place and
 * counted back in (the list keeps at most ALERTS_LIMIT). Other alerts marked meanwhile stay out, which restoring a whole earlier copy
 * of the list would undo.
 */
export function withAlertRestored(alerts: UnreadAlerts, alert: AlertNotification): UnreadAlerts {
  if (alerts.items.some((item) => item.id === alert.id)) return alerts;
  return { items: [...alerts.items, alert].sort(newestFirst).slice(0, ALERTS_LIMIT), total: alerts.total + 1 };
}
