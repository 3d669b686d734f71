/** What a payer's page says about a payment or a link, as a list of label and value. */
import type { ReactNode } from "react";

export function FactList({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-md bg-slate-50 p-4 text-sm">{children}</dl>;
}

/** One row, left out when it has no value. */
export function Fact({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  if (children === null || children === undefined || children === "") return null;
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className={className}>{children}</dd>
    </>
  );
}
