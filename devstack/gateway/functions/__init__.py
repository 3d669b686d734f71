"""Edge Functions at /functions/v1/<name>: one Deno process per function behind a streaming proxy."""
