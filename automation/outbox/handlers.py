"""Imports every module that registers outbox handlers, so the worker knows every (channel, operation)."""

from automation.outbox import account_handlers, message_handlers, payment_handlers

REGISTERING_MODULES = (message_handlers, account_handlers, payment_handlers)
