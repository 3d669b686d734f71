/**
 * Follows one import live: Realtime updates of its lead_imports row land in the cache at once; polling
 * every 2 s while the worker has it is the fallback when the socket is down.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { supabase } from "@/lib/supabase";
import { getLeadImport } from "../api/get-lead-import";
import { inFlight, type LeadImport } from "../import-model";

export const importKeys = {
  detail: (id: string) => ["lead-imports", id] as const,
};

export function useLeadImport(id: string | null, awaitingStart: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!id) return;
    const channel = supabase
      .channel(`lead-import-${id}`)
      .on("postgres_changes", { event: "UPDATE", schema: "public", table: "lead_imports", filter: `id=eq.${id}` }, (payload) => {
        queryClient.setQueryData<LeadImport>(importKeys.detail(id), (old) => (old ? { ...old, ...payload.new } : old));
      })
      .subscribe();
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [id, queryClient]);
  return useQuery({
    queryKey: importKeys.detail(id ?? ""),
    queryFn: () => getLeadImport(id ?? ""),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && !inFlight(query.state.data.status, awaitingStart) ? false : 2_000),
  });
}
