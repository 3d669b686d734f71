/** How far the worker is through the file: a bar when the total is known, the rows read always. */
import { progress, readOptions, type LeadImport } from "../import-model";

export function ImportProgress({ row, label }: { row: LeadImport; label: string }) {
  const done = progress(row);
  const total = readOptions(row).total_rows;
  return (
    <div className="grid gap-2">
      <p className="font-medium">{label}</p>
      <div
        role="progressbar"
        aria-label="Rows read"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={done === null ? undefined : Math.round(done * 100)}
        className="h-3 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={done === null ? "h-full w-1/3 animate-pulse bg-brand-500" : "h-full bg-brand-600 transition-[width]"} style={done === null ? undefined : { width: `${done * 100}%` }} />
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {row.rows_read.toLocaleString("en-IN")} rows read{total ? ` of ${total.toLocaleString("en-IN")}` : ""}
      </p>
    </div>
  );
}
