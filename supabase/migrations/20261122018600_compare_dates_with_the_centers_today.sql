-- A batch's starts_on and ends_on are calendar days at the center, but `current_date` is the database
-- session's day, UTC on Supabase: from 18:30 to 24:00 UTC an Indian center is already on the next day, and
-- private.course_offer offered a batch that had started "yesterday" in welcomes, follow-ups and calls
-- (docs/decisions/0676). Every comparison of a calendar day with "today" uses private.center_today().

-- SQL without `set` clauses, so a caller's query inlines it (no executor of its own); its only read is the
-- one private.center_timezone() makes, and a caller that has already read the center's zone passes it.
create or replace function private.center_today(zone text default private.center_timezone()) returns date
language sql stable as $$
  select (now() at time zone zone)::date
$$;
comment on function private.center_today(text) is
  'Today''s date at the center (in `zone`, by default the center''s time zone), whatever the session''s '
  'TimeZone: the day to compare calendar-day columns (batches.starts_on, ends_on) with. Queries that '
  'compare many rows call it once, as `(select private.center_today())`.';
-- Like the other private helpers, closed to the API roles until a policy needs it.
revoke execute on function private.center_today(text) from public;

-- The same offer as before (migration …006000), its next batch being one that starts today or later at the
-- center; the zone comes from the center_settings row already joined, so no read is added.
create or replace function private.course_offer(course uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  return (select jsonb_build_object(
           'course_id', c.id, 'title', c.title, 'price_paise', c.price_paise, 'currency', c.currency,
           'syllabus_path', c.syllabus_path, 'starts_on', b.starts_on, 'weekly_pattern', b.weekly_pattern,
           'center_name', s.name, 'website', coalesce(s.website_url, ''),
           'support_email', coalesce(s.contact_email::text, ''),
           'support_phone', coalesce(s.contact_phone::text, ''))
    from public.courses c
   cross join public.center_settings s
    join lateral (
      select b.starts_on, b.weekly_pattern from public.batches b
       where b.course_id = c.id and b.status in ('planned', 'open')
         and b.starts_on >= private.center_today(s.timezone)
       order by b.starts_on limit 1
    ) b on true
   where c.id = course);
end
$$;
comment on function private.course_offer(uuid) is
  'What a welcome or follow-up says about a course: the course, its next planned or open batch (starting '
  'today or later in the center''s time zone) and the center; null when no batch is upcoming (nothing to '
  'offer yet).';
