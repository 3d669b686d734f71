-- Demo data: "Vidya Coaching Centre", an invented center in Pune with an admin, two instructors,
-- three courses, four batches, 60 students and 300 leads, with eight weeks of sessions around
-- today, attendance, homework, an exam, payments, messages and a few support tickets.
-- Every person, email and phone number here is made up: emails end in @demo.coachbase.test (the
-- accounts) or @example.com (leads); no keys. Sign in with any account and password coachbase-demo.
-- Deterministic: ids and choices come from md5() of fixed strings, dates from the current week.

-- A stable pseudo-random number in [0, 1000) for a key.
create function pg_temp.pick(key text) returns integer
language sql immutable as $$ select ('x' || substr(md5(key), 1, 7))::bit(28)::integer % 1000 $$;

create function pg_temp.demo_id(key text) returns uuid
language sql immutable as $$ select md5('coachbase-demo:' || key)::uuid $$;

-- People ------------------------------------------------------------------------------------------

create temporary table demo_names on commit drop as
select n,
       (array['Aarav','Ananya','Vihaan','Diya','Aditya','Isha','Arjun','Kavya','Sai','Meera','Rohan','Priya',
              'Karthik','Sneha','Ishaan','Pooja','Aryan','Riya','Dhruv','Nandini','Kabir','Tanvi','Rahul','Aditi',
              'Varun','Shreya','Nikhil','Lakshmi','Siddharth','Anjali','Yash','Neha','Harsh','Divya','Pranav',
              'Swati','Manish','Gauri','Omkar','Sakshi'])[1 + n % 40] as first_name,
       (array['Sharma','Iyer','Patil','Reddy','Nair','Kulkarni','Gupta','Deshmukh','Menon','Joshi','Rao','Verma',
              'Bhat','Pillai','Chatterjee','Mehta','Naidu','Kapoor','Shetty','Banerjee','Jain','Mishra','Khan',
              'Singh','Das'])[1 + (n * 7) % 25] as last_name
  from generate_series(0, 999) n;

create temporary table demo_people on commit drop as
select 'admin' as key, 'admin' as role, 'Sunita Kelkar' as full_name, 'admin@demo.coachbase.test' as email,
       '+919000000001' as phone
union all
select 'instructor-1', 'instructor', 'Meera Iyer', 'meera.iyer@demo.coachbase.test', '+919000000011'
union all
select 'instructor-2', 'instructor', 'Arjun Deshpande', 'arjun.deshpande@demo.coachbase.test', '+919000000012'
union all
select 'student-' || s, 'student', d.first_name || ' ' || d.last_name,
       lower(d.first_name || '.' || d.last_name) || '@demo.coachbase.test',
       '+9190000' || lpad((10000 + s)::text, 5, '0')
  from generate_series(1, 60) s join demo_names d on d.n = s * 13;

do $$
begin
  if (select count(distinct email) from demo_people) <> 63 then
    raise exception 'seed: demo emails are not unique';
  end if;
end
$$;

-- One bcrypt hash (cost 10, as Auth makes them) shared by every demo account: same password.
with secret as (select extensions.crypt('coachbase-demo', extensions.gen_salt('bf', 10)) as hash)
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, phone,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token,
                        recovery_token, email_change_token_new, email_change, is_super_admin)
select '00000000-0000-0000-0000-000000000000', pg_temp.demo_id(p.key), 'authenticated', 'authenticated', p.email,
       secret.hash, now() - interval '70 days', substr(p.phone, 2),
       jsonb_build_object('provider', 'email', 'providers', array['email'], 'role', p.role),
       jsonb_build_object('full_name', p.full_name), now() - interval '70 days', now() - interval '70 days',
       '', '', '', '', false
  from demo_people p cross join secret;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
       'email', null, u.created_at, u.created_at
  from auth.users u where u.email like '%@demo.coachbase.test';

-- Students are teenagers; their parents share the account and are contacts of their own.
update public.profiles p
   set parent_name = 'Mr./Ms. ' || split_part(p.full_name, ' ', 2),
       parent_phone = '+9190001' || right(p.phone, 5),
       parent_email = 'parent.' || split_part(p.email, '@', 1) || '@example.com'
 where p.role = 'student';

update public.center_settings
   set name = 'Vidya Coaching Centre', legal_name = 'Vidya Learning LLP', timezone = 'Asia/Kolkata',
       contact_email = 'hello@demo.coachbase.test', contact_phone = '+912000000000',
       address = '2nd floor, 14 Demo Lane, Pune 411001', gstin = '27AAAAA0000A1Z2';

