"""SendGrid v3 in the sandbox: mail send, signed event webhooks, Inbound Parse replies."""

from devstack.sandbox.sendgrid.account import SendGridAccount
from devstack.sandbox.sendgrid.routes import SendGridSandbox

__all__ = ["SendGridAccount", "SendGridSandbox"]
