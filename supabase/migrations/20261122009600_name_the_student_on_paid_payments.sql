-- A payment made by a lead names its student once the payment seats them: the student then sees the
-- payment and its receipt (RLS and Storage policies key on payments.profile_id), and the admin's
-- Payments list shows who the payer became.
create or replace function private.name_payment_student() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.payments set profile_id = new.student_id
   where id = new.payment_id and profile_id is null;
  return null;
end
$$;
comment on function private.name_payment_student() is
  'After an enrollment is made or moved onto a payment: that payment names the enrolled student.';

create trigger enrollments_name_payment_student
  after insert or update of payment_id on public.enrollments
  for each row when (new.payment_id is not null)
  execute function private.name_payment_student();

update public.payments p set profile_id = e.student_id
  from public.enrollments e
 where e.payment_id = p.id and p.profile_id is null;

revoke execute on all functions in schema private from public;