-- Catalog -----------------------------------------------------------------------------------------

insert into public.courses (id, slug, title, summary, price_paise, duration_weeks, published) values
  (pg_temp.demo_id('course-english'), 'spoken-english', 'Spoken English Foundation',
   'Speak English with confidence in eight weeks of live practice.', 499900, 8, true),
  (pg_temp.demo_id('course-business'), 'young-entrepreneurs', 'Young Entrepreneurs Program',
   'Teens build and pitch a small business over eight weekends.', 799900, 8, true),
  (pg_temp.demo_id('course-speaking'), 'public-speaking', 'Public Speaking Bootcamp',
   'Five weeks from stage fright to a five-minute talk.', 349900, 5, true);

create temporary table demo_week on commit drop as
select date_trunc('week', now() at time zone 'Asia/Kolkata')::date - 42 as first_monday;

insert into public.batches (id, course_id, name, starts_on, ends_on, weekly_pattern, capacity, instructor_id, status)
select pg_temp.demo_id(b.key), pg_temp.demo_id(b.course), b.name, w.first_monday + b.start_offset,
       w.first_monday + b.start_offset + b.days, b.pattern::jsonb, b.capacity, pg_temp.demo_id(b.instructor),
       b.status::public.batch_status
  from demo_week w cross join (values
    ('batch-1', 'course-english', 'Spoken English · Morning', 0, 55,
     '[{"weekday": 1, "start": "07:00", "minutes": 60}, {"weekday": 4, "start": "07:00", "minutes": 60}]',
     20, 'instructor-1', 'running'),
    ('batch-2', 'course-business', 'Young Entrepreneurs · Weekend', 5, 55,
     '[{"weekday": 6, "start": "10:30", "minutes": 90}, {"weekday": 7, "start": "10:30", "minutes": 90}]',
     25, 'instructor-2', 'running'),
    ('batch-3', 'course-speaking', 'Public Speaking · Evening', 1, 32,
     '[{"weekday": 2, "start": "18:30", "minutes": 75}, {"weekday": 5, "start": "18:30", "minutes": 75}]',
     15, 'instructor-1', 'completed'),
    ('batch-4', 'course-english', 'Spoken English · Evening', 50, 55,
     '[{"weekday": 2, "start": "19:00", "minutes": 60}, {"weekday": 4, "start": "19:00", "minutes": 60}]',
     20, 'instructor-2', 'open')
  ) as b(key, course, name, start_offset, days, pattern, capacity, instructor, status);

create temporary table demo_students on commit drop as
select s, pg_temp.demo_id('student-' || s) as id,
       'batch-' || case when s <= 18 then 1 when s <= 38 then 2 when s <= 52 then 3 else 4 end as batch_key
  from generate_series(1, 60) s;

-- Leads: 60 became the students above, 240 are still in the pipeline ------------------------------

insert into public.lead_imports (id, file_path, original_filename, status, column_mapping, rows_read,
                                 rows_inserted, rows_merged, rows_rejected, created_by, created_at, started_at,
                                 finished_at)
values (pg_temp.demo_id('import-1'), pg_temp.demo_id('import-1') || '/school-fair-leads.csv',
        'school-fair-leads.csv', 'completed', '{"Name": "full_name", "Mobile": "phone", "Email": "email"}',
        96, 90, 4, 2, pg_temp.demo_id('admin'), now() - interval '50 days', now() - interval '50 days',
        now() - interval '50 days');

insert into public.leads (id, full_name, email, phone, source, course_id, status, owner_id, tags, utm_source,
                          utm_medium, utm_campaign, converted_profile_id, import_id, created_at, last_contacted_at)
select pg_temp.demo_id('lead-' || l), p.full_name, p.email, p.phone, src.source, b.course_id, 'enrolled',
       pg_temp.demo_id('admin'), array['2026-intake'], 'instagram', 'social', 'spring-intake', st.id, null,
       b.starts_on - 20 + (pg_temp.pick('lead-day-' || l) % 10) * interval '1 day', b.starts_on - 15
  from demo_students st
  join public.profiles p on p.id = st.id
  join public.batches b on b.id = pg_temp.demo_id(st.batch_key)
  cross join lateral (select st.s as l) n
  cross join lateral (select (array['form', 'form', 'whatsapp', 'call', 'manual'])[1 + st.s % 5]::public.lead_source
                      as source) src;

