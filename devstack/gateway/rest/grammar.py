"""Parsers of PostgREST's URL grammar (B.2): select lists, column paths, filter values, logic trees, order."""

from __future__ import annotations

import re
from functools import lru_cache

from devstack.gateway.rest.errors import RestError, parse_error
from devstack.gateway.rest.syntax import (
    Column,
    Condition,
    Embed,
    Field,
    Logic,
    OrderTerm,
    PathStep,
    Values,
)

OPERATORS = frozenset({
    "eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch", "in", "is", "isdistinct",
    "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj", "fts", "plfts", "phfts", "wfts",
})  # fmt: skip
QUANTIFIABLE = frozenset(["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch"])
FULL_TEXT = frozenset({"fts", "plfts", "phfts", "wfts"})
IS_VALUES = frozenset({"null", "true", "false", "unknown"})
AGGREGATES = frozenset({"count", "sum", "avg", "max", "min"})
NAME_STOP = set(',()!:"')
MAX_NESTING = 64  # deeper select or logic trees are refused before they can exhaust the parser
CAST = re.compile(r"^[A-Za-z_][A-Za-z0-9_ ]*(\[\])?$")
# Requests repeat a few select lists, columns and orders with new values: the value-free parsers
# below remember their results (immutable trees; refusals are raised again, not remembered).
PARSED_CACHE_SIZE = 1024


class SelectParser:
    """Recursive descent over a select list (whitespace outside double quotes already removed)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def parse(self) -> tuple[Field | Embed, ...]:
        items = self.items()
        if self.pos != len(self.text):
            raise self.error("unexpected " + repr(self.text[self.pos]))
        return items

    def error(self, details: str) -> RestError:
        return parse_error(f'"failed to parse select parameter ({self.text})"', details)

    def peek(self, token: str) -> bool:
        return self.text.startswith(token, self.pos)

    def take(self, token: str) -> bool:
        if self.peek(token):
            self.pos += len(token)
            return True
        return False

    def items(self) -> tuple[Field | Embed, ...]:
        if self.peek(")") or self.pos == len(self.text):
            return ()
        items = [self.item()]
        while self.take(","):
            items.append(self.item())
        return tuple(items)

    def item(self) -> Field | Embed:
        if self.peek("..."):
            raise self.error("spread embeds (...) are not supported by the devstack gateway")
        alias, name = None, self.name()
        if self.peek(":") and not self.peek("::"):
            self.pos += 1
            alias, name = name, self.name()
        if self.peek("!") or self.peek("("):
            return self.embed(name, alias)
        path = self.path()
        cast = self.cast()
        return Field(Column(name, path), alias, cast)

    def name(self) -> str:
        if self.take('"'):
            end = self.text.find('"', self.pos)
            if end < 0:
                raise self.error("unterminated quoted name")
            name, self.pos = self.text[self.pos : end], end + 1
            return name
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in NAME_STOP and not self.peek("->"):
            self.pos += 1
        if self.pos == start:
            raise self.error("expected a name at position " + str(start))
        return self.text[start : self.pos]

    def path(self) -> tuple[PathStep, ...]:
        steps = []
        while self.peek("->"):
            arrow = "->>" if self.peek("->>") else "->"
            self.pos += len(arrow)
            steps.append(PathStep(arrow, self.name()))
        return tuple(steps)

    def cast(self) -> str | None:
        if not self.take("::"):
            return None
        cast = self.name()
        if not CAST.match(cast):
            raise self.error("invalid cast " + cast)
        return cast

    def embed(self, relation: str, alias: str | None) -> Embed:
        hint, inner = None, False
        while self.take("!"):
            word = self.name()
            if word in ("inner", "left"):
                inner = word == "inner"
            else:
                hint = word
        if not self.take("("):
            raise self.error("expected ( after " + relation)
        if relation in AGGREGATES and self.peek(")"):
            raise RestError(400, "PGRST123", "Use of aggregate functions is not allowed")
        items = self.items()
        if not self.take(")"):
            raise self.error("expected ) to close " + relation)
        return Embed(relation, items, alias, hint, inner)


def strip_whitespace(text: str) -> str:
    """Drop whitespace outside double quotes, as the clients do before sending `select`."""
    out, quoted = [], False
    for char in text:
        quoted ^= char == '"'
        if quoted or not char.isspace():
            out.append(char)
    return "".join(out)


def check_nesting(text: str, what: str) -> None:
    """PGRST100 for parentheses nested deeper than MAX_NESTING."""
    depth = deepest = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise parse_error(f'"failed to parse {what}"', f"nested deeper than {MAX_NESTING} levels")


@lru_cache(maxsize=PARSED_CACHE_SIZE)
def parse_select(text: str) -> tuple[Field | Embed, ...]:
    check_nesting(text, "select parameter")
    return SelectParser(strip_whitespace(text)).parse() if text else (Field(Column("*")),)


@lru_cache(maxsize=PARSED_CACHE_SIZE)
def parse_column(text: str) -> Column:
    """A filter or order target: a column name with an optional JSON path."""
    parser = SelectParser(text)
    name = parser.name()
    path = parser.path()
    if parser.pos != len(text):
        raise parse_error(f'"failed to parse column ({text})"', "unexpected trailing text")
    return Column(name, path)


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split on `separator` outside parentheses, braces and double quotes."""
    parts, depth, quoted, start, escaped = [], 0, False, 0, False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif not quoted and char in "({":
            depth += 1
        elif not quoted and char in ")}":
            depth -= 1
        elif not quoted and depth == 0 and char == separator:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def unquote(text: str) -> str:
    """A double-quoted item loses its quotes and backslash escapes; others stay as they are."""
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


