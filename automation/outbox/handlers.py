"""Imports every module that registers outbox handlers, so the worker knows every (channel, operation)."""

from automation.outbox import message_handlers

REGISTERING_MODULES = (message_handlers,)
