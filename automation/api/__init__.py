"""HTTP entry points: one blueprint per audience (public, admin, webhooks, internal)."""
