/** The signed-in user's role from their profile row; null when the row is missing or unreadable. */
import { supabase } from "@/lib/supabase";
import { parseRole, type UserRole } from "../roles";

export async function getProfileRole(userId: string): Promise<UserRole | null> {
  const { data, error } = await supabase.from("profiles").select("role").eq("id", userId).maybeSingle();
  if (error) throw error;
  return parseRole(data?.role);
}
