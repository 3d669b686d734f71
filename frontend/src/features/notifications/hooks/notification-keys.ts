/** Query keys of notifications, per user: a shared browser may hold another user's cache. */
export const notificationKeys = {
  all: ["notifications"] as const,
  user: (userId: string) => [...notificationKeys.all, userId] as const,
  unread: (userId: string) => [...notificationKeys.user(userId), "unread"] as const,
};
