"""Supabase Storage's HTTP API (`/storage/v1`) over the devstack database and data folder."""
