"""Builds the real adapters from settings: the one place that knows which provider serves each capability."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from automation.app_links import AppLinks
from automation.config import Settings, SettingsError
from automation.providers import aisensy, bolna, sendgrid
from automation.providers.http import ProviderSession
from automation.providers.payment_gateway import configured_gateways
from automation.providers.payments import PaymentGateway
from automation.providers.ports import EmailSender, VoiceCaller, WhatsAppSender
from automation.providers.supabase_accounts import SupabaseAccounts
from automation.providers.supabase_storage import SupabaseStorage


@dataclass(frozen=True)
class Providers:
    email: EmailSender
    whatsapp: WhatsAppSender
    voice: VoiceCaller
    links: AppLinks  # the web app's pages that messages link to
    payments: Mapping[str, PaymentGateway] = field(default_factory=dict)  # by provider name
    accounts: SupabaseAccounts | None = None
    storage: SupabaseStorage | None = None


def _required(settings: Settings, *names: str) -> list[str]:
    """The values of `names`; raises SettingsError naming every one that is unset."""
    missing = [name.upper() for name in names if not getattr(settings, name)]
    if missing:
        raise SettingsError("Provider settings are missing (see .env.example): " + ", ".join(missing))
    return [getattr(settings, name) for name in names]


def bootstrap_providers(settings: Settings) -> Providers:
    """One adapter per capability, each with its own session to the configured base URL.

    Raises SettingsError when a provider's key, sender or agent is not configured.
    """
    sg_key, sender = _required(settings, "sendgrid_api_key", "sendgrid_from_email")
    (ais_key,) = _required(settings, "aisensy_api_key")
    bolna_key, agent = _required(settings, "bolna_api_key", "bolna_agent_id")
    email = sendgrid.SendGridEmail(
        ProviderSession(sendgrid.PROVIDER, settings.sendgrid_api_base),
        sg_key,
        sender,
        settings.sendgrid_from_name,
        settings.sendgrid_reply_to_email,
    )
    whatsapp = aisensy.AiSensyWhatsApp(ProviderSession(aisensy.PROVIDER, settings.aisensy_api_base), ais_key)
    voice = bolna.BolnaVoice(
        ProviderSession(bolna.PROVIDER, settings.bolna_api_base), bolna_key, agent, settings.bolna_from_number
    )
    links = AppLinks(settings.web_app_url)
    accounts = SupabaseAccounts(
        settings.supabase_url, settings.supabase_service_role_key, links.accept_invite
    )
    storage = SupabaseStorage(settings.supabase_url, settings.supabase_service_role_key)
    return Providers(email, whatsapp, voice, links, configured_gateways(settings), accounts, storage)
