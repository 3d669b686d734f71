"""Supabase Realtime on the gateway: Phoenix channels with broadcast, presence and postgres_changes (E)."""
