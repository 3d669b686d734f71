"""NUL characters, raw or as JSON escapes, become U+FFFD; everything else is left as it was."""

from __future__ import annotations

import json

from automation.webhooks.storable import storable_body, storable_form


def test_a_json_escape_and_a_raw_nul_become_the_replacement_character():
    body = json.dumps({"text": "a\x00b"}).encode() + b"\x00"
    assert storable_body(body) == b'{"text": "a\\ufffdb"}\xef\xbf\xbd'
    assert json.loads(storable_body(json.dumps({"text": "a\x00b"}).encode())) == {"text": "a\ufffdb"}


def test_an_escaped_backslash_before_u0000_is_text_and_stays():
    body = json.dumps({"text": "\\u0000 and \\\x00"}).encode()
    assert json.loads(storable_body(body)) == {"text": "\\u0000 and \\\ufffd"}


def test_form_fields_lose_their_nul_characters():
    form = {"te\x00xt": "hi\x00", "from": "a@b.in"}
    assert storable_form(form) == {"te\ufffdxt": "hi\ufffd", "from": "a@b.in"}
