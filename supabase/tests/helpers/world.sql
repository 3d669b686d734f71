-- The test world of the RLS matrix: a tiny center where every table has rows on student A's side
-- (batch A, taught by instructor A) and on student B's side (batch B, taught by instructor B), plus
-- rows that belong to no student. Actors: anon, student_a, student_b, instructor_a, instructor_b,
-- admin. Labels are registered per table with tests.register(); besides A and B:
--   profiles I, J, M = instructor_a, instructor_b, admin; courses P published, U unpublished;
--   leads & co. L = a lead; sequences S; webhook_events W; payments L = a lead's unpaid link;
--   recordings H = batch A's hidden recording; assignments D = batch A's draft;
--   ticket_messages N = internal note on A's ticket; notifications I = to instructor_a;
--   settings C = the single row; audit_logs X = a row the world's own writes produced;
--   storage.objects are scoped by bucket: A, B, H as above, L = an import, P = a course file.

create or replace function tests.register_id(tbl regclass, label text, id uuid, scope text default '')
returns void
language sql as $$
  select tests.register(tbl, label, jsonb_build_object('id', id), scope);
$$;

create or replace function tests.build_world() returns void
language plpgsql as $$
declare
  admin uuid := tests.create_supabase_user('admin', 'admin@test.local', 'admin');
  instructor_a uuid := tests.create_supabase_user('instructor_a', 'instructor_a@test.local', 'instructor');
  instructor_b uuid := tests.create_supabase_user('instructor_b', 'instructor_b@test.local', 'instructor');
  student_a uuid := tests.create_supabase_user('student_a', 'student_a@test.local', 'student', '919800000001');
  student_b uuid := tests.create_supabase_user('student_b', 'student_b@test.local', 'student', '919800000002');
  course_p uuid; course_u uuid; batch_a uuid; batch_b uuid; lead_l uuid; import_l uuid;
  sequence_s uuid; conversation_l uuid; conversation_a uuid; message_l uuid; message_a uuid;
  session_a uuid; session_b uuid; recording_a uuid; recording_h uuid; recording_b uuid;
  assignment_a uuid; assignment_d uuid; assignment_b uuid; exam_a uuid; exam_b uuid;
  question_a uuid; question_b uuid; certificate_a uuid; certificate_b uuid; ticket_a uuid; ticket_b uuid;
  row_id uuid;
