"""gunicorn's settings for the web process, shared by the Procfile, ./scripts/run and the benches that
measure it (bench/lead_intake.py, bench/payments.py); decisions 0561 and 0630.

Threaded workers, `WEB_CONCURRENCY` processes (default 4) of `WEB_THREADS` threads (default 8): most
requests are a short burst of Python around one database call, but a payment webhook waits on the
provider's status API before acting, and a sync worker would sit idle through that wait. Eight threads
per worker stay within the service's connection pool (DB_POOL_MAX_SIZE, default 10). The access log goes
to stdout, one line per request.
"""

import os
from pathlib import Path

workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "8"))
accesslog = "-"
# Workers touch their heartbeat file between requests; keep it in memory where there is /dev/shm.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108 - gunicorn's documented advice
