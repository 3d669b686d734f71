/** The lead statuses and sources with the words the admin pages show for them. */
import type { Database } from "./database.types";

export type LeadStatus = Database["public"]["Enums"]["lead_status"];
export type LeadSource = Database["public"]["Enums"]["lead_source"];

export const LEAD_STATUSES: { value: LeadStatus; label: string }[] = [
  { value: "new", label: "New" },
  { value: "contacted", label: "Contacted" },
  { value: "interested", label: "Interested" },
  { value: "payment_sent", label: "Payment sent" },
  { value: "enrolled", label: "Enrolled" },
  { value: "lost", label: "Lost" },
];

export const LEAD_SOURCES: { value: LeadSource; label: string }[] = [
  { value: "form", label: "Course page form" },
  { value: "import", label: "CSV import" },
  { value: "manual", label: "Added by hand" },
  { value: "whatsapp", label: "WhatsApp" },
  { value: "call", label: "Phone call" },
];
