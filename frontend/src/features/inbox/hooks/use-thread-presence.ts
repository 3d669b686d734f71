/**
 * Who else has this thread open (Realtime presence, keyed by user) and who is typing a note
 * (broadcast "typing" events, forgotten after a few seconds of silence).
 */
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from "@supabase/supabase-js";
import { useCallback, useEffect, useRef, useState } from "react";
import { supabase } from "@/lib/supabase";
import { othersPresent, type Viewer } from "../presence";

const TYPING_SHOWN_MS = 4_000;
const TYPING_SENT_EVERY_MS = 2_000;

export function useThreadPresence(conversationId: string, viewer: Viewer) {
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const channelRef = useRef<RealtimeChannel | null>(null);
  const lastSent = useRef(0);

  useEffect(() => {
    const channel = supabase.channel(`conversation:${conversationId}`, { config: { presence: { key: viewer.id } } });
    channelRef.current = channel;
    channel
      .on("presence", { event: "sync" }, () => { setViewers(othersPresent(channel.presenceState<Viewer>(), viewer.id)); })
      .on("broadcast", { event: "typing" }, ({ payload }: { payload: Viewer }) => {
        if (payload.id === viewer.id) return;
        setTyping((current) => ({ ...current, [payload.id]: { name: payload.name, until: Date.now() + TYPING_SHOWN_MS } }));
      })
      .subscribe((status) => {
        if (status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) void channel.track({ id: viewer.id, name: viewer.name });
      });
    return () => {
      channelRef.current = null;
      setViewers([]);
      setTyping({});
      void supabase.removeChannel(channel);
    };
  }, [conversationId, viewer.id, viewer.name]);

  useEffect(() => {
    if (Object.keys(typing).length === 0) return;
    const timer = window.setInterval(() => {
      const now = Date.now();
      setTyping((current) => Object.fromEntries(Object.entries(current).filter(([, entry]) => entry.until > now)));
    }, 1_000);
    return () => { window.clearInterval(timer); };
  }, [typing]);

  const announceTyping = useCallback(() => {
    const now = Date.now();
    if (!channelRef.current || now - lastSent.current < TYPING_SENT_EVERY_MS) return;
    lastSent.current = now;
    void channelRef.current.send({ type: "broadcast", event: "typing", payload: { id: viewer.id, name: viewer.name } });
  }, [viewer.id, viewer.name]);

  return { viewers, typingNames: Object.values(typing).map((entry) => entry.name), announceTyping };
}
