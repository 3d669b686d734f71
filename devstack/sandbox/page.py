"""The sandbox's inspection page, like a mail catcher: everything the providers received, newest first."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from devstack.sandbox.state import SandboxState

templates = Environment(loader=PackageLoader("devstack.sandbox", "templates"), autoescape=select_autoescape())


def render_index(state: SandboxState) -> str:
    records = sorted(state.records, key=lambda r: r.id, reverse=True)
    providers = sorted({r.provider for r in records})
    return templates.get_template("index.html").render(records=records, providers=providers)
