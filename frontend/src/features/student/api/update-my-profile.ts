/** Saves the editable contact fields of the person's own profile (RLS: own row; email and role are guarded). */
import { supabase } from "@/lib/supabase";
import type { ProfileChanges, StudentProfile } from "../student-profile";
import { PROFILE_COLUMNS } from "./get-my-profile";

export async function updateMyProfile(userId: string, changes: ProfileChanges): Promise<StudentProfile> {
  const { data, error } = await supabase.from("profiles").update(changes).eq("id", userId).select(PROFILE_COLUMNS).single();
  if (error) throw error;
  return data;
}
