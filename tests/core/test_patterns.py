"""Java pattern translation: exact Unicode categories, whole-value matching."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from pytest_kvsivs.model import SERVICES, service_model
from pytest_kvsivs.validation.patterns import anchored, category_ranges, matcher, to_python


@pytest.mark.parametrize("category", ["L", "N", "Z", "Lu", "Nd"])
def test_category_classes_match_exactly_the_unicode_category(category):
    rx = re.compile(f"[{category_ranges(category)}]")
    wrong = [
        cp
        for cp in range(sys.maxunicode + 1)
        if bool(rx.fullmatch(chr(cp))) != unicodedata.category(chr(cp)).startswith(category)
    ]
    assert wrong == []


def test_categories_inside_and_outside_classes():
    assert matcher(r"\p{L}+")("Ωmega")
    assert not matcher(r"\p{L}+")("Ω1")
    assert matcher(r"[\p{N}x]+")("x½٣9")
    assert matcher(r"\P{L}")("1")
    assert not matcher(r"\P{L}")("a")
    assert matcher(r"[\p{L}\-]+")("a-b")


def test_unknown_category_is_an_error():
    with pytest.raises(ValueError, match="unknown Unicode general category 'Qq'"):
        to_python(r"\p{Qq}")


def test_anchored_form_matches_whole_values_only():
    rx = re.compile(anchored("[a-z]+"))
    assert rx.search("abc")
    assert not rx.search("abc\n")
    assert not rx.search("1abc")


def test_every_model_pattern_translates_and_compiles():
    patterns = {
        shape.metadata["pattern"]
        for service in SERVICES
        for shape in (
            service_model(service).shape_for(n) for n in service_model(service).shape_names
        )
        if "pattern" in shape.metadata
    }
    assert len(patterns) > 20
    for pattern in patterns:
        re.compile(anchored(pattern))


def test_a_category_after_a_closed_class_is_outside_it():
    assert matcher(r"[a]\p{L}")("aΩ")
    assert not matcher(r"[a]\p{L}")("a1")
    assert matcher(r"[ab][\p{N}]\p{L}")("b٣Ω")


def test_escaped_brackets_open_and_close_no_class():
    assert matcher(r"\[\p{L}\]")("[Ω]")
    assert not matcher(r"\[\p{L}\]")("Ω")
    assert matcher(r"\\\p{L}")("\\Ω")
    assert matcher(r"[\]\p{L}]+")("]Ω]")
    assert matcher(r"\][\p{L}]")("]Ω")  # the bracket right after an escape opens a class
