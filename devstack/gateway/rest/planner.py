"""Compile a select tree with its embeds and clauses into one SQL statement (lateral joins per embed)."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.relations import Relationship, resolve
from devstack.gateway.rest.schema_cache import Snapshot, Table
from devstack.gateway.rest.sql_filters import Statics, column_ref, condition_sql, logic_sql, placeholder
from devstack.gateway.rest.syntax import (
    Clauses,
    Condition,
    Embed,
    EmbedPresence,
    Field,
    Filter,
    Logic,
    OrderTerm,
    Query,
)

CAST_ALIASES = {
    "int": "int4", "integer": "int4", "bigint": "int8", "smallint": "int2", "float": "float8",
    "double": "float8", "real": "float4", "boolean": "bool", "decimal": "numeric", "char": "bpchar",
}  # fmt: skip


@dataclass
class _Joined:
    """An embed joined laterally into its parent level."""

    embed: Embed
    relation: Relationship
    alias: str
    join: sql.Composable
    filtering: bool


class ReadCompiler:
    """Builds the SELECT of each level; aliases and bound plan values are numbered per statement."""

    def __init__(
        self, snapshot: Snapshot, query: Query, statics: Statics, root_columns: tuple[str, ...] | None = None
    ) -> None:
        self.snapshot = snapshot
        self.query = query
        self.statics = statics
        self.counter = 0
        # A mutation's rows carry extra columns; there `*` means the table's own columns only.
        self.root_columns = root_columns

    def next_alias(self, base: str) -> str:
        self.counter += 1
        return f"{base}_{self.counter}"

    def level(
        self,
        table: Table,
        alias: str,
        path: tuple[str, ...],
        items: tuple[Field | Embed, ...],
        source: sql.Composable,
        *,
        conditions: tuple[sql.Composable, ...] = (),
        for_count: bool = False,
        filtered: bool = True,
    ) -> tuple[sql.Composable, sql.Composable, list[_Joined]]:
        """(select list, FROM ... WHERE ..., joins) of one level; ORDER/LIMIT are added by the caller.

        `filtered=False` leaves this level's own filters out (a mutation already applied them).
        """
        clauses = self.query.at(path)
        joined = [self._join(table, alias, path, item, clauses) for item in items if isinstance(item, Embed)]
        by_label = {j.embed.label: j for j in joined}
        where = [*conditions] + [self._filter(alias, f, by_label) for f in clauses.filters if filtered]
        used = [j for j in joined if j.filtering or not for_count]
        body = sql.SQL("from {} {}").format(source, sql.SQL(" ").join(j.join for j in used))
        if where:
            body = sql.SQL("{} where {}").format(body, sql.SQL(" and ").join(where))
        star = self.root_columns if not path else None
        select = sql.SQL("1") if for_count else self._select_list(alias, items, by_label, star)
        return select, body, joined

    def root_conditions(self, alias: str) -> list[sql.Composable]:
        """The root filters alone, for UPDATE and DELETE (which embed nothing)."""
        filters = self.query.at(()).filters
        if any(isinstance(f, EmbedPresence) for f in filters):
            raise RestError(400, "PGRST120", "Embedded resource filters are not allowed on this request")
        return [self._filter(alias, f, {}) for f in filters]

    def order_limit(self, alias: str, clauses: Clauses, joined: list[_Joined]) -> sql.Composable:
        terms = []
        by_label = {j.embed.label: j for j in joined}
        for index, term in enumerate(clauses.order):
            if term.relation is not None:
                ref: sql.Composable = sql.Identifier(
                    self._order_target(term.relation, by_label).alias, f"o{index}"
                )
            else:
                ref = column_ref(alias, term.column, self.statics)
            direction = " desc" if term.descending else " asc"
            nulls = f" nulls {term.nulls}" if term.nulls else ""
            terms.append(sql.SQL("{}" + direction + nulls).format(ref))
        parts = [sql.SQL("order by {}").format(sql.SQL(", ").join(terms))] if terms else []
        if clauses.limit is not None:
            parts.append(sql.SQL("limit {}").format(placeholder(clauses.limit)))
        if clauses.offset is not None:
            parts.append(sql.SQL("offset {}").format(placeholder(clauses.offset)))
        return sql.SQL(" ").join(parts)

    def _order_target(self, label: str, by_label: dict[str, _Joined]) -> _Joined:
        target = by_label.get(label)
        if target is None or not target.relation.to_one:
            raise RestError(
                400,
                "PGRST118",
                f"A related order on '{label}' is not possible",
                f"'{label}' must be a to-one embedded resource of this request",
            )
        return target

    def _select_list(
        self,
        alias: str,
        items: tuple[Field | Embed, ...],
        by_label: dict[str, _Joined],
        star: tuple[str, ...] | None,
    ) -> sql.Composable:
        parts: list[sql.Composable] = []
        for item in items:
            if isinstance(item, Embed):
                if item.items:
                    body = sql.Identifier(by_label[item.label].alias, "body")
                    parts.append(sql.SQL("{} as {}").format(body, sql.Identifier(item.label)))
            elif item.column.name == "*" and not item.column.path:
                columns = [sql.Identifier(alias, name) for name in star] if star else [sql.Identifier(alias)]
                parts.append(sql.SQL(", ").join(columns) if star else sql.SQL("{}.*").format(columns[0]))
            else:
                parts.append(self._field(alias, item))
        return sql.SQL(", ").join(parts) if parts else sql.SQL("")

    def _field(self, alias: str, item: Field) -> sql.Composable:
        ref = column_ref(alias, item.column, self.statics)
        if item.cast:
            cast = item.cast.lower().removesuffix("[]")
            suffix = "[]" if item.cast.endswith("[]") else ""
            ref = sql.SQL("{}::{}" + suffix).format(ref, sql.Identifier(CAST_ALIASES.get(cast, cast)))
        return sql.SQL("{} as {}").format(ref, sql.Identifier(item.label))

    def _filter(self, alias: str, item: Filter, by_label: dict[str, _Joined]) -> sql.Composable:
        if isinstance(item, EmbedPresence):
            return self._presence(item, by_label)
        if isinstance(item, Logic):
            return logic_sql(item, lambda c: condition_sql(column_ref(alias, c.column, self.statics), c))
        assert isinstance(item, Condition)  # noqa: S101 (the Filter union has three members)
        return condition_sql(column_ref(alias, item.column, self.statics), item)

    def _presence(self, item: EmbedPresence, by_label: dict[str, _Joined]) -> sql.Composable:
        target = by_label[item.label]
        target.filtering = True
        body = sql.Identifier(target.alias, "body")
        if target.relation.to_one:
            return sql.SQL("{} is not null" if item.present else "{} is null").format(body)
        return sql.SQL("json_array_length({}) > 0" if item.present else "json_array_length({}) = 0").format(
            body
        )

    def _join(
        self, parent: Table, parent_alias: str, path: tuple[str, ...], embed: Embed, clauses: Clauses
    ) -> _Joined:
        """The lateral join of one embed: a to-one object (or null), or a to-many array."""
        relation = resolve(self.snapshot, parent, embed.relation, embed.hint)
        target = relation.target
        alias, lateral = self.next_alias(target.name), self.next_alias("pgrst")
        conditions = (self._join_condition(relation, alias, parent_alias),)
        source = sql.SQL("{} as {}").format(sql.Identifier(target.schema, target.name), sql.Identifier(alias))
        child_path = (*path, embed.label)
        select, body, joined = self.level(
            target, alias, child_path, embed.items, source, conditions=conditions
        )
        if relation.to_one:
            inner = self._to_one(
                alias,
                select,
                body,
                [(i, t) for i, t in enumerate(clauses.order) if t.relation == embed.label],
            )
            on: sql.Composable = sql.SQL("true")
        else:
            tail = self.order_limit(alias, self.query.at(child_path), joined)
            inner = sql.SQL("select coalesce(json_agg(_x), '[]') as body from (select {} {} {}) _x").format(
                select, body, tail
            )
            non_empty = sql.SQL("json_array_length({}) > 0").format(sql.Identifier(lateral, "body"))
            on = non_empty if embed.inner else sql.SQL("true")
        kind = "inner" if embed.inner else "left"
        join = sql.SQL(kind + " join lateral ({}) as {} on {}").format(inner, sql.Identifier(lateral), on)
        return _Joined(embed, relation, lateral, join, embed.inner)

    def _to_one(
        self, alias: str, select: sql.Composable, body: sql.Composable, orders: list[tuple[int, OrderTerm]]
    ) -> sql.Composable:
        """The embedded row as an object, plus hidden `o<i>` columns the parent may order by."""
        hidden = sql.SQL("").join(
            sql.SQL(", {} as {}").format(
                column_ref(alias, term.column, self.statics), sql.Identifier(f"o{i}")
            )
            for i, term in orders
        )
        return sql.SQL("select (select row_to_json(_x) from (select {}) _x) as body{} {}").format(
            select, hidden, body
        )

    def _join_condition(self, relation: Relationship, alias: str, parent_alias: str) -> sql.Composable:
        if relation.junction is None:
            return sql.SQL(" and ").join(
                sql.SQL("{} = {}").format(sql.Identifier(alias, t), sql.Identifier(parent_alias, s))
                for t, s in relation.pairs
            )
        junction = relation.junction
        j_alias = self.next_alias(junction.name)
        pairs = [(sql.Identifier(j_alias, j), sql.Identifier(alias, t)) for j, t in relation.pairs]
        pairs += [
            (sql.Identifier(j_alias, j), sql.Identifier(parent_alias, s)) for j, s in relation.junction_pairs
        ]
        return sql.SQL("exists (select 1 from {} as {} where {})").format(
            sql.Identifier(junction.schema, junction.name),
            sql.Identifier(j_alias),
            sql.SQL(" and ").join(sql.SQL("{} = {}").format(a, b) for a, b in pairs),
        )
