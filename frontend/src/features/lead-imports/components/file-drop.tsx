/** Choose a CSV by dropping it on the box or through the file picker; checked before anything uploads. */
import { FileUp } from "lucide-react";
import { useId, useState, type DragEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/lib/cn";
import { fileProblem } from "../import-model";

interface FileDropProps {
  busy: boolean;
  onFile: (file: File) => void;
}

export function FileDrop({ busy, onFile }: FileDropProps) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const take = (file: File | undefined) => {
    if (!file || busy) return;
    const found = fileProblem(file);
    setProblem(found);
    if (!found) onFile(file);
  };
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files[0]);
  };
  return (
    <div className="grid gap-3">
      <label
        htmlFor={inputId}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => {
          setOver(false);
        }}
        onDrop={onDrop}
        className={cn(
          "grid cursor-pointer justify-items-center gap-2 rounded-lg border-2 border-dashed border-slate-300 px-4 py-10 text-center focus-within:ring-2 focus-within:ring-brand-500",
          over && "border-brand-500 bg-brand-50",
          busy && "cursor-wait opacity-60",
        )}
      >
        <FileUp className="size-8 text-slate-500" aria-hidden="true" />
        <span className="font-medium">{busy ? "Uploading…" : "Drop a CSV file here, or choose one"}</span>
        <span className="text-sm text-slate-600">Up to 20 MB. The first row names the columns (for example Name, Email, Phone, City).</span>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          aria-label="CSV file"
          disabled={busy}
          onChange={(event) => {
            take(event.target.files?.[0]);
            event.target.value = "";
          }}
        />
      </label>
      {problem ? (
        <Alert tone="error" title="This file cannot be imported">
          {problem}
        </Alert>
      ) : null}
    </div>
  );
}
