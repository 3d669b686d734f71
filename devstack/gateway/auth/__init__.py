"""Supabase Auth (GoTrue) compatible API served by the gateway at /auth/v1."""
