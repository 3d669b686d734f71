/** Creates or edits a batch: dates, weekly schedule in the center's zone, seats, instructor, status. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { Controller, useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { Instructor } from "../api/list-instructors";
import { BATCH_STATUSES, STATUS_LABELS, batchFormValues, batchSchema, WEEKDAYS, type BatchRow } from "../course-model";
import { useSaveBatch } from "../hooks/use-courses";

interface BatchDialogProps {
  courseId: string;
  batch: BatchRow | null;
  timezone: string;
  instructors: Instructor[];
  trigger: ReactNode;
}

function WeekdayPicker({ value, onChange, invalid }: { value: number[]; onChange: (days: number[]) => void; invalid: boolean }) {
  return (
    <div className="flex flex-wrap gap-2" aria-invalid={invalid || undefined}>
      {WEEKDAYS.map((label, index) => {
        const day = index + 1;
        const checked = value.includes(day);
        return (
          <label key={label} className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="checkbox" className="size-4 accent-brand-600" checked={checked} onChange={() => { onChange(checked ? value.filter((d) => d !== day) : [...value, day]); }} />
            {label}
          </label>
        );
      })}
    </div>
  );
}

function BatchForm({ courseId, batch, timezone, instructors, onDone }: Omit<BatchDialogProps, "trigger"> & { onDone: () => void }) {
  const save = useSaveBatch();
  const form = useForm({ resolver: zodResolver(batchSchema), defaultValues: batchFormValues(batch) });
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync({ target: { id: batch?.id ?? null, courseId, timezone }, values });
      onDone();
    } catch (error) {
      form.setError("root", { message: error instanceof Error ? error.message : "The batch was not saved." });
    }
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4 sm:grid-cols-2">
      {errors.root?.message ? <Alert tone="error" title="Nothing was saved" className="sm:col-span-2">{errors.root.message}</Alert> : null}
      <FormField label="Batch name" error={errors.name?.message} className="sm:col-span-2">
        {(control) => <Input {...control} {...form.register("name")} />}
      </FormField>
      <FormField label="First day" error={errors.starts_on?.message}>
        {(control) => <Input {...control} {...form.register("starts_on")} type="date" />}
      </FormField>
      <FormField label="Last day" error={errors.ends_on?.message}>
        {(control) => <Input {...control} {...form.register("ends_on")} type="date" />}
      </FormField>
      <fieldset className="grid gap-1.5 sm:col-span-2">
        <legend className="mb-1.5 text-sm font-medium text-slate-800">Weekdays</legend>
        <Controller control={form.control} name="weekdays" render={({ field }) => <WeekdayPicker value={field.value} onChange={field.onChange} invalid={Boolean(errors.weekdays)} />} />
        {errors.weekdays?.message ? <p className="text-sm font-medium text-red-700">{errors.weekdays.message}</p> : null}
      </fieldset>
      <FormField label="Start time" hint={`In the center's zone, ${timezone}.`} error={errors.start?.message}>
        {(control) => <Input {...control} {...form.register("start")} type="time" />}
      </FormField>
      <FormField label="Minutes per session" error={errors.minutes?.message}>
        {(control) => <Input {...control} {...form.register("minutes")} inputMode="numeric" />}
      </FormField>
      <FormField label="Seats" hint="Empty for no limit." error={errors.capacity?.message}>
        {(control) => <Input {...control} {...form.register("capacity")} inputMode="numeric" />}
      </FormField>
      <FormField label="Status" error={errors.status?.message}>
        {(control) => (
          <NativeSelect {...control} {...form.register("status")}>
            {BATCH_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <FormField label="Instructor" error={errors.instructor_id?.message} className="sm:col-span-2">
        {(control) => (
          <NativeSelect {...control} {...form.register("instructor_id")}>
            <option value="">No instructor yet</option>
            {instructors.map((person) => (
              <option key={person.id} value={person.id}>
                {person.full_name || person.email || "Unnamed instructor"}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <DialogFooter className="sm:col-span-2">
        <Button type="submit" busy={save.isPending}>
          {batch ? "Save batch" : "Create batch"}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function BatchDialog({ trigger, ...props }: BatchDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{props.batch ? `Edit ${props.batch.name}` : "New batch"}</DialogTitle>
          <DialogDescription>Sessions repeat every week on the chosen days, at the same time.</DialogDescription>
        </DialogHeader>
        {open ? <BatchForm {...props} onDone={() => { setOpen(false); }} /> : null}
      </DialogContent>
    </Dialog>
  );
}
