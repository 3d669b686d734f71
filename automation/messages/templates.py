"""Renders a named message from templates/messages/<name>/ with Jinja2 (HTML autoescaped, text not)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from automation.providers.ports import Media

# StrictUndefined: a context without a variable the template uses is a bug, raised as UndefinedError.
# Templates ship with the code: each is compiled once per process and never looked at on disk again
# (auto_reload would stat every file of a message on every render; edit a template, restart).
environment = Environment(
    loader=PackageLoader("automation", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class WhatsAppContent:
    """An approved template: sent as campaign + params, shown in our timeline as `text`."""

    campaign: str
    params: tuple[str, ...]
    text: str
    media: Media | None = None


@dataclass(frozen=True)
class CallBrief:
    """The AI agent's `user_data`: the prompt variables and a `brief` rendered from call.txt."""

    user_data: Mapping[str, Any]


def render(name: str, part: str, context: Mapping[str, Any]) -> str:
    """One file of a message, e.g. render("welcome", "body.html", context), without trailing space."""
    return environment.get_template(f"messages/{name}/{part}").render(context).strip()


def render_email(name: str, context: Mapping[str, Any]) -> EmailContent:
    subject = " ".join(render(name, "subject.txt", context).split())  # one header line, always
    return EmailContent(subject, render(name, "body.txt", context), render(name, "body.html", context))


def render_whatsapp(
    name: str, context: Mapping[str, Any], param_names: tuple[str, ...], media: Media | None = None
) -> WhatsAppContent:
    """The campaign shares the message's name; params follow the approved template's {{1}}, {{2}}..."""
    # WhatsApp refuses template parameters with line breaks, tabs or runs of spaces.
    params = tuple(" ".join(str(context[key]).split()) for key in param_names)
    shown = {**context, **dict(zip(param_names, params, strict=True))}
    return WhatsAppContent(name, params, render(name, "whatsapp.txt", shown), media)


def render_call(name: str, context: Mapping[str, Any], variable_names: tuple[str, ...]) -> CallBrief:
    variables = {key: str(context[key]) for key in variable_names}
    return CallBrief({**variables, "brief": render(name, "call.txt", context)})
