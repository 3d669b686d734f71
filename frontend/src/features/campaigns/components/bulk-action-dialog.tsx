/**
 * One bulk action on the selected leads: its fields, then how many leads it reaches (and why others are
 * left out) before the admin confirms; a toast says what happened. The dialog stays open on failure.
 */
import type { LucideIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast-store";
import type { Audience, AudiencePreview, Purpose } from "@/lib/audience";
import { useAudiencePreview } from "../hooks/use-audience-preview";
import { ReachSummary } from "./reach-summary";

interface BulkActionDialogProps {
  label: string;
  icon: LucideIcon;
  description: string;
  audience: Audience;
  /** What to preview; null while the fields are incomplete. */
  purpose: Purpose | null;
  verb: string;
  confirmLabel: string;
  /** Runs the action; resolves to the toast's title and description. */
  run: () => Promise<{ title: string; description?: string }>;
  onDone: () => void;
  children?: ReactNode;
}

function nobodyReached(preview: AudiencePreview | undefined): boolean {
  return preview !== undefined && preview.reachable === 0;
}

export function BulkActionDialog(props: BulkActionDialogProps) {
  const { label, icon: Icon, description, audience, purpose, verb, confirmLabel, run, onDone, children } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const preview = useAudiencePreview(audience, open ? purpose : null);

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await run();
      toast({ tone: "success", ...result });
      setOpen(false);
      onDone();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : "It did not work.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (busy) return;
        setOpen(next);
        setFailure(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Icon aria-hidden="true" />
          {label}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{label}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
        {purpose ? (
          <ReachSummary preview={preview.data} status={preview.status} error={preview.error} onRetry={() => void preview.refetch()} verb={verb} />
        ) : null}
        {failure ? (
          <Alert tone="error" title="Nothing was done">
            {failure} Change what it says, or try again.
          </Alert>
        ) : null}
        <DialogFooter>
          <Button
            variant="outline"
            disabled={busy}
            onClick={() => {
              setOpen(false);
            }}
          >
            Cancel
          </Button>
          <Button busy={busy} disabled={!purpose || !preview.data || preview.isFetching || nobodyReached(preview.data)} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
