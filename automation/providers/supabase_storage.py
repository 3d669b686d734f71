"""Files in Supabase Storage through its HTTP API with the service key: streamed downloads, uploads."""

from __future__ import annotations

from typing import BinaryIO
from urllib.parse import quote

from automation.providers.http import ProviderSession

PROVIDER = "supabase_storage"
OBJECT_PATH = "/storage/v1/object"
CHUNK_BYTES = 1 << 20
TRANSFER_TIMEOUT = (3.05, 120.0)  # connect, read: files up to the bucket's 50 MB limit


class SupabaseStorage:
    """`base_url` is SUPABASE_URL; every call carries the service role key (never sent to a browser)."""

    def __init__(self, base_url: str, service_role_key: str) -> None:
        self.session = ProviderSession(PROVIDER, base_url, TRANSFER_TIMEOUT)
        self.session.headers.update(
            {"apikey": service_role_key, "Authorization": f"Bearer {service_role_key}"}
        )

    def download(self, bucket: str, name: str, into: BinaryIO) -> int:
        """Stream object `name` of `bucket` into `into`; returns the byte count. Raises ProviderError
        (ProviderAPIError with status 400 or 404 when the object does not exist)."""
        size = 0
        with self.session.call("GET", _object(bucket, name), stream=True) as response:
            for chunk in response.iter_content(CHUNK_BYTES):
                into.write(chunk)
                size += len(chunk)
        return size

    def upload(self, bucket: str, name: str, data: bytes | BinaryIO, content_type: str) -> None:
        """Write object `name` of `bucket`, replacing any earlier version; raises ProviderError."""
        headers = {"Content-Type": content_type, "x-upsert": "true"}
        self.session.call("POST", _object(bucket, name), data=data, headers=headers)


def _object(bucket: str, name: str) -> str:
    return f"{OBJECT_PATH}/{quote(bucket, safe='')}/{quote(name, safe='/')}"
