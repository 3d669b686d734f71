/** Creates or edits a course: title, web address, landing-page text, fee in rupees, publication. */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { courseFormValues, courseSchema, slugify, type CourseRow } from "../course-model";
import { useSaveCourse } from "../hooks/use-courses";

function CourseForm({ course, onDone }: { course: CourseRow | null; onDone: () => void }) {
  const save = useSaveCourse();
  const form = useForm({ resolver: zodResolver(courseSchema), defaultValues: courseFormValues(course) });
  const { errors, dirtyFields } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync({ id: course?.id ?? null, values });
      onDone();
    } catch (error) {
      form.setError("root", { message: error instanceof Error ? error.message : "The course was not saved." });
    }
  });
  const title = form.register("title", {
    onChange: (event: { target: { value: string } }) => {
      if (!course && !dirtyFields.slug) form.setValue("slug", slugify(event.target.value));
    },
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      {errors.root?.message ? <Alert tone="error" title="Nothing was saved">{errors.root.message}</Alert> : null}
      <FormField label="Title" error={errors.title?.message}>
        {(control) => <Input {...control} {...title} />}
      </FormField>
      <FormField label="Web address (slug)" hint="The course page lives at /courses/<slug>." error={errors.slug?.message}>
        {(control) => <Input {...control} {...form.register("slug")} spellCheck={false} />}
      </FormField>
      <FormField label="Fee (₹)" error={errors.price?.message}>
        {(control) => <Input {...control} {...form.register("price")} inputMode="decimal" />}
      </FormField>
      <FormField label="Duration in weeks" error={errors.duration_weeks?.message}>
        {(control) => <Input {...control} {...form.register("duration_weeks")} inputMode="numeric" />}
      </FormField>
      <FormField label="Summary" hint="One or two sentences under the title on the course page." error={errors.summary?.message}>
        {(control) => <Textarea {...control} {...form.register("summary")} rows={2} />}
      </FormField>
      <FormField label="Description" hint="The course page's main text: what students learn, who it is for." error={errors.description?.message}>
        {(control) => <Textarea {...control} {...form.register("description")} rows={6} />}
      </FormField>
      <FormField layout="inline" label="Published: the course page and its open batches are public">
        {(control) => <input {...control} {...form.register("published")} type="checkbox" className="size-5 accent-brand-600" />}
      </FormField>
      <DialogFooter>
        <Button type="submit" busy={save.isPending}>
          {course ? "Save course" : "Create course"}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function CourseDialog({ course, trigger }: { course: CourseRow | null; trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{course ? `Edit ${course.title}` : "New course"}</DialogTitle>
          <DialogDescription>{course ? "Changes show on the course page as soon as they are saved." : "A new course starts as a draft unless you publish it."}</DialogDescription>
        </DialogHeader>
        {open ? <CourseForm course={course} onDone={() => { setOpen(false); }} /> : null}
      </DialogContent>
    </Dialog>
  );
}
