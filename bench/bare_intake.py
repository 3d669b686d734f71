"""The baseline of the lead intake bench: a bare Flask endpoint doing one INSERT per request."""

from __future__ import annotations

import os

from flask import Flask, jsonify, request
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool


def create_app() -> Flask:
    app = Flask(__name__)
    pool = ConnectionPool(os.environ["BENCH_DB_URL"], min_size=1, max_size=2, kwargs={"autocommit": True})

    @app.post("/bare")
    def bare():
        with pool.connection() as conn:
            conn.execute("insert into bench_bare (body) values (%s)", (Jsonb(request.get_json()),))
        return jsonify(created=True), 201

    return app
