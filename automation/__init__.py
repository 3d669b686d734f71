"""The Coachbase automation service: the Flask application factory."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from automation import cli, db
from automation.access_log import mask_dev_server_log
from automation.api import (
    admin,
    campaigns,
    cors,
    health,
    internal,
    lead_imports,
    lead_templates,
    openapi,
    payment_checkout,
    payment_links,
    payment_refunds,
    payment_status,
    payment_ticks,
    payment_webhooks,
    provider_credentials,
    public,
    webhooks,
)
from automation.config import Settings, load_settings
from automation.errors import register_error_handlers
from automation.logs import configure_logging


def create_app(settings: Settings | None = None) -> Flask:
    """Build the app: settings, logging, database pool, blueprints, errors and CLI. No I/O here."""
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.json.sort_keys = False
    configure_logging(settings.log_level)
    mask_dev_server_log()
    db.init_app(app, settings)
    app.register_blueprint(health.bp)
    app.register_blueprint(public.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(internal.bp)
    app.register_blueprint(lead_imports.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(payment_webhooks.bp)
    app.register_blueprint(payment_ticks.bp)
    app.register_blueprint(payment_links.bp)
    app.register_blueprint(payment_refunds.bp)
    app.register_blueprint(payment_status.bp)
    app.register_blueprint(payment_checkout.bp)
    app.register_blueprint(webhooks.bp)
    app.register_blueprint(provider_credentials.bp)
    app.register_blueprint(lead_templates.bp)
    app.register_blueprint(campaigns.bp)
    cors.allow_browser_origins(app, settings.cors_allowed_origins)
    register_error_handlers(app)
    cli.init_app(app)
    if settings.trusted_proxy_hops:
        hops = settings.trusted_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app
