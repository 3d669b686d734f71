-- RLS does not apply to TRUNCATE, and REFERENCES and TRIGGER are never needed by API users, yet
-- Supabase's default privileges grant them to anon and authenticated. Take them back, now and
-- for tables created later by postgres.

revoke truncate, references, trigger on all tables in schema public from anon, authenticated;
alter default privileges for role postgres in schema public
  revoke truncate, references, trigger on tables from anon, authenticated;
