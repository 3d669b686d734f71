"""GET /health: is the service up and can it reach its database?"""

from __future__ import annotations

import logging

import psycopg
from flask import Blueprint, jsonify

from automation.db import get_pool

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    try:
        with get_pool().connection(timeout=2.0) as conn:
            conn.execute("select 1")
    except (psycopg.Error, TimeoutError) as error:
        log.warning("health check: database unreachable: %s", error)
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
