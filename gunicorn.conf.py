"""gunicorn's settings for the web process, shared by the Procfile, ./scripts/run and the benches that
measure it (bench/lead_intake.py, bench/payments.py); decisions 0561 and 0630.

Threaded workers, `WEB_CONCURRENCY` processes (default: one per core this process may run on) of
`WEB_THREADS` threads (default 16): most requests are a short burst of Python around one database call,
but a payment webhook waits on the provider's status API before acting, and a sync worker would sit idle
through that wait. One process per core keeps the database sessions few and warm; the threads cover the
waits (decision 0660). A thread waits for a database connection in the pool (DB_POOL_MAX_SIZE, default
10), never holding one through a provider call. The access log goes to stdout, one line per request, the
secret segment of a webhook path shown as <secret> (automation/access_log.py, decision 0675).
"""

import os
from pathlib import Path

workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0))))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "16"))
accesslog = "-"
logger_class = "automation.access_log.SecretMaskingLogger"
# Workers touch their heartbeat file between requests; keep it in memory where there is /dev/shm.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108 - gunicorn's documented advice
# Nothing uses gunicorn's control interface; its socket's default path is one per user, which every
# gunicorn on the host (tests and benches run several at once) would take from the one before.
control_socket_disable = True
