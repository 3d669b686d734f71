/**
 * The section each signed-in area opens on. Kept apart from navigation.ts (which carries the
 * icons) so the router, part of every page's first download, does not load the icons.
 */
export const AREA_HOMES = {
  admin: "/admin/today",
  instructor: "/instructor/batches",
  student: "/student/home",
} as const;
