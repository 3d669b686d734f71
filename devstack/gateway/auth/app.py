"""The Auth API as an ASGI app: GoTrue's routes, and its error shapes for every failure."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from devstack.gateway.app import GatewayContext
from devstack.gateway.auth import admin_links, admin_users, meta, otp, signup, token, user, verify
from devstack.gateway.auth.errors import AuthApiError, OAuthError, unexpected_failure
from devstack.gateway.auth.mailer import Mailer
from devstack.gateway.auth.ratelimit import LoginGuard
from devstack.gateway.auth.responses import error_response, oauth_error_response
from devstack.gateway.auth.runtime import AuthRuntime
from devstack.gateway.auth.settings import AuthSettings

ROUTES = [
    Route("/signup", signup.signup, methods=["POST"]),
    Route("/token", token.token, methods=["POST"]),
    Route("/user", user.get_user, methods=["GET"]),
    Route("/user", user.update_user, methods=["PUT"]),
    Route("/logout", user.logout, methods=["POST"]),
    Route("/recover", otp.recover, methods=["POST"]),
    Route("/otp", otp.otp, methods=["POST"]),
    Route("/magiclink", otp.magiclink, methods=["POST"]),
    Route("/resend", otp.resend, methods=["POST"]),
    Route("/verify", verify.verify_get, methods=["GET"]),
    Route("/verify", verify.verify_post, methods=["POST"]),
    Route("/settings", meta.settings, methods=["GET"]),
    Route("/health", meta.health, methods=["GET"]),
    Route("/.well-known/jwks.json", meta.jwks, methods=["GET"]),
    Route("/invite", admin_links.invite, methods=["POST"]),
    Route("/admin/generate_link", admin_links.generate_link, methods=["POST"]),
    Route("/admin/users", admin_users.list_users, methods=["GET"]),
    Route("/admin/users", admin_users.create_user, methods=["POST"]),
    Route("/admin/users/{user_id}", admin_users.get_user, methods=["GET"]),
    Route("/admin/users/{user_id}", admin_users.update_user, methods=["PUT"]),
    Route("/admin/users/{user_id}", admin_users.delete_user, methods=["DELETE"]),
]


async def _error(request: Request, error: Exception) -> Response:
    """Every failure in one of GoTrue's shapes. Unexpected ones are still logged by the server."""
    if isinstance(error, AuthApiError):
        return error_response(request, error)
    if isinstance(error, OAuthError):
        return oauth_error_response(request, error)
    if isinstance(error, HTTPException):
        code = "not_found" if error.status_code == 404 else "method_not_allowed"
        return error_response(request, AuthApiError(error.status_code, code, str(error.detail)))
    message = "Unexpected failure, please check server logs for more information"
    return error_response(request, unexpected_failure(message))


def auth_api(context: GatewayContext, settings: AuthSettings | None = None) -> Starlette:
    """The /auth/v1 app over the gateway's `auth` pool (supabase_auth_admin)."""
    settings = settings or AuthSettings.from_gateway(context.settings)
    app = Starlette(
        routes=ROUTES,
        exception_handlers=dict.fromkeys((AuthApiError, OAuthError, HTTPException, Exception), _error),
    )
    app.state.auth = AuthRuntime(
        settings, context.pools.auth, Mailer(settings.mailer), LoginGuard(settings.login_limits)
    )
    return app
