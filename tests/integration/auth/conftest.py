"""Fixtures of the Auth tests: a stack per module, users signed up through the API."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from devstack.postgres import Cluster
from tests.support.auth_stack import AuthStack, auth_stack

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def stack(cluster: Cluster, template_db: str) -> Iterator[AuthStack]:
    """Sign-ups confirmed at once, as `supabase start` does by default."""
    with auth_stack(cluster, template_db) as running:
        yield running


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


def sign_up(stack: AuthStack, email: str | None = None, password: str = PASSWORD, **data: object) -> dict:
    """A confirmed user's first session (the stack must autoconfirm)."""
    with stack.client() as client:
        response = client.post(
            "/signup", json={"email": email or new_email(), "password": password, "data": data}
        )
    assert response.status_code == 200, response.text
    return response.json()


def sign_in(stack: AuthStack, email: str, password: str = PASSWORD) -> dict:
    with stack.client() as client:
        response = client.post(
            "/token", params={"grant_type": "password"}, json={"email": email, "password": password}
        )
    assert response.status_code == 200, response.text
    return response.json()
