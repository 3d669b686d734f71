/** The Leads list's bulk actions on the selected leads: tag, status, sequence, email, WhatsApp, AI calls. */
import { ListPlus, Mail, MessageCircle, PhoneCall, Tag, UserCog } from "lucide-react";
import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { CHANNEL_LABELS, type Audience, type Channel } from "@/lib/audience";
import { LEAD_STATUSES as STATUSES, type LeadStatus } from "@/lib/lead-labels";
import { isRequestIdReused, useRequestId } from "@/lib/use-request-id";
import { changeLeads } from "../api/change-leads";
import { createCampaign } from "../api/create-campaign";
import { TEMPLATES, templateLabel, type Template } from "../campaign-model";
import { useSequences } from "../hooks/use-campaigns";
import { BulkActionDialog } from "./bulk-action-dialog";
import { ChoiceField } from "@/components/ui/choice-field";

interface BulkActionsProps {
  audience: Audience;
  count: number;
  onDone: () => void;
}

const leads = (count: number) => `${count.toLocaleString("en-IN")} ${count === 1 ? "lead" : "leads"}`;

function changed(count: number, what: string) {
  return { title: `${leads(count)} ${what}` };
}

function TagAction({ audience, onDone }: BulkActionsProps) {
  const [tag, setTag] = useState("");
  const clean = tag.trim();
  return (
    <BulkActionDialog
      label="Add tag"
      icon={Tag}
      description="Adds the tag to every selected lead that does not have it yet."
      audience={audience}
      purpose={clean ? {} : null}
      verb="will be tagged"
      confirmLabel="Add tag"
      run={async () => changed(await changeLeads(audience, { kind: "tag", tag: clean }), `tagged “${clean}”`)}
      onDone={onDone}
    >
      <FormField label="Tag" hint="Letters, digits and spaces; no commas.">
        {(control) => <Input {...control} value={tag} maxLength={100} onChange={(event) => { setTag(event.target.value.replace(/[,{}"]/g, "")); }} />}
      </FormField>
    </BulkActionDialog>
  );
}

function StatusAction({ audience, onDone }: BulkActionsProps) {
  const [status, setStatus] = useState<LeadStatus | "">("");
  const [reason, setReason] = useState("");
  return (
    <BulkActionDialog
      label="Change status"
      icon={UserCog}
      description="Moves every selected lead to the status you choose."
      audience={audience}
      purpose={status ? {} : null}
      verb="will change status"
      confirmLabel="Change status"
      run={async () => {
        if (!status) throw new Error("Choose a status.");
        const count = await changeLeads(audience, { kind: "status", status, lostReason: status === "lost" ? reason.trim() || null : null });
        return changed(count, `moved to ${STATUSES.find((s) => s.value === status)?.label ?? status}`);
      }}
      onDone={onDone}
    >
      <ChoiceField label="New status" value={status} options={STATUSES} placeholder="Choose a status" onChange={(next) => { setStatus(next as LeadStatus); }} />
      {status === "lost" ? (
        <FormField label="Why they were lost (optional)">
          {(control) => <Input {...control} value={reason} maxLength={500} onChange={(event) => { setReason(event.target.value); }} />}
        </FormField>
      ) : null}
    </BulkActionDialog>
  );
}

function SequenceAction({ audience, onDone }: BulkActionsProps) {
  const sequences = useSequences();
  const [key, setKey] = useState("");
  const options = (sequences.data ?? []).map((s) => ({ value: s.key, label: s.name }));
  return (
    <BulkActionDialog
      label="Start sequence"
      icon={ListPlus}
      description="Starts a follow-up sequence for every selected lead not already in it. Opted-out channels are skipped at each step."
      audience={audience}
      purpose={key ? { sequence_key: key } : null}
      verb="will start it"
      confirmLabel="Start sequence"
      run={async () => changed(await changeLeads(audience, { kind: "sequence", sequenceKey: key }), "started the sequence")}
      onDone={onDone}
    >
      <ChoiceField
        label="Sequence"
        value={key}
        options={options}
        placeholder={sequences.isPending ? "Loading…" : options.length ? "Choose a sequence" : "No active sequence"}
        hint={sequences.isError ? "The sequences could not be loaded; close and open this again." : undefined}
        onChange={setKey}
      />
    </BulkActionDialog>
  );
}

const SEND_ICONS: Record<Channel, typeof Mail> = { email: Mail, whatsapp: MessageCircle, call: PhoneCall };
const SEND_LABELS: Record<Channel, string> = { email: "Send email", whatsapp: "Send WhatsApp", call: "Start AI calls" };

function SendAction({ audience, count, onDone, channel }: BulkActionsProps & { channel: Channel }) {
  const templates = TEMPLATES[channel];
  const [template, setTemplate] = useState<Template | "">(templates.length === 1 ? (templates[0]?.value ?? "") : "");
  const name = template ? `${templateLabel(channel, template)} — ${leads(count)} from the Leads list` : "";
  // The same send confirmed again after a failure (even after closing the dialog) keeps its id, so a campaign
  // the service did start is not started twice; another template or selection takes a new id.
  const { requestId, renew } = useRequestId({ name, channel, template, audience });
  return (
    <BulkActionDialog
      label={SEND_LABELS[channel]}
      icon={SEND_ICONS[channel]}
      description={`Each lead gets the template about their own course. Leads opted out of ${CHANNEL_LABELS[channel]}, without the address or without an upcoming batch are left out.`}
      audience={audience}
      purpose={template ? { channel } : null}
      verb={channel === "call" ? "will be called" : "will receive it"}
      confirmLabel={channel === "call" ? "Start calls" : "Send"}
      run={async () => {
        if (!template) throw new Error("Choose a template.");
        const done = await createCampaign({ name, channel, template, audience, requestId }).catch((error: unknown) => {
          if (isRequestIdReused(error)) renew();
          throw error;
        });
        renew();
        return {
          title: channel === "call" ? `Calls queued for ${leads(done.recipients)}` : `${CHANNEL_LABELS[channel]} queued for ${leads(done.recipients)}`,
          description: "Follow delivery on the Campaigns page.",
        };
      }}
      onDone={onDone}
    >
      {templates.length > 1 ? <ChoiceField label="Template" value={template} options={templates} placeholder="Choose a template" onChange={(next) => { setTemplate(next as Template); }} /> : null}
    </BulkActionDialog>
  );
}

export function BulkActions(props: BulkActionsProps) {
  return (
    <>
      <TagAction {...props} />
      <StatusAction {...props} />
      <SequenceAction {...props} />
      <SendAction {...props} channel="email" />
      <SendAction {...props} channel="whatsapp" />
      <SendAction {...props} channel="call" />
    </>
  );
}
