/** Query keys of the Today page; everything under ["dashboard"] refreshes together. */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  stats: () => [...dashboardKeys.all, "stats"] as const,
  funnel: (fromDay: string, toDay: string) => [...dashboardKeys.all, "funnel", fromDay, toDay] as const,
  activity: (maxItems: number) => [...dashboardKeys.all, "activity", maxItems] as const,
  actionCounts: () => [...dashboardKeys.all, "action-counts"] as const,
};
