"""Access tokens for test users, signed like Supabase Auth's (HS256 with the project's JWT secret)."""

from __future__ import annotations

import time
import uuid

import jwt


def user_token(
    jwt_secret: str,
    user_id: str,
    email: str | None = None,
    lifetime: int = 3600,
    app_metadata: dict | None = None,
) -> str:
    """A signed-in user's access token with the claims Supabase Auth puts in one (C.4).

    `app_metadata` adds to the provider fields (e.g. `{"role": "admin"}` for policies that read it).
    """
    now = int(time.time())
    claims = {
        "iss": "supabase",
        "aud": "authenticated",
        "sub": user_id,
        "email": email or "",
        "phone": "",
        "role": "authenticated",
        "aal": "aal1",
        "amr": [{"method": "password", "timestamp": now}],
        "session_id": str(uuid.uuid4()),
        "is_anonymous": False,
        "app_metadata": {"provider": "email", "providers": ["email"], **(app_metadata or {})},
        "user_metadata": {},
        "iat": now,
        "exp": now + lifetime,
    }
    return jwt.encode(claims, jwt_secret, algorithm="HS256")
