/** Compose a campaign: a segment of leads, a channel and template, a preview of who gets it, then send. */
import { useState } from "react";
import { useNavigate } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast-store";
import { CHANNEL_LABELS, type Channel } from "@/lib/audience";
import { LEAD_SOURCES, LEAD_STATUSES } from "@/lib/lead-labels";
import { isRequestIdReused, useRequestId } from "@/lib/use-request-id";
import { createCampaign } from "../api/create-campaign";
import { EMPTY_SEGMENT, segmentFilter, TEMPLATES, type Segment, type Template } from "../campaign-model";
import { useAudiencePreview } from "../hooks/use-audience-preview";
import { useCourseOptions } from "../hooks/use-campaigns";
import { ChoiceField } from "@/components/ui/choice-field";
import { ReachSummary } from "./reach-summary";

const CHANNELS = (Object.keys(CHANNEL_LABELS) as Channel[]).map((value) => ({ value, label: CHANNEL_LABELS[value] }));

interface CampaignComposerProps {
  /** Turns a calendar day into the instant it starts (or, with nextDay, ends) in the viewer's zone. */
  dayStart: (day: string, nextDay?: boolean) => string;
}

export function CampaignComposer({ dayStart }: CampaignComposerProps) {
  const navigate = useNavigate();
  const courses = useCourseOptions();
  const [segment, setSegment] = useState<Segment>(EMPTY_SEGMENT);
  const [channel, setChannel] = useState<Channel>("email");
  const [template, setTemplate] = useState<Template>("follow_up_day_1");
  const [name, setName] = useState("");
  const audience = { filter: segmentFilter(segment, dayStart) };
  // Confirming again after a failure resends with the same id (a campaign the service did start is not
  // started twice); changing who, what or the name makes it another campaign with a new id.
  const { requestId, renew } = useRequestId({ name: name.trim(), channel, template, audience });
  const preview = useAudiencePreview(audience, { channel });
  const set = (change: Partial<Segment>) => {
    setSegment({ ...segment, ...change });
  };
  const reachable = preview.data?.reachable ?? 0;
  const ready = name.trim() !== "" && reachable > 0 && !preview.isFetching;

  const send = async () => {
    const done = await createCampaign({ name: name.trim(), channel, template, audience, requestId }).catch((error: unknown) => {
      if (isRequestIdReused(error)) renew();
      throw error;
    });
    toast({ tone: "success", title: `Campaign queued for ${done.recipients.toLocaleString("en-IN")} leads`, description: "Delivery updates appear as they arrive." });
    void navigate(`/admin/campaigns/${done.id}`);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>New campaign</CardTitle>
        <CardDescription>Leads opted out of the channel, without its address, or without a course with an upcoming batch are left out.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold">Who</legend>
          <ChoiceField label="Course" value={segment.courseId} anyLabel="Any course" options={(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))} onChange={(courseId) => { set({ courseId }); }} />
          <ChoiceField label="Status" value={segment.status} anyLabel="Any status" options={LEAD_STATUSES} onChange={(status) => { set({ status }); }} />
          <ChoiceField label="Source" value={segment.source} anyLabel="Any source" options={LEAD_SOURCES} onChange={(source) => { set({ source }); }} />
          <FormField label="Tag">{(control) => <Input {...control} value={segment.tag} onChange={(event) => { set({ tag: event.target.value }); }} />}</FormField>
          <FormField label="Created from">{(control) => <Input {...control} type="date" value={segment.from} onChange={(event) => { set({ from: event.target.value }); }} />}</FormField>
          <FormField label="Created until">{(control) => <Input {...control} type="date" value={segment.to} onChange={(event) => { set({ to: event.target.value }); }} />}</FormField>
        </fieldset>
        <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold">What</legend>
          <ChoiceField
            label="Channel"
            value={channel}
            options={CHANNELS}
            onChange={(next) => {
              const picked = next as Channel;
              setChannel(picked);
              setTemplate(TEMPLATES[picked][0]?.value ?? "follow_up_day_1");
            }}
          />
          <ChoiceField label="Template" value={template} options={TEMPLATES[channel]} onChange={(next) => { setTemplate(next as Template); }} />
          <FormField label="Campaign name" hint="Only admins see it.">
            {(control) => <Input {...control} value={name} maxLength={200} onChange={(event) => { setName(event.target.value); }} />}
          </FormField>
        </fieldset>
        <section aria-label="Recipients" className="grid gap-2">
          <h2 className="text-sm font-semibold">Recipients</h2>
          <ReachSummary preview={preview.data} status={preview.status} error={preview.error} onRetry={() => void preview.refetch()} verb={channel === "call" ? "will be called" : "will receive it"} showRows />
        </section>
        <div>
          <ConfirmDialog
            trigger={<Button disabled={!ready}>{channel === "call" ? "Start calls" : "Send campaign"}</Button>}
            title={`Send “${name.trim()}”?`}
            description={`${reachable.toLocaleString("en-IN")} ${reachable === 1 ? "lead" : "leads"} will get it by ${CHANNEL_LABELS[channel]}. Messages cannot be recalled once sent.`}
            confirmLabel={channel === "call" ? "Start calls" : "Send now"}
            onConfirm={send}
          />
          {!name.trim() ? <p className="mt-1 text-sm text-slate-600">Name the campaign to send it.</p> : null}
        </div>
      </CardContent>
    </Card>
  );
}
