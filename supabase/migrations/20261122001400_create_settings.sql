-- The center's settings: its public profile, the automation switches, and provider credentials.

-- Center settings. Invariants: exactly one row (id is always true); everything here is public
-- (the landing page and receipts show it).
create table public.center_settings (
  id boolean primary key default true check (id),
  name text not null default 'Coachbase Center' check (length(name) between 1 and 200),
  legal_name text,
  timezone public.time_zone not null default 'Asia/Kolkata',
  currency public.currency_code not null default 'INR',
  contact_email public.email_address,
  contact_phone public.phone_e164,
  website_url text,
  address text,
  logo_path text,
  gstin text check (gstin ~ '^[0-9]{2}[A-Z0-9]{13}$'),
  updated_by uuid references public.profiles (id) on delete set null,
  updated_at timestamptz not null default now()
);
comment on table public.center_settings is
  'The center''s public profile: name, time zone (default for everyone without their own), currency, '
  'contact, GSTIN for receipts. Single row.';
alter table public.center_settings enable row level security;

create policy "Anyone can read the center's public settings" on public.center_settings
  for select to anon, authenticated using (true);
create policy "Admins can update the center's settings" on public.center_settings
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- No insert or delete policy: the single row is created here and always exists.

create index center_settings_updated_by_idx on public.center_settings (updated_by);
insert into public.center_settings (id) values (true);

-- Automation settings. Invariants: exactly one row; admin only.
create table public.automation_settings (
  id boolean primary key default true check (id),
  quiet_hours_start time not null default '09:00',
  quiet_hours_end time not null default '21:00',
  opt_out_keywords text[] not null default array['STOP', 'UNSUBSCRIBE', 'बंद', 'band karo', 'band kar do', 'stop karo'],
  follow_up_days smallint[] not null default '{1,3,7}',
  fee_reminder_days smallint[] not null default '{1,3,5}',
  payment_provider public.payment_provider not null default 'instamojo',
  send_payment_link_when_interested boolean not null default false,
  cancel_enrollment_on_refund boolean not null default true,
  rate_limits jsonb not null default '{}' check (jsonb_typeof(rate_limits) = 'object'),
  updated_by uuid references public.profiles (id) on delete set null,
  updated_at timestamptz not null default now(),
  check (quiet_hours_start < quiet_hours_end)
);
comment on table public.automation_settings is
  'How automation behaves: quiet hours (calls and WhatsApp only inside them, in the contact''s zone), '
  'opt-out words, follow-up and fee-reminder cadences in days, payment provider, switches, and '
  'rate_limits {"provider": {"per_second": n, "burst": n, "concurrency": n}}. Single row.';
alter table public.automation_settings enable row level security;

create policy "Admins can read automation settings" on public.automation_settings
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can update automation settings" on public.automation_settings
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));

create index automation_settings_updated_by_idx on public.automation_settings (updated_by);
insert into public.automation_settings (id) values (true);

create or replace function private.stamp_settings_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  new.updated_by := coalesce(auth.uid(), new.updated_by);
  return new;
end
$$;
create trigger center_settings_stamp before update on public.center_settings
  for each row execute function private.stamp_settings_change();
create trigger automation_settings_stamp before update on public.automation_settings
  for each row execute function private.stamp_settings_change();
create trigger center_settings_audit after update on public.center_settings
  for each row execute function private.record_audit();
create trigger automation_settings_audit after update on public.automation_settings
  for each row execute function private.record_audit();

create or replace function private.center_timezone() returns text
language sql stable security definer set search_path = '' as $$
  select coalesce((select s.timezone from public.center_settings s), 'Asia/Kolkata')
$$;
comment on function private.center_timezone() is 'The center''s time zone, for days and dates shown to people.';

-- Provider credentials. Invariants: the secret is stored only as ciphertext that the automation
-- service made (AES-256-GCM, key from its environment, the row's provider and name bound as
-- associated data); no API role has any privilege on this table; the audit log records changes
-- without the ciphertext. See docs/decisions/0101-provider-credentials-encrypted-by-the-service.md.
create table private.provider_credentials (
  id uuid primary key default gen_random_uuid(),
  provider text not null check (provider ~ '^[a-z][a-z0-9_]*$'),
  name text not null check (name ~ '^[a-z][a-z0-9_]*$'),
  ciphertext bytea not null check (octet_length(ciphertext) > 28),
  key_id text not null check (length(key_id) between 1 and 64),
  hint text check (length(hint) <= 4),
  updated_by uuid references public.profiles (id) on delete set null,
  updated_at timestamptz not null default now(),
  unique (provider, name)
);
comment on table private.provider_credentials is
  'Write-only secrets from the Settings page (e.g. sendgrid/api_key). ciphertext = 12-byte nonce || '
  'AES-GCM output; key_id names the key that sealed it (rotation); hint = last 4 characters to show.';
alter table private.provider_credentials enable row level security;
create index provider_credentials_updated_by_idx on private.provider_credentials (updated_by);
revoke all on private.provider_credentials from public, anon, authenticated, service_role;

create trigger provider_credentials_stamp before update on private.provider_credentials
  for each row execute function private.stamp_settings_change();
create trigger provider_credentials_audit after insert or update or delete on private.provider_credentials
  for each row execute function private.record_audit('ciphertext');

create or replace function public.list_provider_credentials()
returns table (provider text, name text, hint text, updated_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_admin('see which provider credentials are set');
  return query
    select c.provider, c.name, c.hint, c.updated_at from private.provider_credentials c order by 1, 2;
end
$$;
comment on function public.list_provider_credentials() is
  'Which credentials are set (for the Settings page), with their last characters; never the secret.';
revoke execute on function public.list_provider_credentials() from public, anon;
grant execute on function public.list_provider_credentials() to authenticated;

revoke execute on all functions in schema private from public;
grant execute on function private.center_timezone() to anon, authenticated, service_role;
