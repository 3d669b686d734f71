"""Messages to contacts: their templates and contexts, delivery statuses, and opt-out words."""
