-- Storage buckets and who may do what with their objects. Paths start with the id that decides
-- access, so policies read it with storage.foldername():
--   assignments   <student_id>/<assignment_id>/<file>   a student's submitted files
--   materials     <batch_id>/<file>                     batch handouts, assignment attachments
--   recordings    <batch_id>/<session_id>/<file>        session recordings
--   certificates  <student_id>/<certificate_id>.pdf     issued certificates
--   imports       <import_id>/<file>                    lead CSVs and their error reports
--   avatars       <user_id>/<file>                      profile pictures (public bucket)
--   course-files  <course_id>/<file>                    syllabi and cover images (public bucket)

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('assignments', 'assignments', false, 52428800, null),
  ('materials', 'materials', false, 52428800, null),
  ('recordings', 'recordings', false, null, array['video/mp4', 'audio/mp4', 'audio/mpeg', 'text/vtt']),
  ('certificates', 'certificates', false, 10485760, array['application/pdf']),
  ('imports', 'imports', false, 52428800, array['text/csv', 'text/plain', 'application/vnd.ms-excel']),
  ('avatars', 'avatars', true, 2097152, array['image/png', 'image/jpeg', 'image/webp']),
  ('course-files', 'course-files', true, 20971520, array['application/pdf', 'image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do nothing;

-- Admins ---------------------------------------------------------------------------------------
create policy "Admins can read every file" on storage.objects
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can upload files" on storage.objects
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can replace files" on storage.objects
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete files" on storage.objects
  for delete to authenticated using ((select private.is_admin()));

-- assignments ----------------------------------------------------------------------------------
create policy "Students can upload work for their assignments" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'assignments'
              and (storage.foldername(name))[1] = (select auth.uid()::text)
              and (storage.foldername(name))[2] in (select id::text from private.enrolled_assignment_ids() id));
create policy "Students can read their own work" on storage.objects
  for select to authenticated
  using (bucket_id = 'assignments' and (storage.foldername(name))[1] = (select auth.uid()::text));
create policy "Students can replace their own work" on storage.objects
  for update to authenticated
  using (bucket_id = 'assignments' and (storage.foldername(name))[1] = (select auth.uid()::text))
  with check (bucket_id = 'assignments' and (storage.foldername(name))[1] = (select auth.uid()::text));
create policy "Students can delete their own work" on storage.objects
  for delete to authenticated
  using (bucket_id = 'assignments' and (storage.foldername(name))[1] = (select auth.uid()::text));
create policy "Instructors can read work for their batches" on storage.objects
  for select to authenticated
  using (bucket_id = 'assignments'
         and (storage.foldername(name))[2] in (select id::text from private.taught_assignment_ids() id));

-- materials and recordings: both filed under the batch id -----------------------------------
create policy "Students can read their batches' materials" on storage.objects
  for select to authenticated
  using (bucket_id = 'materials'
         and (storage.foldername(name))[1] in (select id::text from private.enrolled_batch_ids() id));
create policy "Students can watch visible recordings of their sessions" on storage.objects
  for select to authenticated
  using (bucket_id = 'recordings' and name in (select r.storage_path from public.recordings r));
create policy "Instructors can read their batches' materials and recordings" on storage.objects
  for select to authenticated
  using (bucket_id in ('materials', 'recordings')
         and (storage.foldername(name))[1] in (select id::text from private.taught_batch_ids() id));
create policy "Instructors can upload materials and recordings for their batches" on storage.objects
  for insert to authenticated
  with check (bucket_id in ('materials', 'recordings')
              and (storage.foldername(name))[1] in (select id::text from private.taught_batch_ids() id));
create policy "Instructors can replace their batches' materials and recordings" on storage.objects
  for update to authenticated
  using (bucket_id in ('materials', 'recordings')
         and (storage.foldername(name))[1] in (select id::text from private.taught_batch_ids() id))
  with check (bucket_id in ('materials', 'recordings')
              and (storage.foldername(name))[1] in (select id::text from private.taught_batch_ids() id));
create policy "Instructors can delete their batches' materials and recordings" on storage.objects
  for delete to authenticated
  using (bucket_id in ('materials', 'recordings')
         and (storage.foldername(name))[1] in (select id::text from private.taught_batch_ids() id));

-- certificates ---------------------------------------------------------------------------------
create policy "Students can download their own certificates" on storage.objects
  for select to authenticated
  using (bucket_id = 'certificates' and (storage.foldername(name))[1] = (select auth.uid()::text));

-- avatars --------------------------------------------------------------------------------------
create policy "Signed-in users can see avatars" on storage.objects
  for select to authenticated using (bucket_id = 'avatars');
create policy "Users can upload their own avatar" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid()::text));
create policy "Users can replace their own avatar" on storage.objects
  for update to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid()::text))
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid()::text));
create policy "Users can delete their own avatar" on storage.objects
  for delete to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid()::text));

-- course-files ---------------------------------------------------------------------------------
create policy "Anyone can read course files" on storage.objects
  for select to anon, authenticated using (bucket_id = 'course-files');
