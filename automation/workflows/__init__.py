"""Business operations, one module per area; each runs in the caller's transaction or opens one."""
