/** "Start AI call", asked first: the call rings the lead's phone at once. */
import { Phone } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { newRequestId } from "@/lib/request-id";
import { asSentence } from "@/lib/format/sentence";
import { useStartLeadCall } from "../hooks/use-lead-outreach";

export function StartCallButton({ leadId, name }: { leadId: string; name: string }) {
  const [requestId, setRequestId] = useState(newRequestId);
  const start = useStartLeadCall(leadId);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <Phone aria-hidden="true" />
          Start AI call
        </Button>
      }
      title={`Call ${name} now?`}
      description="The AI agent calls the lead's phone right away and talks about their course. Its summary, transcript and recording appear on the timeline."
      confirmLabel="Start the call"
      onConfirm={() =>
        start.mutateAsync(requestId).then(
          () => { setRequestId(newRequestId()); },
          (error: unknown) => {
            throw new Error(asSentence(error instanceof Error ? error.message : "The call was not started."));
          },
        )
      }
    />
  );
}
