/** /admin/leads: the leads list, with the campaigns feature's bulk actions on selected leads. */
import { BulkActions } from "@/features/campaigns/components/bulk-actions";
import { LeadsPage } from "@/features/lead-admin/components/leads-page";

export function Component() {
  return <LeadsPage selectionActions={(selection) => <BulkActions {...selection} />} />;
}
