/** /admin/cta-review: the course-page forms waiting for a decision. */
import { CtaReviewPage } from "@/features/cta-review/components/cta-review-page";
import { resolveTimeZone } from "@/lib/format/time";

export function Component() {
  return <CtaReviewPage timeZone={resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone)} />;
}
