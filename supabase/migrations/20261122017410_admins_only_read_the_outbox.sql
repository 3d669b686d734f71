-- Admins read the outbox; only the service changes it.
--
-- The web app pauses, resumes, retries and cancels outbox items through the service (POST
-- /admin/outbox/<id>/<action>, automation/workflows/outbox_admin.py), which keeps the item's timeline
-- message in step and allows only the moves each status permits. The update policy let an admin's
-- supabase-js client change any column of any row past both. The service (its own connection and the
-- service role) is not subject to RLS and keeps every privilege; the API roles now keep SELECT only, so
-- a direct write is refused (42501) rather than matching no row.

drop policy "Admins can pause, resume, retry or cancel outbox items" on public.outbox;
revoke insert, update, delete on public.outbox from anon, authenticated;
comment on table public.outbox is
  'One outbound provider request: channel + operation (send, start_call, create_payment_link, '
  'invite_user, create_meeting...) with its payload. lead_id/profile_id + party name the recipient for '
  'consent and quiet-hour checks; cause_table/cause_id the row that caused it; crm_message_id its '
  'timeline entry. Workers claim pending rows due now with FOR UPDATE SKIP LOCKED. Admins read it; only '
  'the service writes it (admin actions go through its /admin/outbox endpoints).';
