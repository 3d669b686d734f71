"""The sandbox's inspection page, like a mail catcher: everything the providers received, newest first."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from jinja2 import Environment, PackageLoader, select_autoescape

from devstack.sandbox.state import SandboxState

KEEP_ALIVE_SECONDS = 15

templates = Environment(loader=PackageLoader("devstack.sandbox", "templates"), autoescape=select_autoescape())
templates.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}  # show ₹, हिंदी as typed


def forms() -> list[str]:
    """Every provider's forms (templates/forms/*.html), for a person to act as a contact."""
    return templates.list_templates(filter_func=lambda name: name.startswith("forms/"))


def _context(state: SandboxState) -> dict[str, object]:
    records = sorted(state.records, key=lambda r: r.id, reverse=True)
    return {"records": records, "providers": sorted({r.provider for r in records}), "forms": forms()}


def render_index(state: SandboxState) -> str:
    return templates.get_template("index.html").render(_context(state))


def render_records(state: SandboxState) -> str:
    """The list alone, which the page swaps in when something changes."""
    return templates.get_template("records.html").render(_context(state))


async def changes(state: SandboxState) -> AsyncIterator[str]:
    """Server-sent events: `changed` after every change, a comment now and then to keep the line open."""
    yield "retry: 2000\n\n"
    while True:
        async with state.changed:
            try:
                await asyncio.wait_for(state.changed.wait(), timeout=KEEP_ALIVE_SECONDS)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
        yield "data: changed\n\n"
