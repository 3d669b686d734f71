-- A follow-up run keyed by a student's profile (sequence_enrollments.profile_id) was never picked up by the
-- sequences tick, which joined the run to a lead (docs/decisions/0670): such a run stayed active and past
-- due, sending nothing. The tick now serves it. A stranded run resumes at the step it waits on, due now,
-- with its later steps at their planned spacing from it, instead of sending every overdue step one tick
-- after another. Runs keyed by a lead, and runs not yet due, are left as they are.

update public.sequence_enrollments e
   set started_at = now() - st.delay, next_due_at = now()
  from public.sequence_steps st
 where st.sequence_id = e.sequence_id and st.position = e.next_position
   and e.status = 'active' and e.profile_id is not null and e.next_due_at < now();

comment on table public.sequence_enrollments is
  'A contact going through a sequence: a lead, or a student''s profile (payment_id set for fee reminders). '
  'The worker''s tick picks active rows with next_due_at <= now() (FOR UPDATE SKIP LOCKED), enqueues the '
  'step to the contact or their parent (a lead''s or the profile''s parent_* columns) and advances. A '
  'student''s follow-ups speak of the course of their latest enrollment that is not cancelled, else of the '
  'course they asked about as a lead; a run with no such course, or whose course has no upcoming batch, '
  'expires.';
