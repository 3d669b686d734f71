"""What happens to an email account over its life: created, confirmed, its providers recorded."""

from __future__ import annotations

import uuid
from typing import Any

from devstack.gateway.auth import identities, one_time_tokens, sessions, users
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.settings import AuthSettings

EMAIL_APP_METADATA = {"provider": "email", "providers": ["email"]}


async def create_email_user(
    conn: Connection,
    settings: AuthSettings,
    email: str,
    encrypted_password: str | None,
    *,
    user_metadata: dict[str, Any],
    identity_extra: dict[str, Any] | None = None,
    **columns: Any,
) -> uuid.UUID:
    """A new email user and its email identity; `columns` may set id, aud or role."""
    user_id = await users.insert(
        conn,
        **{
            "aud": settings.jwt_aud,
            "role": settings.default_role,
            "email": email,
            "encrypted_password": encrypted_password or "",
            "raw_app_meta_data": EMAIL_APP_METADATA,
            "raw_user_meta_data": user_metadata,
            "is_anonymous": False,
            **columns,
        },
    )
    await identities.create(
        conn, user_id, "email", identities.email_identity_data(user_id, email, identity_extra)
    )
    return user_id


async def confirm(conn: Connection, user_id: uuid.UUID) -> None:
    """The address is proven: stamp it, note `email_verified` in the metadata, drop pending tokens."""
    await users.update(
        conn,
        user_id,
        email_confirmed_at=users.NOW,
        confirmation_token="",
        raw_user_meta_data=users.merge_json("raw_user_meta_data", {"email_verified": True}),
    )
    await one_time_tokens.clear(conn, user_id)


async def record_providers(conn: Connection, user_id: uuid.UUID) -> None:
    """app_metadata.providers (and .provider, the first) from the user's identities."""
    providers = await identities.providers(conn, user_id)
    updates: dict[str, Any] = {"providers": providers}
    if providers:
        updates["provider"] = providers[0]
    await users.update(conn, user_id, raw_app_meta_data=users.merge_json("raw_app_meta_data", updates))


async def apply_email_change(conn: Connection, user: dict[str, Any], new_email: str) -> None:
    """The user's address becomes `new_email`, proven; pending change tokens are dropped."""
    await users.update(
        conn,
        user["id"],
        email=new_email,
        email_change="",
        email_change_token_current="",
        email_change_token_new="",
        email_change_confirm_status=0,
        is_anonymous=False,
    )
    await one_time_tokens.clear(conn, user["id"])
    if any(identity["provider"] == "email" for identity in user["identities"]):
        await identities.update_data(conn, user["id"], "email", {"email": new_email, "email_verified": True})
    else:
        data = {**identities.email_identity_data(user["id"], new_email), "email_verified": True}
        await identities.create(conn, user["id"], "email", data)
    if user["email_confirmed_at"] is None:
        await confirm(conn, user["id"])
    await record_providers(conn, user["id"])


async def set_password(conn: Connection, user_id: uuid.UUID, encrypted: str, keep: uuid.UUID | None) -> None:
    """A new password voids every pending emailed token and ends all sessions but `keep`."""
    voided = dict.fromkeys(users.TOKEN_COLUMNS, "")
    await users.update(
        conn,
        user_id,
        encrypted_password=encrypted,
        confirmation_sent_at=None,
        recovery_sent_at=None,
        email_change_sent_at=None,
        reauthentication_token="",
        reauthentication_sent_at=None,
        **voided,
    )
    await one_time_tokens.clear(conn, user_id)
    await sessions.end(conn, user_id, "others" if keep else "global", keep)
