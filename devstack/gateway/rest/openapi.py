"""The Swagger 2.0 description PostgREST serves at `/rest/v1/`, built from the schema cache."""

from __future__ import annotations

from typing import Any

from devstack.gateway.rest.schema_cache import ColumnInfo, Function, Snapshot, Table

JSON_TYPES = {
    "smallint": "integer", "integer": "integer", "bigint": "integer", "numeric": "number", "real": "number",
    "double precision": "number", "boolean": "boolean", "json": "object", "jsonb": "object",
}  # fmt: skip
TABLE_VERBS = {"get": "Read rows", "post": "Insert rows", "patch": "Update rows", "delete": "Delete rows"}


def _property(column: ColumnInfo) -> dict[str, Any]:
    if column.type.endswith("[]"):
        item = JSON_TYPES.get(column.type[:-2], "string")
        return {"format": column.type, "type": "array", "items": {"type": item}}
    return {"format": column.type, "type": JSON_TYPES.get(column.type, "string")}


def _definition(table: Table) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "type": "object",
        "properties": {name: _property(column) for name, column in table.columns.items()},
    }
    required = [name for name, column in table.columns.items() if column.required]
    if required:
        definition["required"] = required
    return definition


def _function_path(function: Function) -> dict[str, Any]:
    parameters = {
        "in": "body",
        "name": "args",
        "required": True,
        "schema": {
            "type": "object",
            "properties": {
                a.name: {"format": a.type, "type": JSON_TYPES.get(a.type, "string")}
                for a in function.arguments
            },
            "required": [a.name for a in function.arguments if not a.has_default and a.name],
        },
    }
    return {
        "post": {
            "tags": ["(rpc) " + function.name],
            "parameters": [parameters],
            "responses": {"200": {"description": "OK"}},
        }
    }


def describe(snapshot: Snapshot, schema: str, public_url: str) -> dict[str, Any]:
    """Paths for every table, view and function of `schema`, definitions for every table and view."""
    tables = [table for (owner, _), table in sorted(snapshot.tables.items()) if owner == schema]
    paths: dict[str, Any] = {
        "/": {"get": {"tags": ["Introspection"], "responses": {"200": {"description": "OK"}}}}
    }
    for table in tables:
        verbs = TABLE_VERBS if table.kind != "v" else {"get": TABLE_VERBS["get"]}
        ok = {"200": {"description": "OK"}}
        paths["/" + table.name] = {
            verb: {"tags": [table.name], "summary": text, "responses": ok} for verb, text in verbs.items()
        }
    for (owner, name), overloads in sorted(snapshot.functions.items()):
        if owner == schema:
            paths["/rpc/" + name] = _function_path(overloads[0])
    return {
        "swagger": "2.0",
        "info": {"title": "devstack REST (PostgREST-compatible)", "version": "12"},
        "host": public_url.removeprefix("http://"),
        "basePath": "/rest/v1/",
        "schemes": ["http"],
        "consumes": ["application/json", "application/vnd.pgrst.object+json", "text/csv"],
        "produces": ["application/json", "application/vnd.pgrst.object+json", "text/csv"],
        "paths": paths,
        "definitions": {table.name: _definition(table) for table in tables},
    }
