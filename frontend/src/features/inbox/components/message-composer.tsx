/**
 * Writes to a lead by email (subject and body) or WhatsApp. While the contact's WhatsApp window is
 * closed it offers only the approved templates, as the service allows nothing else then.
 */
import { useState, type SyntheticEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { isRequestIdReused, useRequestId } from "@/lib/use-request-id";
import { BODY_MAX, COURSE_TEMPLATES, composerMode, draftProblem, SUBJECT_MAX, type ComposerChannel, type CourseTemplate, type DraftProblem } from "../composer-model";
import { useSendToLead, type OutgoingMessage } from "../hooks/use-lead-outreach";
import { useWhatsAppWindows } from "../hooks/use-timeline";

interface MessageComposerProps {
  leadId: string;
  conversationId: string;
}

const textareaClass = "w-full rounded-md border border-slate-300 bg-white p-3 text-base aria-invalid:border-red-500 sm:text-sm";

export function MessageComposer({ leadId, conversationId }: MessageComposerProps) {
  const [channel, setChannel] = useState<ComposerChannel>("email");
  const [draft, setDraft] = useState({ subject: "", body: "" });
  const [template, setTemplate] = useState<CourseTemplate>(COURSE_TEMPLATES[0].value);
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const windows = useWhatsAppWindows(conversationId);
  const send = useSendToLead(leadId);
  const mode = composerMode(channel, windows.data);
  const outgoing: OutgoingMessage = mode === "template" ? { kind: "template", channel, template } : { kind: "free", channel, draft };
  // Sending the same message again after a failure reuses its id, so one the service did queue goes once;
  // any edit (text, template, channel) makes it a new message with a new id.
  const { requestId, renew } = useRequestId({ leadId, ...outgoing });

  const settled = {
    onSuccess: () => {
      renew();
      setDraft({ subject: "", body: "" });
    },
    onError: (error: Error) => {
      if (isRequestIdReused(error)) renew();
    },
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = outgoing.kind === "free" ? draftProblem(channel, draft) : null;
    setProblem(found);
    if (!found) send.mutate({ ...outgoing, requestId }, settled);
  };
  const bodyField = (
    <FormField label="Message" error={problem?.field === "body" ? problem.message : undefined}>
      {(control) => (
        <textarea
          {...control}
          rows={4}
          maxLength={BODY_MAX}
          value={draft.body}
          className={textareaClass}
          onChange={(event) => { setDraft({ ...draft, body: event.target.value }); }}
        />
      )}
    </FormField>
  );

  return (
    <form onSubmit={submit} aria-label="Message the contact" className="grid gap-3">
      <Tabs value={channel} onValueChange={(next) => { setChannel(next as ComposerChannel); setProblem(null); }}>
        <TabsList aria-label="Channel">
          <TabsTrigger value="email">Email</TabsTrigger>
          <TabsTrigger value="whatsapp">WhatsApp</TabsTrigger>
        </TabsList>
        <TabsContent value="email" className="grid gap-3">
          <FormField label="Subject" error={problem?.field === "subject" ? problem.message : undefined}>
            {(control) => (
              <Input {...control} maxLength={SUBJECT_MAX} value={draft.subject} onChange={(event) => { setDraft({ ...draft, subject: event.target.value }); }} />
            )}
          </FormField>
          {bodyField}
        </TabsContent>
        <TabsContent value="whatsapp" className="grid gap-3">
          {windows.status === "pending" ? <p className="text-sm text-slate-500">Checking WhatsApp's 24-hour window…</p> : null}
          {mode === "template" && windows.status !== "pending" ? (
            <>
              <Alert tone="info" title="WhatsApp's 24-hour window is closed">
                The contact has not written on WhatsApp in the last 24 hours, so only an approved template can go. Free text
                is possible again once they reply, or by email now.
              </Alert>
              <FormField label="Template">
                {(control) => (
                  <NativeSelect {...control} value={template} onChange={(event) => { setTemplate(event.target.value as CourseTemplate); }}>
                    {COURSE_TEMPLATES.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </NativeSelect>
                )}
              </FormField>
            </>
          ) : mode === "free" ? (
            bodyField
          ) : null}
        </TabsContent>
      </Tabs>
      <div className="flex justify-end">
        <Button type="submit" busy={send.isPending} disabled={channel === "whatsapp" && windows.status === "pending"}>
          {mode === "template" ? "Send template" : channel === "email" ? "Send email" : "Send WhatsApp"}
        </Button>
      </div>
    </form>
  );
}
