"""Pagination tokens: what the fake mints reads back, and nothing else does."""

from __future__ import annotations

import base64
import json

import pytest

from pytest_kvsivs.services.pagination import InvalidTokenError, _digest, mint, read


def _token(value: object) -> str:
    return base64.b64encode(json.dumps(value).encode()).decode()


def test_a_minted_token_reads_back_only_for_its_operation_and_scope():
    token = mint("ListStreams", "cam", "cam-7")
    assert read(token, "ListStreams", "cam") == "cam-7"
    for operation, scope in (("ListStreams", "ca"), ("ListSignalingChannels", "cam")):
        with pytest.raises(InvalidTokenError):
            read(token, operation, scope)


@pytest.mark.parametrize(
    "token",
    [
        "not base64!",
        _token({"after": "cam"}),  # not a list
        _token([_digest("ListStreams", ""), "cam", "extra"]),  # not two items
        _token([_digest("ListStreams", "")]),
        _token([_digest("ListStreams", ""), 7]),  # the key is not a string
        base64.b64encode(b"\xff\xfe").decode(),  # not UTF-8
        base64.b64encode(b"[1,").decode(),  # not JSON
    ],
)
def test_anything_else_is_refused(token):
    with pytest.raises(InvalidTokenError):
        read(token, "ListStreams", "")


def test_characters_outside_the_base64_alphabet_are_refused_not_skipped():
    token = mint("ListStreams", "", "cam")
    spoiled = token[:4] + "\n" + token[4:]
    assert base64.b64decode(spoiled) == base64.b64decode(token)  # a lenient decoder skips it
    with pytest.raises(InvalidTokenError):
        read(spoiled, "ListStreams", "")
