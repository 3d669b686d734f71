"""postgres_changes: read the WAL, shape each change as Realtime does, and deliver it past RLS (E.5)."""
