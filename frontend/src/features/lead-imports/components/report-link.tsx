/** Downloads an import's error report through a short-lived signed link. */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { getReportUrl } from "../api/get-report-url";

export function ReportLink({ path }: { path: string }) {
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      window.location.assign(await getReportUrl(path));
    } catch (error) {
      toast({ tone: "error", title: "The error report could not be opened", description: error instanceof Error ? error.message : undefined });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="link" size="inline" busy={busy} onClick={() => void open()}>
      Download the error report (line, column, reason)
    </Button>
  );
}
