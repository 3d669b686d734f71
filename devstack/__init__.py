"""devstack: a Docker-free, Supabase-compatible local stack for development and tests."""
