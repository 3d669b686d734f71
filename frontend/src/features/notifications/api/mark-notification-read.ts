/** Stamps one notification read; one already read keeps the time it was first read. */
import { supabase } from "@/lib/supabase";

export async function markNotificationRead(id: string): Promise<void> {
  const { error } = await supabase
    .from("notifications")
    .update({ read_at: new Date().toISOString() })
    .eq("id", id)
    .is("read_at", null);
  if (error) throw error;
}
