/** A thread of unverified emails from nobody we know (decision 0691): no lead was made; the admin may make one. */
import { useState, type SyntheticEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useMakeLeadOfUnverifiedSender } from "../hooks/use-conversation-actions";

interface UnverifiedSenderPanelProps {
  conversationId: string;
  address: string;
}

export function UnverifiedSenderPanel({ conversationId, address }: UnverifiedSenderPanelProps) {
  const [fullName, setFullName] = useState("");
  const makeLead = useMakeLeadOfUnverifiedSender(conversationId);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    makeLead.mutate(fullName);
  };
  return (
    <Alert title="Nobody we know has this address, and its domain did not confirm these emails">
      <p>
        They say they are from {address} but may be forged, so no lead was made and nothing was sent to that address.
        If you judge them genuine (for example after calling the person), make a lead: it takes this conversation over,
        and you can then reply.
      </p>
      <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={submit}>
        <FormField label="Lead's name (optional)" className="min-w-48 flex-1">
          {(control) => <Input {...control} value={fullName} maxLength={200} onChange={(event) => { setFullName(event.target.value); }} />}
        </FormField>
        <Button type="submit" busy={makeLead.isPending}>
          Make a lead
        </Button>
      </form>
    </Alert>
  );
}
