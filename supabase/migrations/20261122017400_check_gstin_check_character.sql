-- One GSTIN rule for the settings form, the receipts and the database (decision 0669).
--
-- The column's check took any 2 digits and 13 letters or digits; the settings form the same; the receipt
-- PDF wanted a GSTIN's shape and showed none otherwise, while the receipt email showed whatever was
-- stored. private.is_gstin is now the database's copy of the one rule (automation/receipts/gst.py
-- valid_gstin, frontend/src/features/settings/gstin.ts isGstin; tests/fixtures/gstin_cases.json pins
-- all three): a known state code, the PAN (5 letters, 4 digits, 1 letter), an entity number 1-9 or A-Z,
-- "Z", and GSTN's check character.
--
-- A GSTIN stored before stays (NOT VALID: nobody can tell what it should have been); receipts show no
-- GST fields for it and the Settings page asks for a correct one at the next save.

create function private.is_gstin(candidate text) returns boolean
language sql immutable strict parallel safe set search_path = '' as $$
  select case
    when candidate !~ '^(0[1-9]|[12][0-9]|3[0-8]|97)[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$' then false
    else substr(candidate, 15, 1) = substr(digits, (36 - weighted % 36) % 36 + 1, 1)
  end
  from (values ('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')) as base36 (digits)
  cross join lateral (
    -- base-36 digits weighted 1, 2, 1, 2…; each product counts as the sum of its two base-36 digits
    select sum(product / 36 + product % 36)::integer as weighted
      from (select (strpos(digits, substr(candidate, i, 1)) - 1) * (2 - i % 2) as product
              from generate_series(1, 14) as i) as products
  ) as check_sum
$$;
comment on function private.is_gstin(text) is
  'True for a regular taxpayer''s GSTIN, upper case: a known state code, PAN, entity number, Z, and the '
  'check character GSTN computes. The rule receipts and the settings form apply too.';
-- Admins save the settings through the API, so the check runs as authenticated.
revoke execute on function private.is_gstin(text) from public;
grant execute on function private.is_gstin(text) to authenticated, service_role;

alter table public.center_settings
  drop constraint center_settings_gstin_check,
  add constraint center_settings_gstin_check check (private.is_gstin(gstin)) not valid;
comment on column public.center_settings.gstin is
  'The center''s GSTIN (private.is_gstin); receipts carry GST fields and CGST + SGST when it is set.';
