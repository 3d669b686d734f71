/** Whole-page states: waiting (announced once), and failure with a way forward. */
import { Loader2 } from "lucide-react";
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

export function PageLoading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="flex min-h-40 items-center justify-center gap-2 text-slate-600">
      <Loader2 className="size-5 animate-spin" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

interface PageErrorProps {
  title: string;
  children: ReactNode;
  onRetry?: () => void;
}

export function PageError({ title, children, onRetry }: PageErrorProps) {
  return (
    <Alert tone="error" title={title}>
      <div className="grid gap-3">
        <div>{children}</div>
        {onRetry ? (
          <div>
            <Button variant="outline" size="sm" onClick={onRetry}>
              Try again
            </Button>
          </div>
        ) : null}
      </div>
    </Alert>
  );
}
