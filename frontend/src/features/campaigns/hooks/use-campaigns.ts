/** The campaigns list, one campaign, its per-status counts and its messages. */
import { useQuery } from "@tanstack/react-query";
import { getCampaign } from "../api/get-campaign";
import { getCampaignCounts } from "../api/get-campaign-counts";
import { listCampaignMessages } from "../api/list-campaign-messages";
import { listCampaigns } from "../api/list-campaigns";
import { listCourseOptions } from "../api/list-course-options";
import { listSequences } from "../api/list-sequences";
import { campaignKeys } from "./campaign-keys";

/** Realtime refreshes these as messages move; polling is the fallback when the socket is down. */
const FALLBACK_POLL_MS = 10_000;

export function useCampaigns() {
  return useQuery({ queryKey: campaignKeys.list(), queryFn: listCampaigns });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: campaignKeys.detail(id), queryFn: () => getCampaign(id) });
}

export function useCampaignCounts(id: string) {
  return useQuery({ queryKey: campaignKeys.counts(id), queryFn: () => getCampaignCounts(id), refetchInterval: FALLBACK_POLL_MS });
}

export function useCampaignMessages(id: string) {
  return useQuery({ queryKey: campaignKeys.messages(id), queryFn: () => listCampaignMessages(id), refetchInterval: FALLBACK_POLL_MS });
}

export function useSequences() {
  return useQuery({ queryKey: campaignKeys.sequences, queryFn: listSequences, staleTime: 5 * 60_000 });
}

export function useCourseOptions() {
  return useQuery({ queryKey: campaignKeys.courses, queryFn: listCourseOptions, staleTime: 5 * 60_000 });
}
