/** The buttons of one outbox row; cancelling asks first. */
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast-store";
import { useChangeOutboxItem } from "../hooks/use-change-outbox-item";
import { ACTION_LABELS, actionsFor, describeOperation, type OutboxAction, type OutboxItem } from "../outbox-item";

export function OutboxActions({ item }: { item: OutboxItem }) {
  const change = useChangeOutboxItem();
  const busy = change.isPending && change.variables.item.id === item.id;

  const run = (action: OutboxAction) => { change.mutate(
      { item, action },
      { onError: (error) => toast({ tone: "error", title: "Nothing was changed", description: error.message }) },
    ); };

  return (
    <div className="flex flex-wrap gap-2">
      {actionsFor(item.status).map((action) =>
        action === "cancel" ? (
          <ConfirmDialog
            key={action}
            trigger={
              <Button variant="outline" size="sm" disabled={busy}>
                {ACTION_LABELS.cancel}
              </Button>
            }
            title="Cancel this message?"
            description={`${describeOperation(item)} will never be sent. The row stays in the outbox as cancelled.`}
            confirmLabel="Cancel it"
            onConfirm={() => change.mutateAsync({ item, action })}
          />
        ) : (
          <Button key={action} variant="outline" size="sm" busy={busy} onClick={() => { run(action); }}>
            {ACTION_LABELS[action]}
          </Button>
        ),
      )}
    </div>
  );
}
