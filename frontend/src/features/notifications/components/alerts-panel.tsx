/**
 * Alerts: the signed-in user's unread notices (a paid student waiting for a seat, a payment
 * without an email address, …), newest first, each opening the page where it is handled and
 * each dismissed with "Mark as read".
 */
import { useId, useRef, useState } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatRelativeTime } from "@/lib/format/time";
import { appPath, unlistedCount, type AlertNotification } from "../notifications-model";
import { useMarkAlertRead, useUnreadAlerts } from "../hooks/use-notifications";

interface AlertRowProps {
  alert: AlertNotification;
  timeZone: string;
  now: Date;
  onMarkRead: () => void;
  buttonRef: (node: HTMLButtonElement | null) => () => void;
}

function AlertRow({ alert, timeZone, now, onMarkRead, buttonRef }: AlertRowProps) {
  const bodyId = useId();
  const path = appPath(alert.link);
  return (
    <li className="flex flex-col gap-2 border-t border-slate-100 py-3 first:border-t-0 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
      <div className="grid min-w-0 gap-0.5">
        <p className="text-sm font-medium">
          {path ? (
            <Link to={path} className="text-brand-700 hover:underline">
              {alert.title}
            </Link>
          ) : (
            alert.title
          )}
        </p>
        {alert.body ? (
          <p id={bodyId} className="text-sm break-words text-slate-700">
            {alert.body}
          </p>
        ) : null}
        <time dateTime={alert.created_at} title={formatDateTime(alert.created_at, timeZone)} className="text-xs text-slate-500">
          {formatRelativeTime(alert.created_at, now, timeZone)}
        </time>
      </div>
      <Button
        ref={buttonRef}
        variant="outline"
        size="sm"
        className="self-start"
        aria-label={`Mark as read: ${alert.title}`}
        aria-describedby={alert.body ? bodyId : undefined}
        onClick={onMarkRead}
      >
        Mark as read
      </Button>
    </li>
  );
}

export function AlertsPanel({ userId, timeZone, now = new Date() }: { userId: string; timeZone: string; now?: Date }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [failed, setFailed] = useState<{ title: string; reason: string } | null>(null);
  const alerts = useUnreadAlerts(userId);
  const markRead = useMarkAlertRead(userId, (alert, error) => {
    setFailed({ title: alert.title, reason: error.message });
  });

  function buttonRef(id: string) {
    return (node: HTMLButtonElement | null) => {
      if (node) buttons.current.set(id, node);
      return () => {
        buttons.current.delete(id);
      };
    };
  }

  /** Marks `items[index]` read; focus moves to a neighbour's button (or the heading) before the row goes. */
  function markAt(items: AlertNotification[], index: number) {
    const alert = items[index];
    if (!alert) return;
    setFailed(null);
    const neighbour = items[index + 1] ?? items[index - 1];
    const target = neighbour ? buttons.current.get(neighbour.id) : undefined;
    (target ?? headingRef.current)?.focus();
    markRead.mutate(alert);
  }

  const total = alerts.data?.total ?? 0;
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle id={headingId} ref={headingRef} tabIndex={-1} className="focus:outline-none">
            Alerts
          </CardTitle>
          {total > 0 ? <Badge tone="warning">{total.toLocaleString("en-IN")} unread</Badge> : null}
        </div>
      </CardHeader>
      <CardContent className="grid gap-3">
        {failed ? (
          <Alert tone="error" title={`“${failed.title}” is still unread`}>
            It could not be marked as read: {failed.reason} Try again.
          </Alert>
        ) : null}
        {alerts.isPending ? (
          <div className="grid gap-3" role="status" aria-label="Loading alerts">
            {Array.from({ length: 3 }, (_, index) => (
              <Skeleton key={index} className="h-10 w-full" />
            ))}
          </div>
        ) : alerts.isError ? (
          <PageError title="Could not load your alerts" onRetry={() => void alerts.refetch()}>
            Check your connection and try again.
          </PageError>
        ) : alerts.data.items.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-600">
            No alerts: you are all caught up. Problems that need you, like a paid student waiting for a seat in a full batch, will
            show here.
          </p>
        ) : (
          <>
            <ul aria-label="Unread alerts, newest first">
              {alerts.data.items.map((alert, index, items) => (
                <AlertRow
                  key={alert.id}
                  alert={alert}
                  timeZone={timeZone}
                  now={now}
                  buttonRef={buttonRef(alert.id)}
                  onMarkRead={() => {
                    markAt(items, index);
                  }}
                />
              ))}
            </ul>
            {unlistedCount(alerts.data) > 0 ? (
              <p className="text-xs text-slate-500">
                Showing the newest {alerts.data.items.length} of {alerts.data.total.toLocaleString("en-IN")} unread alerts. Mark
                these read to see older ones.
              </p>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
