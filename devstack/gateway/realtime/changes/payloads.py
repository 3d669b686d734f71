"""The `data` of a postgres_changes message for one role, shaped as Realtime's apply_rls (E.5 3, 6-8)."""

from __future__ import annotations

import json
from typing import Any

from devstack.gateway.realtime.changes.rows import TableInfo
from devstack.gateway.realtime.changes.wal import Change

MAX_RECORD_BYTES = 1024 * 1024
SMALL_VALUE_BYTES = 64  # what survives in a record that is too large


def change_data(
    change: Change, info: TableInfo, role: str, new: dict[str, Any], old: dict[str, Any]
) -> dict[str, Any]:
    """`new`/`old` are the typed row images; only columns the role may select are shown."""
    selectable = info.selectable.get(role, frozenset())
    head = {"schema": change.schema, "table": change.table, "type": change.action}
    if change.action != "DELETE" and not change.pk:
        return {**head, "errors": ["Error 400: Bad Request, no primary key"]}
    if change.action != "DELETE" and not set(change.pk) <= selectable:
        return {**head, "errors": ["Error 401: Unauthorized"]}
    too_large = change.size > MAX_RECORD_BYTES

    def shown(image: dict[str, Any], names: set[str]) -> dict[str, Any]:
        return {
            name: value
            for name, value in image.items()
            if name in names & selectable and (not too_large or len(json.dumps(value)) <= SMALL_VALUE_BYTES)
        }

    data = {
        **head,
        "commit_timestamp": change.commit_timestamp,
        "columns": [{"name": name, "type": typname} for name, typname in info.columns if name in selectable],
        "errors": ["Error 413: Payload Too Large"] if too_large else None,
    }
    if change.action in ("INSERT", "UPDATE"):
        data["record"] = {**shown(old, set(change.old) - set(change.new)), **shown(new, set(change.new))}
    if change.action == "UPDATE":
        data["old_record"] = shown(old, set(change.old))
    if change.action == "DELETE":
        # RLS cannot be checked on a deleted row, so only its primary key is revealed.
        data["old_record"] = shown(old, set(change.pk) if info.rls else set(change.old))
    return data
