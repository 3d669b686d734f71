/** Changes a lead's status; "Lost" asks for the reason first, since the team reads it later. */
import { useState, type SyntheticEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useChangeLeadStatus } from "../hooks/use-lead";
import { LEAD_STATUSES, type LeadStatus } from "../lead-query";

export function LeadStatusControl({ leadId, status }: { leadId: string; status: LeadStatus }) {
  const change = useChangeLeadStatus(leadId);
  const [losing, setLosing] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  const markLost = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    change.mutate({ status: "lost", lostReason: reason.trim() }, { onSuccess: () => { setLosing(false); setReason(""); } });
  };

  return (
    <div className="grid gap-3">
      <FormField label="Change status">
        {(control) => (
          <NativeSelect
            {...control}
            value={losing ? "lost" : status}
            disabled={change.isPending}
            onChange={(event) => {
              const next = event.target.value as LeadStatus;
              setLosing(next === "lost" && status !== "lost");
              if (next !== "lost" && next !== status) change.mutate({ status: next, lostReason: null });
            }}
          >
            {LEAD_STATUSES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      {losing ? (
        <form onSubmit={markLost} className="grid gap-2">
          <FormField label="Why was the lead lost?" error={missing ? "Say why, so the team can learn from it." : undefined}>
            {(control) => (
              <Input {...control} maxLength={500} value={reason} onChange={(event) => { setReason(event.target.value); setMissing(false); }} />
            )}
          </FormField>
          <div className="flex gap-2">
            <Button type="submit" size="sm" busy={change.isPending}>
              Mark as lost
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => { setLosing(false); setMissing(false); }}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
