"""The emails Auth sends: a verify link and the one-time code, for each kind of action."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote_plus

from devstack.gateway.auth.mailer import Mail


@dataclass(frozen=True)
class Template:
    subject: str
    intro: str  # may name {new_email}
    action: str


TEMPLATES = {
    "confirmation": Template(
        "Confirm your email address", "Confirm this address to finish creating your account.", "Confirm email"
    ),
    "invite": Template(
        "You have been invited", "You were invited to create an account.", "Accept the invitation"
    ),
    "magic_link": Template("Your sign-in link", "Use this link to sign in. It works once.", "Sign in"),
    "recovery": Template(
        "Reset your password",
        "Someone asked to reset the password of this account. If it was not you, ignore this email.",
        "Choose a new password",
    ),
    "email_change": Template(
        "Confirm your new email address",
        "Confirm {new_email} as the address of your account.",
        "Confirm the change",
    ),
}


def verify_link(external_url: str, token: str, link_type: str, redirect_to: str) -> str:
    """`<auth url>/verify?token=..&type=..&redirect_to=..`; redirect_to is escaped only if it needs it."""
    if any(ch in redirect_to for ch in "&=#"):
        redirect_to = quote_plus(redirect_to, safe="")
    query = f"token={quote_plus(token, safe='')}&type={quote_plus(link_type)}&redirect_to={redirect_to}"
    return f"{external_url}/verify?{query}"


def compose(name: str, to: str, link: str, otp: str, new_email: str = "") -> Mail:
    """The email `name` (a TEMPLATES key) to `to`, carrying the link and the code."""
    template = TEMPLATES[name]
    intro = template.intro.format(new_email=new_email)
    text = f"{intro}\n\n{template.action}: {link}\n\nOr enter this code: {otp}\n"
    markup = (
        f"<h2>{html.escape(template.subject)}</h2>\n<p>{html.escape(intro)}</p>\n"
        f'<p><a href="{html.escape(link)}">{html.escape(template.action)}</a></p>\n'
        f"<p>Or enter this code: <strong>{otp}</strong></p>\n"
    )
    return Mail(to=to, subject=template.subject, text=text, html=markup, template=name)
