/** The frame of a settings form: a labelled two-column grid and its save button. */
import type { ReactNode, SubmitEventHandler } from "react";
import { Button } from "@/components/ui/button";

interface FormFrameProps {
  label: string;
  saveLabel: string;
  busy: boolean;
  onSubmit: SubmitEventHandler<HTMLFormElement>;
  children: ReactNode;
}

export function FormFrame({ label, saveLabel, busy, onSubmit, children }: FormFrameProps) {
  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" aria-label={label}>
      {children}
      <div className="sm:col-span-2">
        <Button type="submit" busy={busy}>
          {saveLabel}
        </Button>
      </div>
    </form>
  );
}
