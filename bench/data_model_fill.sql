-- Fills a large center for bench/data_model.py. Sizes come from settings bench.* (set by the script);
-- runs with session_replication_role = replica (no triggers, no FK checks) and recomputes what the
-- triggers would have kept afterwards. Each "-- step:" block is run and timed on its own.

-- step: people
select setseed(0.42);
insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', md5('bench-user-' || n)::uuid, 'authenticated', 'authenticated',
       'user' || n || '@bench.test',
       jsonb_build_object('provider', 'email', 'role',
         case when n = 0 then 'admin' when n <= current_setting('bench.instructors')::int then 'instructor'
              else 'student' end),
       now() - interval '5 years', now() - interval '5 years'
  from generate_series(0, current_setting('bench.instructors')::int + current_setting('bench.students')::int) n;
insert into public.profiles (id, role, full_name, email, phone, created_at)
select u.id, (u.raw_app_meta_data ->> 'role')::public.app_role, 'Bench ' || u.email, u.email,
       '+9180' || lpad(row_number() over (order by u.email)::text, 8, '0'), u.created_at
  from auth.users u where u.email like '%@bench.test';
create temporary table bench_students as
select row_number() over (order by id) as rn, id from public.profiles where role = 'student';
create temporary table bench_instructors as
select row_number() over (order by id) as rn, id from public.profiles where role = 'instructor';

-- step: catalog
insert into public.courses (slug, title, price_paise, published)
select 'course-' || n, 'Course ' || n, 199900 + (n % 10) * 50000, n % 10 <> 0 from generate_series(1, 50) n;
create temporary table bench_courses as select row_number() over (order by id) as rn, id, price_paise from public.courses;
insert into public.batches (course_id, name, starts_on, ends_on, weekly_pattern, capacity, instructor_id, status)
select c.id, 'Batch ' || b, d.starts_on, d.starts_on + 175,
       '[{"weekday": 2, "start": "18:00", "minutes": 60}, {"weekday": 5, "start": "18:00", "minutes": 60}]',
       40, i.id,
       case when d.starts_on + 175 < current_date then 'completed' when d.starts_on <= current_date then 'running'
            else 'open' end::public.batch_status
  from generate_series(1, current_setting('bench.batches')::int) b
  join bench_courses c on c.rn = 1 + b % 50
  join bench_instructors i on i.rn = 1 + b % current_setting('bench.instructors')::int
  cross join lateral (select current_date - 1460 + (b * 1520 / current_setting('bench.batches')::int) as starts_on) d;
create temporary table bench_batches as
select row_number() over (order by starts_on, id) as rn, id, starts_on, status, course_id from public.batches;

-- step: sessions
insert into public.sessions (batch_id, title, starts_at, duration_minutes, status)
select b.id, 'Session ' || s, t.starts_at, 60,
       case when t.starts_at < now() then 'completed' else 'scheduled' end::public.session_status
  from bench_batches b
  cross join generate_series(0, current_setting('bench.sessions')::int / current_setting('bench.batches')::int - 1) s
  cross join lateral (select ((b.starts_on + (s / 2) * 7 + (s % 2) * 3)::timestamp + time '18:00')
                             at time zone 'Asia/Kolkata' as starts_at) t;

-- step: enrollments and payments
insert into public.enrollments (student_id, batch_id, status, enrolled_at, activated_at, completed_at)
select st.id, b.id,
       case b.status when 'completed' then 'completed' else 'active' end::public.enrollment_status,
       b.starts_on - 7, b.starts_on - 7, case when b.status = 'completed' then b.starts_on + 175 end
  from generate_series(0, current_setting('bench.enrollments')::int - 1) k
  join bench_students st on st.rn = 1 + k % (select count(*) from bench_students)
  join bench_batches b on b.rn = 1 + (k + (k / (select count(*) from bench_students)) * 13)
                                     % current_setting('bench.batches')::int;
insert into public.payments (profile_id, batch_id, provider, provider_payment_id, amount_paise, status, paid_at,
                             created_at)
select e.student_id, e.batch_id, case when random() < 0.5 then 'instamojo' else 'phonepe' end::public.payment_provider,
       'PAY-' || e.id, c.price_paise, 'paid', least(e.enrolled_at - random() * interval '5 days', now()),
       least(e.enrolled_at - interval '6 days', now())
  from public.enrollments e join bench_batches b on b.id = e.batch_id join bench_courses c on c.id = b.course_id;
update public.enrollments e set payment_id = p.id
  from public.payments p where p.profile_id = e.student_id and p.batch_id = e.batch_id;

-- step: attendance
insert into public.attendance (session_id, student_id, joined_at, minutes, source, created_at)
select s.id, e.student_id, s.starts_at, 55, 'zoom', s.starts_at + interval '1 hour'
  from public.sessions s join public.enrollments e on e.batch_id = s.batch_id
 where s.status = 'completed' and random() < 0.8;

-- step: leads
insert into public.leads (full_name, email, phone, source, course_id, status, created_at, last_contacted_at)
select 'Lead ' || g.n, 'lead' || g.n || '@bench.test', '+9170' || lpad(g.n::text, 8, '0'),
       (array['form', 'form', 'import', 'import', 'whatsapp', 'call', 'manual'])[1 + g.n % 7]::public.lead_source,
       c.id, g.status, g.created_at, case when g.status <> 'new' then g.created_at + interval '1 day' end
  from (select n, now() - random() * interval '1460 days' as created_at,
               (array['new', 'new', 'new', 'new', 'contacted', 'contacted', 'interested', 'payment_sent', 'enrolled',
                      'lost'])[1 + floor(random() * 10)::int]::public.lead_status as status
          from generate_series(1, current_setting('bench.leads')::int) n) g
  join bench_courses c on c.rn = 1 + g.n % 50;
