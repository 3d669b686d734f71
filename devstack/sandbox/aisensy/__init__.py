"""AiSensy in the sandbox: the campaign API, signed status webhooks, and inbound WhatsApp messages."""

from devstack.sandbox.aisensy.account import AiSensyAccount
from devstack.sandbox.aisensy.routes import AiSensySandbox

__all__ = ["AiSensyAccount", "AiSensySandbox"]
