/**
 * Finds who a new payment link is for: a search box over leads (and the students they became) by
 * name, email or phone, with its matches as a listbox (the ARIA combobox pattern): arrow keys move,
 * Enter chooses, and the status line says what is happening.
 */
import { useId, useState, type KeyboardEvent } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";
import { PAYER_MATCH_LIMIT, type PayerMatch } from "../api/search-payers";
import { usePayerSearch } from "../hooks/use-payer-search";
import { MIN_SEARCH_LENGTH, matchDetail, payerChoiceOf, type PayerChoice } from "../payer-choice";

function statusText(search: ReturnType<typeof usePayerSearch>, matches: PayerMatch[]): string {
  const { ready, query, term } = search;
  if (!ready) return `Type at least ${String(MIN_SEARCH_LENGTH)} characters of a name, email or phone.`;
  if (query.isError) return `The search failed: ${query.error.message} Type again to retry.`;
  if (query.isPending) return "Searching…";
  if (matches.length === 0) return `No lead or student matches "${term}". Check the spelling, or add the lead under Leads first.`;
  const count = matches.length === PAYER_MATCH_LIMIT ? `The first ${String(PAYER_MATCH_LIMIT)} matches` : `${String(matches.length)} found`;
  return `${count}; arrow keys move, Enter chooses.`;
}

export function PayerPicker({ onPick }: { onPick: (choice: PayerChoice) => void }) {
  const [term, setTerm] = useState("");
  const [active, setActive] = useState(0);
  const search = usePayerSearch(term);
  const id = useId();
  const matches = search.ready ? (search.query.data ?? []) : [];
  const open = matches.length > 0;
  const current = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${id}-option-${String(index)}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: matches.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setActive((target + matches.length) % matches.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const match = matches[current];
      if (match) onPick(payerChoiceOf(match));
    }
  };

  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`${id}-input`}>Lead or student</Label>
      <Input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? optionId(current) : undefined}
        aria-describedby={`${id}-status`}
        autoComplete="off"
        placeholder="Name, email or phone"
        value={term}
        onChange={(event) => {
          setTerm(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-status`} role="status" className="text-sm text-slate-600">
        {statusText(search, matches)}
      </p>
      <ul id={`${id}-list`} role="listbox" aria-label="Matching leads and students" hidden={!open} className="max-h-72 overflow-y-auto rounded-md border border-slate-200">
        {matches.map((match, index) => (
          // Keys act on the search box (the combobox pattern), so options need only the pointer.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={match.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={cn("cursor-pointer border-b border-slate-100 px-3 py-2 last:border-b-0", index === current && "bg-brand-50")}
            onMouseMove={() => {
              setActive(index);
            }}
            onClick={() => {
              onPick(payerChoiceOf(match));
            }}
          >
            <span className="block font-medium">{match.full_name}</span>
            <span className="block break-words text-xs text-slate-600">{matchDetail(match)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
