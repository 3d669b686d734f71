/** Says how many leads are selected, offers "all matching the filter", and holds the bulk actions. */
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

interface SelectionBannerProps {
  count: number;
  total: number;
  pageSize: number;
  allMatching: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  children?: ReactNode;
}

const leads = (count: number) => `${count.toLocaleString("en-IN")} ${count === 1 ? "lead" : "leads"}`;

export function SelectionBanner({ count, total, pageSize, allMatching, onSelectAll, onClear, children }: SelectionBannerProps) {
  const canWiden = !allMatching && count >= pageSize && total > count;
  return (
    <Card role="region" aria-label="Selected leads" className="grid gap-3 border-brand-200 bg-brand-50 p-3">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" aria-live="polite">
        <span className="font-medium">{allMatching ? `All ${leads(total)} matching the filter are selected.` : `${leads(count)} selected.`}</span>
        {canWiden ? (
          <Button variant="link" size="inline" onClick={onSelectAll}>
            Select all {leads(total)} matching the filter
          </Button>
        ) : null}
        <Button variant="link" size="inline" onClick={onClear}>
          Clear selection
        </Button>
      </p>
      {children ? <div className="flex flex-wrap gap-2">{children}</div> : null}
    </Card>
  );
}
