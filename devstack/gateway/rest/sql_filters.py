"""SQL for column references and filters; every value is a placeholder, every name an Identifier."""

from __future__ import annotations

from typing import Any, cast

from psycopg import sql

from devstack.gateway.rest.syntax import Column, Condition, Logic, Param

COMPARISONS = {
    "eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "like": "like",
    "ilike": "ilike", "match": "~", "imatch": "~*", "isdistinct": "is distinct from", "cs": "@>",
    "cd": "<@", "ov": "&&", "sl": "<<", "sr": ">>", "nxr": "&<", "nxl": "&>", "adj": "-|-",
}  # fmt: skip
TS_QUERIES = {
    "fts": "to_tsquery",
    "plfts": "plainto_tsquery",
    "phfts": "phraseto_tsquery",
    "wfts": "websearch_to_tsquery",
}
IS_KEYWORDS = {"null": "null", "true": "true", "false": "false", "unknown": "unknown"}


class Statics:
    """Values a plan carries itself (JSON keys, limits): bound as parameters `s0`, `s1`, ..."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def add(self, value: Any) -> sql.Placeholder:
        name = f"s{len(self.values)}"
        self.values[name] = value
        return sql.Placeholder(name)


def placeholder(param: Param) -> sql.Placeholder:
    return sql.Placeholder(param.name)


def column_ref(alias: str, column: Column, statics: Statics) -> sql.Composable:
    """`"alias"."col"` followed by its JSON path, keys bound as parameters."""
    ref: sql.Composable = sql.Identifier(alias, column.name)
    for step in column.path:
        key = statics.add(int(step.key) if step.is_index else step.key)
        typed = sql.SQL("{}::int" if step.is_index else "{}::text").format(key)
        ref = sql.SQL("({} " + step.arrow + " {})").format(ref, typed)
    return ref


def condition_sql(ref: sql.Composable, condition: Condition) -> sql.Composable:
    """One filter as SQL; `not.` wraps it in NOT."""
    clause = _positive(ref, condition)
    return sql.SQL("not ({})").format(clause) if condition.negated else clause


def _positive(ref: sql.Composable, condition: Condition) -> sql.Composable:
    op = condition.operator
    if op == "is":
        return sql.SQL("{} is " + IS_KEYWORDS[str(condition.value)]).format(ref)
    value = placeholder(cast(Param, condition.value))  # only `is` carries a keyword
    if op == "in":
        return sql.SQL("{} = any({})").format(ref, value)
    if op in TS_QUERIES:
        function = sql.SQL(TS_QUERIES[op])
        if condition.config is not None:
            return sql.SQL("{} @@ {}({}, {})").format(ref, function, placeholder(condition.config), value)
        return sql.SQL("{} @@ {}({})").format(ref, function, value)
    if condition.quantifier:
        return sql.SQL("{} " + COMPARISONS[op] + " " + condition.quantifier + "({})").format(ref, value)
    return sql.SQL("{} " + COMPARISONS[op] + " {}").format(ref, value)


def logic_sql(logic: Logic, condition_for: Any) -> sql.Composable:
    """An and/or tree; `condition_for(condition)` renders each leaf at the right table alias."""
    parts = [
        logic_sql(term, condition_for) if isinstance(term, Logic) else condition_for(term)
        for term in logic.terms
    ]
    clause = sql.SQL("(({}))").format(sql.SQL(") " + logic.conjunction + " (").join(parts))
    return sql.SQL("not {}").format(clause) if logic.negated else clause
