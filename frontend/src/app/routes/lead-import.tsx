/** /admin/leads/import: the CSV import wizard. */
import { ImportWizard } from "@/features/lead-imports/components/import-wizard";

export function Component() {
  return <ImportWizard />;
}
