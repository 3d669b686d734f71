/**
 * What the stack tests know about the demo seed (supabase/seed.sql): its deterministic ids and picks,
 * computed exactly as the seed's pg_temp.demo_id and pg_temp.pick.
 */
import { createHash } from "node:crypto";

function md5(text: string): string {
  return createHash("md5").update(text).digest("hex");
}

/** pg_temp.demo_id(key): md5('coachbase-demo:' || key) as a uuid. */
export function demoId(key: string): string {
  const hex = md5(`coachbase-demo:${key}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** pg_temp.pick(key): a stable number in 0..999. */
export function pick(key: string): number {
  return Number.parseInt(md5(key).slice(0, 7), 16) % 1000;
}

export interface DemoLead {
  id: string;
  phone: string;
}

/**
 * The pipeline leads (61..300) interested in Spoken English (the course with an upcoming batch), with
 * an email, still "interested" and not opted out of WhatsApp: every action on them can go out.
 */
export function reachableInterestedLeads(): DemoLead[] {
  const leads: DemoLead[] = [];
  for (let n = 63; n <= 300; n += 3) {
    const id = demoId(`lead-${n}`);
    const status = pick(`status-${n}`);
    const interested = status >= 600 && status < 750;
    if (interested && pick(`no-email-${n}`) < 850 && pick(`optout-${id}`) >= 40) leads.push({ id, phone: `+9191000${String(n).padStart(5, "0")}` });
  }
  return leads;
}

/** The first of them (the lead-work tests act on it). */
export function reachableInterestedLead(): DemoLead {
  const [lead] = reachableInterestedLeads();
  if (!lead) throw new Error("The seed has no reachable interested lead; supabase/seed.sql changed.");
  return lead;
}
