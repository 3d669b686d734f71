"""The API campaigns live on the sandbox's AiSensy account, each bound to an approved template."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

PLACEHOLDER = re.compile(r"\{\{(\d+)\}\}")


@dataclass(frozen=True)
class Campaign:
    name: str
    template: str  # the approved template's text, with {{1}}, {{2}}, ... placeholders

    @property
    def param_count(self) -> int:
        return len(set(PLACEHOLDER.findall(self.template)))

    def render(self, params: list[str]) -> str:
        """The message the contact sees."""
        return PLACEHOLDER.sub(lambda m: params[int(m.group(1)) - 1], self.template)


def load_campaigns() -> dict[str, Campaign]:
    """campaigns.json: {name: template text}, as an admin would set them up in AiSensy's dashboard."""
    raw = json.loads(resources.files(__package__).joinpath("campaigns.json").read_text(encoding="utf-8"))
    return {name: Campaign(name, template) for name, template in raw.items()}
