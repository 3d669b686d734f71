/** A lead's tags: each removable, and a field to add one (stored trimmed, lower case, hyphenated). */
import { X } from "lucide-react";
import { useState, type SyntheticEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useSetLeadTags } from "../hooks/use-lead";
import { normalizeTag, TAG_MAX, tagProblem } from "../lead-detail";

export function LeadTags({ leadId, tags }: { leadId: string; tags: string[] }) {
  const setTags = useSetLeadTags(leadId);
  const [input, setInput] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    const tag = normalizeTag(input);
    const found = tagProblem(tag, tags);
    setProblem(found);
    if (found || !tag) return;
    setTags.mutate({ tags: [...tags, tag], done: `Tag "${tag}" added` }, { onSuccess: () => { setInput(""); } });
  };

  return (
    <div className="grid gap-2">
      {tags.length === 0 ? (
        <p className="text-sm text-slate-600">No tags yet.</p>
      ) : (
        <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
          {tags.map((tag) => (
            <li key={tag}>
              <Badge size="md" className="pr-1">
                {tag}
                <button
                  type="button"
                  aria-label={`Remove tag ${tag}`}
                  disabled={setTags.isPending}
                  className="rounded-full p-0.5 hover:bg-slate-200"
                  onClick={() => { setTags.mutate({ tags: tags.filter((other) => other !== tag), done: `Tag "${tag}" removed` }); }}
                >
                  <X className="size-3.5" aria-hidden="true" />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="flex items-start gap-2">
        <FormField label="New tag" error={problem ?? undefined} className="flex-1">
          {(control) => (
            <Input {...control} maxLength={TAG_MAX + 10} value={input} placeholder="e.g. weekend-batch" onChange={(event) => { setInput(event.target.value); setProblem(null); }} />
          )}
        </FormField>
        <Button type="submit" variant="outline" className="mt-6.5" busy={setTags.isPending}>
          Add tag
        </Button>
      </form>
    </div>
  );
}
