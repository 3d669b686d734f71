"""GET /settings, /health and /.well-known/jwks.json."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from devstack.gateway.auth.responses import json_response
from devstack.gateway.auth.runtime import runtime

# The external providers GoTrue reports in /settings; none is configured in devstack.
EXTERNAL_PROVIDERS = (
    "apple",
    "azure",
    "bitbucket",
    "discord",
    "facebook",
    "figma",
    "fly",
    "github",
    "gitlab",
    "google",
    "keycloak",
    "kakao",
    "linkedin",
    "linkedin_oidc",
    "notion",
    "spotify",
    "slack",
    "slack_oidc",
    "twitch",
    "twitter",
    "workos",
    "zoom",
)


async def settings(request: Request) -> Response:
    config = runtime(request).settings
    external = dict.fromkeys(EXTERNAL_PROVIDERS, False)
    external.update(email=True, phone=False, anonymous_users=config.anonymous_sign_ins)
    return json_response(
        request,
        {
            "external": external,
            "disable_signup": config.disable_signup,
            "mailer_autoconfirm": config.autoconfirm,
            "phone_autoconfirm": False,
            "sms_provider": "",
            "saml_enabled": False,
        },
    )


async def health(request: Request) -> Response:
    return json_response(
        request,
        {
            "version": "devstack",
            "name": "GoTrue",
            "description": "GoTrue is a user registration and authentication API",
        },
    )


async def jwks(request: Request) -> Response:
    """HS256 keys are never published, so a project signing with the shared secret lists none."""
    return json_response(request, {"keys": []}, headers={"Cache-Control": "public, max-age=600"})
