/** Who an action would reach, asked again whenever the audience or the purpose changes. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Audience, Purpose } from "@/lib/audience";
import { previewAudience } from "@/lib/preview-audience";
import { campaignKeys } from "./campaign-keys";

export function useAudiencePreview(audience: Audience, purpose: Purpose | null) {
  return useQuery({
    queryKey: campaignKeys.preview(audience, purpose ?? {}),
    queryFn: () => previewAudience(audience, purpose ?? {}),
    enabled: purpose !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
