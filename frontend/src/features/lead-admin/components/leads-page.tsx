/** /admin/leads: every lead, searchable and filterable, sorted and paged on the server; the query lives in the URL. */
import { useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown, Upload } from "lucide-react";
import { useState, type ReactNode, type SyntheticEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import type { Audience } from "@/lib/audience";
import { formatDate, formatRelativeTime, resolveTimeZone } from "@/lib/format/time";
import type { LeadListRow } from "../api/list-leads";
import { leadKeys } from "../hooks/lead-keys";
import { useCourseOptions, useLeads } from "../hooks/use-leads";
import { LEAD_SOURCES, LEAD_STATUSES, nextSort, PAGE_SIZE, readLeadQuery, writeLeadQuery, type LeadQuery, type SortColumn } from "../lead-query";
import { isSelected, NOTHING_SELECTED, pageSelected, selectedCount, selectionAudience, toggleLead, togglePage, type LeadSelection } from "../lead-selection";
import { FilterSelect } from "./filter-select";
import { SelectionBanner } from "./selection-banner";
import { StatusBadge } from "./status-badge";

const sourceLabel = new Map(LEAD_SOURCES.map((s) => [s.value, s.label]));

function SortHeader({ query, column, label, onSort }: { query: LeadQuery; column: SortColumn; label: string; onSort: (c: SortColumn) => void }) {
  const active = query.sort === column;
  const Icon = !active ? ArrowUpDown : query.ascending ? ArrowUp : ArrowDown;
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 font-medium hover:text-slate-900"
      aria-label={`Sort by ${label}${active ? (query.ascending ? ", now ascending" : ", now descending") : ""}`}
      onClick={() => {
        onSort(column);
      }}
    >
      {label}
      <Icon className="size-3.5" aria-hidden="true" />
    </button>
  );
}

/** What the page hands the bulk actions shown while leads are selected. */
export interface SelectionActionsProps {
  audience: Audience;
  count: number;
  /** Clears the selection and reloads the list (after an action changed leads). */
  onDone: () => void;
}

interface LeadsPageProps {
  selectionActions?: (props: SelectionActionsProps) => ReactNode;
}

