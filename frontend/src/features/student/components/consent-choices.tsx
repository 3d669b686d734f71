/** Per person, one checkbox per channel: checked means they accept messages there. Saved on change. */
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { formatDate } from "@/lib/format/time";
import { consentCells, toggled, type ConsentRow, type Party } from "../consents";
import { useSaveConsent } from "../hooks/use-profile-actions";

const WHO: Record<Party, string> = { self: "You", parent: "Your parent" };

export function ConsentChoices({ userId, rows, party, timeZone }: { userId: string; rows: ConsentRow[]; party: Party; timeZone: string }) {
  const save = useSaveConsent(userId);
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-2 font-medium">{WHO[party]}</legend>
      {consentCells(rows, party).map((cell) => (
        <FormField
          key={cell.channel}
          layout="inline"
          label={`${WHO[party]}: ${cell.label}`}
          hint={cell.row ? `${cell.row.state === "opted_in" ? "Accepted" : "Declined"} on ${formatDate(cell.row.recorded_at, timeZone)}` : "Not asked yet"}
        >
          {(control) => (
            <Checkbox
              {...control}
              checked={cell.row?.state === "opted_in"}
              disabled={save.isPending}
              onCheckedChange={() => { save.mutate(toggled(cell)); }}
            />
          )}
        </FormField>
      ))}
    </fieldset>
  );
}
