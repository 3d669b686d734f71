/** The dry run's result: counts, the editable column mapping, the first rows with their errors. */
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { FIELD_LABELS, readOptions, type LeadImport } from "../import-model";
import { ReportLink } from "./report-link";

const IGNORE = "__ignore__";

interface PreviewStepProps {
  row: LeadImport;
  mapping: Record<string, string>;
  onMappingChange: (mapping: Record<string, string>) => void;
  mappingChanged: boolean;
  startSequence: boolean;
  onStartSequenceChange: (value: boolean) => void;
  busy: boolean;
  onPreviewAgain: () => void;
  onImport: () => void;
}

function Count({ label, value }: { label: string; value: number | undefined }) {
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold">{(value ?? 0).toLocaleString("en-IN")}</dd>
    </div>
  );
}

export function PreviewStep(props: PreviewStepProps) {
  const { row, mapping, onMappingChange, mappingChanged, startSequence, onStartSequenceChange, busy, onPreviewAgain, onImport } = props;
  const options = readOptions(row);
  const fields = options.fields ?? Object.keys(FIELD_LABELS);
  const preview = options.preview ?? [];
  const importable = row.rows_inserted + row.rows_merged;
  return (
    <div className="grid gap-5">
      <section aria-label="Counts" className="grid gap-2">
        <h2 className="text-lg font-semibold">What the file holds</h2>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
          <Count label="Rows" value={row.rows_read} />
          <Count label="New leads" value={row.rows_inserted} />
          <Count label="Merged" value={row.rows_merged} />
          <Count label="Rejected" value={row.rows_rejected} />
          <Count label="Repeats in the file" value={options.duplicates_in_file} />
          <Count label="Already leads" value={options.existing_matches} />
        </dl>
        {row.rows_rejected > 0 ? (
          <Alert tone="info" title={`${row.rows_rejected.toLocaleString("en-IN")} rows will be skipped`}>
            Fix them in the file and import it again later, or import the rest now. {row.error_report_path ? <ReportLink path={row.error_report_path} /> : null}
          </Alert>
        ) : null}
      </section>
      <section aria-label="Column mapping" className="grid gap-2">
        <h2 className="text-lg font-semibold">Columns</h2>
        <p className="text-sm text-slate-600">Recognized automatically; change any column, then preview again.</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {(options.headers ?? Object.keys(mapping)).map((header) => (
            <FormField key={header} label={`Column “${header}”`}>
              {(control) => (
                <Select
                  value={mapping[header] || IGNORE}
                  onValueChange={(field) => {
                    onMappingChange({ ...mapping, [header]: field === IGNORE ? "" : field });
                  }}
                >
                  <SelectTrigger {...control}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={IGNORE}>Ignore this column</SelectItem>
                    {fields.map((field) => (
                      <SelectItem key={field} value={field}>
                        {FIELD_LABELS[field] ?? field}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
          ))}
        </div>
      </section>
      {preview.length > 0 ? (
        <section aria-label="First rows" className="grid gap-2">
          <h2 className="text-lg font-semibold">First rows</h2>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Line</TableHead>
                <TableHead>Name</TableHead>
                <TableHead className="hidden sm:table-cell">Email</TableHead>
                <TableHead className="hidden sm:table-cell">Phone</TableHead>
                <TableHead>Check</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.map((p) => (
                <TableRow key={p.line}>
                  <TableCell>{p.line}</TableCell>
                  <TableCell>{p.full_name || "—"}</TableCell>
                  <TableCell className="hidden break-all sm:table-cell">{p.email || "—"}</TableCell>
                  <TableCell className="hidden sm:table-cell">{p.phone || "—"}</TableCell>
                  <TableCell className={p.error ? "text-red-700" : "text-slate-600"}>{p.error ?? (p.merged_into_line ? `Same person as line ${p.merged_into_line}` : "OK")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
      <FormField label="Start the follow-up sequence for every imported lead" layout="inline">
        {(control) => (
          <Checkbox
            {...control}
            checked={startSequence}
            onCheckedChange={(value) => {
              onStartSequenceChange(value === true);
            }}
          />
        )}
      </FormField>
      <div className="flex flex-wrap gap-2">
        {mappingChanged ? (
          <Button busy={busy} onClick={onPreviewAgain}>
            Preview again with these columns
          </Button>
        ) : (
          <Button busy={busy} disabled={importable === 0} onClick={onImport}>
            Import {importable.toLocaleString("en-IN")} {importable === 1 ? "lead" : "leads"}
          </Button>
        )}
      </div>
    </div>
  );
}
