-- private.payment_student runs twice per conversion (the webhook's record, then the apply). Its three
-- look-ups, in the same order, are now one statement: each scalar subquery of the coalesce runs only when
-- the ones before it found nobody (one executor run instead of up to four).
create or replace function private.payment_student(p_payment public.payments) returns uuid
language plpgsql stable set search_path = '' as $$
begin
  return coalesce(
    (select p.id from public.profiles p where p.id = p_payment.profile_id),
    (select p.id from public.leads l join public.profiles p on p.id = l.converted_profile_id
      where l.id = p_payment.lead_id),
    (select p.id from public.leads l join public.profiles p on p.email operator(extensions.=) l.email
      where l.id = p_payment.lead_id and p.role = 'student'
      order by p.created_at, p.id limit 1));
end
$$;

revoke execute on all functions in schema private from public;
