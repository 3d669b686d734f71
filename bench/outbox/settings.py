"""What every part of the outbox bench shares: the sandbox's seed and behaviours, the message sent, the
settings of the service, the bench's workers and the bare loop."""

from __future__ import annotations

from devstack.sandbox.app import provider_environment
from devstack.sandbox.secrets import SecretSource
from tests.support.settings import settings_for_tests

SEED = "outbox-bench"
NO_CALLBACKS = {"webhook_delay_ms": 3_600_000}  # the bench measures sending; callbacks would share the CPU
NO_SERVICE = "http://127.0.0.1:9"
UNLIMITED = '{"sendgrid": {"per_second": 1000000, "burst": 1000000}}'
CONTEXT = {
    "center_name": "Bench Academy", "website": "https://bench.example", "support_email": "hi@bench.example",
    "support_phone": "+919800000000", "first_name": "Asha", "subject": "Hello", "body": "A short note.",
    "paragraphs": ["A short note."], "author_name": "Meera",
}  # fmt: skip


def settings_for(db_url: str, sandbox_url: str, **overrides: object):
    env = {k.lower(): v for k, v in provider_environment(SecretSource(SEED), sandbox_url).items()}
    return settings_for_tests(supabase_db_url=db_url, **env, **overrides)
