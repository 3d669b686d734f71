"""Request bodies and query strings, validated like Storage's route schemas (types coerced)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError
from starlette.requests import Request

from devstack.gateway.storage import errors, jsontext
from devstack.gateway.storage.incoming import bounded

JSON_BODY_LIMIT = 1024 * 1024  # Fastify's default body limit
Model = TypeVar("Model", bound=BaseModel)
ByteCount = Annotated[int, Field(ge=0)]


class NewBucket(BaseModel):
    name: str
    id: str | None = None
    public: bool | None = None
    file_size_limit: ByteCount | str | None = None
    allowed_mime_types: list[str] | None = None


class BucketChanges(BaseModel):
    """Only the fields sent are changed (`model_fields_set`); null clears a limit."""

    public: bool | None = None
    file_size_limit: ByteCount | str | None = None
    allowed_mime_types: list[str] | None = None


class BucketQuery(BaseModel):
    limit: Annotated[int, Field(ge=0)] | None = None
    offset: Annotated[int, Field(ge=0)] = 0
    sortColumn: Literal["id", "name", "created_at", "updated_at"] = "name"
    sortOrder: Literal["asc", "desc"] = "asc"
    search: str = ""


class SortBy(BaseModel):
    column: Literal["name", "updated_at", "created_at", "last_accessed_at"]
    order: Literal["asc", "desc"] = "asc"


class Listing(BaseModel):
    prefix: str
    limit: Annotated[int, Field(ge=1)] = 100
    offset: Annotated[int, Field(ge=0)] = 0
    sortBy: SortBy = SortBy(column="name")
    search: str = ""


class Removal(BaseModel):
    prefixes: Annotated[list[str], Field(min_length=1)]


class Signing(BaseModel):
    expiresIn: Annotated[int, Field(ge=1)]
    transform: dict[str, Any] | None = None


class BulkSigning(Signing):
    paths: list[str]


class CopyMetadata(BaseModel):
    cacheControl: str | None = None
    mimetype: str | None = None


class Transfer(BaseModel):
    bucketId: str
    sourceKey: str
    destinationKey: str
    destinationBucket: str | None = None
    metadata: CopyMetadata | None = None
    copyMetadata: bool = True


def validated(model: type[Model], data: Any, where: str) -> Model:
    """`data` as `model`; raises InvalidRequest with an ajv-style message naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        path = "/".join([where, *(str(part) for part in first["loc"])])
        if first["type"] == "missing":
            parent = path.rsplit("/", 1)[0]
            raise errors.invalid_request(
                f"{parent} must have required property '{first['loc'][-1]}'"
            ) from error
        raise errors.invalid_request(f"{path} {first['msg'][0].lower()}{first['msg'][1:]}") from error


async def json_body(request: Request, model: type[Model]) -> Model:
    """The JSON body as `model` (an empty body counts as `{}`)."""
    raw = b"".join([chunk async for chunk in bounded(request.stream(), JSON_BODY_LIMIT)])
    try:
        data = jsontext.loads(raw) if raw.strip() else {}
    except ValueError as error:
        raise errors.invalid_request("Body is not valid JSON") from error
    if not isinstance(data, dict):
        raise errors.invalid_request("body must be object")
    return validated(model, data, "body")


def query(request: Request, model: type[Model]) -> Model:
    return validated(model, dict(request.query_params), "querystring")
