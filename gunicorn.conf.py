"""gunicorn's settings for the web process, shared by the Procfile, ./scripts/run and bench/payments.py.

Threaded workers: a payment webhook waits on the provider's status API before acting, and a sync
worker would sit idle through that wait (four sync workers answer at most four webhooks at a time).
Eight threads per worker stay within the service's connection pool (DB_POOL_MAX_SIZE, default 10).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = 8
accesslog = "-"