insert into public.leads (id, full_name, email, phone, source, course_id, status, lost_reason, owner_id, tags,
                          utm_source, utm_medium, utm_campaign, import_id, created_at, last_contacted_at)
select pg_temp.demo_id('lead-' || l), d.first_name || ' ' || d.last_name,
       case when pg_temp.pick('no-email-' || l) < 850
            then lower(d.first_name || '.' || d.last_name || l) || '@example.com' end,
       '+9191000' || lpad(l::text, 5, '0'),
       src.source, pg_temp.demo_id((array['course-english', 'course-business', 'course-speaking'])[1 + l % 3]),
       st.status, case when st.status = 'lost' then 'Chose another institute' end, pg_temp.demo_id('admin'),
       case when l % 4 = 0 then array['parent-enquiry'] else '{}' end,
       case when src.source = 'form' then (array['google', 'instagram', 'school-newsletter'])[1 + l % 3] end,
       case when src.source = 'form' then 'cpc' end,
       case when src.source = 'form' then 'spring-intake' end,
       case when src.source = 'import' then pg_temp.demo_id('import-1') end,
       now() - (pg_temp.pick('lead-age-' || l) % 90) * interval '1 day' - (l % 24) * interval '1 hour',
       case when st.status <> 'new' then now() - (pg_temp.pick('lead-touch-' || l) % 5) * interval '1 day' end
  from generate_series(61, 300) l
  join demo_names d on d.n = l * 17 % 1000
  cross join lateral (select case
         when l <= 150 then 'import' when l <= 240 then 'form' when l <= 270 then 'whatsapp'
         when l <= 285 then 'call' else 'manual' end::public.lead_source as source) src
  cross join lateral (select case
         when pg_temp.pick('status-' || l) < 350 then 'new' when pg_temp.pick('status-' || l) < 600 then 'contacted'
         when pg_temp.pick('status-' || l) < 750 then 'interested'
         when pg_temp.pick('status-' || l) < 830 then 'payment_sent' else 'lost' end::public.lead_status as status) st;

insert into public.cta_submissions (lead_id, course_id, answers, page_url, status, decided_by, decided_at, submitted_at)
select l.id, l.course_id,
       jsonb_build_object('goal', (array['Confidence at school', 'Job interviews', 'Start a business'])[1 + i % 3],
                          'preferred_time', (array['Morning', 'Evening', 'Weekend'])[1 + i % 3]),
       'https://demo.coachbase.test/courses', r.status, case when r.status <> 'new' then pg_temp.demo_id('admin') end,
       case when r.status <> 'new' then l.created_at + interval '3 hours' end, l.created_at
  from (select l.*, row_number() over (order by l.id) as i from public.leads l where l.source = 'form') l
  cross join lateral (select case when l.status = 'new' then 'new' when l.status = 'lost' then 'rejected'
                                  else 'approved' end::public.review_status as status) r;

insert into public.consents (lead_id, channel, state, source, recorded_at)
select l.id, c.channel::public.contact_channel,
       case when c.channel = 'whatsapp' and pg_temp.pick('optout-' || l.id) < 40 then 'opted_out'
            else 'opted_in' end::public.consent_state,
       case when l.source = 'import' then 'import' else 'form' end::public.consent_source, l.created_at
  from public.leads l cross join (values ('email'), ('whatsapp'), ('call')) c(channel)
 where l.converted_profile_id is null and (c.channel <> 'email' or l.email is not null);

insert into public.consents (profile_id, party, channel, state, source)
select st.id, party::public.contact_party, channel::public.contact_channel, 'opted_in', 'conversion'
  from demo_students st cross join (values ('self'), ('parent')) p(party)
  cross join (values ('email'), ('whatsapp')) c(channel);

-- Follow-up sequences ------------------------------------------------------------------------------

insert into public.sequences (id, key, name, description) values
  (pg_temp.demo_id('sequence-welcome'), 'welcome', 'Welcome', 'Syllabus email, course details on WhatsApp, then a call.'),
  (pg_temp.demo_id('sequence-follow-up'), 'cta_follow_up', 'CTA follow-up', 'Day 1 / 3 / 7 reminders after a form.');
