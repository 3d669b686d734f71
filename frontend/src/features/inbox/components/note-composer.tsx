/** Adds an internal note (never sent to the contact); typing is announced to the others viewing. */
import { useState, type SyntheticEvent } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { useAddNote } from "../hooks/use-add-note";

interface NoteComposerProps {
  conversationId: string;
  authorId: string;
  /** Called as the admin types (the inbox tells the others viewing the thread). */
  onTyping?: () => void;
}

export function NoteComposer({ conversationId, authorId, onTyping }: NoteComposerProps) {
  const [body, setBody] = useState("");
  const addNote = useAddNote(conversationId, authorId);
  const text = body.trim();

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!text) return;
    addNote.mutate(text, {
      onSuccess: () => { setBody(""); },
      onError: (error) => toast({ tone: "error", title: "The note was not saved", description: `${error.message} Your text is still here; try again.` }),
    });
  };

  return (
    <form onSubmit={submit} className="grid gap-2">
      <Label htmlFor={`note-${conversationId}`}>Internal note</Label>
      <textarea
        id={`note-${conversationId}`}
        value={body}
        rows={3}
        maxLength={4000}
        placeholder="Only admins see notes."
        className="w-full rounded-md border border-slate-300 bg-white p-3 text-base sm:text-sm"
        onChange={(event) => {
          setBody(event.target.value);
          onTyping?.();
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      />
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-slate-500">Ctrl + Enter adds the note.</p>
        <Button type="submit" busy={addNote.isPending} disabled={!text}>
          Add note
        </Button>
      </div>
    </form>
  );
}
