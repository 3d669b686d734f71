/** A labelled select of a few choices (with an optional "Any"), wired to its label for assistive technology. */
import { FormField } from "./form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

const ANY = "__any__";

interface ChoiceFieldProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  /** Offers "Any" (the empty string) first. */
  anyLabel?: string;
  placeholder?: string;
  hint?: string;
}

export function ChoiceField({ label, value, options, onChange, anyLabel, placeholder, hint }: ChoiceFieldProps) {
  return (
    <FormField label={label} hint={hint}>
      {(control) => (
        <Select
          value={value === "" && anyLabel ? ANY : value}
          onValueChange={(next) => {
            onChange(next === ANY ? "" : next);
          }}
        >
          <SelectTrigger {...control}>
            <SelectValue placeholder={placeholder} />
          </SelectTrigger>
          <SelectContent>
            {anyLabel ? <SelectItem value={ANY}>{anyLabel}</SelectItem> : null}
            {options.map((option) => (
              <SelectItem key={option.value} value={option.value}>
                {option.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    </FormField>
  );
}
