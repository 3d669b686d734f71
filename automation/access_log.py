"""The service's logs without the secrets that webhook paths carry: gunicorn's (gunicorn.conf.py's
`logger_class`) and the dev server's request lines (werkzeug's logger, `flask run`).

SendGrid's Inbound Parse and Bolna prove who they are by a secret last path segment
(/webhooks/sendgrid/inbound/<secret>, /webhooks/bolna/<secret>): a log line holding the path hands the
secret to whoever reads the platform's logs. Such lines show `<secret>` in its place.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

from gunicorn.glogging import Logger

MASK = "<secret>"
# The routes of automation/api/webhooks.py whose segment is a secret; runs of slashes too, which werkzeug
# merges (a path that only matches once merged is redirected, and its first request logged as sent).
SECRET_SEGMENT = re.compile(r"(/+webhooks/+(?:sendgrid/+inbound|bolna)/+)[^/?#\s\"]+")
# Every path with such a segment starts so; any other request (the payment webhooks the throughput bench
# sends among them) pays this one prefix check and nothing more.
PREFIXES = ("/webhooks/bolna/", "/webhooks/sendgrid/", "/webhooks//", "//")


def mask_secret_paths(text: str) -> str:
    """`text` with the secret segment of every webhook path in it replaced by MASK."""
    return SECRET_SEGMENT.sub(rf"\g<1>{MASK}", text)


class _MaskSecretPaths(logging.Filter):
    """For logs whose text names the request: gunicorn's error log ("Error handling request …") and the dev
    server's request lines. Either may spell the path as the client sent it, percent-encoded; a line naming
    a secret path is logged decoded, with the secret masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = unquote(record.getMessage())
        masked = mask_secret_paths(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


SECRET_PATH_FILTER = _MaskSecretPaths()  # one instance, so a second setup() or create_app() adds nothing


def mask_dev_server_log() -> None:
    """Masks the request lines of werkzeug's server (`flask run`), which logs them on the 'werkzeug' logger.
    Under gunicorn that logger stays silent, and the filter costs nothing."""
    logging.getLogger("werkzeug").addFilter(SECRET_PATH_FILTER)


class SecretMaskingLogger(Logger):
    """gunicorn's logger, its access log lines unchanged but for the masked secret segment."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(SECRET_PATH_FILTER)

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        path = environ.get("PATH_INFO") or ""
        if path.startswith(PREFIXES):
            _mask_request(atoms, environ, path)
        return atoms


def _mask_request(atoms: dict[str, Any], environ: dict[str, Any], path: str) -> None:
    """Every atom naming the request's path, rebuilt from the decoded path (the raw URI may spell the
    secret percent-encoded, where no pattern on it would find it)."""
    masked = mask_secret_paths(path)
    if masked == path:
        return
    query = environ.get("QUERY_STRING")
    uri = environ.get("SCRIPT_NAME", "") + masked + (f"?{query}" if query else "")
    atoms["r"] = f"{environ['REQUEST_METHOD']} {uri} {environ['SERVER_PROTOCOL']}"
    atoms["U"] = atoms["{path_info}e"] = masked
    atoms["{raw_uri}e"] = uri
