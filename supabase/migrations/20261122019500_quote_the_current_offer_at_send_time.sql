-- A landing-form lead's welcome carried the course offer as private.course_offer read it at intake, and the
-- worker rendered that snapshot whenever the message went: a WhatsApp message or call held by quiet hours
-- until the next morning, or any message waiting in retries, quoted a batch that had since started, filled
-- or been cancelled, and a fee the admin had since changed (issue #6, decision 0693). The worker now reads
-- the course's offer as it stands when it sends, one call per message. Intake is unchanged: it still asks
-- private.course_offer whether there is anything to offer at all.

-- PL/pgSQL, like private.course_offer, so that the worker's sessions keep its plan.
create function private.current_offer(course uuid) returns jsonb
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
    left join lateral (
      select b.starts_on, b.weekly_pattern from public.batches b
       where b.course_id = c.id and b.status in ('planned', 'open')
         and b.starts_on >= private.center_today(s.timezone)
         and (b.capacity is null or b.active_enrollments < b.capacity)
       order by b.starts_on limit 1
    ) b on true
   where c.id = course);
end
$$;
comment on function private.current_offer(uuid) is
  'The offer a message quotes when it is sent: private.course_offer''s keys, read now, the next batch being '
  'the earliest planned or open one that starts today or later at the center and has a free seat; '
  'starts_on and weekly_pattern are null when no such batch is left (the message then says no date is set '
  'yet). Null only when the course no longer exists.';

revoke execute on function private.current_offer(uuid) from public;
