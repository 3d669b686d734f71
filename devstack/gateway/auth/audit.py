"""auth.audit_log_entries rows, with GoTrue's payload (actor, action, log type, traits)."""

from __future__ import annotations

import uuid
from typing import Any

from psycopg.types.json import Json

from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.users import NIL_UUID

# GoTrue's log type of each action (internal/models/audit_log_entry.go).
LOG_TYPES = {
    "login": "account",
    "logout": "account",
    "invite_accepted": "account",
    "user_signedup": "team",
    "user_invited": "team",
    "user_deleted": "team",
    "user_modified": "user",
    "user_recovery_requested": "user",
    "user_confirmation_requested": "user",
    "user_repeated_signup": "user",
    "user_updated_password": "user",
    "token_refreshed": "token",
    "token_revoked": "token",
}


def actor_of(user: dict[str, Any] | None, claims: dict[str, Any] | None = None) -> dict[str, Any]:
    """Who acted: a user row, or (for admin calls) the caller's JWT claims."""
    if user is not None:
        return {"id": str(user["id"]), "username": user["email"] or user["phone"] or ""}
    claims = claims or {}
    return {
        "id": claims.get("sub") or str(NIL_UUID),
        "username": claims.get("email") or claims.get("role", ""),
    }


async def record(
    conn: Connection, action: str, actor: dict[str, Any], ip: str, traits: dict[str, Any] | None = None
) -> None:
    payload: dict[str, Any] = {
        "actor_id": actor["id"],
        "actor_username": actor["username"],
        "actor_via_sso": False,
        "action": action,
        "log_type": LOG_TYPES[action],
    }
    if traits:
        payload["traits"] = traits
    await conn.execute(
        "insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)"
        " values (%s, %s, %s, now(), %s)",
        (NIL_UUID, uuid.uuid4(), Json(payload), ip[:64]),
    )