insert into public.sequence_steps (sequence_id, position, delay, channel, template) values
  (pg_temp.demo_id('sequence-welcome'), 1, interval '0', 'email', 'welcome'),
  (pg_temp.demo_id('sequence-welcome'), 2, interval '5 minutes', 'whatsapp', 'welcome'),
  (pg_temp.demo_id('sequence-welcome'), 3, interval '1 hour', 'call', 'welcome'),
  (pg_temp.demo_id('sequence-follow-up'), 1, interval '1 day', 'email', 'follow_up_day_1'),
  (pg_temp.demo_id('sequence-follow-up'), 2, interval '3 days', 'whatsapp', 'follow_up_day_3'),
  (pg_temp.demo_id('sequence-follow-up'), 3, interval '7 days', 'email', 'follow_up_day_7');
insert into public.sequence_enrollments (sequence_id, lead_id, next_position, next_due_at, started_at)
select pg_temp.demo_id('sequence-follow-up'), l.id, 1 + (pg_temp.pick('step-' || l.id) % 3),
       now() + (pg_temp.pick('due-' || l.id) % 72) * interval '1 hour', l.created_at
  from public.leads l where l.status = 'new' and l.source = 'form';

-- Conversations and the CRM timeline ---------------------------------------------------------------

insert into public.conversations (id, lead_id, profile_id, assigned_to)
select pg_temp.demo_id('conversation-' || l.id), l.id, l.converted_profile_id, pg_temp.demo_id('admin')
  from public.leads l;

create temporary table demo_messages on commit drop as
select pg_temp.demo_id('message-' || l.id || '-' || m.step) as id, c.id as conversation_id, l, m.*
  from public.leads l
  join public.conversations c on c.lead_id = l.id
  cross join lateral (values
    (1, 'email', 'outbound', 'Your syllabus is here', 'Namaste! Attached is the syllabus you asked for.', 'welcome', interval '5 minutes'),
    (2, 'whatsapp', 'outbound', null, 'Hi! Batches start soon, mornings and evenings. Reply to ask anything.', 'welcome', interval '10 minutes'),
    (3, 'whatsapp', 'inbound', null, 'Is there a weekend batch? What are the fees?', null, interval '2 hours'),
    (4, 'call', 'outbound', null, 'Spoke to the parent: interested in the weekend batch, wants fee details.', 'welcome', interval '1 day')
  ) as m(step, channel, direction, subject, body, template, delay)
 where (l.status <> 'new' or m.step <= 2)
   and (m.channel <> 'email' or l.email is not null)
   and l.created_at + m.delay < now();

insert into public.crm_messages (id, conversation_id, party, channel, direction, subject, body, template, status,
                                 provider, provider_message_id, error, created_at, sent_at, delivered_at, read_at,
                                 failed_at)
select m.id, m.conversation_id,
       case when m.step = 3 and pg_temp.pick('party-' || m.id) < 400 then 'parent' else 'self' end::public.contact_party,
       m.channel::public.message_channel, m.direction::public.message_direction, m.subject, m.body, m.template,
       case when m.direction = 'inbound' then 'received'
            when o.failed and m.channel = 'email' then 'bounced'
            when o.failed then 'failed'
            when o.roll < 500 then 'delivered' else 'read' end::public.message_status,
       case m.channel when 'email' then 'sendgrid' when 'whatsapp' then 'aisensy' else 'bolna' end,
       m.channel || '-' || left(m.id::text, 13),
       case when o.failed then case m.channel when 'email' then 'Mailbox does not exist'
                                              when 'whatsapp' then 'Recipient is not on WhatsApp'
                                              else 'No answer' end end,
       o.at, o.at,
       case when m.direction = 'outbound' and not o.failed then o.at + interval '1 minute' end,
       case when m.direction = 'outbound' and not o.failed and o.roll >= 500 then o.at + interval '20 minutes' end,
       case when o.failed then o.at + interval '1 minute' end
  from demo_messages m
  cross join lateral (select (m.l).created_at + m.delay as at, pg_temp.pick('status-' || m.id) as roll,
                             m.direction = 'outbound' and pg_temp.pick('status-' || m.id) < 60 as failed) o
 order by o.at;

insert into public.email_logs (message_id, to_email, from_email, subject, categories, provider_message_id,
                               open_count, first_opened_at, last_event, last_event_at)
select m.id, l.email, 'hello@demo.coachbase.test', m.subject, array[m.template], m.provider_message_id,
       case when m.status = 'read' then 1 else 0 end, m.read_at, m.status::text, coalesce(m.read_at, m.delivered_at)
  from public.crm_messages m join public.conversations c on c.id = m.conversation_id
  join public.leads l on l.id = c.lead_id
 where m.channel = 'email';

