/**
 * The browser's own select, styled like Input: small, works with every keyboard and phone picker, and
 * tests choose options with `selectOption`. Prefer it inside forms and dialogs.
 */
import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function NativeSelect({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <div className={cn("relative", className)}>
      <select
        className="h-10 w-full appearance-none rounded-md border border-slate-300 bg-white pr-9 pl-3 text-base text-slate-900 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500 sm:text-sm"
        {...props}
      >
        {children}
      </select>
      <ChevronDown className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
    </div>
  );
}
