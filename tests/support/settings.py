"""Settings for tests: complete, read from no environment or .env file, with overrides."""

from __future__ import annotations

from automation.config import Settings


def settings_for_tests(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_env": "test",
        "supabase_url": "http://127.0.0.1:54321",
        "supabase_anon_key": "anon",
        "supabase_service_role_key": "service",
        "supabase_jwt_secret": "secret-for-tests",
        "supabase_db_url": "postgresql://postgres@127.0.0.1:1/postgres",
        "automation_internal_secret": "internal",
        "_env_file": None,
    }
    return Settings(**{**values, **overrides})  # type: ignore[arg-type]