insert into public.whatsapp_logs (message_id, to_phone, template_name, template_params, provider_message_id,
                                  sent_at, delivered_at, read_at, failed_at, failure_reason)
select m.id, l.phone, m.template, jsonb_build_array(l.full_name), m.provider_message_id, m.sent_at,
       m.delivered_at, m.read_at, m.failed_at, m.error
  from public.crm_messages m join public.conversations c on c.id = m.conversation_id
  join public.leads l on l.id = c.lead_id
 where m.channel = 'whatsapp' and m.direction = 'outbound';

insert into public.call_logs (message_id, to_phone, agent_id, execution_id, status, started_at, ended_at,
                              duration_seconds, recording_url, transcript, summary, extracted_data, disposition)
select m.id, l.phone, 'demo-agent', 'exec-' || left(m.id::text, 13), 'completed', m.created_at,
       m.created_at + interval '3 minutes', 180, 'https://recordings.demo.coachbase.test/' || m.id || '.mp3',
       'Agent: Namaste, calling from Vidya Coaching Centre... Parent: Yes, tell me about the weekend batch.',
       m.body, jsonb_build_object('interested', true, 'preferred_batch', 'weekend'), 'interested'
  from public.crm_messages m join public.conversations c on c.id = m.conversation_id
  join public.leads l on l.id = c.lead_id
 where m.channel = 'call';

insert into public.outbox (channel, operation, provider, idempotency_key, payload, lead_id, crm_message_id,
                           cause_table, cause_id, status, attempts, last_error, sent_at, created_at)
select m.channel::text::public.outbox_channel, case when m.channel = 'call' then 'start_call' else 'send' end,
       m.provider, 'demo:' || m.id, jsonb_build_object('template', m.template), c.lead_id, m.id, 'leads',
       c.lead_id::text, case when m.failed_at is not null then 'dead' else 'sent' end::public.outbox_status,
       case when m.failed_at is not null then 8 else 1 end, m.error,
       case when m.failed_at is null then m.sent_at end, m.created_at
  from public.crm_messages m join public.conversations c on c.id = m.conversation_id
 where m.direction = 'outbound';

insert into public.webhook_events (provider, event_id, event_type, signature_verified, raw_body, payload,
                                   received_at, processed_at)
select 'sendgrid', 'demo-' || m.id, 'delivered', true,
       jsonb_build_array(jsonb_build_object('event', 'delivered', 'sg_message_id', m.provider_message_id))::text,
       jsonb_build_object('event', 'delivered', 'sg_message_id', m.provider_message_id),
       m.delivered_at, m.delivered_at + interval '1 second'
  from public.crm_messages m where m.channel = 'email' and m.delivered_at is not null;

-- Older threads have been read; the last week's replies wait in the inbox.
update public.conversations c set unread_count = 0, last_read_at = now()
 where c.last_inbound_at < now() - interval '7 days';

-- Payments and enrollments -------------------------------------------------------------------------

insert into public.payments (id, lead_id, profile_id, batch_id, provider, provider_order_id, provider_payment_id,
                             list_price_paise, amount_paise, status, payment_url, paid_at, receipt_number,
                             created_by, created_at)
select pg_temp.demo_id('payment-' || st.s), l.id, st.id, b.id, pv.provider,
       'ORDER-' || upper(left(md5('order-' || st.s), 10)), 'PAY-' || upper(left(md5('pay-' || st.s), 12)),
       c.price_paise, c.price_paise, 'paid', 'https://pay.demo.coachbase.test/' || st.s,
       b.starts_on - 7 + (st.s % 5) * interval '1 day', 'VCC-2026-' || lpad(st.s::text, 4, '0'),
       pg_temp.demo_id('admin'), b.starts_on - 10
  from demo_students st
  join public.batches b on b.id = pg_temp.demo_id(st.batch_key)
  join public.courses c on c.id = b.course_id
  join public.leads l on l.converted_profile_id = st.id
  cross join lateral (select (case when st.s % 2 = 0 then 'instamojo' else 'phonepe' end)::public.payment_provider
                      as provider) pv;

-- The open demo links exist at no provider, so the reconciliation tick is told not to ask about them.
insert into public.payments (lead_id, batch_id, provider, provider_order_id, list_price_paise, discount_paise,
                             amount_paise, pricing_note, status, payment_url, expires_at, failure_reason,
                             created_by, created_at, next_status_check_at)
