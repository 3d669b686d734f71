/** The browser's own select, styled like Input: light, and native on phones (for forms with few options). */
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-10 w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 text-base text-slate-900 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500 sm:text-sm",
        className,
      )}
      {...props}
    />
  );
}