export function LeadsPage({ selectionActions }: LeadsPageProps = {}) {
  const [params, setParams] = useSearchParams();
  const query = readLeadQuery(params);
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const leads = useLeads(query, timeZone);
  const courses = useCourseOptions();
  const queryClient = useQueryClient();
  // A selection belongs to the filter it was made under; changing the filter starts afresh.
  const filterKey = JSON.stringify([query.search, query.status, query.source, query.tag, query.courseId, query.from, query.to]);
  const [picked, setPicked] = useState<{ key: string; selection: LeadSelection }>({ key: filterKey, selection: NOTHING_SELECTED });
  const selection = picked.key === filterKey ? picked.selection : NOTHING_SELECTED;
  const select = (next: LeadSelection) => {
    setPicked({ key: filterKey, selection: next });
  };
  const pageIds = leads.data?.rows.map((lead) => lead.id) ?? [];
  const total = leads.data?.total ?? 0;
  const count = selectedCount(selection, total);

  const update = (change: Partial<LeadQuery>) => {
    setParams(writeLeadQuery({ ...query, page: 1, ...change }));
  };
  const onSort = (column: SortColumn) => {
    update(nextSort(query, column));
  };
  const onSearch = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const term = new FormData(event.currentTarget).get("q");
    update({ search: typeof term === "string" ? term.trim() : "" });
  };
  const filtered = Boolean(query.search || query.status || query.source || query.tag || query.courseId || query.from || query.to);
  const now = new Date();

  const columns: Column<LeadListRow>[] = [
    {
      id: "select",
      header: (
        <Checkbox
          aria-label="Select every lead on this page"
          checked={pageSelected(selection, pageIds)}
          disabled={pageIds.length === 0}
          onCheckedChange={() => {
            select(togglePage(selection, pageIds));
          }}
        />
      ),
      cell: (lead) => (
        <Checkbox
          aria-label={`Select ${lead.full_name || lead.email || lead.phone || "lead"}`}
          checked={isSelected(selection, lead.id)}
          onCheckedChange={() => {
            select(toggleLead(selection, lead.id, pageIds));
          }}
        />
      ),
      className: "w-10",
    },
    {
      id: "name",
      header: <SortHeader query={query} column="full_name" label="Name" onSort={onSort} />,
      cell: (lead) => (
        <div className="grid">
          <Link to={`/admin/leads/${lead.id}`} className="font-medium text-brand-700 hover:underline">
            {lead.full_name || "(no name)"}
          </Link>
          <span className="text-xs break-all text-slate-600">{[lead.email, lead.phone].filter(Boolean).join(" · ")}</span>
        </div>
      ),
    },
    { id: "status", header: <SortHeader query={query} column="status" label="Status" onSort={onSort} />, cell: (lead) => <StatusBadge status={lead.status} /> },
    { id: "source", header: "Source", cell: (lead) => sourceLabel.get(lead.source) ?? lead.source, className: "hidden md:table-cell" },
    { id: "course", header: "Course", cell: (lead) => lead.course?.title ?? "—", className: "hidden lg:table-cell" },
    {
      id: "tags",
      header: "Tags",
      className: "hidden lg:table-cell",
      cell: (lead) => (
        <div className="flex flex-wrap gap-1">
          {lead.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </div>
      ),
    },
    {
      id: "contacted",
      header: <SortHeader query={query} column="last_contacted_at" label="Last contact" onSort={onSort} />,
      className: "hidden sm:table-cell",
      cell: (lead) => (lead.last_contacted_at ? formatRelativeTime(lead.last_contacted_at, now, timeZone) : "Never"),
    },
    {
      id: "created",
      header: <SortHeader query={query} column="created_at" label="Created" onSort={onSort} />,
      cell: (lead) => formatDate(lead.created_at, timeZone),
    },
  ];

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Leads</h1>
        <Button asChild variant="outline">
          <Link to="/admin/leads/import">
            <Upload className="size-4" aria-hidden="true" />
            Import CSV
          </Link>
        </Button>
      </div>
      <Card className="grid gap-3 p-4">
        <form role="search" onSubmit={onSearch} className="flex gap-2">
          <Label htmlFor="lead-search" className="sr-only">
            Search leads
          </Label>
          <Input
            id="lead-search"
            type="search"
            name="q"
            placeholder="Name, email or phone"
            key={query.search}
            defaultValue={query.search}
          />
          <Button type="submit">Search</Button>
        </form>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6">
          <FilterSelect label="Status" value={query.status} options={LEAD_STATUSES} onChange={(status) => { update({ status: status as LeadQuery["status"] }); }} />
          <FilterSelect label="Source" value={query.source} options={LEAD_SOURCES} onChange={(source) => { update({ source: source as LeadQuery["source"] }); }} />
          <FilterSelect
            label="Course"
            value={query.courseId}
            options={(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
            onChange={(courseId) => { update({ courseId }); }}
          />
          <div className="grid gap-1">
            <Label htmlFor="filter-tag">Tag</Label>
            <Input id="filter-tag" defaultValue={query.tag} key={query.tag} onBlur={(event) => { if (event.target.value.trim() !== query.tag) update({ tag: event.target.value.trim() }); }} />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="filter-from">Created from</Label>
            <Input id="filter-from" type="date" value={query.from ?? ""} onChange={(event) => { update({ from: event.target.value || null }); }} />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="filter-to">Created until</Label>
            <Input id="filter-to" type="date" value={query.to ?? ""} onChange={(event) => { update({ to: event.target.value || null }); }} />
          </div>
        </div>
        {filtered ? (
          <div>
            <Button variant="link" size="inline" onClick={() => { setParams(new URLSearchParams()); }}>
              Clear search and filters
            </Button>
          </div>
        ) : null}
      </Card>
      {count > 0 ? (
        <SelectionBanner
          count={count}
          total={total}
          pageSize={pageIds.length}
          allMatching={selection.allMatching}
          onSelectAll={() => {
            select({ ids: new Set(), allMatching: true });
          }}
          onClear={() => {
            select(NOTHING_SELECTED);
          }}
        >
          {selectionActions?.({
            audience: selectionAudience(selection, query, timeZone),
            count,
            onDone: () => {
              select(NOTHING_SELECTED);
              void queryClient.invalidateQueries({ queryKey: leadKeys.all });
            },
          })}
        </SelectionBanner>
      ) : null}
      <DataTable
        caption="Leads"
        columns={columns}
        rowKey={(lead) => lead.id}
        status={leads.status}
        rows={leads.data?.rows}
        error={leads.error}
        onRetry={() => void leads.refetch()}
        empty={
          filtered
            ? { title: "No leads match", description: "Try fewer filters or another spelling." }
            : { title: "No leads yet", description: "Leads arrive from the course pages' forms, WhatsApp and calls." }
        }
      />
      {leads.data && leads.data.total > 0 ? (
        <Pagination page={query.page} pageSize={PAGE_SIZE} total={leads.data.total} noun="leads" onPageChange={(page) => { setParams(writeLeadQuery({ ...query, page })); }} />
      ) : null}
    </div>
  );
}
