"""The outbox: every outbound provider request, enqueued in its cause's transaction and sent by workers."""