with enrolled as (
  select id, row_number() over (order by created_at) as rn from public.leads where status = 'enrolled'
)
update public.leads l set converted_profile_id = st.id
  from enrolled e join bench_students st on st.rn = e.rn
 where l.id = e.id;
insert into public.cta_submissions (lead_id, course_id, status, submitted_at, decided_at)
select id, course_id, case when status = 'new' then 'new' else 'approved' end::public.review_status, created_at,
       case when status <> 'new' then created_at + interval '1 hour' end
  from public.leads where source = 'form';
insert into public.payments (lead_id, provider, amount_paise, status, created_at, failure_reason)
select id, 'instamojo', 499900, case when random() < 0.7 then 'pending' else 'failed' end::public.payment_status,
       last_contacted_at, null
  from public.leads where status = 'payment_sent';

-- step: conversations and messages
insert into public.conversations (lead_id, profile_id, created_at)
select id, converted_profile_id, created_at from public.leads;
create temporary table bench_conversations as
select row_number() over (order by id) as rn, id, created_at from public.conversations;
insert into public.crm_messages (conversation_id, channel, direction, body, status, provider, created_at, sent_at)
select c.id, ch.channel, d.direction, 'Message ' || k,
       case when d.direction = 'inbound' then 'received' else 'delivered' end::public.message_status,
       case ch.channel when 'email' then 'sendgrid' when 'whatsapp' then 'aisensy' else 'bolna' end,
       t.at, t.at
  from generate_series(0, current_setting('bench.messages')::int - 1) k
  join bench_conversations c on c.rn = 1 + k % (select count(*) from bench_conversations)
  cross join lateral (select (array['email', 'whatsapp', 'whatsapp', 'call'])[1 + k % 4]::public.message_channel as channel) ch
  cross join lateral (select case when k % 10 < 3 then 'outbound' else 'inbound' end::public.message_direction
                      as direction) d0
  cross join lateral (select case when ch.channel = 'call' then 'outbound'::public.message_direction
                                  else d0.direction end as direction) d
  cross join lateral (select least(c.created_at + (k / 1000000.0) * interval '3 days' + random() * interval '2 days',
                                   now()) as at) t;

-- step: outbox
insert into public.outbox (channel, operation, idempotency_key, payload, crm_message_id, status, attempts, sent_at,
                           created_at)
select m.channel::text::public.outbox_channel, 'send', 'bench:' || m.id, '{}', m.id, 'sent', 1, m.sent_at, m.created_at
  from public.crm_messages m
 where m.direction = 'outbound'
 limit current_setting('bench.messages')::int / 3;

-- step: homework, exams, certificates, tickets
insert into public.assignments (batch_id, title, due_at, max_score, published)
select b.id, 'Assignment ' || a, (b.starts_on + a * 28)::timestamp at time zone 'Asia/Kolkata', 20, true
  from bench_batches b cross join generate_series(1, 6) a;
insert into public.assignment_submissions (assignment_id, student_id, body, submitted_at, score, graded_at)
select a.id, e.student_id, 'Answer', a.due_at - interval '1 day',
       case when a.due_at < now() - interval '7 days' then 10 + floor(random() * 11) end,
       case when a.due_at < now() - interval '7 days' then a.due_at + interval '3 days' end
  from public.assignments a join public.enrollments e on e.batch_id = a.batch_id
 where a.due_at < now() + interval '1 day' and random() < 0.85;
insert into public.exams (batch_id, title, published, opens_at, closes_at)
select id, 'Final', true, (starts_on + 170)::timestamp at time zone 'Asia/Kolkata',
       (starts_on + 177)::timestamp at time zone 'Asia/Kolkata'
  from bench_batches;
insert into public.exam_attempts (exam_id, student_id, attempt_number, score, max_score, percent, passed, submitted_at)
select r.exam_id, r.student_id, 1, r.score, 10, r.score * 10, r.score >= 6, r.opens_at + interval '1 day'
  from (select x.id as exam_id, e.student_id, x.opens_at, floor(random() * 11)::int as score
          from public.exams x join public.enrollments e on e.batch_id = x.batch_id
         where x.closes_at < now()) r;
insert into public.certificates (student_id, course_id, batch_id, issued_at)
select e.student_id, b.course_id, b.id, e.completed_at + interval '3 days'
  from public.enrollments e join bench_batches b on b.id = e.batch_id
 where e.status = 'completed' and random() < 0.7
on conflict do nothing;
insert into public.support_tickets (student_id, subject, status, created_at)
select st.id, 'Help ' || n, case when random() < 0.05 then 'open' else 'closed' end::public.ticket_status,
       now() - random() * interval '1460 days'
  from generate_series(1, current_setting('bench.enrollments')::int / 5) n
  join bench_students st on st.rn = 1 + n % (select count(*) from bench_students);

-- step: derived data the triggers keep
update public.batches b set active_enrollments = n.active
  from (select batch_id, count(*) as active from public.enrollments where status = 'active' group by 1) n
 where n.batch_id = b.id;
update public.sessions s set attendee_count = a.n, expected_count = e.n
  from (select session_id, count(*) as n from public.attendance group by 1) a,
       (select batch_id, count(*) as n from public.enrollments group by 1) e
 where a.session_id = s.id and e.batch_id = s.batch_id;
select private.recompute_lead_stages();
select private.rebuild_lead_funnel();
select private.rebuild_student_activity();

-- step: vacuum analyze
-- What autovacuum does to a live database: statistics, and the visibility map index-only scans need.
vacuum analyze;
