"""The errors Auth answers with, carrying GoTrue's status, error code and message (C.5)."""

from __future__ import annotations


class AuthApiError(Exception):
    """GoTrue's HTTPError: an HTTP status, an error code (`invalid_credentials`, ...) and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class WeakPasswordError(AuthApiError):
    """422 `weak_password`, with the reasons auth-js and supabase_auth read."""

    def __init__(self, message: str, reasons: list[str]) -> None:
        super().__init__(422, "weak_password", message)
        self.reasons = reasons


class OAuthError(Exception):
    """The OAuth2 shape some token flows use: 400 `{"error": ..., "error_description": ...}`."""

    def __init__(self, error: str, description: str = "") -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


def validation_failed(message: str, status: int = 400) -> AuthApiError:
    return AuthApiError(status, "validation_failed", message)


def user_not_found(status: int = 404) -> AuthApiError:
    return AuthApiError(status, "user_not_found", "User not found")


def unexpected_failure(message: str) -> AuthApiError:
    return AuthApiError(500, "unexpected_failure", message)
