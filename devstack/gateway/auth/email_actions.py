"""Emails that carry a one-time token: GoTrue's sendConfirmation, sendInvite, sendPasswordRecovery,
sendMagicLink and sendEmailChange. Each stores the token on the user and in auth.one_time_tokens."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from devstack.gateway.auth import one_time_tokens, users
from devstack.gateway.auth.db import Connection
from devstack.gateway.auth.errors import AuthApiError, unexpected_failure
from devstack.gateway.auth.mailer import Mail, MailerError
from devstack.gateway.auth.messages import compose, verify_link
from devstack.gateway.auth.runtime import AuthRuntime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmailAction:
    template: str  # messages.TEMPLATES key
    link_type: str  # the `type` of the verify link
    token_column: str
    sent_at_column: str
    stamps_invited_at: bool = False

    @property
    def token_type(self) -> str:
        """auth.one_time_tokens.token_type: named like the users column."""
        return self.token_column


CONFIRMATION = EmailAction("confirmation", "signup", "confirmation_token", "confirmation_sent_at")
INVITE = EmailAction("invite", "invite", "confirmation_token", "confirmation_sent_at", stamps_invited_at=True)
RECOVERY = EmailAction("recovery", "recovery", "recovery_token", "recovery_sent_at")
MAGIC_LINK = EmailAction("magic_link", "magiclink", "recovery_token", "recovery_sent_at")


def check_frequency(interval_seconds: int, last_sent: datetime | None) -> None:
    """Raises 429 `over_email_send_rate_limit` when the previous email is too recent."""
    if last_sent is None:
        return
    left = last_sent + timedelta(seconds=interval_seconds) - datetime.now(UTC)
    if left.total_seconds() > 0:
        raise AuthApiError(
            429,
            "over_email_send_rate_limit",
            f"For security purposes, you can only request this after {int(left.total_seconds())} seconds.",
        )


async def deliver(rt: AuthRuntime, mail: Mail) -> None:
    try:
        await rt.mailer.send(mail)
    except MailerError as error:
        kind = mail.template.replace("_", " ")
        log.warning("the %s email was not sent: %s", kind, error)  # the answer names no cause
        raise unexpected_failure(f"Error sending {kind} email") from error


async def stage_token(
    rt: AuthRuntime, conn: Connection, user: dict[str, Any], action: EmailAction, pkce: bool
) -> tuple[str, str]:
    """A fresh code for `action`, stored hashed on the user; returns (otp, token for the link)."""
    otp = one_time_tokens.new_otp(rt.settings.otp_length)
    token = one_time_tokens.flow_token(one_time_tokens.token_hash(user["email"], otp), pkce)
    stamps: dict[str, Any] = {action.token_column: token, action.sent_at_column: users.NOW}
    if action.stamps_invited_at:
        stamps["invited_at"] = users.NOW
    await users.update(conn, user["id"], **stamps)
    await one_time_tokens.store(conn, user["id"], action.token_type, user["email"], token)
    return otp, token


async def send(
    rt: AuthRuntime,
    conn: Connection,
    user: dict[str, Any],
    action: EmailAction,
    *,
    redirect_to: str,
    pkce: bool,
) -> None:
    """Send `action`'s email to the user, honouring the minimum interval between two of them."""
    if not action.stamps_invited_at:
        check_frequency(rt.settings.email_max_frequency, user[action.sent_at_column])
    otp, token = await stage_token(rt, conn, user, action, pkce)
    link = verify_link(rt.settings.external_url, token, action.link_type, redirect_to)
    await deliver(rt, compose(action.template, user["email"], link, otp))


async def send_email_change(
    rt: AuthRuntime,
    conn: Connection,
    user: dict[str, Any],
    new_email: str,
    *,
    redirect_to: str,
    pkce: bool,
) -> None:
    """Ask the new address (and, with secure email change, the current one too) to confirm."""
    check_frequency(rt.settings.email_max_frequency, user["email_change_sent_at"])
    recipients = [("email_change_token_new", new_email)]
    if rt.settings.secure_email_change and user["email"]:
        recipients.append(("email_change_token_current", user["email"]))
    codes = {column: one_time_tokens.new_otp(rt.settings.otp_length) for column, _ in recipients}
    tokens = {
        column: one_time_tokens.flow_token(one_time_tokens.token_hash(address, codes[column]), pkce)
        for column, address in recipients
    }
    await users.update(
        conn,
        user["id"],
        email_change=new_email,
        email_change_token_new=tokens["email_change_token_new"],
        email_change_token_current=tokens.get("email_change_token_current", ""),
        email_change_sent_at=users.NOW,
        email_change_confirm_status=0,
    )
    for column, address in recipients:
        await one_time_tokens.store(conn, user["id"], column, address, tokens[column])
        link = verify_link(rt.settings.external_url, tokens[column], "email_change", redirect_to)
        await deliver(rt, compose("email_change", address, link, codes[column], new_email=new_email))
