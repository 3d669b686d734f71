/** A quiet "← back" link to the list a page was opened from. */
import { ArrowLeft } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Button } from "./button";

export function BackLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <Button asChild variant="ghost" size="sm" className={className}>
      <Link to={to}>
        <ArrowLeft aria-hidden="true" />
        {children}
      </Link>
    </Button>
  );
}
