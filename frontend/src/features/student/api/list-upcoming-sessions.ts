/** Sessions of the student's batches that have not ended long ago, soonest first (RLS: enrolled batches only). */
import { supabase } from "@/lib/supabase";
import type { UpcomingSession } from "../student-portal";

// Sessions last at most 10 hours (sessions.duration_minutes <= 600): one that started earlier has ended.
const LONGEST_SESSION_MS = 10 * 60 * 60 * 1000;

export async function listUpcomingSessions(now: Date): Promise<UpcomingSession[]> {
  const { data, error } = await supabase
    .from("sessions")
    .select("id, batch_id, title, starts_at, duration_minutes, status, join_url")
    .gte("starts_at", new Date(now.getTime() - LONGEST_SESSION_MS).toISOString())
    .in("status", ["scheduled", "live"])
    .order("starts_at")
    .limit(100);
  if (error) throw error;
  return data;
}
