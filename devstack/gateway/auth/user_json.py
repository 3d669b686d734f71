"""The user and identity JSON GoTrue sends (`internal/models/user.go`, `identity.go` JSON tags; C.3)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

TEXT, OPTIONAL, OBJECT, TIME = "text", "optional", "object", "time"

# (JSON key, column, rule) in GoTrue's field order. OPTIONAL fields are omitted when empty.
_USER_FIELDS = [
    ("id", "id", TEXT),
    ("aud", "aud", TEXT),
    ("role", "role", TEXT),
    ("email", "email", TEXT),
    ("email_confirmed_at", "email_confirmed_at", OPTIONAL),
    ("invited_at", "invited_at", OPTIONAL),
    ("phone", "phone", TEXT),
    ("phone_confirmed_at", "phone_confirmed_at", OPTIONAL),
    ("confirmation_sent_at", "confirmation_sent_at", OPTIONAL),
    ("confirmed_at", "confirmed_at", OPTIONAL),
    ("recovery_sent_at", "recovery_sent_at", OPTIONAL),
    ("new_email", "email_change", OPTIONAL),
    ("email_change_sent_at", "email_change_sent_at", OPTIONAL),
    ("new_phone", "phone_change", OPTIONAL),
    ("phone_change_sent_at", "phone_change_sent_at", OPTIONAL),
    ("reauthentication_sent_at", "reauthentication_sent_at", OPTIONAL),
    ("last_sign_in_at", "last_sign_in_at", OPTIONAL),
    ("app_metadata", "raw_app_meta_data", OBJECT),
    ("user_metadata", "raw_user_meta_data", OBJECT),
]
_USER_TAIL = [
    ("created_at", "created_at", TIME),
    ("updated_at", "updated_at", TIME),
    ("banned_until", "banned_until", OPTIONAL),
    ("deleted_at", "deleted_at", OPTIONAL),
]
_IDENTITY_FIELDS = [
    ("identity_id", "id", TEXT),
    ("id", "provider_id", TEXT),
    ("user_id", "user_id", TEXT),
    ("identity_data", "identity_data", OBJECT),
    ("provider", "provider", TEXT),
    ("last_sign_in_at", "last_sign_in_at", OPTIONAL),
    ("created_at", "created_at", TIME),
    ("updated_at", "updated_at", TIME),
    ("email", "email", OPTIONAL),
]


def timestamp(value: datetime | None) -> str | None:
    """RFC 3339 in UTC with a `Z`, as Go's time.Time marshals."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _convert(value: Any) -> Any:
    return timestamp(value) if isinstance(value, datetime) else value


def _fill(body: dict[str, Any], row: dict[str, Any], fields: list[tuple[str, str, str]]) -> None:
    for key, column, rule in fields:
        value = row[column]
        if rule == OPTIONAL and value not in (None, ""):
            body[key] = _convert(value)
        elif rule == TEXT:
            body[key] = "" if value is None else str(value)
        elif rule == OBJECT:
            body[key] = value or {}
        elif rule == TIME:
            body[key] = timestamp(value)


def identity_json(row: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    _fill(body, row, _IDENTITY_FIELDS)
    return body


def user_json(row: dict[str, Any]) -> dict[str, Any]:
    """A user row (with its `identities` rows) as GoTrue's User object."""
    body: dict[str, Any] = {}
    _fill(body, row, _USER_FIELDS)
    body["identities"] = [identity_json(identity) for identity in row["identities"]]
    _fill(body, row, _USER_TAIL)
    body["is_anonymous"] = row["is_anonymous"]
    return body
