"""Row-level security through the REST API: reader A never reads, changes or embeds reader B's rows."""

from __future__ import annotations

import pytest
from postgrest.exceptions import APIError

from tests.conformance.rest_clients import READER_A, READER_B, Api


def test_a_reader_sees_only_their_own_rows(api: Api) -> None:
    reader = api.reader(READER_A)
    assert api.run(reader.table("readers").select("name")).data == [{"name": "Student A"}]
    notes = api.run(reader.table("loans").select("note").eq("reader_id", READER_B)).data
    assert notes == []


def test_embedding_never_reveals_another_readers_loans(api: Api) -> None:
    query = api.reader(READER_A).table("books").select("id, loans(reader_id, note)").eq("id", 1)
    [book] = api.run(query).data
    assert {loan["reader_id"] for loan in book["loans"]} == {READER_A}
    through = api.reader(READER_A).table("readers").select("name, books(title)")
    assert [row["name"] for row in api.run(through).data] == ["Student A"]


def test_updates_and_deletes_of_another_readers_rows_touch_nothing(api: Api) -> None:
    reader = api.reader(READER_A)
    assert api.run(reader.table("loans").update({"note": "mine now"}).eq("reader_id", READER_B)).data == []
    assert api.run(reader.table("loans").delete().eq("reader_id", READER_B)).data == []
    kept = api.run(api.service.table("loans").select("note").eq("reader_id", READER_B)).data
    assert kept == [{"note": "B's private note"}]


def test_writing_a_row_for_someone_else_is_403_and_anonymously_401(api: Api) -> None:
    loan = {"reader_id": READER_B, "book_id": 2}
    with pytest.raises(APIError) as as_user:
        api.run(api.reader(READER_A).table("loans").insert(loan, returning="minimal"))
    assert as_user.value.code == "42501"
    with pytest.raises(APIError) as as_anon:
        api.run(api.anon.table("loans").insert(loan, returning="minimal"))
    assert as_anon.value.code == "42501"


def test_rpc_runs_with_the_callers_rights(api: Api) -> None:
    reader = api.reader(READER_B)
    assert {row["reader_id"] for row in api.run(reader.rpc("my_loans")).data} == {READER_B}
    borrowed = api.run(reader.rpc("borrow", {"book": 4})).data
    assert borrowed["reader_id"] == READER_B
    api.run(api.service.table("loans").delete().eq("id", borrowed["id"]))


def test_anon_sees_nothing_private(api: Api) -> None:
    assert api.run(api.anon.table("loans").select("*")).data == []
    assert api.run(api.anon.table("books").select("loans(note)").eq("id", 1)).data == [{"loans": []}]
