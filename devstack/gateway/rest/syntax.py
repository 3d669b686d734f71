"""The request tree: what a parsed query string means, with every user value moved out to a list.

The tree holds names and structure only; values sit in `Values` and the tree points at them
with `Param`. So two requests that differ only in values share a tree, and the SQL planned for
a tree (cached by the planner) can be reused with each request's own values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Param:
    """The position of a value in the request's `Values`."""

    index: int

    @property
    def name(self) -> str:
        return f"p{self.index}"


class Values(list[Any]):
    """The values of one request, in the order the parser met them."""

    def add(self, value: Any) -> Param:
        self.append(value)
        return Param(len(self) - 1)

    def as_params(self) -> dict[str, Any]:
        return {f"p{index}": value for index, value in enumerate(self)}


@dataclass(frozen=True)
class PathStep:
    """One `->key` or `->>key` step of a JSON path; numeric keys index arrays."""

    arrow: str
    key: str

    @property
    def is_index(self) -> bool:
        return self.key.lstrip("-").isdigit()


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[PathStep, ...] = ()


@dataclass(frozen=True)
class Field:
    """A selected column: `alias:col->path::cast`; `*` selects every column."""

    column: Column
    alias: str | None = None
    cast: str | None = None

    @property
    def label(self) -> str:
        if self.alias:
            return self.alias
        return self.column.path[-1].key if self.column.path else self.column.name


@dataclass(frozen=True)
class Embed:
    """A related resource: `alias:relation!hint!inner(items)`."""

    relation: str
    items: tuple[Field | Embed, ...]
    alias: str | None = None
    hint: str | None = None
    inner: bool = False

    @property
    def label(self) -> str:
        return self.alias or self.relation


@dataclass(frozen=True)
class Condition:
    """`column=[not.]op[(any|all|config)].value`; `value` is a keyword for `is`."""

    column: Column
    operator: str
    value: Param | str
    negated: bool = False
    quantifier: str | None = None
    config: Param | None = None


@dataclass(frozen=True)
class Logic:
    """`[not.]and=(...)` / `or=(...)`, nested to any depth."""

    conjunction: str
    terms: tuple[Condition | Logic, ...]
    negated: bool = False


@dataclass(frozen=True)
class EmbedPresence:
    """`rel=is.null` / `rel=not.is.null`: keep parents by whether the embed matched."""

    label: str
    present: bool


Filter = Condition | Logic | EmbedPresence


@dataclass(frozen=True)
class OrderTerm:
    """`col[.asc|.desc][.nullsfirst|.nullslast]`, or `rel(col)` on a to-one embed."""

    column: Column
    descending: bool = False
    nulls: str | None = None
    relation: str | None = None


@dataclass(frozen=True)
class Clauses:
    """Everything that shapes the rows of one level: the root (path ()) or an embed path."""

    filters: tuple[Filter, ...] = ()
    order: tuple[OrderTerm, ...] = ()
    limit: Param | None = None
    offset: Param | None = None


@dataclass(frozen=True)
class Query:
    """A parsed read: the select tree and the clauses of each level, keyed by embed path."""

    items: tuple[Field | Embed, ...]
    clauses: tuple[tuple[tuple[str, ...], Clauses], ...]

    def at(self, path: tuple[str, ...]) -> Clauses:
        return dict(self.clauses).get(path, Clauses())
