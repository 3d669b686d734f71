/** A labelled select with an "Any" choice, for one filter of the leads list. */
import { ChoiceField } from "@/components/ui/choice-field";

interface FilterSelectProps {
  label: string;
  value: string | null;
  options: { value: string; label: string }[];
  onChange: (value: string | null) => void;
}

export function FilterSelect({ label, value, options, onChange }: FilterSelectProps) {
  return (
    <ChoiceField
      label={label}
      value={value ?? ""}
      anyLabel="Any"
      options={options}
      onChange={(next) => {
        onChange(next || null);
      }}
    />
  );
}
