"""ModelEnum: the model's enum values, read by attribute on every call, so kept cheap."""

from __future__ import annotations

import pytest

from pytest_kvsivs.model import KINESISVIDEO, service_model
from pytest_kvsivs.services import common
from pytest_kvsivs.services.common import ModelEnum


def test_values_are_the_models_enum_in_order():
    status = ModelEnum(KINESISVIDEO, "Status")
    assert status.values == tuple(service_model(KINESISVIDEO).shape_for("Status").enum)
    assert status.CREATING == "CREATING"


def test_values_are_plain_instance_attributes():
    # Read on every call: a plain attribute costs a dict lookup, __getattr__ an exception.
    status = ModelEnum(KINESISVIDEO, "Status")
    assert {name: vars(status)[name] for name in status.values} == {
        name: name for name in status.values
    }


def test_a_value_the_model_lacks_names_the_ones_it_has():
    status = ModelEnum(KINESISVIDEO, "Status")
    with pytest.raises(AttributeError) as info:
        _ = status.PAUSED
    assert str(info.value) == (
        "kinesisvideo.Status has no value 'PAUSED'; it has "
        "['CREATING', 'ACTIVE', 'UPDATING', 'DELETING']"
    )


def test_values_never_shadow_what_the_enum_itself_has(monkeypatch):
    # An enum value spelled like an attribute of the class or the instance stays readable
    # through __getattr__ only: it never replaces the attribute.
    monkeypatch.setattr(common, "enum_values", lambda service, shape: ("values", "_shape", "of"))
    monkeypatch.setattr(ModelEnum, "of", "class attribute", raising=False)
    odd = ModelEnum(KINESISVIDEO, "Odd")
    assert (odd.values, odd._shape, odd.of) == (
        ("values", "_shape", "of"),
        "kinesisvideo.Odd",
        "class attribute",
    )
    assert "of" not in vars(odd)
