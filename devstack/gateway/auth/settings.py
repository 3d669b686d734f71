"""What the Auth API is configured with: GoTrue's settings, with the defaults `supabase start` uses."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from devstack.gateway.auth.mailer import MailerSettings
from devstack.gateway.settings import GatewaySettings


@dataclass(frozen=True)
class LoginLimits:
    """Failed password logins allowed per email and per client IP within a sliding window."""

    per_email: int = 10
    per_ip: int = 30
    window_seconds: float = 300.0


@dataclass(frozen=True)
class AuthSettings:
    jwt_secret: str
    external_url: str  # <public url>/auth/v1: the JWT issuer and the base of emailed links
    site_url: str
    mailer: MailerSettings
    jwt_expiry: int = 3600
    jwt_aud: str = "authenticated"
    default_role: str = "authenticated"
    admin_roles: tuple[str, ...] = ("service_role", "supabase_admin")
    autoconfirm: bool = True
    disable_signup: bool = False
    anonymous_sign_ins: bool = False
    secure_email_change: bool = True
    password_min_length: int = 6
    refresh_token_reuse_interval: int = 10
    otp_length: int = 6
    otp_expiry: int = 3600
    email_max_frequency: int = 1  # seconds between two emails of one kind to one user
    flow_state_expiry: int = 300
    additional_redirect_urls: tuple[str, ...] = ()
    login_limits: LoginLimits = field(default_factory=LoginLimits)

    @classmethod
    def from_gateway(cls, settings: GatewaySettings, **overrides: Any) -> AuthSettings:
        """Auth's settings for a gateway: its secret, public URL, site URL, expiry and mail API."""
        derived = cls(
            jwt_secret=settings.jwt_secret,
            external_url=f"{settings.public_url}/auth/v1",
            site_url=settings.site_url,
            mailer=MailerSettings(api_base=settings.mail_api_base, api_key=settings.mail_api_key),
            jwt_expiry=settings.jwt_expiry,
            autoconfirm=settings.autoconfirm,
        )
        return replace(derived, **overrides)
