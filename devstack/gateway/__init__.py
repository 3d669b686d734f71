"""The devstack gateway: Supabase's HTTP APIs (Auth, REST, Storage, ...) on one port."""
