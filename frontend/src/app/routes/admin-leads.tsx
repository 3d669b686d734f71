/** /admin/leads: the leads list. */
import { LeadsPage } from "@/features/lead-admin/components/leads-page";

export function Component() {
  return <LeadsPage />;
}
