"""AiSensy's campaign API: an approved template by campaign name, its parameters and optional media."""

from __future__ import annotations

from typing import Any

from automation.providers import ports
from automation.providers.errors import ProviderAcceptedUnreadable, ProviderError, ProviderRefused
from automation.providers.http import ProviderSession, json_object

PROVIDER = "aisensy"
API_VERSION = "v2"
CAMPAIGN_PATH = f"/campaign/t1/api/{API_VERSION}"
ID_KEYS = ("submitted_message_id", "messageId", "id")  # the documented key first, then seen variants
REFUSED = ("false", "0")  # `success` as AiSensy writes a refusal (a string, seen as "false"), lower-cased


class AiSensyWhatsApp:
    """WhatsAppSender for AiSensy. The API key travels in the body: AiSensy reads no auth header."""

    def __init__(self, session: ProviderSession, api_key: str, source: str = "coachbase") -> None:
        self.session = session
        self.api_key = api_key
        self.source = source

    def send_template(self, message: ports.WhatsAppTemplate) -> ports.Accepted:
        """A 2xx with a submitted message id. A 2xx saying `success` false is a refusal (ProviderRefused,
        final); any other 2xx without an id, or whose body is no JSON object, was most likely accepted
        (ProviderAcceptedUnreadable): AiSensy documents only "200 on success" (decision 0695)."""
        response = self.session.call("POST", CAMPAIGN_PATH, json=self.body(message))
        try:
            answer = json_object(PROVIDER, response)
        except ProviderError:
            raise ProviderAcceptedUnreadable(
                PROVIDER, response.status_code, "a JSON object", response.text
            ) from None
        if str(answer.get("success")).strip().lower() in REFUSED:
            raise ProviderRefused(PROVIDER, response.status_code, response.text)
        message_id = next((str(answer[key]) for key in ID_KEYS if answer.get(key)), None)
        if message_id is None:
            raise ProviderAcceptedUnreadable(PROVIDER, response.status_code, "a message id", response.text)
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
