"""bootstrap_providers builds one adapter per capability, or names every missing setting."""

from __future__ import annotations

import pytest

from automation.config import SettingsError
from automation.providers.aisensy import AiSensyWhatsApp
from automation.providers.bolna import BolnaVoice
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.sendgrid import SendGridEmail
from tests.support.settings import settings_for_tests


def test_builds_the_real_adapters_against_the_configured_bases():
    settings = settings_for_tests(
        sendgrid_api_key="SG.k",
        sendgrid_from_email="hello@center.example",
        aisensy_api_key="a",
        bolna_api_key="bn-k",
        bolna_agent_id="agent",
        bolna_api_base="http://127.0.0.1:9/bolna/",
        web_app_url="https://app.center.example/",
    )
    providers = bootstrap_providers(settings)
    assert isinstance(providers.email, SendGridEmail)
    assert isinstance(providers.whatsapp, AiSensyWhatsApp)
    assert isinstance(providers.voice, BolnaVoice)
    assert providers.voice.session.base_url == "http://127.0.0.1:9/bolna"
    assert providers.accounts.redirect_to == "https://app.center.example/accept-invite"


def test_names_the_missing_settings():
    with pytest.raises(SettingsError, match="SENDGRID_API_KEY, SENDGRID_FROM_EMAIL"):
        bootstrap_providers(settings_for_tests())
