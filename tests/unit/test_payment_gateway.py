"""build_payment_gateway: the settings pick the adapter; an unusable configuration is a clear error."""

from __future__ import annotations

import pytest

from automation.config import SettingsError, load_settings
from automation.providers.instamojo import InstamojoGateway
from automation.providers.payment_gateway import build_payment_gateway
from automation.providers.phonepe import PhonePeGateway
from automation.providers.phonepe_v1 import PhonePeV1Gateway
from tests.unit.test_config import COMPLETE

pytestmark = pytest.mark.usefixtures("no_ambient_configuration")

DEV = {**COMPLETE, "app_env": "development"}
CREDENTIALS = {
    "instamojo_client_id": "i",
    "instamojo_client_secret": "s",
    "instamojo_private_salt": "p",
    "phonepe_client_id": "c",
    "phonepe_client_secret": "s",
    "phonepe_webhook_username": "hook_user",
    "phonepe_webhook_password": "Passw0rd123",
    "phonepe_merchant_id": "M",
    "phonepe_salt_key": "k",
}


@pytest.mark.parametrize(
    ("choice", "adapter"),
    [
        ({"payments_provider": "instamojo"}, InstamojoGateway),
        ({"payments_provider": "phonepe"}, PhonePeGateway),
        ({"payments_provider": "phonepe", "phonepe_api_version": "v1"}, PhonePeV1Gateway),
    ],
)
def test_the_settings_choose_the_adapter(choice, adapter):
    assert isinstance(build_payment_gateway(load_settings(**DEV, **CREDENTIALS, **choice)), adapter)


def test_no_provider_is_a_settings_error():
    with pytest.raises(SettingsError, match="PAYMENTS_PROVIDER"):
        build_payment_gateway(load_settings(**DEV))


def test_missing_credentials_are_named():
    with pytest.raises(SettingsError, match="INSTAMOJO_PRIVATE_SALT"):
        build_payment_gateway(
            load_settings(
                **DEV, payments_provider="instamojo", instamojo_client_id="i", instamojo_client_secret="s"
            )
        )
