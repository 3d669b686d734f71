/** The people who can teach a batch: profiles with the instructor role, by name. */
import { supabase } from "@/lib/supabase";

export interface Instructor {
  id: string;
  full_name: string;
  email: string | null;
}

export async function listInstructors(): Promise<Instructor[]> {
  const { data, error } = await supabase.from("profiles").select("id, full_name, email").eq("role", "instructor").order("full_name");
  if (error) throw error;
  return data;
}
