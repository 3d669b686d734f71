"""The service answers /health from its database, and every error as JSON."""

from __future__ import annotations

import pytest

from automation import create_app
from automation.config import Settings
from automation.db import get_pool
from tests.support.settings import settings_for_tests


def _settings(db_url: str) -> Settings:
    return settings_for_tests(supabase_db_url=db_url, db_pool_min_size=0)


@pytest.fixture
def client(worker_db_url):
    return create_app(_settings(worker_db_url)).test_client()


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_is_unreachable():
    app = create_app(_settings("postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=1"))
    try:
        response = app.test_client().get("/health")
    finally:  # the pool would keep trying to grow, and log it, for minutes after the test
        get_pool(app).close()
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_unknown_routes_get_a_json_error_with_a_request_id(client):
    response = client.get("/no-such-page", headers={"X-Request-Id": "req-42"})
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"
    assert response.json["error"]["request_id"] == "req-42"
    assert response.headers["X-Request-Id"] == "req-42"
