"""Files the service stores through Supabase Storage's API with the service key (it bypasses Storage RLS)."""

from __future__ import annotations

from urllib.parse import quote

from automation.providers.http import ProviderSession

PROVIDER = "supabase_storage"
STORAGE_PATH = "/storage/v1"


class SupabaseStorage:
    """`base_url` is SUPABASE_URL; the service role key never reaches a browser."""

    def __init__(self, base_url: str, service_role_key: str) -> None:
        self.session = ProviderSession(PROVIDER, base_url)
        self.session.headers.update(
            {"apikey": service_role_key, "Authorization": f"Bearer {service_role_key}"}
        )

    def put(self, bucket: str, path: str, content: bytes, content_type: str) -> None:
        """Store `content` at bucket/path, replacing what is there (a retried job writes the same file).
        Raises ProviderError."""
        self.session.call(
            "POST",
            f"{STORAGE_PATH}/object/{quote(bucket)}/{quote(path)}",
            data=content,
            headers={"Content-Type": content_type, "x-upsert": "true"},
        )
