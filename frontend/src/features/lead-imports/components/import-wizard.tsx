/**
 * Leads → Import: upload a CSV, check the recognized columns and a dry run's counts and errors, import
 * with live progress, then the result with the error report. The lead_imports row drives every step.
 */
import { useState } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { toast } from "@/components/ui/toast-store";
import { requestImport } from "../api/request-import";
import { startImport } from "../api/start-import";
import { uploadImportFile } from "../api/upload-import-file";
import { useLeadImport } from "../hooks/use-lead-import";
import { readMapping, sameMapping, type LeadImport } from "../import-model";
import { FileDrop } from "./file-drop";
import { ImportProgress } from "./import-progress";
import { PreviewStep } from "./preview-step";
import { ReportLink } from "./report-link";

const STEPS = ["Upload", "Check columns", "Import", "Done"];

function Steps({ current }: { current: number }) {
  return (
    <ol aria-label="Steps" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {STEPS.map((step, index) => (
        <li key={step} aria-current={index === current ? "step" : undefined} className={index === current ? "font-semibold text-brand-700" : "text-slate-500"}>
          {index + 1}. {step}
        </li>
      ))}
    </ol>
  );
}

interface Upload {
  path: string;
  name: string;
}

function stepOf(row: LeadImport | undefined, awaitingStart: boolean): number {
  if (!row) return 0;
  if (row.status === "completed") return 3;
  if (awaitingStart || row.status === "importing") return 2;
  return 1;
}

export function ImportWizard() {
  const [upload, setUpload] = useState<Upload | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [awaitingStart, setAwaitingStart] = useState(false);
  const [edited, setEdited] = useState<Record<string, string> | null>(null);
  const [startSequence, setStartSequence] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const current = useLeadImport(importId, awaitingStart);
  const row = current.data;

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : "It did not work.");
    } finally {
      setBusy(false);
    }
  };
  const preview = (file: Upload, mapping: Record<string, string> | null) =>
    act(async () => {
      const id = await requestImport({ filePath: file.path, originalFilename: file.name, mapping, dryRun: true, startSequence: false });
      setEdited(null);
      setImportId(id);
    });
  const onFile = (file: File) =>
    void act(async () => {
      const path = await uploadImportFile(file);
      const uploaded = { path, name: file.name };
      setUpload(uploaded);
      await preview(uploaded, null);
    });
  const restart = () => {
    setUpload(null);
    setImportId(null);
    setAwaitingStart(false);
    setEdited(null);
    setFailure(null);
  };
  const previewed = row ? readMapping(row) : {};
  const mapping = edited ?? previewed;
  const onImport = () =>
    void act(async () => {
      if (!importId) return;
      await startImport(importId, null, startSequence);
      setAwaitingStart(true);
      toast({ tone: "info", title: "Import started", description: "You can leave this page; the import goes on." });
    });

  return (
    <div className="grid gap-4">
      <Link to="/admin/leads" className="text-sm text-brand-700 hover:underline">
        ← Leads
      </Link>
      <h1 className="text-2xl font-semibold">Import leads from a CSV file</h1>
      <Steps current={stepOf(row, awaitingStart)} />
      {failure ? (
        <Alert tone="error" title="That did not work">
          {failure}
        </Alert>
      ) : null}
      <Card className="p-4">
        {importId === null ? <FileDrop busy={busy} onFile={onFile} /> : null}
        {importId !== null && current.isPending ? <PageLoading label="Opening the import…" /> : null}
        {current.isError ? (
          <PageError title="The import could not be loaded" onRetry={() => void current.refetch()}>
            {current.error.message} Check your connection, then try again.
          </PageError>
        ) : null}
        {row && row.status === "uploaded" ? <ImportProgress row={row} label="Checking the file (nothing is saved yet)…" /> : null}
        {row && row.status === "previewed" && !awaitingStart ? (
          <PreviewStep
            row={row}
            mapping={mapping}
            onMappingChange={setEdited}
            mappingChanged={!sameMapping(mapping, previewed)}
            startSequence={startSequence}
            onStartSequenceChange={setStartSequence}
            busy={busy}
            onPreviewAgain={() => {
              if (upload) void preview(upload, Object.fromEntries(Object.entries(mapping).filter(([, field]) => field)));
            }}
            onImport={onImport}
          />
        ) : null}
        {row && ((awaitingStart && row.status === "previewed") || row.status === "importing") ? <ImportProgress row={row} label="Importing…" /> : null}
        {row && row.status === "completed" ? <ImportDone row={row} onAnother={restart} /> : null}
        {row && (row.status === "failed" || row.status === "cancelled") ? (
          <div className="grid gap-3">
            <Alert tone="error" title={row.status === "failed" ? "The import failed; no lead was changed" : "The import was cancelled"}>
              {row.error_message ?? "Check the file and upload it again."}
            </Alert>
            <div>
              <Button variant="outline" onClick={restart}>
                Choose another file
              </Button>
            </div>
          </div>
        ) : null}
      </Card>
    </div>
  );
}

function ImportDone({ row, onAnother }: { row: LeadImport; onAnother: () => void }) {
  return (
    <div className="grid gap-3">
      <Alert tone="success" title="Import finished">
        {row.rows_inserted.toLocaleString("en-IN")} new leads, {row.rows_merged.toLocaleString("en-IN")} merged into existing leads, {row.rows_rejected.toLocaleString("en-IN")} rows rejected.
      </Alert>
      {row.error_report_path ? <ReportLink path={row.error_report_path} /> : null}
      {row.error_message ? <p className="text-sm text-slate-600">{row.error_message}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button asChild>
          <Link to="/admin/leads?source=import">See the imported leads</Link>
        </Button>
        <Button variant="outline" onClick={onAnother}>
          Import another file
        </Button>
      </div>
    </div>
  );
}