begin
  perform set_config('role', 'none', true);
  perform tests.register_id('public.profiles', 'A', student_a);
  perform tests.register_id('public.profiles', 'B', student_b);
  perform tests.register_id('public.profiles', 'I', instructor_a);
  perform tests.register_id('public.profiles', 'J', instructor_b);
  perform tests.register_id('public.profiles', 'M', admin);

  -- Catalog
  insert into public.courses (slug, title, price_paise, published)
  values ('spoken-english', 'Spoken English', 499900, true) returning courses.id into course_p;
  insert into public.courses (slug, title, price_paise, published)
  values ('draft-course', 'Draft course', 100000, false) returning courses.id into course_u;
  perform tests.register_id('public.courses', 'P', course_p);
  perform tests.register_id('public.courses', 'U', course_u);

  insert into public.batches (course_id, name, starts_on, instructor_id, status)
  values (course_p, 'Batch A', current_date - 30, instructor_a, 'running') returning batches.id into batch_a;
  insert into public.batches (course_id, name, starts_on, instructor_id, status)
  values (course_p, 'Batch B', current_date + 7, instructor_b, 'open') returning batches.id into batch_b;
  perform tests.register_id('public.batches', 'A', batch_a);
  perform tests.register_id('public.batches', 'B', batch_b);

  insert into public.enrollments (student_id, batch_id, status) values (student_a, batch_a, 'active') returning enrollments.id into row_id;
  perform tests.register_id('public.enrollments', 'A', row_id);
  insert into public.enrollments (student_id, batch_id, status) values (student_b, batch_b, 'active') returning enrollments.id into row_id;
  perform tests.register_id('public.enrollments', 'B', row_id);

  -- Finding students
  insert into public.lead_imports (file_path, original_filename, created_by)
  values ('leads.csv', 'leads.csv', admin) returning lead_imports.id into import_l;
  perform tests.register_id('public.lead_imports', 'L', import_l);
  insert into public.leads (full_name, email, phone, source, course_id, import_id)
  values ('Lead L', 'lead.l@test.local', '+919800000009', 'import', course_p, import_l) returning leads.id into lead_l;
  perform tests.register_id('public.leads', 'L', lead_l);
  insert into public.cta_submissions (lead_id, course_id, answers) values (lead_l, course_p, '{"goal": "fluency"}')
  returning cta_submissions.id into row_id;
  perform tests.register_id('public.cta_submissions', 'L', row_id);
  insert into public.consents (profile_id, channel, state, source) values (student_a, 'email', 'opted_in', 'profile')
  returning consents.id into row_id;
  perform tests.register_id('public.consents', 'A', row_id);
  insert into public.consents (profile_id, channel, state, source) values (student_b, 'email', 'opted_in', 'profile')
  returning consents.id into row_id;
  perform tests.register_id('public.consents', 'B', row_id);
  insert into public.consents (lead_id, channel, state, source) values (lead_l, 'whatsapp', 'opted_in', 'form')
  returning consents.id into row_id;
  perform tests.register_id('public.consents', 'L', row_id);
  insert into public.sequences (key, name) values ('welcome', 'Welcome') returning sequences.id into sequence_s;
  perform tests.register_id('public.sequences', 'S', sequence_s);
  insert into public.sequence_steps (sequence_id, position, delay, channel, template)
  values (sequence_s, 1, interval '1 day', 'email', 'welcome_email') returning sequence_steps.id into row_id;
  perform tests.register_id('public.sequence_steps', 'S', row_id);
  insert into public.sequence_enrollments (sequence_id, lead_id, next_position, next_due_at)
  values (sequence_s, lead_l, 1, now() + interval '1 day') returning sequence_enrollments.id into row_id;
  perform tests.register_id('public.sequence_enrollments', 'L', row_id);

  -- Talking to them
  insert into public.conversations (lead_id) values (lead_l) returning conversations.id into conversation_l;
  insert into public.conversations (profile_id) values (student_a) returning conversations.id into conversation_a;
  perform tests.register_id('public.conversations', 'L', conversation_l);
  perform tests.register_id('public.conversations', 'A', conversation_a);
  insert into public.crm_messages (conversation_id, channel, direction, subject, body, status, provider, provider_message_id)
  values (conversation_l, 'email', 'outbound', 'Welcome', 'Hello Lead L', 'sent', 'sendgrid', 'sg-1')
  returning crm_messages.id into message_l;
  insert into public.crm_messages (conversation_id, channel, direction, body, status)
  values (conversation_a, 'whatsapp', 'inbound', 'When is the next class?', 'received') returning crm_messages.id into message_a;
  perform tests.register_id('public.crm_messages', 'L', message_l);
  perform tests.register_id('public.crm_messages', 'A', message_a);
  insert into public.email_logs (message_id, to_email) values (message_l, 'lead.l@test.local');
  insert into public.whatsapp_logs (message_id, to_phone) values (message_l, '+919800000009');
  insert into public.call_logs (message_id, to_phone, execution_id) values (message_l, '+919800000009', 'exec-1');
  perform tests.register('public.email_logs', 'L', jsonb_build_object('message_id', message_l));
  perform tests.register('public.whatsapp_logs', 'L', jsonb_build_object('message_id', message_l));
  perform tests.register('public.call_logs', 'L', jsonb_build_object('message_id', message_l));
  insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, crm_message_id)
  values ('email', 'send', 'welcome:' || lead_l, '{"template": "welcome_email"}', lead_l, message_l)
  returning outbox.id into row_id;
  perform tests.register_id('public.outbox', 'L', row_id);
  insert into public.webhook_events (provider, event_id, signature_verified, raw_body)
  values ('sendgrid', 'evt-1', true, '[]') returning webhook_events.id into row_id;
  perform tests.register_id('public.webhook_events', 'W', row_id);

  -- Payments
  insert into public.payments (profile_id, batch_id, provider, provider_payment_id, amount_paise, status)
  values (student_a, batch_a, 'instamojo', 'MOJO-A', 499900, 'paid') returning payments.id into row_id;
  perform tests.register_id('public.payments', 'A', row_id);
  insert into public.payments (profile_id, batch_id, provider, provider_payment_id, amount_paise, status)
  values (student_b, batch_b, 'phonepe', 'PP-B', 499900, 'paid') returning payments.id into row_id;
  perform tests.register_id('public.payments', 'B', row_id);
  insert into public.payments (lead_id, batch_id, provider, amount_paise) values (lead_l, batch_b, 'instamojo', 499900)
  returning payments.id into row_id;
  perform tests.register_id('public.payments', 'L', row_id);

  -- Sessions
  insert into public.sessions (batch_id, title, starts_at, duration_minutes, status, zoom_meeting_id)
  values (batch_a, 'Session A', now() - interval '2 days', 60, 'completed', 'zoom-a') returning sessions.id into session_a;
  insert into public.sessions (batch_id, title, starts_at, duration_minutes, zoom_meeting_id)
  values (batch_b, 'Session B', now() + interval '8 days', 60, 'zoom-b') returning sessions.id into session_b;
  perform tests.register_id('public.sessions', 'A', session_a);
  perform tests.register_id('public.sessions', 'B', session_b);
  insert into public.session_host_links (session_id, start_url) values (session_a, 'https://zoom.test/s/a'),
                                                                      (session_b, 'https://zoom.test/s/b');
  perform tests.register('public.session_host_links', 'A', jsonb_build_object('session_id', session_a));
  perform tests.register('public.session_host_links', 'B', jsonb_build_object('session_id', session_b));
  insert into public.attendance (session_id, student_id, source) values (session_a, student_a, 'zoom')
  returning attendance.id into row_id;
  perform tests.register_id('public.attendance', 'A', row_id);
  insert into public.attendance (session_id, student_id, source) values (session_b, student_b, 'manual')
  returning attendance.id into row_id;
  perform tests.register_id('public.attendance', 'B', row_id);
  insert into public.reminders (session_id, recipient_id, kind, channel) values (session_a, student_a, '24h', 'email')
  returning reminders.id into row_id;
  perform tests.register_id('public.reminders', 'A', row_id);
  insert into public.reminders (session_id, recipient_id, kind, channel) values (session_b, student_b, '24h', 'email')
  returning reminders.id into row_id;
  perform tests.register_id('public.reminders', 'B', row_id);
  insert into public.session_feedback (session_id, student_id, rating) values (session_a, student_a, 5)
  returning session_feedback.id into row_id;
  perform tests.register_id('public.session_feedback', 'A', row_id);
  insert into public.session_feedback (session_id, student_id, rating) values (session_b, student_b, 4)
  returning session_feedback.id into row_id;
  perform tests.register_id('public.session_feedback', 'B', row_id);
  insert into public.recordings (session_id, title, storage_path, provider, visible_to_students)
  values (session_a, 'Recording A', batch_a || '/' || session_a || '/a.mp4', 'upload', true)
  returning recordings.id into recording_a;
  insert into public.recordings (session_id, title, storage_path, provider, visible_to_students)
  values (session_a, 'Recording H', batch_a || '/' || session_a || '/h.mp4', 'upload', false)
  returning recordings.id into recording_h;
  insert into public.recordings (session_id, title, storage_path, provider, visible_to_students)
  values (session_b, 'Recording B', batch_b || '/' || session_b || '/b.mp4', 'upload', true)
  returning recordings.id into recording_b;
  perform tests.register_id('public.recordings', 'A', recording_a);
  perform tests.register_id('public.recordings', 'H', recording_h);
  perform tests.register_id('public.recordings', 'B', recording_b);
  insert into public.recording_views (recording_id, student_id) values (recording_a, student_a)
  returning recording_views.id into row_id;
  perform tests.register_id('public.recording_views', 'A', row_id);
  insert into public.recording_views (recording_id, student_id) values (recording_b, student_b)
  returning recording_views.id into row_id;
  perform tests.register_id('public.recording_views', 'B', row_id);

  -- Assignments
  insert into public.assignments (batch_id, title, published) values (batch_a, 'Assignment A', true)
  returning assignments.id into assignment_a;
  insert into public.assignments (batch_id, title, published) values (batch_a, 'Draft D', false)
  returning assignments.id into assignment_d;
  insert into public.assignments (batch_id, title, published) values (batch_b, 'Assignment B', true)
  returning assignments.id into assignment_b;
  perform tests.register_id('public.assignments', 'A', assignment_a);
  perform tests.register_id('public.assignments', 'D', assignment_d);
  perform tests.register_id('public.assignments', 'B', assignment_b);
  insert into public.assignment_submissions (assignment_id, student_id, body) values (assignment_a, student_a, 'My essay')
  returning assignment_submissions.id into row_id;
  perform tests.register_id('public.assignment_submissions', 'A', row_id);
  insert into public.assignment_submissions (assignment_id, student_id, body) values (assignment_b, student_b, 'My essay')
  returning assignment_submissions.id into row_id;
  perform tests.register_id('public.assignment_submissions', 'B', row_id);

  -- Exams
  insert into public.exams (batch_id, title, published, max_attempts, opens_at, closes_at)
  values (batch_a, 'Exam A', true, 2, now() - interval '1 day', now() + interval '1 day') returning exams.id into exam_a;
  insert into public.exams (batch_id, title, published, opens_at)
  values (batch_b, 'Exam B', true, now() - interval '1 day') returning exams.id into exam_b;
  perform tests.register_id('public.exams', 'A', exam_a);
  perform tests.register_id('public.exams', 'B', exam_b);
  insert into public.exam_questions (exam_id, position, prompt, options, marks)
  values (exam_a, 1, 'Pick the verb', array['cat', 'run', 'blue'], 2) returning exam_questions.id into question_a;
  insert into public.exam_questions (exam_id, position, prompt, options, marks)
  values (exam_b, 1, 'Pick the noun', array['cat', 'run'], 1) returning exam_questions.id into question_b;
  perform tests.register_id('public.exam_questions', 'A', question_a);
  perform tests.register_id('public.exam_questions', 'B', question_b);
  insert into public.exam_answer_keys (question_id, correct_options) values (question_a, '{2}'), (question_b, '{1}');
  perform tests.register('public.exam_answer_keys', 'A', jsonb_build_object('question_id', question_a));
  perform tests.register('public.exam_answer_keys', 'B', jsonb_build_object('question_id', question_b));
  insert into public.exam_attempts (exam_id, student_id, attempt_number, answers, score, max_score, percent, passed)
  values (exam_a, student_a, 1, jsonb_build_object(question_a, '[2]'::jsonb), 2, 2, 100, true)
  returning exam_attempts.id into row_id;
  perform tests.register_id('public.exam_attempts', 'A', row_id);
  insert into public.exam_attempts (exam_id, student_id, attempt_number, answers, score, max_score, percent, passed)
  values (exam_b, student_b, 1, '{}', 0, 1, 0, false) returning exam_attempts.id into row_id;
  perform tests.register_id('public.exam_attempts', 'B', row_id);

  -- Certificates
  insert into public.certificates (student_id, course_id, batch_id) values (student_a, course_p, batch_a)
  returning certificates.id into certificate_a;
  insert into public.certificates (student_id, course_id, batch_id) values (student_b, course_p, batch_b)
  returning certificates.id into certificate_b;
  perform tests.register_id('public.certificates', 'A', certificate_a);
  perform tests.register_id('public.certificates', 'B', certificate_b);

  -- Support
  insert into public.support_tickets (student_id, subject) values (student_a, 'Cannot join') returning support_tickets.id into ticket_a;
  insert into public.support_tickets (student_id, subject) values (student_b, 'Refund?') returning support_tickets.id into ticket_b;
  perform tests.register_id('public.support_tickets', 'A', ticket_a);
  perform tests.register_id('public.support_tickets', 'B', ticket_b);
  insert into public.ticket_messages (ticket_id, author_id, body) values (ticket_a, admin, 'Try the new link')
  returning ticket_messages.id into row_id;
  perform tests.register_id('public.ticket_messages', 'A', row_id);
  insert into public.ticket_messages (ticket_id, author_id, body, is_internal) values (ticket_a, admin, 'Zoom licence expired', true)
  returning ticket_messages.id into row_id;
  perform tests.register_id('public.ticket_messages', 'N', row_id);
  insert into public.ticket_messages (ticket_id, author_id, body) values (ticket_b, admin, 'Processing it')
  returning ticket_messages.id into row_id;
  perform tests.register_id('public.ticket_messages', 'B', row_id);
  insert into public.notifications (user_id, type, title) values (student_a, 'grade_posted', 'Graded')
  returning notifications.id into row_id;
  perform tests.register_id('public.notifications', 'A', row_id);
  insert into public.notifications (user_id, type, title) values (student_b, 'grade_posted', 'Graded')
  returning notifications.id into row_id;
  perform tests.register_id('public.notifications', 'B', row_id);
  insert into public.notifications (user_id, type, title) values (instructor_a, 'session_reminder', 'Class soon')
  returning notifications.id into row_id;
  perform tests.register_id('public.notifications', 'I', row_id);

  -- Settings and the audit log
  perform tests.register('public.center_settings', 'C', '{"id": true}');
  perform tests.register('public.automation_settings', 'C', '{"id": true}');
  perform tests.register('public.audit_logs', 'X', jsonb_build_object('id', (select max(a.id) from public.audit_logs a)));

  -- Storage, one scope per bucket
  perform tests.world_object('assignments', 'A', student_a || '/' || assignment_a || '/essay.pdf');
  perform tests.world_object('assignments', 'B', student_b || '/' || assignment_b || '/essay.pdf');
  perform tests.world_object('materials', 'A', batch_a || '/notes.pdf');
  perform tests.world_object('materials', 'B', batch_b || '/notes.pdf');
  perform tests.world_object('recordings', 'A', batch_a || '/' || session_a || '/a.mp4');
  perform tests.world_object('recordings', 'H', batch_a || '/' || session_a || '/h.mp4');
  perform tests.world_object('recordings', 'B', batch_b || '/' || session_b || '/b.mp4');
  perform tests.world_object('certificates', 'A', student_a || '/' || certificate_a || '.pdf');
  perform tests.world_object('certificates', 'B', student_b || '/' || certificate_b || '.pdf');
  perform tests.world_object('receipts', 'A', student_a || '/' || gen_random_uuid() || '.pdf');
  perform tests.world_object('receipts', 'B', student_b || '/' || gen_random_uuid() || '.pdf');
  perform tests.world_object('imports', 'L', import_l || '/leads.csv');
  perform tests.world_object('avatars', 'A', student_a || '/face.png');
  perform tests.world_object('avatars', 'B', student_b || '/face.png');
  perform tests.world_object('course-files', 'P', course_p || '/syllabus.pdf');
end
$$;

create or replace function tests.world_object(bucket text, label text, name text) returns void
language plpgsql as $$
declare
  object_id uuid;
begin
  insert into storage.objects (bucket_id, name) values (bucket, name) returning id into object_id;
  perform tests.register_id('storage.objects', label, object_id, bucket);
end
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
