"""The OpenAPI document covers every route of the service, with the pydantic bodies as schemas."""

from __future__ import annotations

from collections import Counter

from automation import create_app
from automation.api.openapi import build_document
from automation.api.openapi_catalog import DOCS
from tests.support.settings import settings_for_tests


def _document() -> dict:
    return create_app(settings_for_tests()).test_client().get("/openapi.json").json


def _operation_ids(document: dict) -> list[str]:
    return [op["operationId"] for item in document["paths"].values() for op in item.values()]


def test_every_route_of_the_service_is_described():
    app = create_app(settings_for_tests())
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert endpoints - set(DOCS) == set()  # a new route needs its entry in automation/api/openapi_catalog.py
    operations = set(_operation_ids(build_document(app)))
    assert {op.partition("_by_")[0] for op in operations} == endpoints


def test_every_operation_id_is_unique():
    document = _document()
    assert [name for name, n in Counter(_operation_ids(document)).items() if n > 1] == []
    bolna = {path: item["post"]["operationId"] for path, item in document["paths"].items() if "bolna" in path}
    assert bolna == {
        "/webhooks/bolna": "webhooks.bolna_event",
        "/webhooks/bolna/{secret}": "webhooks.bolna_event_by_secret",
    }


def test_the_lead_form_and_its_errors_are_described():
    document = _document()
    assert document["openapi"] == "3.1.0"
    operation = document["paths"]["/public/leads"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LeadForm"
    }
    schemas = document["components"]["schemas"]
    assert schemas["LeadForm"]["required"] == ["name"]
    assert {"Consents", "Utm", "Error"} <= set(schemas)


def test_path_parameters_and_security_are_declared():
    operation = _document()["paths"]["/admin/outbox/{outbox_id}/{action}"]["post"]
    params = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert params["outbox_id"] == {"type": "string", "format": "uuid"}
    assert params["action"] == {"type": "string", "enum": ["pause", "resume", "retry", "cancel"]}
    assert operation["security"] == [{"admin": []}]
