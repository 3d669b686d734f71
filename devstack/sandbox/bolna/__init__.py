"""Bolna in the sandbox: start a call, follow its execution, and push every status change to our webhook."""

from devstack.sandbox.bolna.account import BolnaAccount
from devstack.sandbox.bolna.routes import BolnaSandbox

__all__ = ["BolnaAccount", "BolnaSandbox"]
