"""PUT and DELETE /admin/provider-credentials: write-only provider secrets, sealed by this service (C3)."""

from __future__ import annotations

from typing import Annotated

from flask import Blueprint, current_app, g, request
from pydantic import RootModel, StringConstraints

from automation.api.auth import require_role
from automation.credentials.catalog import PROVIDER_CREDENTIALS
from automation.credentials.store import delete_credential, save_credentials
from automation.db import transaction
from automation.errors import error_response

bp = Blueprint("provider_credentials", __name__, url_prefix="/admin/provider-credentials")
PROVIDERS = ", ".join(PROVIDER_CREDENTIALS)
Secret = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4096)]


class CredentialValues(RootModel[dict[str, Secret]]):
    """{"<name>": "<secret>", ...}: the names the provider accepts, each a non-empty secret."""


@bp.put("/<provider>")
@require_role("admin")
def put(provider: str):
    if provider not in PROVIDER_CREDENTIALS:
        message = f"Unknown provider {provider!r}; use one of {PROVIDERS}."
        return error_response(404, "unknown_provider", message)
    values = CredentialValues.model_validate(request.get_json(silent=True)).root
    allowed = PROVIDER_CREDENTIALS[provider]
    unknown = {name: f"{provider} takes only {', '.join(allowed)}" for name in values if name not in allowed}
    if unknown or not values:
        fields = unknown or {"body": f"give at least one of {', '.join(allowed)}"}
        return error_response(422, "invalid_input", "Some fields are invalid; see fields.", fields=fields)
    key = current_app.config["SETTINGS"].credential_key()
    if key is None:
        message = "Set CREDENTIALS_KEY on the service to store secrets."
        return error_response(503, "no_credentials_key", message)
    with transaction() as conn:
        save_credentials(conn, key, provider, values, g.user_id)
    return "", 204


@bp.delete("/<provider>/<name>")
@require_role("admin")
def delete(provider: str, name: str):
    with transaction() as conn:
        removed = delete_credential(conn, provider, name)
    if not removed:
        return error_response(404, "not_found", f"No stored credential {provider}/{name}.")
    return "", 204
