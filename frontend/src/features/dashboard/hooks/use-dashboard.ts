/** The Today page's queries. Refreshed every minute while the page is open: it is a morning screen left open. */
import { useQuery } from "@tanstack/react-query";
import { getActionCounts } from "../api/get-action-counts";
import { getAdminStats } from "../api/get-admin-stats";
import { getFunnel } from "../api/get-funnel";
import { getRecentActivity } from "../api/get-recent-activity";
import { dashboardKeys } from "./dashboard-keys";

const REFRESH_MS = 60_000;

export function useAdminStats() {
  return useQuery({ queryKey: dashboardKeys.stats(), queryFn: getAdminStats, refetchInterval: REFRESH_MS });
}

export function useFunnel(fromDay: string, toDay: string) {
  return useQuery({ queryKey: dashboardKeys.funnel(fromDay, toDay), queryFn: () => getFunnel(fromDay, toDay) });
}

export function useRecentActivity(maxItems: number) {
  return useQuery({
    queryKey: dashboardKeys.activity(maxItems),
    queryFn: () => getRecentActivity(maxItems),
    refetchInterval: REFRESH_MS,
  });
}

export function useActionCounts() {
  return useQuery({ queryKey: dashboardKeys.actionCounts(), queryFn: getActionCounts, refetchInterval: REFRESH_MS });
}