select l.id, pg_temp.demo_id('batch-4'), 'instamojo', 'ORDER-' || upper(left(md5('order-' || l.id), 10)),
       c.price_paise, case when l.tags @> array['parent-enquiry'] then 50000 else 0 end,
       c.price_paise - case when l.tags @> array['parent-enquiry'] then 50000 else 0 end,
       case when l.tags @> array['parent-enquiry'] then 'Sibling discount' end,
       case when pg_temp.pick('pay-state-' || l.id) < 200 then 'failed' else 'pending' end::public.payment_status,
       'https://pay.demo.coachbase.test/' || l.id, now() + interval '5 days',
       case when pg_temp.pick('pay-state-' || l.id) < 200 then 'Card declined by issuer' end,
       pg_temp.demo_id('admin'), l.last_contacted_at, null
  from public.leads l join public.courses c on c.id = pg_temp.demo_id('course-english')
 where l.status = 'payment_sent';

insert into public.enrollments (student_id, batch_id, status, payment_id, enrolled_at)
select st.id, b.id, case when b.status = 'completed' then 'completed' else 'active' end::public.enrollment_status,
       pg_temp.demo_id('payment-' || st.s), b.starts_on - 7
  from demo_students st join public.batches b on b.id = pg_temp.demo_id(st.batch_key);

-- Sessions, attendance, recordings ------------------------------------------------------------------

insert into public.sessions (id, batch_id, title, starts_at, duration_minutes, status, zoom_meeting_id, join_url,
                             passcode, recording_status)
select pg_temp.demo_id('session-' || b.id || '-' || n), b.id, c.title || ' · Session ' || n, s.starts_at,
       (slot ->> 'minutes')::smallint,
       case when s.starts_at < now() then 'completed' else 'scheduled' end::public.session_status,
       '8' || lpad((pg_temp.pick('zoom-' || b.id || n) * 1000 + n)::text, 9, '0'),
       'https://zoom.demo.coachbase.test/j/' || left(md5(b.id || '-' || n), 11),
       upper(left(md5('pass' || b.id || n), 6)),
       case when s.starts_at < now() then 'available' else 'none' end::public.recording_status
  from public.batches b
  join public.courses c on c.id = b.course_id
  cross join lateral (
    select row_number() over (order by d, slot ->> 'start') as n, slot,
           (d + (slot ->> 'start')::time) at time zone 'Asia/Kolkata' as starts_at
      from generate_series(b.starts_on, b.ends_on, interval '1 day') d
      cross join jsonb_array_elements(b.weekly_pattern) slot
     where extract(isodow from d) = (slot ->> 'weekday')::int
  ) s
 where s.starts_at < (select first_monday + 60 from demo_week);

insert into public.session_host_links (session_id, start_url, host_email)
select s.id, 'https://zoom.demo.coachbase.test/s/' || left(md5('host' || s.id), 16), p.email
  from public.sessions s join public.batches b on b.id = s.batch_id join public.profiles p on p.id = b.instructor_id;

insert into public.attendance (session_id, student_id, joined_at, left_at, minutes, source)
select s.id, e.student_id, s.starts_at + interval '2 minutes', s.starts_at + s.duration_minutes * interval '1 minute',
       s.duration_minutes - 2, 'zoom'
  from public.sessions s
  join public.enrollments e on e.batch_id = s.batch_id
 where s.status = 'completed' and pg_temp.pick('present-' || s.id || e.student_id) < 850;

insert into public.recordings (session_id, title, storage_path, provider, provider_recording_id, file_type,
                               size_bytes, duration_seconds, visible_to_students)
select s.id, s.title || ' (recording)', s.batch_id || '/' || s.id || '/recording.mp4', 'zoom',
       'rec-' || left(s.id::text, 13), 'video/mp4', 180000000, s.duration_minutes * 60,
       s.starts_at < now() - interval '2 days'
  from public.sessions s where s.status = 'completed';

insert into public.recording_views (recording_id, student_id, seconds_watched, completed)
select r.id, e.student_id, r.duration_seconds / 2, false
  from public.recordings r join public.sessions s on s.id = r.session_id
  join public.enrollments e on e.batch_id = s.batch_id
 where r.visible_to_students and pg_temp.pick('watched-' || r.id || e.student_id) < 300;

