/** Live delivery: a change to any of the campaign's messages refreshes its counts and its list. */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { supabase } from "@/lib/supabase";
import { campaignKeys } from "./campaign-keys";

export function useCampaignRealtime(id: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const channel = supabase
      .channel(`campaign-${id}`)
      .on("postgres_changes", { event: "*", schema: "public", table: "crm_messages", filter: `campaign_id=eq.${id}` }, () => {
        void queryClient.invalidateQueries({ queryKey: campaignKeys.counts(id) });
        void queryClient.invalidateQueries({ queryKey: campaignKeys.messages(id) });
      })
      .subscribe();
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [id, queryClient]);
}
