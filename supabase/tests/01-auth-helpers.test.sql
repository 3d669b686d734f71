-- auth.uid(), auth.role(), auth.jwt() read the claims PostgREST sets.
begin;
select plan(5);

select tests.create_supabase_user('asha', 'asha@example.com');

select tests.authenticate_as('asha');
select is(auth.uid(), tests.get_supabase_uid('asha'), 'auth.uid() is the signed-in user');
select tests.authenticate_as('asha');
select is(auth.role(), 'authenticated', 'auth.role() is authenticated');
select is((select auth.jwt() ->> 'email'), 'asha@example.com', 'auth.jwt() carries the email claim');
select is(current_user::text, 'authenticated', 'the role was switched');

select tests.authenticate_as_anon();
select is(auth.uid(), null, 'anon has no uid');

select * from finish();
rollback;
