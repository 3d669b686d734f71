"""Row-level security through Storage: the `assignments` policies decide, by every route.

Student A must not upload into, list, download, sign, move, copy or remove student B's files;
an admin reads everyone's; anon gets nothing from the private bucket. (The server is what is
under test here, so one client flavour, sync, is enough.)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from storage3.exceptions import StorageApiError

from tests.conformance.storage.conftest import ASSIGNMENTS, student_token, sync_storage
from tests.conformance.targets import Target

pytestmark = pytest.mark.filterwarnings(
    "ignore:The '(timeout|verify)' parameter is deprecated:DeprecationWarning"
)


@dataclass(frozen=True)
class Classroom:
    a: str  # student A's user id, also the name of A's folder
    b: str
    files_a: Any  # supabase-py bucket proxies for `assignments`, as each caller
    files_b: Any
    files_admin: Any
    files_anon: Any
    files_service: Any


@pytest.fixture(scope="module")
def people(target: Target) -> Classroom:
    a, b = str(uuid.uuid4()), str(uuid.uuid4())

    def files(token: str | None = None, key: str = target.anon_key) -> Any:
        return sync_storage(target, key, token).from_(ASSIGNMENTS)

    return Classroom(
        a=a,
        b=b,
        files_a=files(student_token(target, a)),
        files_b=files(student_token(target, b)),
        files_admin=files(student_token(target, str(uuid.uuid4()), admin=True)),
        files_anon=files(),
        files_service=files(key=target.service_role_key),
    )


@pytest.fixture
def classroom(people: Classroom) -> Iterator[Classroom]:
    """Each student has one essay in their own folder (uploaded by themselves); all removed afterwards."""
    people.files_a.upload(f"{people.a}/essay.txt", b"A's essay")
    people.files_b.upload(f"{people.b}/essay.txt", b"B's essay")
    yield people
    for folder in (people.a, people.b):
        names = [entry["name"] for entry in people.files_service.list(folder)]
        people.files_service.remove([f"{folder}/{name}" for name in names])


def _refused(call: Callable[[], Any]) -> tuple[str, str]:
    """(statusCode, error) of the StorageApiError a client call raises."""
    with pytest.raises(StorageApiError) as caught:
        call()
    return str(caught.value.status), caught.value.code


def _b_is_untouched(room: Classroom) -> None:
    assert room.files_b.download(f"{room.b}/essay.txt") == b"B's essay"
    assert [entry["name"] for entry in room.files_service.list(room.b)] == ["essay.txt"]


def test_students_write_and_read_their_own_folder(classroom: Classroom) -> None:
    own = f"{classroom.a}/essay.txt"
    assert classroom.files_a.download(own) == b"A's essay"
    assert (classroom.files_a.info(own))["size"] == len(b"A's essay")
    classroom.files_a.update(own, b"A's essay, revised")
    assert [entry["name"] for entry in classroom.files_a.list(classroom.a)] == ["essay.txt"]
    signed = classroom.files_a.create_signed_url(own, 60)
    assert httpx.get(signed["signedURL"]).content == b"A's essay, revised"


def test_a_student_cannot_upload_into_another_students_folder(classroom: Classroom) -> None:
    files, theirs = classroom.files_a, f"{classroom.b}/essay.txt"
    assert _refused(lambda: files.upload(f"{classroom.b}/planted.txt", b"x")) == ("403", "Unauthorized")
    assert _refused(lambda: files.upload(theirs, b"x", {"upsert": "true"})) == ("403", "Unauthorized")
    assert _refused(lambda: files.update(theirs, b"x")) == ("403", "Unauthorized")
    signing = files.create_signed_upload_url
    assert _refused(lambda: signing(f"{classroom.b}/planted.txt")) == ("403", "Unauthorized")
    _b_is_untouched(classroom)


def test_a_student_cannot_list_read_or_sign_another_students_files(classroom: Classroom) -> None:
    files, theirs = classroom.files_a, f"{classroom.b}/essay.txt"
    assert files.list(classroom.b) == []
    assert _refused(lambda: files.download(theirs)) == ("404", "not_found")
    assert _refused(lambda: files.info(theirs)) == ("404", "not_found")
    assert files.exists(theirs) is False
    assert _refused(lambda: files.create_signed_url(theirs, 60)) == ("404", "not_found")
    bulk = files.create_signed_urls([theirs], 60)
    assert bulk[0]["signedURL"] is None


def test_no_raw_route_reads_another_students_file(classroom: Classroom, target: Target) -> None:
    token = student_token(target, classroom.a)
    headers = {"apikey": target.anon_key, "Authorization": f"Bearer {token}"}
    theirs = f"{ASSIGNMENTS}/{classroom.b}/essay.txt"
    with httpx.Client(base_url=f"{target.url}/storage/v1", headers=headers) as http:
        for path in (f"/object/{theirs}", f"/object/authenticated/{theirs}", f"/object/info/{theirs}"):
            response = http.get(path)
            assert (response.status_code, response.json()["statusCode"]) == (400, "404"), path
        assert http.head(f"/object/{theirs}").status_code == 400
        assert http.get(f"/object/public/{theirs}").json()["error"] == "Bucket not found"


def test_a_student_cannot_move_copy_or_remove_another_students_files(classroom: Classroom) -> None:
    files, mine, theirs = classroom.files_a, f"{classroom.a}/essay.txt", f"{classroom.b}/essay.txt"
    assert _refused(lambda: files.move(theirs, f"{classroom.a}/taken.txt")) == ("404", "not_found")
    assert _refused(lambda: files.move(mine, f"{classroom.b}/planted.txt")) == ("403", "Unauthorized")
    assert _refused(lambda: files.copy(theirs, f"{classroom.a}/taken.txt")) == ("404", "not_found")
    assert _refused(lambda: files.copy(mine, f"{classroom.b}/planted.txt")) == ("403", "Unauthorized")
    assert files.remove([theirs]) == []
    _b_is_untouched(classroom)
    assert files.download(mine) == b"A's essay"


def test_an_admin_reads_every_students_files(classroom: Classroom) -> None:
    files = classroom.files_admin
    for student, text in ((classroom.a, b"A's essay"), (classroom.b, b"B's essay")):
        assert files.download(f"{student}/essay.txt") == text
        assert [entry["name"] for entry in files.list(student)] == ["essay.txt"]
    assert _refused(lambda: files.upload(f"{classroom.b}/note.txt", b"x")) == ("403", "Unauthorized")


def test_anon_gets_nothing_from_the_private_bucket(classroom: Classroom, target: Target) -> None:
    files, theirs = classroom.files_anon, f"{classroom.b}/essay.txt"
    assert files.list(classroom.b) == []
    assert _refused(lambda: files.download(theirs)) == ("404", "not_found")
    assert _refused(lambda: files.create_signed_url(theirs, 60)) == ("404", "not_found")
    assert _refused(lambda: files.upload(f"{classroom.b}/anon.txt", b"x")) == ("403", "Unauthorized")
    assert httpx.get(files.get_public_url(theirs)).json()["error"] == "Bucket not found"
    keyless = httpx.get(f"{target.url}/storage/v1/object/{ASSIGNMENTS}/{theirs}")
    assert (keyless.status_code, keyless.json()["statusCode"]) == (400, "404")
    _b_is_untouched(classroom)
