"""Secret webhook path segments: masked wherever a log names the path (decision 0675)."""

from __future__ import annotations

import json

from gunicorn.config import Config

from automation import create_app
from automation.access_log import PREFIXES, SecretMaskingLogger, mask_secret_paths
from tests.support.settings import settings_for_tests

SECRET = "s3cret-segment"


def _app():
    return create_app(settings_for_tests(db_pool_min_size=0))


def test_every_route_taking_a_secret_is_masked_and_starts_with_a_checked_prefix():
    rules = [
        rule.rule
        for rule in _app().url_map.iter_rules()
        if "secret" in rule.arguments - set(rule.defaults or {})
    ]
    assert len(rules) >= 2
    for rule in rules:
        path = rule.replace("<secret>", SECRET)
        assert path.startswith(PREFIXES)
        assert mask_secret_paths(path) == rule


def test_other_paths_pass_on_after_the_prefix_check():
    for path in (
        "/webhooks/phonepe",
        "/webhooks/instamojo",
        "/public/leads",
        "/webhooks/aisensy",
        "/webhooks/bolna",
    ):
        assert not path.startswith(PREFIXES)
        assert mask_secret_paths(path) == path


def test_slashes_werkzeug_merges_still_mask_the_segment():
    for path in ("/webhooks//bolna/s3cret-segment", "/webhooks/sendgrid//inbound/s3cret-segment"):
        assert path.startswith(PREFIXES)
        assert SECRET not in mask_secret_paths(path)


def test_the_service_logs_an_unexpected_error_on_a_webhook_without_its_secret(capsys):
    app = _app()  # its JSON log lines go to stderr
    with app.test_request_context(f"/webhooks/bolna/{SECRET}", method="POST"):
        try:
            raise RuntimeError("the database went away")
        except RuntimeError as error:
            answer = app.handle_user_exception(error)
    assert answer.status_code == 500
    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [entry["message"] for entry in logged] == ["unhandled error on POST /webhooks/bolna/<secret>"]
    assert SECRET not in json.dumps(logged)


def test_gunicorns_error_log_masks_the_request_it_names(tmp_path):
    cfg = Config()
    cfg.set("errorlog", str(tmp_path / "error.log"))
    logger = SecretMaskingLogger(cfg)
    logger.error("Error handling request %s %s", "POST", f"/webhooks/sendgrid/inbound/{SECRET}?x=1")
    written = (tmp_path / "error.log").read_text()
    assert "Error handling request POST /webhooks/sendgrid/inbound/<secret>?x=1" in written
    assert SECRET not in written
