"""Provider webhooks as pure functions: check who sent them, then map their events to ours. No database."""
