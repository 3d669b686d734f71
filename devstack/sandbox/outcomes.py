"""How a message or call ends in the sandbox: asked for by a header or an address pattern, else by chance."""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.requests import Request

from devstack.sandbox.state import SandboxState

OUTCOME_HEADER = "X-Sandbox-Outcome"


class UnknownOutcome(ValueError):
    """The request asked for an outcome this provider does not have."""


@dataclass(frozen=True)
class OutcomeRules:
    """`happy` unless a pattern (regex searched in the recipient) or the header says otherwise.

    Without either, `Behaviour.unhappy_rate` of the messages end in one of the `unhappy` outcomes.
    """

    happy: str
    unhappy: tuple[str, ...]
    patterns: tuple[tuple[str, str], ...] = ()

    @property
    def known(self) -> set[str]:
        return {self.happy, *self.unhappy, *(outcome for _, outcome in self.patterns)}

    def choose(self, state: SandboxState, request: Request, recipient: str) -> str:
        """The outcome for this recipient; raises UnknownOutcome for a header value not in `known`."""
        asked = request.headers.get(OUTCOME_HEADER)
        if asked:
            if asked not in self.known:
                raise UnknownOutcome(f"{OUTCOME_HEADER} must be one of: {', '.join(sorted(self.known))}")
            return asked
        for pattern, outcome in self.patterns:
            if re.search(pattern, recipient):
                return outcome
        if self.unhappy and state.random.random() < state.behaviour.unhappy_rate:
            return state.random.choice(self.unhappy)
        return self.happy
