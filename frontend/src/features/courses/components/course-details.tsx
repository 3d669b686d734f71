/** A course's public description: title, fee, what it covers. */
import { FileText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { formatMoney } from "@/lib/format/money";
import type { Course, Syllabus } from "../course";

function SyllabusSection({ syllabus }: { syllabus: Syllabus }) {
  switch (syllabus.kind) {
    case "none":
      return null;
    case "link":
      return (
        <a href={syllabus.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-2 font-medium text-brand-600 hover:underline">
          <FileText className="size-4" aria-hidden="true" />
          Download the full syllabus
        </a>
      );
    case "text":
      return (
        <div className="grid gap-3 text-slate-700">
          {syllabus.paragraphs.map((paragraph, index) => (
            <p key={index} className="whitespace-pre-line">
              {paragraph}
            </p>
          ))}
        </div>
      );
    case "modules":
      return (
        <ol className="grid gap-3">
          {syllabus.modules.map((module, index) => (
            <li key={index} className="rounded-md border border-slate-200 bg-white p-4">
              <p className="font-medium">
                <span className="text-slate-500">{index + 1}. </span>
                {module.title}
              </p>
              {module.topics.length > 0 ? (
                <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
                  {module.topics.map((topic, topicIndex) => (
                    <li key={topicIndex}>{topic}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      );
  }
}

export function CourseDetails({ course }: { course: Course }) {
  return (
    <article className="grid gap-6">
      <header className="grid gap-3">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{course.title}</h1>
        <p>
          <Badge tone="info" size="md">
            Fee {formatMoney(course.pricePaise, course.currency)}
          </Badge>
        </p>
      </header>
      {course.description ? <p className="text-lg whitespace-pre-line text-slate-700">{course.description}</p> : null}
      {course.syllabus.kind !== "none" ? (
        <section className="grid gap-3" aria-labelledby="syllabus-heading">
          <h2 id="syllabus-heading" className="text-xl font-semibold">
            What you'll learn
          </h2>
          <SyllabusSection syllabus={course.syllabus} />
        </section>
      ) : null}
    </article>
  );
}

export function CourseDetailsSkeleton() {
  return (
    <div className="grid gap-4" role="status" aria-label="Loading the course">
      <Skeleton className="h-10 w-3/4" />
      <Skeleton className="h-6 w-32" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}
