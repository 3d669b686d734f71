"""GET /openapi.json: an OpenAPI 3.1 document of every endpoint, built from the routes and pydantic models."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify
from pydantic import BaseModel

from automation.api.openapi_catalog import DOCS, Doc

bp = Blueprint("openapi", __name__)
UNDOCUMENTED = Doc("Not described yet: add it to automation/api/openapi_catalog.py", "undocumented")
PARAM = re.compile(r"<(?:(?P<converter>[a-z]+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
SECURITY = {
    "admin": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
              "description": "The signed-in user's Supabase access token; the user must be an admin."},
    "internal": {"type": "apiKey", "in": "header", "name": "X-Internal-Secret",
                 "description": "AUTOMATION_INTERNAL_SECRET, for Supabase cron and edge functions."},
}  # fmt: skip
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}, "request_id": {"type": ["string", "null"]},
        "fields": {"type": "object", "additionalProperties": {"type": "string"},
                   "description": "field (dotted path) → what is wrong with it"}}}},
}  # fmt: skip


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(build_document(current_app))


def build_document(app: Flask) -> dict[str, Any]:
    """The document for every route of `app` except static files (tests check the catalog covers them)."""
    schemas: dict[str, Any] = {"Error": ERROR}
    paths: dict[str, dict[str, Any]] = {}
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    shared = Counter(rule.endpoint for rule in rules)
    for rule in rules:
        path, parameters = _path(rule.rule)
        operation_id = _operation_id(rule.endpoint, parameters, shared[rule.endpoint] > 1)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            doc = DOCS.get(rule.endpoint, UNDOCUMENTED)
            operation = _operation(operation_id, doc, parameters, schemas)
            paths.setdefault(path, {})[method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "Coachbase automation service", "version": "1.0.0"},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": SECURITY},
    }


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    parameters = []
    for match in PARAM.finditer(rule):
        schema: dict[str, Any] = {"type": "string"}
        if match["converter"] == "uuid":
            schema["format"] = "uuid"
        elif match["converter"] == "any":
            schema["enum"] = [value.strip() for value in match["args"].split(",")]
        parameters.append({"name": match["name"], "in": "path", "required": True, "schema": schema})
    return PARAM.sub(lambda m: "{" + m["name"] + "}", rule), parameters


def _operation_id(endpoint: str, parameters: list[dict[str, Any]], shared: bool) -> str:
    """The endpoint's name. OpenAPI wants each operationId unique, so where one endpoint serves several
    rules (/webhooks/bolna and /webhooks/bolna/<secret>) each adds its path parameters' names."""
    if not shared:
        return endpoint
    return endpoint + "".join(f"_by_{parameter['name']}" for parameter in parameters)


def _operation(operation_id: str, doc: Doc, parameters: list, schemas: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": operation_id, "summary": doc.summary, "tags": [doc.tag]}
    if parameters:
        operation["parameters"] = parameters
    if doc.security:
        operation["security"] = [{doc.security: []}]
    if doc.body or doc.form:
        operation["requestBody"] = _request_body(doc, schemas)
    success = {"description": "Done"}
    if doc.response:
        success["content"] = {"application/json": {"schema": _ref(doc.response, schemas)}}
    error = {
        "description": "An error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    operation["responses"] = {str(doc.status): success, "default": error}
    return {**operation, **(doc.extra or {})}


def _request_body(doc: Doc, schemas: dict[str, Any]) -> dict[str, Any]:
    schema = _ref(doc.body, schemas) if doc.body else {"type": "object"}
    content = {"application/json": {"schema": schema}}
    if doc.form:
        content["application/x-www-form-urlencoded"] = {"schema": {"type": "object"}}
    return {"required": True, "content": content}


def _ref(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schema.pop("$defs", {}))
    schemas[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}
