/** Which channels the student and their parent accept messages on, as a grid of answers. */
import type { Database } from "@/lib/database.types";

type Enums = Database["public"]["Enums"];
export type Party = Enums["contact_party"];
export type Channel = Enums["contact_channel"];
export type ConsentState = Enums["consent_state"];

export interface ConsentRow {
  id: string;
  party: Party;
  channel: Channel;
  state: ConsentState;
  source: Enums["consent_source"];
  recorded_at: string;
}

export interface ConsentChange {
  id: string | null;
  party: Party;
  channel: Channel;
  state: ConsentState;
}

/** The channels the center reaches people on (no SMS provider is configured). */
export const CHANNELS: { channel: Channel; label: string }[] = [
  { channel: "email", label: "Email" },
  { channel: "whatsapp", label: "WhatsApp" },
  { channel: "call", label: "Phone calls" },
];

export interface ConsentCell {
  party: Party;
  channel: Channel;
  label: string;
  row: ConsentRow | null;
}

/** One cell per channel for `party`, holding the recorded answer or null when never asked. */
export function consentCells(rows: ConsentRow[], party: Party): ConsentCell[] {
  return CHANNELS.map(({ channel, label }) => ({
    party,
    channel,
    label,
    row: rows.find((row) => row.party === party && row.channel === channel) ?? null,
  }));
}

/** The change that flips a cell: opted in becomes opted out; opted out or never asked becomes opted in. */
export function toggled(cell: ConsentCell): ConsentChange {
  const state: ConsentState = cell.row?.state === "opted_in" ? "opted_out" : "opted_in";
  return { id: cell.row?.id ?? null, party: cell.party, channel: cell.channel, state };
}

/** A refused write as the database reports it: a guard's 42501 carries the advice in `hint`. */
type WriteError = Error & { code?: string; hint?: string };

/** Why an answer was not saved and what to do: a refusal's own advice (e.g. a bounce only the center can lift), else to retry. */
export function unsavedReason(error: WriteError): string {
  return error.code === "42501" && error.hint ? `${error.message} ${error.hint}` : `${error.message} Try again.`;
}
