/** The things waiting for the admin today, each a link to where it is handled. */
import { AlertTriangle, ClipboardCheck, CreditCard, Inbox, UserPlus } from "lucide-react";
import { Link } from "react-router";
import { Card } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import type { ActionCounts as Counts } from "../api/get-action-counts";
import { useActionCounts } from "../hooks/use-dashboard";

const items: { key: keyof Counts; label: string; to: string; icon: typeof Inbox; urgent?: boolean }[] = [
  { key: "newLeads", label: "New leads", to: "/admin/leads?status=new", icon: UserPlus },
  { key: "pendingReviews", label: "Forms to review", to: "/admin/cta-review", icon: ClipboardCheck },
  { key: "unreadConversations", label: "Unread conversations", to: "/admin/inbox", icon: Inbox },
  { key: "paymentsPending", label: "Payments pending", to: "/admin/payments", icon: CreditCard },
  { key: "deadMessages", label: "Messages that failed", to: "/admin/outbox", icon: AlertTriangle, urgent: true },
];

export function ActionCounts() {
  const counts = useActionCounts();
  if (counts.isError) {
    return (
      <PageError title="Could not count what needs you" onRetry={() => void counts.refetch()}>
        Check your connection and try again.
      </PageError>
    );
  }
  return (
    <ul aria-label="Needs your action" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {items.map(({ key, label, to, icon: Icon, urgent }) => {
        const value = counts.data?.[key];
        const alarming = urgent === true && value !== undefined && value > 0;
        return (
          <li key={key}>
            <Card className={cn("h-full transition-colors hover:border-brand-300", alarming && "border-red-300 bg-red-50")}>
              <Link to={to} className="flex h-full flex-col gap-1 rounded-lg p-4 focus-visible:outline-2 focus-visible:outline-brand-600">
                <span className={cn("flex items-center gap-2 text-sm text-slate-600", alarming && "text-red-800")}>
                  <Icon className="size-4" aria-hidden="true" />
                  {label}
                </span>
                {value === undefined ? (
                  <Skeleton className="h-7 w-10" />
                ) : (
                  <span className={cn("text-2xl font-semibold tabular-nums", alarming && "text-red-800")}>
                    {value.toLocaleString("en-IN")}
                  </span>
                )}
              </Link>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