insert into public.session_feedback (session_id, student_id, rating, comment)
select a.session_id, a.student_id, 3 + pg_temp.pick('rating-' || a.id) % 3,
       case when pg_temp.pick('rating-' || a.id) % 7 = 0 then 'Loved the role-play today!' end
  from public.attendance a where pg_temp.pick('feedback-' || a.id) < 250;

insert into public.reminders (session_id, recipient_id, kind, channel, status)
select s.id, e.student_id, k.kind::public.reminder_kind, 'whatsapp', 'pending'
  from public.sessions s join public.enrollments e on e.batch_id = s.batch_id
  cross join (values ('24h'), ('15m')) k(kind)
 where s.status = 'scheduled' and s.starts_at < now() + interval '7 days';

-- Homework, exam, certificates --------------------------------------------------------------------

insert into public.assignments (id, batch_id, title, instructions, due_at, max_score, published, created_by)
select pg_temp.demo_id('assignment-' || b.id || '-' || a.n), b.id, a.title, a.instructions,
       (b.starts_on + a.n * 14) + time '23:59' at time zone 'Asia/Kolkata', 20, b.starts_on + a.n * 14 - 7 < private.center_today(),
       b.instructor_id
  from public.batches b
  cross join (values (1, 'Introduce yourself', 'Record a two-minute introduction and upload it.'),
                     (2, 'Opinion piece', 'Write 300 words on a topic you care about.'),
                     (3, 'Final presentation outline', 'Outline your five-minute talk.')) a(n, title, instructions)
 where b.status <> 'open';

insert into public.assignment_submissions (assignment_id, student_id, file_path, body, submitted_at, score,
                                           feedback, graded_by, graded_at)
select a.id, e.student_id, e.student_id || '/' || a.id || '/submission.pdf', null,
       a.due_at - (pg_temp.pick('early-' || a.id || e.student_id) % 48) * interval '1 hour',
       g.score, case when g.score is not null then 'Clear structure; work on your conclusion.' end,
       case when g.score is not null then b.instructor_id end,
       case when g.score is not null then a.due_at + interval '2 days' end
  from public.assignments a
  join public.batches b on b.id = a.batch_id
  join public.enrollments e on e.batch_id = a.batch_id
  cross join lateral (select case when a.due_at < now() - interval '2 days'
                                  then 12 + pg_temp.pick('score-' || a.id || e.student_id) % 9 end as score) g
 where a.published and a.due_at - interval '2 days' < now()
   and pg_temp.pick('submits-' || a.id || e.student_id) < 880;

insert into public.exams (id, batch_id, title, description, pass_percent, max_attempts, duration_minutes, opens_at,
                          closes_at, published, created_by)
select pg_temp.demo_id('exam-' || b.id), b.id, x.title, 'Five questions, ten minutes.', 60, 2, 10,
       x.opens_at, x.closes_at, true, b.instructor_id
  from public.batches b
  cross join lateral (select case when b.status = 'completed' then 'Final assessment' else 'Mid-course quiz' end as title,
                             case when b.status = 'completed' then (b.ends_on - 3)::timestamp at time zone 'Asia/Kolkata'
                                  else now() - interval '1 day' end as opens_at,
                             case when b.status = 'completed' then (b.ends_on + 3)::timestamp at time zone 'Asia/Kolkata'
                                  else now() + interval '5 days' end as closes_at) x
 where b.status in ('running', 'completed') and b.instructor_id = pg_temp.demo_id('instructor-1');

insert into public.exam_questions (id, exam_id, position, prompt, options, multiple_answers, marks)
select pg_temp.demo_id('question-' || x.id || '-' || q.position), x.id, q.position, q.prompt, q.options, q.multiple, q.marks
  from public.exams x
  cross join (values
    (1, 'Which sentence is correct?', array['She go to school.', 'She goes to school.', 'She going to school.'], false, 1),
    (2, 'Pick the words that are verbs.', array['speak', 'table', 'listen', 'blue'], true, 2),
    (3, 'A good opening line should…', array['apologise for being nervous', 'grab attention', 'list every point'], false, 1),
    (4, 'Which help you pace a talk?', array['pauses', 'reading every word', 'signposting', 'speaking faster'], true, 3),
    (5, '"Eloquent" means…', array['fluent and persuasive', 'quiet', 'late'], false, 1)
  ) q(position, prompt, options, multiple, marks);

insert into public.exam_answer_keys (question_id, correct_options)
select q.id, (array['{2}', '{1,3}', '{2}', '{1,3}', '{1}'])[q.position]::smallint[]
  from public.exam_questions q;