def in_list(text: str, spec: str) -> str:
    """`(a,b,"c,d")` as a PostgreSQL array literal, every element quoted and escaped."""
    if not (text.startswith("(") and text.endswith(")")):
        raise parse_error(f'"failed to parse filter ({spec})"', "in. needs a parenthesised list")
    inner = text[1:-1]
    items = [unquote(item) for item in split_top_level(inner)] if inner else []
    quoted = ('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items)
    return "{" + ",".join(quoted) + "}"


def parse_condition(column: Column, spec: str, values: Values, in_logic: bool = False) -> Condition:
    """`[not.]op[(modifier)].value` for one column."""
    negated = spec.startswith("not.")
    rest = spec[4:] if negated else spec
    op_text, dot, value = rest.partition(".")
    match = re.fullmatch(r"([a-z]+)(?:\(([^)]*)\))?", op_text)
    if not dot or not match or match.group(1) not in OPERATORS:
        raise parse_error(f'"failed to parse filter ({spec})"', f"unknown or malformed operator {op_text!r}")
    operator, modifier = match.group(1), match.group(2)
    value = unquote(value) if in_logic and operator != "in" else value
    return _condition(column, operator, modifier, value, values, negated=negated, spec=spec)


def _condition(
    column: Column,
    operator: str,
    modifier: str | None,
    value: str,
    values: Values,
    *,
    negated: bool,
    spec: str,
) -> Condition:
    def fail(details: str) -> RestError:
        return parse_error(f'"failed to parse filter ({spec})"', details)

    if operator in FULL_TEXT:
        config = values.add(modifier) if modifier else None
        return Condition(column, operator, values.add(value), negated, None, config)
    if modifier is not None and (modifier not in ("any", "all") or operator not in QUANTIFIABLE):
        raise fail(f"modifier ({modifier}) is not allowed on {operator}")
    if operator == "is":
        if value.lower() not in IS_VALUES:
            raise fail("is. accepts null, true, false or unknown")
        return Condition(column, operator, value.lower(), negated)
    if operator == "in":
        return Condition(column, operator, values.add(in_list(value, spec)), negated)
    if operator in ("like", "ilike"):
        value = value.replace("*", "%")
    return Condition(column, operator, values.add(value), negated, modifier)


def parse_logic(conjunction: str, spec: str, values: Values, negated: bool = False) -> Logic:
    """The parenthesised term list of `or=(...)` / `and=(...)`, nested terms included."""
    if not (spec.startswith("(") and spec.endswith(")")) or len(spec) < 3:
        raise parse_error(f'"failed to parse logic tree ({spec})"', "expected (term,term,...)")
    check_nesting(spec, "logic tree")
    terms = tuple(_logic_term(term, values) for term in split_top_level(spec[1:-1]))
    return Logic(conjunction, terms, negated)


def _logic_term(term: str, values: Values) -> Condition | Logic:
    negated = term.startswith("not.")
    body = term[4:] if negated else term
    for conjunction in ("and", "or"):
        if body.startswith(conjunction + "("):
            return parse_logic(conjunction, body[len(conjunction) :], values, negated)
    column_text, dot, spec = _split_column(term)
    if not dot:
        raise parse_error(f'"failed to parse logic tree ({term})"', "expected column.operator.value")
    return parse_condition(parse_column(column_text), spec, values, in_logic=True)


def _split_column(term: str) -> tuple[str, str, str]:
    """`col->a->>b.op.value` into the column part and the rest: the first dot ends the column."""
    return term.partition(".")


@lru_cache(maxsize=PARSED_CACHE_SIZE)
def parse_order(text: str) -> tuple[OrderTerm, ...]:
    return tuple(_order_term(term, text) for term in split_top_level(strip_whitespace(text)) if term)


def _order_term(term: str, whole: str) -> OrderTerm:
    relation = None
    found = re.fullmatch(r"([^().]+)\(([^()]+)\)(.*)", term)
    if found:
        relation, term = found.group(1), found.group(2) + found.group(3)
    column_text, _, modifiers = _split_column(term)
    descending, nulls = False, None
    for word in filter(None, modifiers.split(".")):
        if word in ("asc", "desc"):
            descending = word == "desc"
        elif word in ("nullsfirst", "nullslast"):
            nulls = word[5:]
        else:
            raise parse_error(f'"failed to parse order ({whole})"', f"unexpected {word!r}")
    return OrderTerm(parse_column(column_text), descending, nulls, relation)
