/** The zone to show times in: the one the student chose on their profile, else their device's. */
import { resolveTimeZone } from "@/lib/format/time";

export function viewerTimeZone(profileZone: string | null | undefined): string {
  return resolveTimeZone(profileZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
