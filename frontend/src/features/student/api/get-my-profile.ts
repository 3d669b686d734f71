/** The signed-in person's own profile: their contact and their parent's. */
import { supabase } from "@/lib/supabase";
import type { StudentProfile } from "../student-profile";

export const PROFILE_COLUMNS = "id, full_name, email, phone, timezone, parent_name, parent_phone, parent_email";

/** Raises when the profile is not readable: the session ended (RLS then shows no row) or it was removed. */
export async function getMyProfile(userId: string): Promise<StudentProfile> {
  const { data, error } = await supabase.from("profiles").select(PROFILE_COLUMNS).eq("id", userId).maybeSingle();
  if (error) throw error;
  if (!data) throw new Error("We couldn't find your profile. Sign in again, then retry.");
  return data;
}