insert into public.exam_attempts (exam_id, student_id, attempt_number, answers, score, max_score, percent, passed,
                                  submitted_at)
select g.exam_id, g.student_id, 1, g.answers, g.score, g.max_score, round(100.0 * g.score / g.max_score, 2),
       100.0 * g.score / g.max_score >= 60, g.submitted_at
  from (
    select x.id as exam_id, e.student_id, x.opens_at + interval '1 day' as submitted_at,
           jsonb_object_agg(q.id, case when r.right_answer then to_jsonb(k.correct_options) else '[3]'::jsonb end) as answers,
           sum(q.marks) filter (where r.right_answer)::integer as score, sum(q.marks)::integer as max_score
      from public.exams x
      join public.enrollments e on e.batch_id = x.batch_id
      join public.exam_questions q on q.exam_id = x.id
      join public.exam_answer_keys k on k.question_id = q.id
      cross join lateral (select pg_temp.pick('answer-' || q.id || e.student_id) < 750 as right_answer) r
     where x.closes_at < now()
     group by 1, 2, 3
  ) g
 where g.score is not null;

insert into public.certificates (student_id, course_id, batch_id, issued_at, pdf_path, issued_by)
select e.student_id, b.course_id, b.id, (b.ends_on + 5)::timestamp at time zone 'Asia/Kolkata',
       e.student_id || '/certificate.pdf', pg_temp.demo_id('admin')
  from public.enrollments e join public.batches b on b.id = e.batch_id
 where b.status = 'completed' and private.attended_enough(e.student_id, b.id)
   and exists (select 1 from public.exam_attempts t join public.exams x on x.id = t.exam_id
                where x.batch_id = b.id and t.student_id = e.student_id and t.passed);
update public.certificates set pdf_path = student_id || '/' || id || '.pdf';

-- Support and notifications -----------------------------------------------------------------------

insert into public.support_tickets (id, student_id, subject, status, priority, assigned_to, created_at)
select pg_temp.demo_id('ticket-' || t.n), pg_temp.demo_id('student-' || t.student), t.subject,
       t.status::public.ticket_status, t.priority::public.ticket_priority, pg_temp.demo_id('admin'),
       now() - t.age * interval '1 day'
  from (values (1, 3, 'Zoom link not opening on my phone', 'open', 'high', 1),
               (2, 21, 'Can I switch to the Sunday batch?', 'pending', 'normal', 3),
               (3, 40, 'Certificate name spelling', 'resolved', 'normal', 6),
               (4, 9, 'Missed session 5 — is there a recording?', 'resolved', 'low', 10),
               (5, 27, 'Receipt needed for school reimbursement', 'open', 'normal', 0),
               (6, 55, 'When does the evening batch start?', 'closed', 'low', 12)
       ) t(n, student, subject, status, priority, age);

insert into public.ticket_messages (ticket_id, author_id, body, is_internal, created_at)
select t.id, case when m.by_student then t.student_id else pg_temp.demo_id('admin') end, m.body, m.internal,
       t.created_at + m.after
  from public.support_tickets t
  cross join (values (true, 'Please help, details are in the subject.', false, interval '0'),
                     (false, 'Thanks for writing in — we are looking into it.', false, interval '2 hours'),
                     (false, 'Check whether this student''s parent paid the last fee instalment.', true, interval '3 hours')
             ) m(by_student, body, internal, after)
 where t.created_at + m.after < now();

insert into public.notifications (user_id, type, title, body, link, read_at, created_at)
select x.student_id, 'grade_posted', 'Your assignment was graded', 'Score: ' || x.score || ' / 20',
       '/student/assignments/' || x.assignment_id,
       case when pg_temp.pick('read-' || x.id) < 600 then x.graded_at + interval '1 day' end, x.graded_at
  from public.assignment_submissions x where x.graded_at is not null;
insert into public.notifications (user_id, type, title, body, link, created_at)
select r.recipient_id, 'session_reminder', 'Class tomorrow', s.title, '/student/schedule', now() - interval '1 hour'
  from public.reminders r join public.sessions s on s.id = r.session_id
 where r.kind = '24h' and s.starts_at < now() + interval '1 day';
insert into public.notifications (user_id, type, title, body, link, created_at)
select c.student_id, 'certificate_issued', 'Your certificate is ready', 'Code ' || c.verification_code,
       '/student/certificates', c.issued_at
  from public.certificates c;
