"""Find the relationship an embed names: many-to-one, one-to-many or many-to-many through a join table."""

from __future__ import annotations

from dataclasses import dataclass

from devstack.gateway.rest.errors import RestError
from devstack.gateway.rest.schema_cache import ForeignKey, Snapshot, Table


@dataclass(frozen=True)
class Relationship:
    """How `target` rows relate to one `source` row.

    `pairs` are (target column, source column) for direct keys; for many-to-many they are
    (junction column, target column) and `junction_pairs` (junction column, source column).
    """

    kind: str  # many-to-one | one-to-many | many-to-many
    source: Table
    target: Table
    constraint: ForeignKey
    pairs: tuple[tuple[str, str], ...]
    junction: Table | None = None
    junction_constraint: ForeignKey | None = None
    junction_pairs: tuple[tuple[str, str], ...] = ()

    @property
    def to_one(self) -> bool:
        return self.kind == "many-to-one"

    def describe(self) -> dict[str, str]:
        name = self.constraint.name
        if self.junction is not None and self.junction_constraint is not None:
            name = f"{self.junction.name} using {self.junction_constraint.name} and {self.constraint.name}"
        return {
            "cardinality": self.kind,
            "embedding": f"{self.source.name} with {self.target.name}",
            "relationship": name,
        }


def _direct(snapshot: Snapshot, source: Table, target: Table) -> list[Relationship]:
    found = []
    for fk in snapshot.foreign_keys:
        if fk.table == source.key and fk.target == target.key:
            pairs = tuple(zip(fk.target_columns, fk.columns, strict=True))
            found.append(Relationship("many-to-one", source, target, fk, pairs))
        if fk.table == target.key and fk.target == source.key:
            pairs = tuple(zip(fk.columns, fk.target_columns, strict=True))
            found.append(Relationship("one-to-many", source, target, fk, pairs))
    return found


def _through(snapshot: Snapshot, source: Table, target: Table) -> list[Relationship]:
    found = []
    for to_source in snapshot.foreign_keys:
        if to_source.target != source.key or to_source.table in (source.key, target.key):
            continue
        junction = snapshot.tables.get(to_source.table)
        for to_target in snapshot.foreign_keys:
            if junction is None or to_target.table != junction.key or to_target.target != target.key:
                continue
            if to_target is to_source:
                continue
            found.append(
                Relationship(
                    "many-to-many",
                    source,
                    target,
                    to_target,
                    tuple(zip(to_target.columns, to_target.target_columns, strict=True)),
                    junction,
                    to_source,
                    tuple(zip(to_source.columns, to_source.target_columns, strict=True)),
                )
            )
    return found


def _by_column_or_constraint(snapshot: Snapshot, source: Table, name: str) -> list[Relationship]:
    """`fk_column(...)` or `constraint_name(...)` used in place of the table name."""
    found = []
    for fk in snapshot.foreign_keys:
        target = snapshot.tables.get(fk.target)
        if fk.table == source.key and target and (fk.name == name or fk.columns == (name,)):
            pairs = tuple(zip(fk.target_columns, fk.columns, strict=True))
            found.append(Relationship("many-to-one", source, target, fk, pairs))
    return found


def _matches_hint(relationship: Relationship, hint: str) -> bool:
    names = {relationship.constraint.name}
    if relationship.junction is None:
        names.update(relationship.constraint.columns)
    elif relationship.junction_constraint is not None:
        names.update({relationship.junction.name, relationship.junction_constraint.name})
    return hint in names


def resolve(snapshot: Snapshot, source: Table, name: str, hint: str | None) -> Relationship:
    """The one relationship `source -> name[!hint]` means; raises PGRST200 (none) or PGRST201 (several)."""
    target = snapshot.tables.get((source.schema, name))
    candidates = (
        _direct(snapshot, source, target) + _through(snapshot, source, target)
        if target is not None
        else _by_column_or_constraint(snapshot, source, name)
    )
    if hint is not None:
        candidates = [rel for rel in candidates if _matches_hint(rel, hint)]
    if len(candidates) == 1:
        return candidates[0]
    raise _ambiguous(source, name, candidates) if candidates else _missing(source, name, hint)


def _missing(source: Table, name: str, hint: str | None) -> RestError:
    using = f" using the hint '{hint}'" if hint else ""
    return RestError(
        400,
        "PGRST200",
        f"Could not find a relationship between '{source.name}' and '{name}' in the schema cache",
        f"Searched for a foreign key relationship between '{source.name}' and '{name}'{using}"
        f" in the schema '{source.schema}', but no matches were found.",
    )


def _ambiguous(source: Table, name: str, candidates: list[Relationship]) -> RestError:
    options = ", ".join(f"'{name}!{rel.constraint.name}'" for rel in candidates)
    return RestError(
        300,
        "PGRST201",
        f"Could not embed because more than one relationship was found for '{source.name}' and '{name}'",
        [rel.describe() for rel in candidates],
        f"Try changing '{name}' to one of the following: {options}. "
        "Find the desired relationship in the 'details' key.",
    )
