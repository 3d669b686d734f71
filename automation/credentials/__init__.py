"""Provider credentials entered on the Settings page: sealed by the service, opened for the adapters."""
