/** /admin/campaigns: compose and list campaigns (segment days read in the viewer's zone). */
import { CampaignsPage } from "@/features/campaigns/components/campaigns-page";
import { dayStart } from "@/features/lead-admin/lead-query";
import { resolveTimeZone } from "@/lib/format/time";

export function Component() {
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return <CampaignsPage dayStart={(day, nextDay) => dayStart(day, timeZone, nextDay)} />;
}
