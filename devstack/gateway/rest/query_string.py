"""Assemble a `Query` from the query string: reserved keys (B.2), filters per embed level, Range."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from devstack.gateway.rest.errors import RestError, parse_error
from devstack.gateway.rest.grammar import (
    PARSED_CACHE_SIZE,
    parse_column,
    parse_condition,
    parse_logic,
    parse_order,
    parse_select,
)
from devstack.gateway.rest.syntax import (
    Clauses,
    Embed,
    EmbedPresence,
    Filter,
    OrderTerm,
    Param,
    Query,
    Values,
)

LOGIC_KEYS = {"or": ("or", False), "and": ("and", False), "not.or": ("or", True), "not.and": ("and", True)}
LEVEL_KEYS = ("order", "limit", "offset")
BIGINT_MAX = 2**63 - 1  # no table has more rows; larger numbers would only overflow in SQL
IGNORED_KEYS = frozenset({"apikey"})  # consumed by the key gate, as Supabase's gateway does


@dataclass
class _Level:
    filters: list[Filter] = field(default_factory=list)
    order: tuple[OrderTerm, ...] = ()
    limit: Param | None = None
    offset: Param | None = None


@dataclass
class ParsedRequest:
    """The read tree plus the mutation-only parameters."""

    query: Query
    values: Values
    columns: tuple[str, ...] | None = None
    on_conflict: tuple[str, ...] | None = None


def embed_labels(items: tuple, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], set[str]]:
    """The embed labels present at each level of the select tree."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for item in items:
        if isinstance(item, Embed):
            found[prefix].add(item.label)
            found.update(embed_labels(item.items, (*prefix, item.label)))
    return found


def _split_key(key: str) -> tuple[tuple[str, ...], str]:
    """`a.b.col->x` into the embed path ('a', 'b') and `col->x`."""
    head, arrow, tail = key.partition("->")
    parts = head.split(".")
    return tuple(parts[:-1]), parts[-1] + arrow + tail


def _non_negative(text: str, what: str, values: Values) -> Param:
    if not text.isdigit():
        raise parse_error(f'"failed to parse {what} parameter ({text})"', "expected a non-negative integer")
    return values.add(min(int(text), BIGINT_MAX))


def parse_query(pairs: list[tuple[str, str]]) -> ParsedRequest:
    """Parse every query parameter; raises RestError (PGRST100/108/123) on bad input.

    A query string seen before is not parsed again; each request gets values of its own to extend.
    """
    parsed = _parse_pairs(tuple(pairs))
    return replace(parsed, values=Values(parsed.values))


@lru_cache(maxsize=PARSED_CACHE_SIZE)
def _parse_pairs(pairs: tuple[tuple[str, str], ...]) -> ParsedRequest:
    values = Values()
    selects = [value for key, value in pairs if key == "select"]
    items = parse_select(selects[-1] if selects else "")
    labels = embed_labels(items)
    levels: dict[tuple[str, ...], _Level] = defaultdict(_Level)
    request = ParsedRequest(Query((), ()), values)
    for key, value in pairs:
        if key in ("select", *IGNORED_KEYS):
            continue
        if key == "columns":
            request.columns = _names(value)
        elif key == "on_conflict":
            request.on_conflict = _names(value)
        else:
            _add_clause(levels, labels, key, value, values)
    _check_levels(levels, labels)
    clauses = tuple((path, _freeze(level)) for path, level in sorted(levels.items()))
    request.query = Query(items, clauses)
    return request


def _check_levels(levels: dict[tuple[str, ...], _Level], labels: dict[tuple[str, ...], set[str]]) -> None:
    """PGRST108 for clauses on an embed path the select list does not have."""
    for path in levels:
        if path and path[-1] not in labels.get(path[:-1], set()):
            dotted = ".".join(path)
            raise RestError(
                400,
                "PGRST108",
                f"'{dotted}' is not an embedded resource in this request",
                hint=f"Verify that '{dotted}' is included in the 'select' query parameter.",
            )


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip().strip('"') for name in value.split(",") if name.strip())


def _add_clause(
    levels: dict[tuple[str, ...], _Level],
    labels: dict[tuple[str, ...], set[str]],
    key: str,
    value: str,
    values: Values,
) -> None:
    path, rest = _split_key(key)
    logic = _logic_key(key)
    if logic is not None:
        logic_path, (conjunction, negated) = logic
        levels[logic_path].filters.append(parse_logic(conjunction, value, values, negated))
        return
    level = levels[path]
    if rest == "order":
        level.order = parse_order(value)
    elif rest in ("limit", "offset"):
        setattr(level, rest, _non_negative(value, rest, values))
    elif rest in labels.get(path, set()):
        level.filters.append(_presence(rest, value))
    else:
        level.filters.append(parse_condition(parse_column(rest), value, values))


def _logic_key(key: str) -> tuple[tuple[str, ...], tuple[str, bool]] | None:
    """`or`, `not.and`, `rel.or`, `rel.not.or`: the level path and the logic it names."""
    if key in LOGIC_KEYS:
        return (), LOGIC_KEYS[key]
    for logic_key in ("not.or", "not.and", "or", "and"):
        if key.endswith("." + logic_key):
            return tuple(key[: -len(logic_key) - 1].split(".")), LOGIC_KEYS[logic_key]
    return None


def _presence(label: str, value: str) -> EmbedPresence:
    if value not in ("is.null", "not.is.null"):
        raise RestError(
            400,
            "PGRST120",
            "Bad operator on the '" + label + "' embedded resource",
            "Only is null or not is null filters are allowed on embedded resources",
        )
    return EmbedPresence(label, value == "not.is.null")


def _freeze(level: _Level) -> Clauses:
    return Clauses(tuple(level.filters), level.order, level.limit, level.offset)


def with_range(query: Query, values: Values, offset: int, limit: int | None) -> Query:
    """Apply a `Range` header to the root level, intersected with limit/offset parameters."""
    root = query.at(())
    current_offset = values[root.offset.index] if root.offset else 0
    current_limit = values[root.limit.index] if root.limit else None
    new_offset = min(current_offset + offset, BIGINT_MAX)
    limits = [
        x for x in (current_limit - offset if current_limit is not None else None, limit) if x is not None
    ]
    root = replace(
        root,
        offset=values.add(new_offset),
        limit=values.add(min(max(min(limits), 0), BIGINT_MAX)) if limits else None,
    )
    others = tuple((path, clauses) for path, clauses in query.clauses if path)
    return Query(query.items, (((), root), *others))
