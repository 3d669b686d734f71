/** A form label (Radix Label: clicking it focuses its control). */
import { Label as LabelPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** `weight="normal"` for long labels beside checkboxes. */
export function Label({ className, weight = "medium", ...props }: ComponentProps<typeof LabelPrimitive.Root> & { weight?: "medium" | "normal" }) {
  return (
    <LabelPrimitive.Root
      className={cn("text-sm text-slate-800", weight === "medium" ? "font-medium" : "font-normal", className)}
      {...props}
    />
  );
}
