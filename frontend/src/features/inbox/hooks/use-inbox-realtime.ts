/**
 * Live inbox: Realtime postgres_changes on crm_messages and conversations (RLS decides who receives
 * them) invalidate the lists and the affected thread. The channel is removed on unmount.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { supabase } from "@/lib/supabase";
import { inboxKeys } from "./inbox-keys";

interface MessageChange {
  conversation_id?: string;
}

/** `onMessage` hears which conversation changed, for pages that show more than the thread (e.g. payments). */
export function useInboxRealtime(onMessage?: (conversationId: string) => void) {
  const queryClient = useQueryClient();
  const listener = useRef(onMessage);
  useEffect(() => {
    listener.current = onMessage;
  }, [onMessage]);
  useEffect(() => {
    const channel = supabase
      .channel("inbox-changes")
      .on("postgres_changes", { event: "*", schema: "public", table: "crm_messages" }, (payload) => {
        const row = payload.new as MessageChange;
        if (!row.conversation_id) return;
        void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(row.conversation_id) });
        listener.current?.(row.conversation_id);
      })
      .on("postgres_changes", { event: "*", schema: "public", table: "conversations" }, () => {
        void queryClient.invalidateQueries({ queryKey: inboxKeys.conversations() });
      })
      .subscribe();
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [queryClient]);
}
