/** A message box inside a page: errors are announced (role=alert), notices are polite (role=status). */
import { AlertCircle, CheckCircle2, Info } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const tones = {
  error: { box: "border-red-200 bg-red-50 text-red-900", Icon: AlertCircle, role: "alert" },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", Icon: CheckCircle2, role: "status" },
  info: { box: "border-brand-100 bg-brand-50 text-slate-900", Icon: Info, role: "status" },
} as const;

interface AlertProps extends ComponentProps<"div"> {
  tone?: keyof typeof tones;
  title?: string;
}

export function Alert({ tone = "info", title, className, children, ...props }: AlertProps) {
  const { box, Icon, role } = tones[tone];
  return (
    <div role={role} className={cn("flex gap-3 rounded-md border p-3 text-sm", box, className)} {...props}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="grid gap-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
