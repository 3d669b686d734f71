-- The student welcome's sign-in link was the center's website with '/login' appended: a page of another
-- site (or none when the website is unset), where the web app signs people in at <WEB_APP_URL>/sign-in.
-- Only the deployment knows WEB_APP_URL, so the worker puts the link in when it renders the welcome
-- (automation.app_links); the facts no longer carry one.
--
-- The welcome's "first class" was the batch's earliest session that was not cancelled, so a student who
-- joined a running batch was sent a class that had already ended. It is now the next one not yet over.

create or replace function private.welcome_details(p_payment uuid, p_student uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  return jsonb_build_object('student_id', p_student) || coalesce((
    select to_jsonb(d) from (
      select pr.full_name, pr.email, coalesce(pr.phone, l.phone) as phone, c.title as course_name, b.name as batch_name, b.starts_on,
             b.weekly_pattern, b.timezone, cs.name as center_name, cs.website_url, cs.contact_phone,
             cs.gstin, cs.timezone as center_timezone, s.starts_at as first_starts_at,
             s.join_url as first_join_url,
             pay.id as payment_id, pay.lead_id, pay.batch_id, pay.amount_paise, pay.currency
        from public.payments pay
        join public.profiles pr on pr.id = p_student
        join public.batches b on b.id = pay.batch_id
        join public.courses c on c.id = b.course_id
        left join public.leads l on l.id = pay.lead_id
        cross join public.center_settings cs
        left join lateral (
          select starts_at, join_url from public.sessions
           where batch_id = b.id and status <> 'cancelled'
             and starts_at + make_interval(mins => duration_minutes) > now()
           order by starts_at limit 1
        ) s on true
       where pay.id = p_payment) d), '{}');
end
$$;

revoke execute on all functions in schema private from public;
