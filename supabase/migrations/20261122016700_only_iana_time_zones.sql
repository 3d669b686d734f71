-- A time zone is an IANA name that Python's zoneinfo loads too.
--
-- private.is_time_zone accepted whatever AT TIME ZONE reads: abbreviations (IST), offsets (+05:30,
-- UTC+5:30), legacy files (posixrules, EST5EDT) and any spelling of case (asia/kolkata). The outbox
-- worker reads zones with zoneinfo, which refuses those, and a student sets their own profile's zone.
-- A zone is now 'UTC' or Area/Location[/More] with one of IANA's areas (Etc for fixed offsets, such as
-- Etc/GMT-5), spelled exactly as PostgreSQL's zone database spells it. That keeps every zone of the app's
-- pickers (Asia/Kolkata, Asia/Dubai, Asia/Singapore, Europe/London, America/New_York, UTC), the defaults
-- and the seed; the database's posix/ and right/ copies are not names.
--
-- Stored zones that fail: a good name in another case takes PostgreSQL's spelling; anything else is
-- cleared on profiles and leads (null means the center's zone), becomes the center's zone on batches and
-- Asia/Kolkata (the default) on the center. The domain's check is then added again, which checks them all.

create or replace function private.is_time_zone(candidate text) returns boolean
language plpgsql stable strict set search_path = '' set "TimeZone" = 'UTC' as $$
begin
  if candidate !~ '^(UTC|(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)(/[A-Za-z0-9_+-]+)+)$' then
    return false;
  end if;
  perform set_config('TimeZone', candidate, true);  -- undone when the call returns (the SET above)
  return current_setting('TimeZone') = candidate;  -- PostgreSQL's own spelling: asia/kolkata → Asia/Kolkata
exception when invalid_parameter_value then
  return false;
end
$$;
comment on function private.is_time_zone(text) is
  'True for UTC or an IANA Area/Location name (Asia/Kolkata, Etc/GMT-5) that PostgreSQL knows, spelled '
  'as it spells it; backs the time_zone domain, so that a stored zone also loads in Python''s zoneinfo.';

create function pg_temp.repaired_zone(zone text) returns text
language plpgsql set "TimeZone" = 'UTC' as $$
begin
  perform set_config('TimeZone', zone, true);
  return case when private.is_time_zone(current_setting('TimeZone')) then current_setting('TimeZone') end;
exception when invalid_parameter_value then
  return null;
end
$$;

update public.center_settings set timezone = coalesce(pg_temp.repaired_zone(timezone), 'Asia/Kolkata')
 where not private.is_time_zone(timezone);
update public.batches set timezone = coalesce(pg_temp.repaired_zone(timezone), private.center_timezone())
 where not private.is_time_zone(timezone);
update public.profiles set timezone = pg_temp.repaired_zone(timezone) where not private.is_time_zone(timezone);
update public.leads set timezone = pg_temp.repaired_zone(timezone) where not private.is_time_zone(timezone);

alter domain public.time_zone drop constraint time_zone_check;
alter domain public.time_zone add constraint time_zone_check check (private.is_time_zone(value));
