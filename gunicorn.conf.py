"""gunicorn settings shared by the Procfile, ./scripts/run and the lead-intake bench (decision 0561).

Sync workers, `WEB_CONCURRENCY` of them (default 4): each request is a short burst of Python around one
database call, so more processes or threads only add contention on two cores. The access log goes to
stdout, one line per request, as before.
"""

import os
from pathlib import Path

workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "sync"
accesslog = "-"
# The sync worker touches its heartbeat file between requests; keep it in memory where there is /dev/shm.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108 - gunicorn's documented advice
