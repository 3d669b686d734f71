/** /admin/today: the admin's landing page. */
import { TodayPage } from "@/features/dashboard/components/today-page";

export function Component() {
  return <TodayPage />;
}
