"""AiSensy's campaign API: an approved template by campaign name, its parameters and optional media."""

from __future__ import annotations

from typing import Any

from automation.providers import ports
from automation.providers.errors import ProviderError
from automation.providers.http import ProviderSession, json_object

PROVIDER = "aisensy"
API_VERSION = "v2"
CAMPAIGN_PATH = f"/campaign/t1/api/{API_VERSION}"
ID_KEYS = ("submitted_message_id", "messageId", "id")  # the documented key first, then seen variants


class AiSensyWhatsApp:
    """WhatsAppSender for AiSensy. The API key travels in the body: AiSensy reads no auth header."""

    def __init__(self, session: ProviderSession, api_key: str, source: str = "coachbase") -> None:
        self.session = session
        self.api_key = api_key
        self.source = source

    def send_template(self, message: ports.WhatsAppTemplate) -> ports.Accepted:
        """200 with a submitted message id; a 200 saying success "false" is an error too."""
        response = self.session.call("POST", CAMPAIGN_PATH, json=self.body(message))
        answer = json_object(PROVIDER, response)
        if answer.get("success") in (False, "false"):
            raise ProviderError(PROVIDER, f"refused: {response.text[:500]}")
        message_id = next((str(answer[key]) for key in ID_KEYS if answer.get(key)), None)
        if message_id is None:
            raise ProviderError(PROVIDER, f"no message id in {response.text[:500]}")
        return ports.Accepted(provider_message_id=message_id)

    def body(self, message: ports.WhatsAppTemplate) -> dict[str, Any]:
        body: dict[str, Any] = {
            "apiKey": self.api_key,
            "campaignName": message.campaign,
            "destination": message.phone,
            "userName": user_name(message),
            "source": self.source,
            "templateParams": list(message.params),
        }
        if message.media:
            body["media"] = {"url": message.media.url, "filename": message.media.filename}
        return body


def user_name(message: ports.WhatsAppTemplate) -> str:
    """AiSensy refuses a blank `userName` and names the contact it creates after it. A lead from a CSV
    without names, or an unknown sender, has none: its E.164 number then names the contact, as WhatsApp
    itself shows an unsaved contact, rather than a made-up word that would look like a real name."""
    return message.name.strip() or message.phone
