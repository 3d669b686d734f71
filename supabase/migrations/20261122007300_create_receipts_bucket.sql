-- Payment receipts: the worker renders each receipt PDF and stores it with the service key at
-- receipts/<student_id>/<payment_id>.pdf (payments.receipt_path). The paying student reads their own
-- folder; admins read everything through "Admins can read every file". Nobody else writes.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('receipts', 'receipts', false, 5242880, array['application/pdf'])
on conflict (id) do nothing;

create policy "Students can download their own receipts" on storage.objects
  for select to authenticated
  using (bucket_id = 'receipts' and (storage.foldername(name))[1] = (select auth.uid()::text));

comment on column public.payments.receipt_path is
  'The receipt PDF in Storage bucket receipts (<student_id>/<payment_id>.pdf), set once the worker stored '
  'it; read it with a signed URL (the paying student and admins may).';
