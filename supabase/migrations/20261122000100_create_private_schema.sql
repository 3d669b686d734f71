-- Foundations every domain uses: the `private` schema, shared domains for contact data and
-- money, and generic trigger functions. Nothing here is reachable through the API.

create extension if not exists citext with schema extensions;

-- `private` is never in PostgREST's exposed schemas. API roles get USAGE only so that RLS
-- policies can call the few helpers granted to them; its tables are granted to no one.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

create or replace function private.is_time_zone(candidate text) returns boolean
language plpgsql stable set search_path = '' as $$
begin
  perform now() at time zone candidate;
  return true;
exception when invalid_parameter_value then
  return false;
end
$$;
comment on function private.is_time_zone(text) is
  'True when PostgreSQL knows the zone name (e.g. Asia/Kolkata); backs the time_zone domain.';

-- Contact data is validated at the edge (email-validator, phonenumbers); these domains are the
-- backstop that keeps malformed values out whichever way they arrive.
create domain public.email_address as extensions.citext
  check (value = btrim(value) and length(value) <= 254 and value ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$');
comment on domain public.email_address is 'An email address, compared case-insensitively (citext).';

create domain public.phone_e164 as text
  check (value ~ '^\+[1-9][0-9]{6,14}$');
comment on domain public.phone_e164 is 'A phone number in E.164 form: +, country code, number; no spaces.';

create domain public.currency_code as text
  check (value ~ '^[A-Z]{3}$');
comment on domain public.currency_code is 'An ISO 4217 currency code such as INR.';

create domain public.time_zone as text
  check (private.is_time_zone(value));
comment on domain public.time_zone is 'An IANA time zone name such as Asia/Kolkata.';

grant execute on function private.is_time_zone(text) to anon, authenticated, service_role;

-- Generic triggers -------------------------------------------------------------------------

create or replace function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;
comment on function private.touch_updated_at() is 'BEFORE UPDATE: stamps updated_at.';

create or replace function private.keep_status_forward() returns trigger
language plpgsql set search_path = '' as $$
begin
  if array_position(tg_argv, new.status::text) < array_position(tg_argv, old.status::text) then
    new.status := old.status;
  end if;
  return new;
end
$$;
comment on function private.keep_status_forward() is
  'BEFORE UPDATE: trigger arguments list statuses in order; a status never moves back, so a late or '
  'replayed provider event is harmless. Statuses not listed are free to change.';

create or replace function private.stamp_status_time() returns trigger
language plpgsql set search_path = '' as $$
declare
  stamps jsonb := '{}';
begin
  for i in 0 .. tg_nargs - 1 by 2 loop
    if tg_argv[i] = new.status::text and to_jsonb(new) ->> tg_argv[i + 1] is null then
      stamps := stamps || jsonb_build_object(tg_argv[i + 1], now());
    end if;
  end loop;
  if stamps <> '{}' then
    new := jsonb_populate_record(new, stamps);
  end if;
  return new;
end
$$;
comment on function private.stamp_status_time() is
  'BEFORE INSERT/UPDATE OF status: trigger arguments are (status, timestamp column) pairs; reaching a '
  'status fills its column with now() unless a time was given (e.g. from the provider''s event).';

revoke execute on all functions in schema private from public;
