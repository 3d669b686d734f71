/** /admin/campaigns/:campaignId: one campaign's delivery, live. */
import { useParams } from "react-router";
import { CampaignDetailPage } from "@/features/campaigns/components/campaign-detail-page";

export function Component() {
  const { campaignId = "" } = useParams();
  return <CampaignDetailPage key={campaignId} id={campaignId} />;
}
