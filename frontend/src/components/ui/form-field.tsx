/**
 * A labelled form control with its hint and inline error, wired for assistive technology:
 * the control gets the id, aria-invalid and aria-describedby; the error is read with it.
 */
import { useId, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Label } from "./label";

export interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

interface FormFieldProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  /** "stacked": label above (text inputs); "inline": control then label (checkboxes). */
  layout?: "stacked" | "inline";
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function FormField({ label, error, hint, layout = "stacked", className, children }: FormFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const control = children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy });
  const notes = (
    <>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );

  if (layout === "inline") {
    return (
      <div className={cn("grid grid-cols-[auto_1fr] items-start gap-x-3 gap-y-1", className)}>
        <div className="pt-0.5">{control}</div>
        <Label htmlFor={id} weight="normal">
          {label}
        </Label>
        <div className="col-start-2 grid gap-1">{notes}</div>
      </div>
    );
  }
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {control}
      {notes}
    </div>
  );
}
