"""Email addresses as GoTrue accepts them: validated for format only, stored in lower case."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from devstack.gateway.auth.errors import validation_failed

MAX_LENGTH = 255


def valid_email(address: str, status: int = 400) -> str:
    """The address in lower case. Raises `validation_failed` (400 by default) when it is not one."""
    if len(address) > MAX_LENGTH:
        raise validation_failed("An email address is too long", status)
    try:
        # Format only: GoTrue accepts reserved domains too (the demo center lives under .test).
        validate_email(address, check_deliverability=False, test_environment=True)
    except EmailNotValidError as error:
        raise validation_failed("Unable to validate email address: invalid format", status) from error
    return address.strip().lower()
